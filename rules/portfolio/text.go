package portfolio

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/internal/textout"
)

// textWidth is the width the plain-text portfolio fits in, pipe or terminal.
const textWidth = 80

// WriteText writes the portfolio for a person at a terminal or a pager: the first allocation
// to break, the integrations, then every shared allocation. Plain text, 80 columns.
func WriteText(w io.Writer, res *Result) error {
	b := textout.New(textWidth)
	b.Wrap("", "", res.FirstToBreak.Sentence)
	b.WriteString("\n")
	b.WriteString(orgLine(res.Org) + "\n\n")
	integrationTable(b, res.Integrations, res.Skipped)
	b.WriteString("\nShared allocations, at the stated volume (1×) and at 10×\n")
	for _, a := range res.Allocations {
		b.WriteString("\n")
		allocationBlock(b, a)
	}
	b.WriteString("\n")
	b.Wrap("", "", fmt.Sprintf("Knowledge %s; limits as of %s. Each integration is judged against the org's allocations, add-ons and snapshot included; the shared totals add up all of them.",
		res.Knowledge.Version, res.Knowledge.LimitsRelease))
	_, err := io.WriteString(w, b.String())
	return err
}

func orgLine(org Org) string {
	line := fmt.Sprintf("Org: %s Edition, %s", org.EditionName, Count(org.Licenses, "licence"))
	if len(org.Addons) > 0 {
		ids := sortedAddons(org)
		ads := make([]string, 0, len(ids))
		for _, id := range ids {
			ads = append(ads, id+" +"+rules.FormatNumber(org.Addons[id]))
		}
		line += "; add-ons: " + strings.Join(ads, ", ")
	}
	return line
}

func sortedAddons(org Org) []string {
	ids := make([]string, 0, len(org.Addons))
	for id := range org.Addons {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// integrationTable lists each integration's recommended mechanism, the name cut to fit 80
// columns; the pattern and confidence are in the JSON and Markdown output.
func integrationTable(b *textout.Writer, ins []Integration, skipped int) {
	numW, mechW := 1, len("mechanism")
	for _, in := range ins {
		numW = max(numW, len(strconv.Itoa(in.Index)))
		mechW = max(mechW, utf8.RuneCountInString(in.MechanismName))
	}
	nameW := max(20, textWidth-2-numW-2-2-mechW)
	b.WriteString(Count(len(ins), "integration") + ", each with its recommended mechanism")
	if skipped > 0 {
		fmt.Fprintf(b, " (%d skipped for problems)", skipped)
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "  %*s  %s  %s\n", numW, "#", pad("integration", nameW), "mechanism")
	for _, in := range ins {
		fmt.Fprintf(b, "  %*d  %s  %s\n", numW, in.Index, pad(clip(in.Name, nameW), nameW), in.MechanismName)
	}
}

// allocationBlock writes one allocation: title, value, usage at both scales, largest consumers.
func allocationBlock(b *textout.Writer, a SharedAllocation) {
	id := "[" + a.Limit + "]"
	if utf8.RuneCountInString(a.Title)+2+len(id) <= textWidth {
		b.WriteString(a.Title + "  " + id + "\n")
	} else {
		b.WriteString(a.Title + "\n  " + id + "\n")
	}
	alloc := rules.FormatNumber(a.Allocation) + " " + a.Unit
	if a.Addon > 0 {
		alloc += fmt.Sprintf(" (%s + add-on %s)", rules.FormatNumber(a.Allocation-a.Addon), rules.FormatNumber(a.Addon))
	}
	fmt.Fprintf(b, "  %-10s %s\n", "allocation", alloc)
	if a.OrgUsed > 0 {
		fmt.Fprintf(b, "  %-10s %s (from the org-limits snapshot, counted in the shares)\n", "in use", rules.FormatNumber(a.OrgUsed))
	}
	u1, uX := rules.FormatNumber(a.Usage1x), rules.FormatNumber(a.Usage10x)
	w := max(len(u1), len(uX))
	fmt.Fprintf(b, "  %-10s %*s  %6s  %s\n", "1×", w, u1, rules.FormatPercent(a.Share1x), verdictText(a.Verdict1x))
	fmt.Fprintf(b, "  %-10s %*s  %6s  %s\n", "10×", w, uX, rules.FormatPercent(a.Share10x), verdictText(a.Verdict10x))
	for i, c := range a.TopConsumers {
		label := ""
		if i == 0 {
			label = "most used"
		}
		fmt.Fprintf(b, "  %-10s %*s  %s\n", label, w, rules.FormatNumber(c.Usage), clip(c.Name, textWidth-16-w))
	}
	if a.Note != "" {
		b.Wrap("  note: ", "        ", a.Note)
	}
}

// verdictText spells a verdict so that the bad ones stand out in plain text.
func verdictText(v string) string {
	switch v {
	case rules.VerdictExceeds:
		return "EXCEEDS"
	case rules.VerdictWarn:
		return "warn"
	}
	return "ok"
}

// clip shortens s to n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:max(n-1, 0)]) + "…"
}

// pad right-pads s with spaces to n characters (fmt pads by bytes, not characters).
func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
}

// Count writes "1 integration" or "3 integrations" (and the same for licences and problems).
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return rules.FormatNumber(float64(n)) + " " + noun + "s"
}
