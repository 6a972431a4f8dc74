package config

import (
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// defaultsLayer is one file's defaults mapping, kept as YAML: the question set that checks it
// is only known once the configured rule files are loaded.
type defaultsLayer struct {
	file string // as the user would type it from the working directory
	node *yaml.Node
}

// Defaults are the configured answers for the fields an answers file leaves out, from the
// project's file and the user's, the project's first: each field takes the first file's value
// that gives one.
type Defaults struct {
	layers []defaultsLayer
}

// layers are the defaults of the sources that give some, in order.
func layers(sources ...Settings) []defaultsLayer {
	var out []defaultsLayer
	for _, s := range sources {
		if s.defaults != nil {
			out = append(out, *s.defaults)
		}
	}
	return out
}

// keySchemaVersion is an answers file's own version key, which says nothing in a
// configuration's defaults.
const keySchemaVersion = "schema_version"

// Answers checks the defaults against the question set, each value exactly as an answers file's
// is (its type, its options, its range), and returns them ready for rules.Answers.Fill: every
// value remembers its file and line. Every problem of every file is returned at once, named
// defaults.<field> at its line.
func (d Defaults) Answers(cat *rules.Catalog) (rules.Answers, error) {
	out := rules.NewAnswers()
	var ps rules.Problems
	for _, l := range d.layers {
		node := l.node
		var own rules.Problems
		if node = withoutKey(node, keySchemaVersion, func(key *yaml.Node) {
			own = append(own, rules.Problem{
				File: l.file, Line: key.Line, Field: keyDefaults + "." + keySchemaVersion,
				Msg: "is an answers file's version, not an answer; leave it out of the defaults",
			})
		}); len(own) > 0 {
			ps = append(ps, own...)
		}
		a, bad := cat.ParseAnswersNode(l.file, node)
		for _, p := range bad {
			if p.Field != "" {
				p.Field = keyDefaults + "." + p.Field
			}
			ps = append(ps, p)
		}
		out.Fill(a)
	}
	return out, ps.Err()
}

// withoutKey is a mapping without the pairs whose key is key, each reported to found.
func withoutKey(m *yaml.Node, key string, found func(*yaml.Node)) *yaml.Node {
	kept := *m
	kept.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			found(m.Content[i])
			continue
		}
		kept.Content = append(kept.Content, m.Content[i], m.Content[i+1])
	}
	return &kept
}

// Given reports whether any configuration file gives defaults.
func (d Defaults) Given() bool { return len(d.layers) > 0 }
