package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/advisor/record"
)

// defaultDecisionsDir is where MADR keeps decision records, and where `record` writes and
// `check` looks unless told otherwise.
const defaultDecisionsDir = "docs/decisions"

// recordOptions are the flags of `sfpattern record`.
type recordOptions struct {
	answerFlags
	output         string
	force          bool
	status         string
	date           string
	decisionMakers []string
	consulted      []string
	informed       []string
}

func newRecordCmd(s streams) *cobra.Command {
	var o recordOptions
	cmd := &cobra.Command{
		Use:   "record",
		Short: "Write the decision as a MADR 4.0 decision record",
		Long: `Evaluates the answers and writes the decision as a Markdown decision record (MADR 4.0.0): front
matter, context, drivers, every option with its pros and cons, the outcome with its consequences
and how to confirm it, capacity at 1x and 10x, failure modes, a recovery runbook, the pattern's
sequence diagram, the sources, and a block of answers that 'sfpattern check' replays later.

By default the record goes to docs/decisions/NNNN-title.md with the next free number. -o names
another folder (next number there), a file ending in .md, or - for standard output. The file is
written atomically and an existing file is never replaced without --force. The date is today's,
or --date, or SOURCE_DATE_EPOCH when set.`,
		Example: `  sfpattern record --answers answers.yaml
  sfpattern record --answers a.yaml -o - --status accepted --decision-makers "Ana, Raj"
  sfpattern record --answers a.yaml -o docs/adr --consulted "Integration CoE"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), s.err)
		},
	}
	f := cmd.Flags()
	o.register(f)
	f.StringVarP(&o.output, "output", "o", "", "folder (next number), FILE.md, or - for standard output (default docs/decisions)")
	f.BoolVar(&o.force, "force", false, "replace an existing file")
	f.StringVar(&o.status, "status", "proposed", "the record's status: "+strings.Join(record.Statuses, ", ")+", or \"superseded by ADR-0123\"")
	f.StringVar(&o.date, "date", "", "the record's date, YYYY-MM-DD (default today, or SOURCE_DATE_EPOCH)")
	f.StringArrayVar(&o.decisionMakers, "decision-makers", nil, `who decides, comma-separated ("Ana, Raj"; repeatable)`)
	f.StringArrayVar(&o.consulted, "consulted", nil, "whose opinion is sought, comma-separated (repeatable)")
	f.StringArrayVar(&o.informed, "informed", nil, "who is kept informed, comma-separated (repeatable)")
	return cmd
}

func (o recordOptions) run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) error {
	meta, err := o.meta()
	if err != nil {
		return err
	}
	cat, d, err := o.decide(stdin)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := record.Write(&buf, cat, d, meta); err != nil {
		return err
	}
	if o.output == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	path, err := recordPath(o.output, record.Title(d))
	if err != nil {
		return err
	}
	if err := writeFileAtomic(ctx, path, o.force, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "Wrote "+path)
	return nil
}

// meta checks the record's own flags before any work is done.
func (o recordOptions) meta() (record.Meta, error) {
	status, err := record.ParseStatus(o.status)
	if err != nil {
		return record.Meta{}, badInput("--status: %v", err)
	}
	date, err := recordDate(o.date)
	if err != nil {
		return record.Meta{}, err
	}
	return record.Meta{Status: status, Date: date, DecisionMakers: people(o.decisionMakers),
		Consulted: people(o.consulted), Informed: people(o.informed)}, nil
}

// people splits "Ana, Raj" flags into names.
func people(flags []string) []string {
	var out []string
	for _, f := range flags {
		for name := range strings.SplitSeq(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// recordDate is the date a record carries: --date, else SOURCE_DATE_EPOCH (reproducible output,
// as in reproducible-builds.org's convention), else today.
func recordDate(flag string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.DateOnly, flag)
		if err != nil {
			return time.Time{}, badInput("--date: %q is not a date; use YYYY-MM-DD", flag)
		}
		return t, nil
	}
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, badInput("SOURCE_DATE_EPOCH: %q is not a whole number of seconds", epoch)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return time.Now(), nil
}

// recordPath resolves -o: empty means the default folder; an existing folder, or a new path
// not ending in .md, is a folder (created if missing) that gets the next number; a path ending
// in .md is the file itself (its folder created if missing).
func recordPath(output, title string) (string, error) {
	if output == "" {
		output = defaultDecisionsDir
	}
	info, err := os.Stat(output)
	isMD := strings.EqualFold(filepath.Ext(output), ".md")
	switch {
	case err == nil && info.IsDir():
		return nextRecordPath(output, title)
	case err == nil && isMD:
		return output, nil // refused later unless --force
	case err == nil:
		return "", badInput("%s: is a file, not a folder; -o takes a folder, a file ending in .md, or -", output)
	case !errors.Is(err, fs.ErrNotExist):
		return "", badInput("%s: %v", output, unwrapPath(err))
	case isMD:
		if err := makeFolder(filepath.Dir(output)); err != nil {
			return "", err
		}
		return output, nil
	}
	if err := makeFolder(output); err != nil {
		return "", err
	}
	return nextRecordPath(output, title)
}

func nextRecordPath(dir, title string) (string, error) {
	path, err := record.NextPath(dir, title)
	if err != nil {
		return "", badInput("%v", err)
	}
	return path, nil
}

func makeFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return badInput("%s: cannot create the folder: %v", dir, unwrapPath(err))
	}
	return nil
}
