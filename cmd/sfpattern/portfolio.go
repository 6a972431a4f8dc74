package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/rules"
)

// portfolioOptions are the flags of `sfpattern portfolio`.
type portfolioOptions struct {
	rules  []string
	format string
	failOn string
	strict bool
	orgFlags
}

func newPortfolioCmd(s streams) *cobra.Command {
	var o portfolioOptions
	cmd := &cobra.Command{
		Use:   "portfolio FILE",
		Short: "Judge all of an org's integrations together against the org's shared allocations",
		Long: `Reads a portfolio: the org (edition, licenses, and addons for purchased extras) and its
integrations, each an answers block. Every integration is evaluated on its own; then the usage of
each recommended mechanism is summed per org-wide allocation (daily API requests, event publishing
and delivery, Bulk batches and records, async Apex executions, concurrent long-running requests…)
at the stated volume and at 10x. The first line names the allocation that breaks first.

Integrations take edition and licenses from org (an entry that sets them differently is an
error). addons maps an allocation's limit id to the amount bought on top of it, for example
event_delivery_per_day for the platform event add-on ('sfpattern catalog platform_events' says
what each add-on adds); --addon adds more on top. Each integration is judged against the org's
allocations, add-ons included, and the shared totals add them all up.

--org-limits reads the org's real limits (the JSON of 'sf org list limits --json' or of REST
/limits): their maxima replace the edition's formula, and what the org already uses is counted in
every shared total, so list the integrations that are not live yet.

A bad entry is reported on standard error with its index, name, field and line, and the others are
evaluated; --strict refuses the whole file instead.

Exit 0; 1 with --fail-on when an allocation is over the threshold at the stated volume (1x only:
exceeds, or warn for warn and exceeds; 10x verdicts are reported, never failed on); 2 for
unreadable input, a bad file, or any bad entry with --strict.`,
		Example: `  sfpattern portfolio integrations.yaml
  sfpattern portfolio integrations.yaml --format json
  sfpattern portfolio integrations.yaml --format markdown > portfolio.md
  sfpattern portfolio integrations.yaml --fail-on exceeds --strict   # a CI gate`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput("portfolio needs exactly one file (- for standard input), got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), args[0], cmd.InOrStdin(), cmd.OutOrStdout(), s.err)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.rules, "rules", nil, "add an organisation's rule file (repeatable)")
	textJSONMarkdown.register(f, &o.format)
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when an allocation, at the stated volume, is at this verdict or worse: exceeds or warn")
	f.BoolVar(&o.strict, "strict", false, "refuse the whole file when any integration is bad (exit 2)")
	o.orgFlags.register(f)
	return cmd
}

// portfolioMemoryLimit is the soft memory limit the portfolio command gives the garbage collector
// (unless GOMEMLIMIT is set). A portfolio keeps its parsed entries alive while evaluation makes
// short-lived garbage fast, and by default the heap may grow to twice what is alive: 10,000
// integrations peaked at 115 to 170 MB. With the limit they stay near 90 MB for about 10 % more
// time; a larger portfolio still runs, as the limit is soft.
const portfolioMemoryLimit = 80 << 20

func (o portfolioOptions) run(ctx context.Context, file string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := textJSONMarkdown.check(o.format); err != nil {
		return err
	}
	if o.failOn != "" && o.failOn != rules.VerdictExceeds && o.failOn != rules.VerdictWarn {
		return badInput("--fail-on: unknown verdict %q; use exceeds or warn", o.failOn)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(portfolioMemoryLimit))
	}
	cat, err := loadCatalog(o.rules, stdin)
	if err != nil {
		return err
	}
	if file == "-" && o.orgLimits == "-" {
		return badInput("the portfolio and --org-limits cannot both read standard input")
	}
	org, err := o.org(cat, stdin, nil)
	if err != nil {
		return err
	}
	data, err := readInputLimit(file, stdin, rules.MaxPortfolioSize)
	if err != nil {
		return err
	}
	name := file
	if file == "-" {
		name = "standard input"
	}
	res, err := cat.PortfolioOrg(ctx, name, data, org)
	if err != nil {
		return err
	}
	if err := o.reportProblems(stderr, name, res); err != nil {
		return err
	}
	switch o.format {
	case "json":
		err = writeJSON(stdout, res)
	case "markdown":
		err = writePortfolioMarkdown(stdout, name, res)
	default:
		err = writePortfolioText(stdout, res)
	}
	if err == nil && o.failOn != "" && portfolioFails(res, o.failOn) {
		return errFindings
	}
	return err
}

// reportProblems lists bad entries on standard error; with --strict, or when no entry is left to
// evaluate, they make the run fail with exit 2.
func (o portfolioOptions) reportProblems(stderr io.Writer, file string, res *rules.PortfolioResult) error {
	if !res.Bad() {
		return nil
	}
	for _, p := range res.Problems {
		fmt.Fprintln(stderr, "sfpattern: "+p.Text(file))
	}
	if res.ProblemsOmitted > 0 {
		fmt.Fprintf(stderr, "sfpattern: %s: %s more not listed\n", file, plural(res.ProblemsOmitted, "problem"))
	}
	bad := res.Skipped
	total := bad + len(res.Integrations)
	switch {
	case o.strict:
		return badInput("%s: %s of %d have problems; --strict refuses the file", file, plural(bad, "integration"), total)
	case len(res.Integrations) == 0:
		return badInput("%s: no integration could be evaluated", file)
	}
	fmt.Fprintf(stderr, "sfpattern: %s: %s of %d skipped, %d evaluated (--strict refuses the file)\n",
		file, plural(bad, "integration"), total, len(res.Integrations))
	return nil
}

// portfolioFails applies --fail-on to the verdicts at the stated volume.
func portfolioFails(res *rules.PortfolioResult, failOn string) bool {
	for _, a := range res.Allocations {
		if a.Verdict1x == rules.VerdictExceeds || (failOn == rules.VerdictWarn && a.Verdict1x == rules.VerdictWarn) {
			return true
		}
	}
	return false
}

// portfolioWidth is the width the plain-text portfolio fits in, pipe or terminal.
const portfolioWidth = 80

// writePortfolioText writes the portfolio for a person at a terminal or a pager: the first
// allocation to break, the integrations, then every shared allocation. Plain text, 80 columns.
func writePortfolioText(w io.Writer, res *rules.PortfolioResult) error {
	var b strings.Builder
	wrapText(&b, res.FirstToBreak.Sentence, "", portfolioWidth)
	b.WriteString("\n")
	b.WriteString(orgLine(res.Org) + "\n\n")
	integrationTable(&b, res.Integrations, res.Skipped)
	b.WriteString("\nShared allocations, at the stated volume (1×) and at 10×\n")
	for _, a := range res.Allocations {
		b.WriteString("\n")
		allocationBlock(&b, a)
	}
	b.WriteString("\n")
	wrapText(&b, fmt.Sprintf("Knowledge %s; limits as of %s. Each integration is judged against the org's allocations, add-ons and snapshot included; the shared totals add up all of them.",
		res.Knowledge.Version, res.Knowledge.LimitsRelease), "", portfolioWidth)
	_, err := io.WriteString(w, b.String())
	return err
}

func orgLine(org rules.PortfolioOrg) string {
	line := fmt.Sprintf("Org: %s Edition, %s", org.EditionName, plural(org.Licenses, "licence"))
	if len(org.Addons) > 0 {
		var ads []string
		for _, id := range sortedAddons(org) {
			ads = append(ads, id+" +"+rules.FormatNumber(org.Addons[id]))
		}
		line += "; add-ons: " + strings.Join(ads, ", ")
	}
	return line
}

func sortedAddons(org rules.PortfolioOrg) []string {
	ids := make([]string, 0, len(org.Addons))
	for id := range org.Addons {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// integrationTable lists each integration's recommended mechanism, the name cut to fit 80
// columns; the pattern and confidence are in the JSON and Markdown output.
func integrationTable(b *strings.Builder, ins []rules.PortfolioIntegration, skipped int) {
	numW, mechW := 1, len("mechanism")
	for _, in := range ins {
		numW = max(numW, len(strconv.Itoa(in.Index)))
		mechW = max(mechW, utf8.RuneCountInString(in.MechanismName))
	}
	nameW := max(20, portfolioWidth-2-numW-2-2-mechW)
	b.WriteString(plural(len(ins), "integration") + ", each with its recommended mechanism")
	if skipped > 0 {
		b.WriteString(fmt.Sprintf(" (%d skipped for problems)", skipped))
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "  %*s  %s  %s\n", numW, "#", pad("integration", nameW), "mechanism")
	for _, in := range ins {
		fmt.Fprintf(b, "  %*d  %s  %s\n", numW, in.Index, pad(clip(in.Name, nameW), nameW), in.MechanismName)
	}
}

// allocationBlock writes one allocation: title, value, usage at both scales, largest consumers.
func allocationBlock(b *strings.Builder, a rules.SharedAllocation) {
	id := "[" + a.Limit + "]"
	if utf8.RuneCountInString(a.Title)+2+len(id) <= portfolioWidth {
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
		fmt.Fprintf(b, "  %-10s %*s  %s\n", label, w, rules.FormatNumber(c.Usage), clip(c.Name, portfolioWidth-16-w))
	}
	if a.Note != "" {
		wrapText(b, a.Note, "  note: ", portfolioWidth)
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

// writePortfolioMarkdown writes the portfolio as GitHub-flavoured Markdown tables.
func writePortfolioMarkdown(w io.Writer, file string, res *rules.PortfolioResult) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Integration portfolio\n\n**%s**\n\n%s. %s evaluated.\n\n", res.FirstToBreak.Sentence,
		orgLine(res.Org), plural(len(res.Integrations), "integration"))
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
		fmt.Fprintf(&b, "\n## Problems (%s not evaluated)\n\n", plural(res.Skipped, "integration"))
		for _, p := range res.Problems {
			b.WriteString("- " + cell(p.Text(file)) + "\n")
		}
		if res.ProblemsOmitted > 0 {
			fmt.Fprintf(&b, "- … and %s more\n", plural(res.ProblemsOmitted, "problem"))
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

// plural writes "1 integration" or "3 integrations" (and the same for licences).
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return rules.FormatNumber(float64(n)) + " " + noun + "s"
}

// wrapText writes text wrapped at width, every line after prefix (continuations indented to match).
func wrapText(b *strings.Builder, text, prefix string, width int) {
	indent := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	line := prefix
	used := utf8.RuneCountInString(prefix)
	fresh := true
	for _, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		if !fresh && used+1+n > width {
			b.WriteString(line + "\n")
			line, used, fresh = indent, len(indent), true
		}
		if !fresh {
			line += " "
			used++
		}
		line += word
		used += n
		fresh = false
	}
	b.WriteString(line + "\n")
}
