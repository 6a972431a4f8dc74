package config

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// The keys of a configuration file. They are the environment's names too, in upper case after
// SFPATTERN_, so one spelling serves both (defaults aside: --set is their flag, files their
// only other source).
const (
	keyDecisions      = "decisions"
	keyStatus         = "status"
	keyDecisionMakers = "decision_makers"
	keyConsulted      = "consulted"
	keyInformed       = "informed"
	keyDefaults       = "defaults"
	keyRules          = "rules"
	keyAddons         = "addons"
	keyOrgLimits      = "org_limits"
	// keyDecisionsDir is the decisions folder's first name, still read so that configurations
	// written before decisions became the documented key keep working.
	keyDecisionsDir = "decisions_dir"
)

// keys are the settings a configuration file may hold, in the order messages and `sfpattern
// config` list them. decisions_dir, the older name of decisions, is read but not listed.
var keys = []string{keyDecisions, keyStatus, keyDecisionMakers, keyConsulted, keyInformed, keyDefaults, keyRules, keyAddons, keyOrgLimits}

// issue is one problem with a value, at its own line (an item of a list has its own).
type issue struct {
	line int
	msg  string
}

// setter decodes one key's value into the settings, recording the lines of list items in from;
// what a value may be is its to say.
type setter func(s *Settings, n *yaml.Node, from func(key string, line int)) []issue

// setters decode each key's value; a key's name in problems is the key as written.
var setters = map[string]setter{
	keyDecisions:    decisionsSetter,
	keyDecisionsDir: decisionsSetter,
	keyStatus: func(s *Settings, n *yaml.Node, _ func(string, int)) []issue {
		status, bad := statusValue(n)
		s.Status = &status
		return bad
	},
	keyDecisionMakers: func(s *Settings, n *yaml.Node, _ func(string, int)) []issue { return namesInto(&s.DecisionMakers, n) },
	keyConsulted:      func(s *Settings, n *yaml.Node, _ func(string, int)) []issue { return namesInto(&s.Consulted, n) },
	keyInformed:       func(s *Settings, n *yaml.Node, _ func(string, int)) []issue { return namesInto(&s.Informed, n) },
	keyRules: func(s *Settings, n *yaml.Node, from func(string, int)) []issue {
		return pathsInto(&s.Rules, n, func(i, line int) { from(item(keyRules, i), line) })
	},
	keyOrgLimits: func(s *Settings, n *yaml.Node, _ func(string, int)) []issue {
		path, bad := pathValue(n, "an org-limits snapshot, such as limits.json")
		s.OrgLimits = &path
		return bad
	},
	keyAddons: func(s *Settings, n *yaml.Node, from func(string, int)) []issue {
		return addonsInto(&s.Addons, n, func(i, line int) { from(item(keyAddons, i), line) })
	},
	keyDefaults: func(s *Settings, n *yaml.Node, _ func(string, int)) []issue {
		if n.Kind != yaml.MappingNode {
			return []issue{{n.Line, "expected answers as field: value lines (edition: unlimited), found " + kindOf(n)}}
		}
		s.defaults = &defaultsLayer{node: n}
		return nil
	},
}

func decisionsSetter(s *Settings, n *yaml.Node, _ func(string, int)) []issue {
	dir, bad := folderValue(n)
	s.DecisionsDir = &dir
	return bad
}

// parse reads one configuration file, named name in messages. Paths are returned as written;
// the caller places relative ones in the file's folder. A file with nothing but comments sets
// nothing, as a template whose every line is commented out should.
func parse(name string, data []byte) (Settings, error) {
	if blank(data) {
		return Settings{}, nil
	}
	doc, err := rules.ParseYAML(name, data)
	if err != nil {
		return Settings{}, err
	}
	if doc.Kind != yaml.MappingNode {
		return Settings{}, rules.Problems{{
			File: name, Line: doc.Line,
			Msg: "expected settings as key: value lines, found " + kindOf(doc) + "; keys are " + strings.Join(keys, ", "),
		}}
	}
	s := Settings{from: origins{}}
	var ps rules.Problems
	seen := map[string]int{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, value := doc.Content[i], dealias(doc.Content[i+1])
		field := fieldName(key.Value)
		set, known := setters[key.Value]
		first, twice := seen[key.Value]
		seen[key.Value] = key.Line
		switch {
		case twice:
			ps = append(ps, rules.Problem{File: name, Line: key.Line, Field: field, Msg: fmt.Sprintf("given twice (first at line %d); give each key once", first)})
		case !known || key.Kind != yaml.ScalarNode:
			ps = append(ps, rules.Problem{File: name, Line: key.Line, Field: field, Msg: "unknown key" + suggest(key.Value) + "; keys are " + strings.Join(keys, ", ")})
		case value.ShortTag() == "!!null": // "status:" with nothing after it: as if absent
		default:
			canonical := canonicalKey(key.Value)
			s.from[canonical] = Origin{Kind: KindFile, Name: name, Line: key.Line}
			record := func(k string, line int) { s.from[k] = Origin{Kind: KindFile, Name: name, Line: line} }
			for _, bad := range set(&s, value, record) {
				ps = append(ps, rules.Problem{File: name, Line: bad.line, Field: field, Msg: bad.msg})
			}
		}
	}
	if line, ok := seen[keyDecisions]; ok {
		if old, both := seen[keyDecisionsDir]; both {
			ps = append(ps, rules.Problem{
				File: name, Line: max(line, old), Field: keyDecisionsDir,
				Msg: fmt.Sprintf("names the decisions folder, as decisions does (line %d); give only decisions, decisions_dir being its older name", min(line, old)),
			})
		}
	}
	if len(ps) > 0 {
		return Settings{}, ps
	}
	if s.defaults != nil {
		s.defaults.file = name
	}
	return s, nil
}

// canonicalKey is the documented key of a setting: decisions for decisions_dir.
func canonicalKey(key string) string {
	if key == keyDecisionsDir {
		return keyDecisions
	}
	return key
}

// blank reports whether data holds only blank lines and comments, with no character a file
// must not hold (those are left for the reader to refuse at their line).
func blank(data []byte) bool {
	text, err := rules.ToUTF8(data)
	if err != nil {
		return false
	}
	for line := range bytes.SplitSeq(text, []byte("\n")) {
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) > 0 && trimmed[0] != '#' || safetext.Check(string(bytes.TrimSuffix(line, []byte("\r")))) != "" {
			return false
		}
	}
	return true
}

// dealias follows an alias to the value it names; yaml.v3 has refused cycles already.
func dealias(n *yaml.Node) *yaml.Node {
	for range 8 {
		if n.Kind != yaml.AliasNode || n.Alias == nil {
			break
		}
		n = n.Alias
	}
	return n
}
