package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// errFindings makes lint exit 1 when a contract has findings at error level; the findings are
// already printed, so the error carries no message of its own.
var errFindings = errors.New("")

// lintOptions are the flags of `sfpattern lint`.
type lintOptions struct {
	rules  []string
	format string
}

func newLintCmd() *cobra.Command {
	var o lintOptions
	cmd := &cobra.Command{
		Use:   "lint FILE...",
		Short: "Check filled-in integration contracts: schema, TODOs left, and the engine's advice",
		Long: `Validates each contract against its JSON Schema (unknown keys and wrong types are errors with
their line), reports every TODO left, and re-runs the engine on the contract's own facts: a
contract whose mechanism the engine rules out, whose volume breaks a limit, or whose error path
lacks a dead-letter queue, retries or an idempotency key gets an error that says why.

Exit 0 when clean (warnings allowed), 1 with findings at error level, 2 for unreadable input.`,
		Example: `  sfpattern lint contract.yaml
  sfpattern lint contracts/*.yaml --format json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInput("lint needs at least one contract file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), sourceFlags(cmd.Flags(), o.rules, orgFlags{}), args, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	registerRules(f, &o.rules, "add an organisation's rule file, after the configuration's (repeatable)")
	textOrJSON.register(f, &o.format)
	return cmd
}

func (o lintOptions) run(ctx context.Context, flags config.Settings, files []string, stdin io.Reader, stdout io.Writer) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	_, cat, err := configuredCatalog(flags, stdin)
	if err != nil {
		return err
	}
	linter, err := contract.NewLinter(cat)
	if err != nil {
		return err
	}
	findings := []contract.Finding{}
	for _, file := range files {
		if err := ctx.Err(); err != nil { // Ctrl-C: stop between files, print nothing
			return err
		}
		data, err := readInput(file, stdin)
		if err != nil {
			return err
		}
		fs, err := linter.Lint(file, data)
		if err != nil {
			return err
		}
		findings = append(findings, fs...)
	}
	errs := countLevel(findings, contract.LevelError)
	if o.format == formatJSON {
		err = writeJSON(stdout, map[string]any{
			"findings": findings, "errors": errs,
			"warnings": countLevel(findings, contract.LevelWarning), "files": len(files),
		})
	} else {
		err = writeFindings(stdout, findings, len(files))
	}
	if err == nil && errs > 0 {
		return errFindings
	}
	return err
}

func countLevel(findings []contract.Finding, level string) int {
	n := 0
	for _, f := range findings {
		if f.Level == level {
			n++
		}
	}
	return n
}

func writeFindings(w io.Writer, findings []contract.Finding, files int) error {
	for _, f := range findings {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d file(s): %d error(s), %d warning(s)\n", files,
		countLevel(findings, contract.LevelError), countLevel(findings, contract.LevelWarning))
	return err
}
