// Package reference turns the knowledge base into reference pages: one per mechanism, pattern and
// failure mode, as Markdown, for onboarding without a decision. It is pure: the terminal browser
// in package advisor and the `catalog ID` command both render these pages.
package reference

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// Kinds of entry.
const (
	KindMechanism   = "mechanism"
	KindPattern     = "pattern"
	KindFailureMode = "failure mode"
)

// Entry is one page of the catalogue.
type Entry struct {
	ID, Kind, Title, Summary string
}

// Entries lists every page: mechanisms, then patterns, then failure modes, each in catalogue order.
func Entries(cat *rules.Catalog) []Entry {
	var out []Entry
	for _, m := range cat.Mechanisms {
		out = append(out, Entry{ID: m.ID, Kind: KindMechanism, Title: m.Name, Summary: oneLine(m.Summary)})
	}
	for _, p := range cat.Patterns {
		out = append(out, Entry{ID: p.ID, Kind: KindPattern, Title: p.Name, Summary: oneLine(p.Summary)})
	}
	for _, m := range cat.Mechanisms {
		for _, id := range m.FailureModes {
			fm := cat.FailureMode(id)
			out = append(out, Entry{ID: fm.ID, Kind: KindFailureMode, Title: fm.Title, Summary: m.Name})
		}
	}
	return out
}

// Page returns an entry's page as Markdown. Figures that depend on the edition are given for the
// question set's default edition and licences, and the page says so.
func Page(cat *rules.Catalog, id string) (string, error) {
	switch {
	case cat.Mechanism(id) != nil:
		return mechanismPage(cat, cat.Mechanism(id)), nil
	case cat.Pattern(id) != nil:
		return patternPage(cat, cat.Pattern(id)), nil
	case cat.FailureMode(id) != nil:
		return failureModePage(cat, cat.FailureMode(id))
	}
	return "", fmt.Errorf("no catalogue page %q; pages are the ids listed by `sfpattern catalog --list`", id)
}

func mechanismPage(cat *rules.Catalog, m *rules.Mechanism) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(m.Doc) + "\n\n")
	b.WriteString("## Patterns it implements\n\n")
	seen := map[string]bool{}
	for _, pc := range m.Patterns {
		if !seen[pc.Pattern] {
			seen[pc.Pattern] = true
			p := cat.Pattern(pc.Pattern)
			fmt.Fprintf(&b, "- **%s** (`%s`): %s\n", p.Name, p.ID, oneLine(p.Summary))
		}
	}
	b.WriteString("\n## Governing limits\n\nA fixed limit of one message or transaction rules a design out; an org allocation is shared, can be bought or spread, and costs points in proportion when a design goes over it; a window is compared with how long the receiver may be down.\n\n")
	b.WriteString("| limit | kind | value | unit | source |\n|---|---|---|---|---|\n")
	var remedied []*rules.Limit
	for _, cr := range m.Capacity {
		lim := cat.Limit(cr.Limit)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", lim.Title, kindWords[lim.Kind], limitValue(cat, lim), lim.Unit, sourceCell(cat, lim.Sources))
		if len(lim.Remedies) > 0 && !slices.Contains(remedied, lim) {
			remedied = append(remedied, lim)
		}
	}
	if len(remedied) > 0 {
		b.WriteString("\n## Remedies when a design strains them\n\n")
		for _, lim := range remedied {
			fmt.Fprintf(&b, "- %s:\n", lim.Title)
			for _, r := range lim.Remedies {
				fmt.Fprintf(&b, "  - %s (%s; %s)\n", strings.ReplaceAll(oneLine(r.Title), "{days}", "N"), r.Kind, sourceCell(cat, r.Sources))
			}
		}
	}
	b.WriteString("\n## Failure modes to design for\n\n")
	for _, id := range m.FailureModes {
		fm := cat.FailureMode(id)
		fmt.Fprintf(&b, "- **%s** (`%s`)\n", fm.Title, fm.ID)
	}
	fmt.Fprintf(&b, "\nRun `sfpattern catalog FAILURE-MODE-ID` for any of them. Limits as of %s.\n", cat.Knowledge.LimitsRelease)
	return b.String()
}

// kindWords name a limit's kind on a catalogue page.
var kindWords = map[string]string{rules.KindBudget: "org allocation", rules.KindWall: "fixed limit", rules.KindWindow: "window", rules.KindConstant: "threshold"}

func patternPage(cat *rules.Catalog, p *rules.Pattern) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(p.Doc) + "\n\n## Mechanisms that implement it\n\n")
	for _, m := range cat.Mechanisms {
		for _, pc := range m.Patterns {
			if pc.Pattern == p.ID {
				fmt.Fprintf(&b, "- **%s** (`%s`)%s\n", m.Name, m.ID, whenClause(pc.When))
				break
			}
		}
	}
	if p.Sequence != "" {
		b.WriteString("\n## Sequence\n\n```mermaid\n" + strings.TrimSpace(p.Sequence) + "\n```\n")
	}
	return b.String()
}

func whenClause(when string) string {
	if when == "" {
		return ""
	}
	return ", when `" + when + "`"
}

func failureModePage(cat *rules.Catalog, fm *rules.FailureMode) (string, error) {
	edition := fmt.Sprint(cat.Role(rules.RoleEdition).DefaultValue())
	licenses, _ := cat.Role(rules.RoleLicences).DefaultValue().(int)
	how, detect, mitigate, err := cat.FailureModeText(fm.ID, edition, licenses)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", fm.Title)
	var owners []string
	for _, m := range cat.Mechanisms {
		for _, id := range m.FailureModes {
			if id == fm.ID {
				owners = append(owners, m.Name)
			}
		}
	}
	fmt.Fprintf(&b, "A failure mode of %s.\n\n", strings.Join(owners, " and "))
	fmt.Fprintf(&b, "## How it happens\n\n%s\n\n## How to detect it\n\n%s\n\n## How to mitigate it\n\n%s\n\n", how, detect, mitigate)
	if fm.When != "" {
		fmt.Fprintf(&b, "The advisor lists it when `%s`.\n\n", fm.When)
	}
	fmt.Fprintf(&b, "Figures for %s Edition with %d licences.\n\n## Sources\n\n", titleCase(edition), licenses)
	for _, id := range fm.Sources {
		s := cat.Source(id)
		fmt.Fprintf(&b, "- [%s](%s), %s\n", s.Title, s.URL, s.Release)
	}
	return b.String(), nil
}

var bigNumber = regexp.MustCompile(`\b\d{4,}\b`)

// limitValue writes a limit's value, per edition when it differs, with thousands separators.
func limitValue(cat *rules.Catalog, l *rules.Limit) string {
	pretty := func(src string) string {
		return bigNumber.ReplaceAllStringFunc(src, func(n string) string {
			v, err := strconv.ParseFloat(n, 64)
			if err != nil {
				return n
			}
			return rules.FormatNumber(v)
		})
	}
	if l.Value.ByEdition == nil {
		return pretty(l.Value.All)
	}
	var parts []string
	for _, ed := range cat.Editions() {
		if v, ok := l.Value.ByEdition[ed]; ok {
			parts = append(parts, titleCase(ed)+": "+pretty(v))
		}
	}
	return strings.Join(parts, "; ")
}

func sourceCell(cat *rules.Catalog, ids []string) string {
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		s := cat.Source(id)
		parts = append(parts, fmt.Sprintf("[%s](%s) (%s)", s.ID, s.URL, s.Release))
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
