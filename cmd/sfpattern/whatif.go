package main

import (
	"context"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/whatif"
)

// whatifOptions are the flags of `sfpattern whatif`.
type whatifOptions struct {
	answerFlags
	format string
}

func newWhatifCmd() *cobra.Command {
	var o whatifOptions
	cmd := &cobra.Command{
		Use:   "whatif",
		Short: "Show where the advice changes: thresholds of each number, effect of each other choice",
		Long: `Searches the engine around one integration's answers. For every number (records a day, records
per run, subscribers, downtime, payload, licences) it finds each exact value, above and below the
stated one, at which the recommended mechanism or pattern changes or a capacity verdict of the
recommended mechanism changes (ok, warn, exceeds). For every choice it evaluates each other value
and says what the recommendation becomes.

Each number moves alone while the other answers stay as given. A value the answers' checks refuse
is out of reach, except that ` + idOf(rules.RoleRunVolume) + ` follows ` + idOf(rules.RoleDailyVolume) + ` down when the daily volume
falls below it; the output notes where either happened.

Answers come from --answers (YAML or JSON, or a decision record; "-" reads standard input), with
--set field=value overriding single fields.`,
		Example: `  sfpattern whatif --answers answers.yaml
  sfpattern whatif --answers answers.yaml ` + setFlag(rules.RoleConsumers, "5") + ` --format json
  sfpattern whatif --answers docs/decisions/0001-use-platform-events-for-order-status.md`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), o.settings(cmd.Flags()), cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	o.register(f)
	textOrJSON.register(f, &o.format)
	return cmd
}

// searchGCPercent is the collector's target while the what-if search runs, unless GOGC is set.
// The search makes a few megabytes of garbage that dies at once (its evaluations are bounded by
// whatIfBudget per job) over a live heap of a few megabytes, so at the default target the
// collector ran several times for nothing it could keep small; this costs a few megabytes of
// peak memory and nothing that grows with the input.
const searchGCPercent = 400

func (o whatifOptions) run(ctx context.Context, flags config.Settings, stdin io.Reader, stdout io.Writer) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	cfg, err := config.Load(flags)
	if err != nil {
		return err
	}
	l, err := o.load(cfg, stdin)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(searchGCPercent))
	}
	wi, err := whatif.Search(ctx, l.cat, l.answers, l.org)
	if err != nil {
		return err
	}
	for i := len(l.warnings) - 1; i >= 0; i-- { // an ignored answer is worth knowing first
		wi.Notes = append([]string{l.warnings[i].Message}, wi.Notes...)
	}
	if o.format == formatJSON {
		return writeJSON(stdout, wi)
	}
	return whatif.WriteText(stdout, l.cat, wi, textWidth(stdout))
}
