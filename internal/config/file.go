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
// SFPATTERN_, so one spelling serves both.
const (
	keyDecisionsDir   = "decisions_dir"
	keyStatus         = "status"
	keyDecisionMakers = "decision_makers"
	keyConsulted      = "consulted"
	keyInformed       = "informed"
)

// keys are the settings a configuration file may hold, in the order messages list them.
var keys = []string{keyDecisionsDir, keyStatus, keyDecisionMakers, keyConsulted, keyInformed}

// issue is one problem with a value, at its own line (an item of a list has its own).
type issue struct {
	line int
	msg  string
}

// setters decode each key's value into the settings; what a value may be is theirs to say.
var setters = map[string]func(*Settings, *yaml.Node) []issue{
	keyDecisionsDir: func(s *Settings, n *yaml.Node) []issue {
		dir, bad := folderValue(n)
		s.DecisionsDir = &dir
		return bad
	},
	keyStatus: func(s *Settings, n *yaml.Node) []issue {
		status, bad := statusValue(n)
		s.Status = &status
		return bad
	},
	keyDecisionMakers: func(s *Settings, n *yaml.Node) []issue { return namesInto(&s.DecisionMakers, n) },
	keyConsulted:      func(s *Settings, n *yaml.Node) []issue { return namesInto(&s.Consulted, n) },
	keyInformed:       func(s *Settings, n *yaml.Node) []issue { return namesInto(&s.Informed, n) },
}

// parse reads one configuration file, named name in messages. A decisions_dir is returned as
// written; the caller places a relative one in the file's folder. A file with nothing but
// comments sets nothing, as a template whose every line is commented out should.
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
	var s Settings
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
			for _, bad := range set(&s, value) {
				ps = append(ps, rules.Problem{File: name, Line: bad.line, Field: field, Msg: bad.msg})
			}
		}
	}
	if len(ps) > 0 {
		return Settings{}, ps
	}
	return s, nil
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
