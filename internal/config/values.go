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
	return n.Value, n.Kind == yaml.ScalarNode && n.ShortTag() == tagText
}

// checkPath checks a file path a setting names (a rule file, an org-limits snapshot): one line
// of plain text, ~ refused as for the decisions folder. Whether the file is there is checked
// once the path is placed in its source's folder.
func checkPath(path, example string) string {
	switch bad := safetext.Check(path); {
	case strings.TrimSpace(path) == "":
		return "is empty; expected " + example
	case bad != "":
		return clip(path) + " contains " + bad + "; expected a plain file path"
	case strings.HasPrefix(path, "~"):
		return "starts with ~, which sfpattern does not expand; write the path in full, or relative"
	}
	return ""
}

// pathValue reads one file path.
func pathValue(n *yaml.Node, example string) (string, []issue) {
	path, ok := text(n)
	if !ok {
		return "", []issue{{n.Line, "expected " + example + " (text), found " + kindOf(n)}}
	}
	if bad := checkPath(path, example); bad != "" {
		return "", []issue{{n.Line, bad}}
	}
	return path, nil
}

// pathsInto reads a list of rule files into *dst, telling at each item's line.
func pathsInto(dst **[]string, n *yaml.Node, at func(i, line int)) []issue {
	const example = "a rule file, such as policy/rules.yaml"
	if n.Kind != yaml.SequenceNode {
		hint := ""
		if _, ok := text(n); ok {
			hint = "; write the files as a list, such as [policy/rules.yaml]"
		}
		return []issue{{n.Line, "expected a list of rule files, found " + kindOf(n) + hint}}
	}
	paths := []string{}
	var bad []issue
	for i, it := range n.Content {
		it = dealias(it)
		path, msgs := pathValue(it, example)
		for _, m := range msgs {
			bad = append(bad, issue{m.line, fmt.Sprintf("item %d: %s", i+1, m.msg)})
		}
		if len(msgs) == 0 {
			at(len(paths), it.Line)
			paths = append(paths, path)
		}
	}
	*dst = &paths
	return bad
}

// addonsInto reads the add-ons, a mapping of limit id to amount, as limit=amount assignments
// in the file's order. Whether a limit can be bought, and the amount, are the knowledge base's
// to judge (AddonAmounts); here only the shape is checked.
func addonsInto(dst **[]string, n *yaml.Node, at func(i, line int)) []issue {
	if n.Kind != yaml.MappingNode {
		return []issue{{n.Line, "expected limit: amount lines (event_delivery_per_day: 100000), found " + kindOf(n)}}
	}
	list := []string{}
	var bad []issue
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], dealias(n.Content[i+1])
		id, ok := text(key)
		tag := value.ShortTag()
		first, twice := seen[id]
		seen[id] = key.Line
		switch {
		case !ok || safetext.Check(id) != "" || strings.TrimSpace(id) == "":
			bad = append(bad, issue{key.Line, "expected a limit id, such as event_delivery_per_day, found " + clip(key.Value)})
		case twice:
			bad = append(bad, issue{key.Line, fmt.Sprintf("%s given twice (first at line %d)", clip(id), first)})
		case value.Kind != yaml.ScalarNode || tag != "!!int" && tag != tagText || safetext.Check(value.Value) != "":
			bad = append(bad, issue{value.Line, clip(id) + ": expected an amount, a whole number, found " + kindOf(value)})
		default:
			at(len(list), value.Line)
			list = append(list, id+"="+value.Value)
		}
	}
	*dst = &list
	return bad
}
