package main

import (
	"context"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/rules"
)

// version is set at build time with -ldflags "-X main.version=…"; fang falls back to the module
// version otherwise.
var version = ""

func newRoot(s, safe streams) *cobra.Command {
	wiz := &wizardOptions{s: s}
	root := &cobra.Command{
		Use:   "sfpattern",
		Short: "Salesforce integration architecture advisor",
		Long: `sfpattern recommends the Salesforce integration pattern and mechanism for one integration,
explains why it won and why every alternative lost, checks the design against the platform's
published limits at the stated volume and at 10x, and lists the failure modes to design for.

` + configHelp(),
		Example: `  # The interactive wizard, then the results
  sfpattern

  # Start from a draft: only what it leaves open is asked
  sfpattern --answers draft.yaml

  # Wizard on the terminal, decision record on stdout
  sfpattern > decision.md

  # Advice for an integration described in a file
  sfpattern recommend --answers answers.yaml

  # The same decision as JSON, with two answers changed
  sfpattern recommend --answers answers.yaml ` + setFlag(rules.RoleTiming, "minutes") + " " + setFlag(rules.RoleDailyVolume, "2M") + ` --format json

  # Add your organisation's own rules
  sfpattern recommend --answers answers.yaml --rules our-policy.yaml`,
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return wiz.run(cmd.Context(), sourceFlags(cmd.Flags(), wiz.rules, wiz.orgFlags))
		},
	}
	addWizardFlags(root, wiz)
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return inputError{err} })
	printing := []*cobra.Command{newRecommendCmd(), newRecordCmd(safe), newCheckCmd(safe), newContractCmd(), newLintCmd(), newSchemaCmd(), newPortfolioCmd(safe), newWhatifCmd(), newConfigCmd()}
	for _, c := range printing {
		escapeOutput(c, safe)
	}
	root.AddCommand(printing...)
	root.AddCommand(newCatalogCmd(s))
	return root
}

// execute runs the command tree through fang, which styles help and errors on a terminal.
func execute(ctx context.Context, root *cobra.Command) error {
	opts := []fang.Option{
		fang.WithoutManpage(),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { printError(w, err) }),
	}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	return fang.Execute(ctx, root, opts...)
}

// unknownCommand refuses a word that names no command (exit 2), listing the commands.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return badInput("unknown command %q; commands are %s", args[0], strings.Join(names, ", "))
}

// noArgs refuses positional arguments as a usage error (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return badInput("unexpected argument %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}
