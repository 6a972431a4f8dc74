package main

import (
	"context"
	"io"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/rules"
)

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
	printing := []*cobra.Command{newRecommendCmd(), newRecordCmd(safe), newCheckCmd(safe), newContractCmd(), newLintCmd(), newSchemaCmd(), newPortfolioCmd(safe), newWhatifCmd(), newManCmd(), newConfigCmd()}
	for _, c := range printing {
		escapeOutput(c, safe)
	}
	root.AddCommand(printing...)
	root.AddCommand(newCatalogCmd(s))
	registerCompletions(root)
	return root
}

// execute runs the command tree through fang, which styles help and errors on a terminal.
func execute(ctx context.Context, root *cobra.Command) error {
	var k *rules.Knowledge
	if cat, err := embedded(); err == nil {
		k = &cat.Knowledge
	}
	return fang.Execute(ctx, root,
		fang.WithoutManpage(), // newManCmd replaces it
		fang.WithVersion(versionText(build(), k)),
		fang.WithErrorHandler(errorHandler(root.ErrOrStderr())),
	)
}

// errorHandler prints a command's error in fang's style when stderr is a terminal, and as plain
// "sfpattern: …" lines otherwise, which scripts and logs read line by line.
func errorHandler(stderr io.Writer) fang.ErrorHandler {
	styled := isTerminal(stderr)
	return func(w io.Writer, st fang.Styles, err error) {
		if styled {
			printStyledError(w, st, err)
			return
		}
		printError(w, err)
	}
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
