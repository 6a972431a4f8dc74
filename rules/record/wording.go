package record

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The wording every section shares: sentences that continue one another, and text made safe for
// one line of Markdown or a table cell.

// properNouns keep their capital at the start of a clause.
var properNouns = []string{"Salesforce", "Apex"}

// lowerFirst lowercases the first letter of a sentence so it can continue another ("Good,
// because you said…"), unless the first word is a name: all capitals (REST), a known proper
// noun (Salesforce), or the start of a capitalised phrase (Platform Events, Developer Edition).
func lowerFirst(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	first := strings.TrimRight(words[0], ",:;.")
	r, size := utf8.DecodeRuneInString(first)
	switch {
	case !unicode.IsUpper(r), strings.ContainsFunc(first[size:], unicode.IsUpper):
		return s
	case len(words) > 1 && words[0] == first && startsUpper(words[1]):
		return s
	}
	for _, n := range properNouns {
		if first == n {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[size:]
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// mdInline makes text safe for one line of Markdown: whitespace collapsed, and a '<' that could
// open raw HTML escaped.
func mdInline(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "<", "&lt;")
}

// mdCell makes text safe for a GFM table cell: one line, pipes escaped.
func mdCell(s string) string {
	return strings.ReplaceAll(mdInline(s), "|", `\|`)
}
