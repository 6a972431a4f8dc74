package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCmd is `sfpattern man`: the whole command tree as a roff page of section 1, built from
// the same help texts `--help` shows, so the two never disagree. fang has a man command of its
// own, switched off because it writes to the process's standard output rather than the
// command's, which tests and the escaping writer rely on, and dates the page with the clock.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (roff) for man(1)",
		Long: `Prints sfpattern's manual page in roff, section 1: every command with its flags, and the exit
statuses. The page is dated SOURCE_DATE_EPOCH when set, else the commit the binary was built from.`,
		Example: `  sfpattern man | man -l -
  sfpattern man > ~/.local/share/man/man1/sfpattern.1`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			date, err := manDate()
			if err != nil {
				return err
			}
			return printManPage(cmd.OutOrStdout(), cmd.Root(), date)
		},
	}
}

// exitStatuses is the man page's EXIT STATUS section.
var exitStatuses = fmt.Sprintf(`%d  success, and for check and lint: nothing found
%d  findings (stale records, contract errors, an allocation at --fail-on), or a failure
%d  bad usage or bad input; the message names the file and line
%d  interrupted`, exitOK, exitFailure, exitInput, exitAborted)

// printManPage writes root's command tree as a roff page dated date ("" for none).
func printManPage(w io.Writer, root *cobra.Command, date string) error {
	page := mango.NewManPage(1, root.Name(), root.Short).
		WithLongDescription(manParagraphs(root.Long)).
		WithSection("Exit status", exitStatuses)
	addManFlags(&page.Root, root)
	for _, c := range root.Commands() {
		addManCommand(&page.Root, c)
	}
	text := page.Build(roff.NewDocument())
	_, err := io.WriteString(w, datePage(text, date))
	return err
}

// addManCommand adds c and its subcommands to parent, leaving out what help leaves out.
func addManCommand(parent *mango.Command, c *cobra.Command) {
	if !c.IsAvailableCommand() || c.Name() == "help" {
		return
	}
	item := mango.NewCommand(c.Name(), c.Short, c.Use)
	addManFlags(item, c)
	for _, sub := range c.Commands() {
		addManCommand(item, sub)
	}
	_ = parent.AddCommand(item) // names are unique among a command's children: cobra's own rule
}

// addManFlags lists c's flags on item, --help aside (every command has it). mango writes a
// flag as its prefix before the shorthand and before the name; a name given with one dash of
// its own under the single-dash prefix comes out as "-f --format", which is how the flags are
// typed.
func addManFlags(item *mango.Command, c *cobra.Command) {
	c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		flag := mango.Flag{Name: f.Name, Usage: f.Usage, PFlag: true}
		if f.Shorthand != "" {
			flag = mango.Flag{Name: "-" + f.Name, Short: f.Shorthand, Usage: f.Usage}
		}
		_ = item.AddFlag(flag) // a flag set holds each name once
	})
}

// manParagraphs joins a help text's wrapped lines into paragraphs, which roff fills to the
// reader's width; an indented block (an example) keeps its lines.
func manParagraphs(text string) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if strings.HasPrefix(para, " ") {
			out = append(out, para)
			continue
		}
		out = append(out, strings.Join(strings.Fields(para), " "))
	}
	return strings.Join(out, "\n")
}

// pageDate is the date mango writes in the title line, which it takes from the clock.
var pageDate = regexp.MustCompile(`"\d{4}-\d{2}-\d{2}"`)

// datePage puts date in the page's title line in place of the day it was generated.
func datePage(page, date string) string {
	title, rest, _ := strings.Cut(page, "\n")
	return pageDate.ReplaceAllLiteralString(title, `"`+date+`"`) + "\n" + rest
}

// manDate is the page's date: SOURCE_DATE_EPOCH when set (reproducible builds), else the day
// of the commit the binary was built from, else none.
func manDate() (string, error) {
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		t, err := parseEpoch(epoch)
		if err != nil {
			return "", err
		}
		return t.UTC().Format(time.DateOnly), nil
	}
	if t, ok := build().time(); ok {
		return t.UTC().Format(time.DateOnly), nil
	}
	return "", nil
}
