package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/advisor"
	"github.com/sfpattern/sfpattern/rules/reference"
)

// catalogOptions are the flags of `sfpattern catalog`.
type catalogOptions struct {
	list bool
	s    streams
}

func newCatalogCmd(s streams) *cobra.Command {
	o := catalogOptions{s: s}
	cmd := &cobra.Command{
		Use:   "catalog [ID]",
		Short: "Browse the mechanisms, patterns and failure modes, or print one page as Markdown",
		Long: `Without an argument on a terminal, opens the catalogue browser: every mechanism, pattern and
failure mode, filtered with /, its page beside the list. With an ID, prints that page as
Markdown on standard output. --list prints every ID with its kind.`,
		Example: `  sfpattern catalog
  sfpattern catalog bulk_api
  sfpattern catalog --list`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeCatalogID,
		RunE:              func(cmd *cobra.Command, args []string) error { return o.run(cmd.Context(), args) },
	}
	cmd.Flags().BoolVar(&o.list, "list", false, "list every page id with its kind and title")
	return cmd
}

func (o catalogOptions) run(ctx context.Context, args []string) error {
	cat, err := loadCatalog(nil, o.s.in)
	if err != nil {
		return err
	}
	switch {
	case len(args) == 1:
		page, err := reference.Page(cat, args[0])
		if err != nil {
			return badInput("%v", err)
		}
		_, err = io.WriteString(o.s.out, page)
		return err
	case o.list || !isTerminal(o.s.in) || !isTerminal(o.s.err):
		var b strings.Builder
		for _, e := range reference.Entries(cat) {
			fmt.Fprintf(&b, "%-40s %-13s %s\n", e.ID, e.Kind, e.Title)
		}
		_, err = io.WriteString(o.s.out, b.String())
		return err
	}
	err = advisor.Browse(ctx, advisor.BrowseOptions{Catalog: cat, Input: o.s.in, Output: o.s.err})
	if errors.Is(err, advisor.ErrAborted) {
		return context.Canceled
	}
	return err
}
