package config

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// tagText is YAML's tag of text, the only scalar a name, a path or a status may be.
const tagText = "!!str"

// kindOf names what a node is, for "expected …, found …".
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode, yaml.DocumentNode, yaml.AliasNode:
		// A scalar says what it is by its tag, an alias by its target's; no document gets here.
	}
	switch n.ShortTag() {
	case tagText:
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
