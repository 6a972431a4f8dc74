package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/portfolio"
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
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput("portfolio needs exactly one file (- for standard input), got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), sourceFlags(cmd.Flags(), o.rules, o.orgFlags), args[0], cmd.InOrStdin(), cmd.OutOrStdout(), s.err)
		},
	}
	f := cmd.Flags()
	registerRules(f, &o.rules, "add an organisation's rule file, after the configuration's (repeatable)")
	textJSONMarkdown.register(f, &o.format)
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when an allocation, at the stated volume, is at this verdict or worse: exceeds or warn")
	f.BoolVar(&o.strict, "strict", false, "refuse the whole file when any integration is bad (exit 2)")
	o.registerOrg(f)
	return cmd
}

func (o portfolioOptions) run(ctx context.Context, flags config.Settings, file string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := textJSONMarkdown.check(o.format); err != nil {
		return err
	}
	if o.failOn != "" && o.failOn != rules.VerdictExceeds && o.failOn != rules.VerdictWarn {
		return badInput("--fail-on: unknown verdict %q; use exceeds or warn", o.failOn)
	}
	cfg, err := config.Load(flags)
	if err != nil {
		return err
	}
	cat, defaults, err := catalogWithDefaults(cfg, stdin)
	if err != nil {
		return err
	}
	if file == "-" && cfg.OrgLimits == "-" {
		return badInput("the portfolio and --org-limits cannot both read standard input")
	}
	org, err := orgOf(cfg, cat, stdin, nil)
	if err != nil {
		return err
	}
	data, err := readInputLimit(file, stdin, portfolio.MaxSize)
	if err != nil {
		return err
	}
	name := file
	if file == "-" {
		name = stdinName
	}
	res, err := portfolio.EvaluateWith(ctx, cat, name, data, org, defaults)
	if err != nil {
		return err
	}
	if err := o.reportProblems(stderr, name, res); err != nil {
		return err
	}
	switch o.format {
	case formatJSON:
		err = writePortfolioJSON(stdout, res)
	case formatMarkdown:
		err = portfolio.WriteMarkdown(stdout, name, res)
	default:
		err = portfolio.WriteText(stdout, res)
	}
	if err == nil && o.failOn != "" && res.Fails(o.failOn) {
		return errFindings
	}
	return err
}

// reportProblems lists bad entries on standard error; with --strict, or when no entry is left to
// evaluate, they make the run fail with exit 2.
func (o portfolioOptions) reportProblems(stderr io.Writer, file string, res *portfolio.Result) error {
	if !res.Bad() {
		return nil
	}
	for _, p := range res.Problems {
		notef(stderr, "sfpattern: %s\n", p.Text(file))
	}
	if res.ProblemsOmitted > 0 {
		notef(stderr, "sfpattern: %s: %s more not listed\n", file, portfolio.Count(res.ProblemsOmitted, "problem"))
	}
	bad := res.Skipped
	total := bad + len(res.Integrations)
	switch {
	case o.strict:
		return badInput("%s: %s of %d have problems; --strict refuses the file", file, portfolio.Count(bad, "integration"), total)
	case len(res.Integrations) == 0:
		return badInput("%s: no integration could be evaluated", file)
	}
	notef(stderr, "sfpattern: %s: %s of %d skipped, %d evaluated (--strict refuses the file)\n",
		file, portfolio.Count(bad, "integration"), total, len(res.Integrations))
	return nil
}

// writePortfolioJSON writes the result as writeJSON does; to a pipe or a file it streams the
// integrations rather than building the whole text first.
func writePortfolioJSON(w io.Writer, res *portfolio.Result) error {
	if isTerminal(w) {
		return writeJSON(w, res)
	}
	return portfolio.WriteJSON(w, res)
}
