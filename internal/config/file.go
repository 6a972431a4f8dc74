package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/advisor/record"
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
// comments sets nothing: it may be there only to mark the project.
func parse(name string, data []byte) (Settings, error) {
	if blank(data) {
		return Settings{}, nil
	}
	doc, err := rules.ParseYAML(name, data)
	if err != nil {
		return Settings{}, err
	}
	if doc.Kind != yaml.MappingNode {
		return Settings{}, rules.Problems{{File: name, Line: doc.Line,
			Msg: "expected settings as key: value lines, found " + kindOf(doc) + "; keys are " + strings.Join(keys, ", ")}}
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

// folderValue reads decisions_dir: a path on one line, not empty.
func folderValue(n *yaml.Node) (string, []issue) {
	dir, ok := text(n)
	switch {
	case !ok:
		return "", []issue{{n.Line, "expected a folder (text), found " + kindOf(n)}}
	case strings.TrimSpace(dir) == "":
		return "", []issue{{n.Line, "is empty; expected the folder of the decision records, such as docs/decisions"}}
	case safetext.Check(dir) != "":
		return "", []issue{{n.Line, fmt.Sprintf("%s contains %s; expected a plain folder path", clip(dir), safetext.Check(dir))}}
	case strings.HasPrefix(dir, "~"):
		return "", []issue{{n.Line, "starts with ~, which is not expanded here; write the folder relative to this file, or in full"}}
	}
	return dir, nil
}

// statusValue reads status the way --status is read.
func statusValue(n *yaml.Node) (string, []issue) {
	s, ok := text(n)
	if !ok {
		return "", []issue{{n.Line, "expected a status (text), found " + kindOf(n)}}
	}
	if bad := safetext.Check(s); bad != "" {
		return "", []issue{{n.Line, "contains " + bad + "; expected plain text on one line"}}
	}
	status, err := record.ParseStatus(s)
	if err != nil {
		return "", []issue{{n.Line, err.Error()}}
	}
	return status, nil
}

// namesInto reads a list of names into *dst. Each name goes into a record's front matter, so
// each is one line of plain text.
func namesInto(dst **[]string, n *yaml.Node) []issue {
	if n.Kind != yaml.SequenceNode {
		hint := ""
		if _, ok := text(n); ok {
			hint = "; write the names as a list, such as [Ana Souza, Raj Patel]"
		}
		return []issue{{n.Line, "expected a list of names, found " + kindOf(n) + hint}}
	}
	names := []string{}
	var bad []issue
	for i, item := range n.Content {
		item = dealias(item)
		name, ok := text(item)
		name = strings.TrimSpace(name)
		switch {
		case !ok:
			bad = append(bad, issue{item.Line, fmt.Sprintf("item %d: expected a name (text), found %s", i+1, kindOf(item))})
		case name == "":
			bad = append(bad, issue{item.Line, fmt.Sprintf("item %d is empty; expected a name", i+1)})
		case safetext.Check(name) != "":
			bad = append(bad, issue{item.Line, fmt.Sprintf("item %d: %s contains %s; expected plain names", i+1, clip(name), safetext.Check(name))})
		default:
			names = append(names, name)
		}
	}
	*dst = &names
	return bad
}

// text returns a scalar's value when YAML reads it as text: 12 is a number and true a boolean,
// even where a name or a folder is expected, as everywhere else sfpattern reads YAML.
func text(n *yaml.Node) (string, bool) {
	return n.Value, n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

// kindOf names what a node is, for "expected …, found …".
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!str":
		return "text"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	case "!!null":
		return "nothing"
	case "!!timestamp":
		return "a date"
	}
	return "a value tagged " + clip(n.ShortTag())
}

// fieldName is a key fit to head a message: as it is when plain, quoted when it holds a
// character that must not reach a terminal, clipped when long.
func fieldName(key string) string {
	if safetext.Check(key) != "" || utf8.RuneCountInString(key) > maxQuoted {
		return clip(key)
	}
	return key
}

// maxQuoted is how much of a value a message quotes: enough to recognise it.
const maxQuoted = 60

// clip quotes s for a message, cut to maxQuoted characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		s = string([]rune(s)[:maxQuoted]) + "…"
	}
	return strconv.Quote(s)
}

// suggest names the key a misspelt one probably means: MADR's front matter writes
// decision-makers, and a setting may be capitalised.
func suggest(key string) string {
	normal := strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(key)))
	if _, ok := setters[normal]; ok && normal != key {
		return " (did you mean " + normal + "?)"
	}
	return ""
}
