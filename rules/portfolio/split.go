package portfolio

import (
	"bytes"
)

// layout is a portfolio file cut, by its text, into the part around the integrations list (the
// header: org, schema_version and the `integrations:` key) and the list's entries. Only the
// plain block layout is cut; splitLayout refuses the rest, which is read whole.
type layout struct {
	// header is the file without the list's lines, so its lines after the list are not the
	// file's: it is read only for the org, which carries no line, and any problem in it sends the
	// file to the whole parse, which words it.
	header []byte
	// keyLine is the line of the `integrations:` key.
	keyLine int
	// indent is the column of every entry's dash.
	indent  int
	entries []span
}

// span is one entry's text: data[start:end], starting on line (1-based) with its dash.
type span struct{ start, end, line int }

// splitLayout cuts data when it has the block layout every generated and hand-written portfolio
// has:
//
//	org:
//	  edition: enterprise
//	integrations:
//	  - name: Order sync
//	    direction: outbound
//
// The `integrations:` key alone on a line at column 0, once; its entries each starting on a
// line with a dash and content, all dashes at one column; every other line of the list indented
// past the dashes, blank, or a comment (left of the dashes only after the last entry); the list
// ending at a line at column 0.
// The cut is only a proposal: splitSource checks that each piece parses to what the whole
// parse would give (one mapping or value per entry, no anchors, aliases or tags). Tabs, line
// breaks other than line feeds (YAML counts NEL and the Unicode separators as breaks) and
// document markers are refused outright.
func splitLayout(data []byte) (layout, bool) {
	var l layout
	if bytes.ContainsAny(data, "\t\r\u0085\u2028\u2029") { // the last three: line breaks to YAML, not to the splitter
		return l, false
	}
	sp := splitter{l: &l, data: data}
	line := 0
	for start := 0; start < len(data); {
		end := len(data)
		if nl := bytes.IndexByte(data[start:], '\n'); nl >= 0 {
			end = start + nl + 1
		}
		line++
		if !sp.line(start, end, line) {
			return l, false
		}
		start = end
	}
	return l, sp.finish()
}

// splitter is splitLayout's state as it reads the file line by line.
type splitter struct {
	l     *layout
	data  []byte
	state int
	// cutStart and cutEnd are the byte range of the list.
	cutStart, cutEnd int
	// lowComment is set by a comment in the list left of the dashes: only the end of the list
	// may follow it.
	lowComment bool
}

// The splitter's states: before or after the list, between the key and the first entry, in it.
const (
	outside = iota
	afterKey
	inList
	afterList
)

// line reads one line, data[start:end]; false refuses the file.
func (sp *splitter) line(start, end, n int) bool {
	text := bytes.TrimSuffix(sp.data[start:end], []byte("\n"))
	rest := bytes.TrimLeft(text, " ")
	indent := len(text) - len(rest)
	blank, comment := len(rest) == 0, len(rest) > 0 && rest[0] == '#'
	switch sp.state {
	case afterKey:
		if blank || comment {
			return true
		}
		if !isEntryStart(rest) {
			return false
		}
		sp.l.indent, sp.cutStart = indent, start
		sp.state = inList
		sp.l.entries = append(sp.l.entries, span{start: start, line: n})
		return true
	case inList:
		switch {
		case blank:
			return true
		case comment:
			sp.lowComment = sp.lowComment || indent < sp.l.indent
			return true
		case indent > sp.l.indent:
			return !sp.lowComment
		case indent == sp.l.indent && isEntryStart(rest):
			if sp.lowComment {
				return false
			}
			sp.l.entries[len(sp.l.entries)-1].end = start
			sp.l.entries = append(sp.l.entries, span{start: start, line: n})
			return true
		case indent > 0 || rest[0] == '-':
			return false // between the dashes and column 0, or a dash with no content
		}
		sp.endList(start)
	}
	if blank || comment || indent > 0 {
		return true
	}
	if bytes.HasPrefix(rest, []byte("---")) || bytes.HasPrefix(rest, []byte("...")) || rest[0] == '%' {
		return false
	}
	if isIntegrationsKey(rest) {
		if sp.state != outside {
			return false
		}
		sp.l.keyLine, sp.state = n, afterKey
	}
	return true
}

// endList closes the list at byte offset at.
func (sp *splitter) endList(at int) {
	sp.l.entries[len(sp.l.entries)-1].end = at
	sp.cutEnd = at
	sp.state = afterList
}

// finish closes the list at the end of the file and builds the header; false when there was no
// list.
func (sp *splitter) finish() bool {
	switch sp.state {
	case inList:
		sp.endList(len(sp.data))
	case afterList:
	default:
		return false
	}
	l := sp.l
	l.header = make([]byte, 0, len(sp.data)-(sp.cutEnd-sp.cutStart))
	l.header = append(append(l.header, sp.data[:sp.cutStart]...), sp.data[sp.cutEnd:]...)
	return true
}

// isIntegrationsKey reports whether a line at column 0 is the integrations key with nothing after
// it but spaces and a comment.
func isIntegrationsKey(rest []byte) bool {
	after, ok := bytes.CutPrefix(rest, []byte(keyIntegrations+":"))
	if !ok {
		return false
	}
	trimmed := bytes.TrimLeft(after, " ")
	return len(trimmed) == 0 || trimmed[0] == '#' && len(trimmed) < len(after)
}

// isEntryStart reports whether an indented line starts an entry: a dash, a space, and content
// that is not a comment.
func isEntryStart(rest []byte) bool {
	after, ok := bytes.CutPrefix(rest, []byte("- "))
	if !ok {
		return false
	}
	after = bytes.TrimLeft(after, " ")
	return len(after) > 0 && after[0] != '#'
}
