package rules

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// refuseUnsafeText refuses an organisation's rule file whose texts carry a control character, a
// bidi override or a zero-width character. Its ids, sentences and sources are printed by every
// command and drawn by the wizard, and a file shared by a colleague must not be able to clear a
// terminal, retitle it or write to its clipboard (OSC 52). Refusing at load, with the rule and
// field named, is plainer than escaping each text wherever it is shown. It reports whether the
// file is clean.
func (l *loader) refuseUnsafeText(file string, rf ruleFile) bool {
	clean := true
	refuse := func(item, field, text string) {
		if bad := unsafeText(text); bad != "" {
			l.problemf(file, item, "%s contains %s; rule files hold plain text", field, bad)
			clean = false
		}
	}
	for i, s := range rf.Sources {
		if s == nil {
			continue
		}
		item := itemName("source", i, s.ID)
		for _, f := range [...]struct{ name, text string }{{"id", s.ID}, {"title", s.Title}, {"url", s.URL}, {"release", s.Release}} {
			refuse(item, f.name, f.text)
		}
	}
	for i, r := range rf.Rules {
		if r == nil {
			continue
		}
		item := itemName("rule", i, r.ID)
		for _, f := range [...]struct{ name, text string }{{"id", r.ID}, {"when", r.When}, {"because", r.Because}} {
			refuse(item, f.name, f.text)
		}
		for _, s := range r.Sources {
			refuse(item, "sources", s)
		}
		for _, m := range sortedKeys(r.Effects) {
			refuse(item, "effects", m)
		}
	}
	return clean
}

// unsafeText is safetext.Check with line breaks allowed: a because sentence or a condition may
// be written as a YAML block over several lines.
func unsafeText(s string) string {
	return safetext.Check(strings.ReplaceAll(s, "\n", " "))
}

// itemName names a source or rule in a problem: by its id when the id itself is safe to print,
// by its place in the file otherwise.
func itemName(kind string, i int, id string) string {
	if id != "" && unsafeText(id) == "" {
		return id
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}
