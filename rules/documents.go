package rules

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// secondDocument returns the line where a second YAML document starts, or 0 when data holds one,
// and whether it starts after a `...` rather than at a `---`.
// yaml.v3 reads the first document of a stream and drops the rest without a word, so answers
// pasted after a `---` would silently not count. A leading `---`, directives before it and a
// closing `...` are one document; a marker after content, or content after `...`, starts
// another. Markers are only markers at the start of a line, in block scalars too, so reading
// lines is exact.
func secondDocument(data []byte) (int, bool) {
	started, content, ended := false, false, false
	line := 0
	for rest := data; len(rest) > 0; {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case isMarker(l, "---"):
			if started || content || ended {
				return line, false
			}
			started = true
			if after := bytes.TrimSpace(l[3:]); len(after) > 0 && after[0] != '#' {
				content = true
			}
		case isMarker(l, "..."):
			ended = true
		case isBlankOrComment(l):
		case l[0] == '%' && !started && !content: // a directive before the document
		default:
			if ended {
				return line, true
			}
			content = true
		}
	}
	return 0, false
}

// isMarker reports whether a line is the document marker m ("---" or "..."), alone or followed
// by a space.
func isMarker(l []byte, m string) bool {
	return bytes.HasPrefix(l, []byte(m)) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t')
}

func isBlankOrComment(l []byte) bool {
	t := bytes.TrimLeft(l, " \t")
	return len(t) == 0 || t[0] == '#'
}

// OneDocument refuses data holding more than one YAML document, naming the line where the
// second starts. Lines count from offset+1: 0 for a file of its own, the line before a block's
// first line for a block inside a decision record.
func OneDocument(file string, data []byte, offset int) error {
	n, afterEnd := secondDocument(data)
	switch {
	case n == 0:
		return nil
	case afterEnd:
		return Problems{{File: file, Line: offset + n, Msg: "a second YAML document starts here, after the `...` that ends the first; the file must hold one YAML document"}}
	}
	return Problems{{File: file, Line: offset + n, Msg: "a second YAML document starts at this `---`; the file must hold one YAML document (remove the marker, or split the file)"}}
}

// rawControl returns the line and a description of the first byte that is not UTF-8 or the
// first control character YAML does not allow in a file (every C0 control but tab, line feed
// and carriage return; DEL; the C1 controls but NEL), or 0. yaml.v3 refuses them with no line;
// the user deserves one, and the character is named by its code, never written.
func rawControl(data []byte) (int, string) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return line, fmt.Sprintf("a byte that is not UTF-8 (\\x%02x) at character %d; the file must be UTF-8 text", data[i], col)
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r' || r == 0x85:
		case r == 0:
			return line, fmt.Sprintf("a NUL byte at character %d (UTF-16 without its byte-order mark?); the file must be UTF-8 text", col)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return line, fmt.Sprintf("a raw control character (\\u%04x) at character %d; a control character has no place in this file", r, col)
		}
		i += size
		col++
	}
	return 0, ""
}

// ToUTF8 returns text as UTF-8. Windows editors save UTF-16 with a byte-order mark, and yaml.v3
// reads it, so every reader accepts it: converted here, line numbers and messages stay those
// of the text. UTF-8 (with or without its mark) is returned as it is.
func ToUTF8(data []byte) ([]byte, error) {
	var order func([]byte) uint16
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = func(b []byte) uint16 { return uint16(b[1]) | uint16(b[0])<<8 }
	default:
		return data, nil
	}
	body := data[2:]
	if len(body)%2 != 0 {
		return nil, errors.New("UTF-16 text with an odd number of bytes; save it again as UTF-8")
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		units[i] = order(body[2*i:])
	}
	var b bytes.Buffer
	b.Grow(len(units))
	for _, r := range utf16.Decode(units) {
		b.WriteRune(r)
	}
	return b.Bytes(), nil
}

// maxAliasGrowth bounds how many nodes aliases may add to a document once expanded. yaml.v3
// refuses the worst alias bombs only when a node is decoded into Go values, and some readers
// (the contract linter among them) decode a node tree after parsing: measuring the expansion
// here refuses a bomb at the door, like every other unreadable input.
const maxAliasGrowth = 10_000

// aliasGrowth returns how many nodes the aliases in n add when expanded, stopping early once
// the count passes limit.
func aliasGrowth(n *yaml.Node, limit int) int {
	plain := countNodes(n, 0)
	limit += plain
	memo := map[*yaml.Node]int{}
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if n == nil || depth > 2*maxDepth {
			return 0
		}
		if s, ok := memo[n]; ok {
			return s
		}
		total := 1
		if n.Kind == yaml.AliasNode {
			total = size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			total += size(c, depth+1)
			if total > limit {
				break
			}
		}
		memo[n] = min(total, limit+1)
		return memo[n]
	}
	return size(n, 0) - plain
}

// countNodes counts the nodes of the tree without expanding aliases.
func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > 2*maxDepth {
		return 0
	}
	total := 1
	for _, c := range n.Content {
		total += countNodes(c, depth+1)
	}
	return total
}
