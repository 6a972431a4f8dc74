package portfolio

import (
	"fmt"
	"io"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// WriteMarkdown writes the portfolio as GitHub-flavoured Markdown tables; file names the
// portfolio in its problems.
func WriteMarkdown(w io.Writer, file string, res *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Integration portfolio\n\n**%s**\n\n%s. %s evaluated.\n\n", res.FirstToBreak.Sentence,
		orgLine(res.Org), Count(len(res.Integrations), "integration"))
	b.WriteString("## Integrations\n\n| # | integration | mechanism | pattern | confidence | warnings |\n|---:|---|---|---|---|---:|\n")
	for _, in := range res.Integrations {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %d |\n", in.Index, cell(in.Name), cell(in.MechanismName),
			cell(in.PatternName), in.Confidence, in.Warnings)
	}
	b.WriteString("\n## Shared allocations\n\n| allocation | per org | usage 1× | share 1× | verdict 1× | usage 10× | share 10× | verdict 10× | most used by (1×) |\n|---|---:|---:|---:|---|---:|---:|---|---|\n")
	var notes []string
	for _, a := range res.Allocations {
		var top []string
		for _, c := range a.TopConsumers {
			top = append(top, cell(c.Name)+" ("+rules.FormatNumber(c.Usage)+")")
		}
		perOrg := rules.FormatNumber(a.Allocation) + " " + cell(a.Unit)
		if a.Addon > 0 {
			perOrg += " (add-on " + rules.FormatNumber(a.Addon) + " included)"
		}
		fmt.Fprintf(&b, "| %s<br>`%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", cell(a.Title), a.Limit, perOrg,
			rules.FormatNumber(a.Usage1x), rules.FormatPercent(a.Share1x), a.Verdict1x,
			rules.FormatNumber(a.Usage10x), rules.FormatPercent(a.Share10x), a.Verdict10x, strings.Join(top, ", "))
		if a.Note != "" {
			notes = append(notes, "`"+a.Limit+"`: "+a.Note)
		}
	}
	if res.Skipped > 0 {
		fmt.Fprintf(&b, "\n## Problems (%s not evaluated)\n\n", Count(res.Skipped, "integration"))
		for _, p := range res.Problems {
			b.WriteString("- " + cell(p.Text(file)) + "\n")
		}
		if res.ProblemsOmitted > 0 {
			fmt.Fprintf(&b, "- … and %s more\n", Count(res.ProblemsOmitted, "problem"))
		}
	}
	b.WriteString("\n## Notes\n\n")
	for _, n := range notes {
		b.WriteString("- " + n + "\n")
	}
	b.WriteString("- Each integration is judged against the org's allocations, add-ons and snapshot included; the shared totals add up all of them.\n")
	fmt.Fprintf(&b, "- Knowledge %s; limits as of %s.\n", res.Knowledge.Version, res.Knowledge.LimitsRelease)
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes text safe inside a GFM table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}
