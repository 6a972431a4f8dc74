package portfolio

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickEntry builds the node tree yaml.v3 gives for the commonest entry, a list item of one
// `key: value` pair per line:
//
//   - name: Order sync
//     direction: outbound
//     records_per_day: 20000
//
// with every value a plain scalar of a conservative subset (see plainValue). Parsing an entry
// with yaml.v3 costs more than evaluating it; this costs a pass over its bytes. It returns nil
// for anything else (a comment, a blank line, quotes, a nested block, a key or value outside the
// subset), and yaml.v3 parses the entry as before. A test holds the two to the same trees.
//
// text is the entry's lines, the first starting with the dash at column indent+1; lines are
// numbered from 1, as yaml.v3 numbers the entry parsed alone.
func quickEntry(text []byte, indent int) *yaml.Node {
	keyCol := indent + 2 // 0-based: after the dash and one space
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: keyCol + 1}
	for line := 1; len(text) > 0; line++ {
		row, rest, _ := bytes.Cut(text, []byte{'\n'})
		text = rest
		if line > 1 && len(bytes.TrimLeft(row, " ")) == 0 {
			continue // a blank line, which YAML passes over
		}
		if !entryLineStart(row, indent, line == 1) {
			return nil
		}
		k, v, comment, ok := keyValue(row[keyCol:])
		if !ok {
			return nil
		}
		valueCol := keyCol + (len(k) + 1) + (len(row[keyCol+len(k)+1:]) - len(bytes.TrimLeft(row[keyCol+len(k)+1:], " ")))
		value := scalar(string(v), line, valueCol+1)
		value.LineComment = string(comment)
		m.Content = append(m.Content, scalar(string(k), line, keyCol+1), value)
	}
	if len(m.Content) == 0 {
		return nil
	}
	return m
}

// entryLineStart checks a line's indentation: the dash and one space on the first line, as many
// spaces on the others.
func entryLineStart(row []byte, indent int, first bool) bool {
	if len(row) < indent+2 {
		return false
	}
	for _, b := range row[:indent] {
		if b != ' ' {
			return false
		}
	}
	lead := row[indent : indent+2]
	if first {
		return lead[0] == '-' && lead[1] == ' '
	}
	return lead[0] == ' ' && lead[1] == ' '
}

// keyValue splits `key: value  # comment` where the key is a lower-case identifier, the value
// a plain scalar of the subset after one or more spaces, and the comment optional.
func keyValue(s []byte) (key, value, comment []byte, ok bool) {
	colon := bytes.IndexByte(s, ':')
	if colon <= 0 || !identifier(s[:colon]) {
		return nil, nil, nil, false
	}
	value = bytes.TrimLeft(s[colon+1:], " ")
	if len(value) == len(s)-colon-1 { // no space after the colon
		return nil, nil, nil, false
	}
	if hash := bytes.IndexByte(value, '#'); hash >= 0 {
		if hash == 0 || value[hash-1] != ' ' { // a hash within a word is part of the value
			return nil, nil, nil, false
		}
		comment, value = value[hash:], bytes.TrimRight(value[:hash], " ")
		if !commentText(comment) {
			return nil, nil, nil, false
		}
	}
	if !plainValue(value) {
		return nil, nil, nil, false
	}
	return s[:colon], value, comment, true
}

// commentText reports whether a line comment is one yaml.v3 keeps as written: text without
// control characters or a trailing space, in valid UTF-8 without the characters YAML counts as
// line breaks.
func commentText(s []byte) bool {
	if s[len(s)-1] == ' ' || !utf8.Valid(s) {
		return false
	}
	for _, r := range string(s) {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff {
			return false
		}
	}
	return true
}

// maxKey bounds a key the quick reader takes: YAML allows an implicit key of at most 1,024
// characters, and no field name comes near it.
const maxKey = 128

// identifier reports whether s is a field name as the question set spells them.
func identifier(s []byte) bool {
	if len(s) > maxKey {
		return false
	}
	for i, b := range s {
		switch {
		case b >= 'a' && b <= 'z', b == '_':
		case b >= '0' && b <= '9' && i > 0:
		default:
			return false
		}
	}
	return len(s) > 0
}

// plainValue reports whether s is a plain scalar that yaml.v3 reads as the bytes it holds: it
// starts with a letter or a digit (or a minus before a digit), holds printable ASCII only, none
// of it a colon or a hash (which could start a mapping or a comment), and does not end in a
// space (which yaml.v3 would trim).
func plainValue(s []byte) bool {
	if len(s) == 0 || s[len(s)-1] == ' ' {
		return false
	}
	first := s[0]
	if !alnum(first) && (first != '-' || len(s) < 2 || s[1] < '0' || s[1] > '9') {
		return false
	}
	for _, b := range s {
		if b < ' ' || b > '~' || b == ':' || b == '#' {
			return false
		}
	}
	return true
}

func alnum(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// scalar is a plain scalar node, its tag resolved by yaml.v3 itself (Node.ShortTag) as its
// parser does for a plain scalar.
func scalar(value string, line, column int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: value, Line: line, Column: column}
	n.Tag = n.ShortTag()
	return n
}
