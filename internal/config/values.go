package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules/record"
)

// The check functions hold what each setting may be, wherever it comes from: they return what
// is wrong, or "". The Value functions apply them to a file's YAML, adding what YAML can get
// wrong (a number where text belongs, text where a list belongs).

// checkFolder checks a decisions folder. A name goes into paths printed on a terminal, so it is
// one line of plain text; ~ is refused rather than taken for a folder called "~".
func checkFolder(dir string) string {
	switch bad := safetext.Check(dir); {
	case strings.TrimSpace(dir) == "":
		return "is empty; expected the folder of the decision records, such as docs/decisions"
	case bad != "":
		return clip(dir) + " contains " + bad + "; expected a plain folder path"
	case strings.HasPrefix(dir, "~"):
		return "starts with ~, which sfpattern does not expand; write the folder in full, or relative"
	}
	return ""
}

// checkStatus checks a status the way --status is checked, and returns it as a record writes it.
func checkStatus(s string) (string, string) {
	if bad := safetext.Check(s); bad != "" {
		return "", "contains " + bad + "; expected plain text on one line"
	}
	status, err := record.ParseStatus(s)
	if err != nil {
		return "", err.Error()
	}
	return status, ""
}

// checkName checks one name: it goes into a record's front matter, so it is plain text on one
// line.
func checkName(name string) string {
	if bad := safetext.Check(name); bad != "" {
		return clip(name) + " contains " + bad + "; expected plain names"
	}
	return ""
}

// folderValue reads decisions_dir: a path on one line, not empty.
func folderValue(n *yaml.Node) (string, []issue) {
	dir, ok := text(n)
	if !ok {
		return "", []issue{{n.Line, "expected a folder (text), found " + kindOf(n)}}
	}
	if bad := checkFolder(dir); bad != "" {
		return "", []issue{{n.Line, bad}}
	}
	return dir, nil
}

// statusValue reads status.
func statusValue(n *yaml.Node) (string, []issue) {
	s, ok := text(n)
	if !ok {
		return "", []issue{{n.Line, "expected a status (text), found " + kindOf(n)}}
	}
	status, bad := checkStatus(s)
	if bad != "" {
		return "", []issue{{n.Line, bad}}
	}
	return status, nil
}

// namesInto reads a list of names into *dst.
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
		if name, msg := nameItem(item); msg != "" {
			bad = append(bad, issue{item.Line, fmt.Sprintf("item %d: %s", i+1, msg)})
		} else {
			names = append(names, name)
		}
	}
	*dst = &names
	return bad
}

// nameItem reads one item of a list of names: the name, or what is wrong with it.
func nameItem(item *yaml.Node) (string, string) {
	name, ok := text(item)
	name = strings.TrimSpace(name)
	switch {
	case !ok:
		return "", "expected a name (text), found " + kindOf(item)
	case name == "":
		return "", "is empty; expected a name"
	}
	return name, checkName(name)
}

// text returns a scalar's value when YAML reads it as text: 12 is a number and true a boolean,
// even where a name or a folder is expected, as everywhere else sfpattern reads YAML.
func text(n *yaml.Node) (string, bool) {
	return n.Value, n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}
