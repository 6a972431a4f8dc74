package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules/record"
)

// recordOptions are the flags of `sfpattern record`.
type recordOptions struct {
	answerFlags
	output string
	force  bool
	date   string
	frontMatter
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

By default the record goes to the decisions folder (docs/decisions unless the project's
configuration says otherwise; see 'sfpattern --help') as NNNN-title.md with the next free number.
-o names another folder (next number there), a file ending in .md, or - for standard output. The
file is written atomically and an existing file is never replaced without --force. The date is
today's, or --date, or SOURCE_DATE_EPOCH when set.

--status, --decision-makers, --consulted and --informed default to the configuration's status,
decision_makers, consulted and informed. A flag given empty still wins: --status "" is proposed,
and --decision-makers "" lists no one.`,
		Example: `  sfpattern record --answers answers.yaml
  sfpattern record --answers a.yaml -o - --status accepted --decision-makers "Ana, Raj"
  sfpattern record --answers a.yaml -o docs/adr --consulted "Integration CoE"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), o.given(cmd.Flags()), cmd.InOrStdin(), cmd.OutOrStdout(), s.err)
		},
	}
	f := cmd.Flags()
	o.answerFlags.register(f)
	f.StringVarP(&o.output, "output", "o", "", "folder (next number), FILE.md, or - for standard output (default: the decisions folder, "+config.DefaultDecisionsDir+" unless configured)")
	f.BoolVar(&o.force, "force", false, "replace an existing file")
	f.StringVar(&o.date, "date", "", "the record's date, YYYY-MM-DD (default today, or SOURCE_DATE_EPOCH)")
	o.frontMatter.register(f)
	return cmd
}

// given passes the flags the user set that the configuration also gives (the record's front
// matter, the rules and the org) to the configuration, which they override.
func (o recordOptions) given(f *pflag.FlagSet) config.Settings {
	s := o.settings(f)
	o.into(f, &s)
	return s
}

// frontMatter are the flags of a record's status and people, which the configuration also
// gives: record's, and config's to show what record would use.
type frontMatter struct {
	status         string
	decisionMakers []string
	consulted      []string
	informed       []string
}

func (m *frontMatter) register(f *pflag.FlagSet) {
	f.StringVar(&m.status, "status", "", "the record's status: "+strings.Join(record.Statuses, ", ")+", or \"superseded by ADR-0123\" (default: the configuration's, else proposed)")
	f.StringArrayVar(&m.decisionMakers, "decision-makers", nil, `who decides, comma-separated ("Ana, Raj"; repeatable)`)
	f.StringArrayVar(&m.consulted, "consulted", nil, "whose opinion is sought, comma-separated (repeatable)")
	f.StringArrayVar(&m.informed, "informed", nil, "who is kept informed, comma-separated (repeatable)")
}

// into passes the front-matter flags the user set to s.
func (m frontMatter) into(f *pflag.FlagSet, s *config.Settings) {
	if f.Changed("status") {
		s.Status = &m.status
	}
	names := func(flag string, values []string) *[]string {
		if !f.Changed(flag) {
			return nil
		}
		list := people(values)
		return &list
	}
	s.DecisionMakers = names("decision-makers", m.decisionMakers)
	s.Consulted = names("consulted", m.consulted)
	s.Informed = names("informed", m.informed)
}

func (o recordOptions) run(ctx context.Context, flags config.Settings, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := config.Load(flags)
	if err != nil {
		return err
	}
	if o.output == "" {
		o.output = cfg.DecisionsDir
	}
	meta, err := o.meta(cfg.Record)
	if err != nil {
		return err
	}
	cat, d, err := o.decide(cfg, stdin)
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
	path, err := o.write(ctx, buf.Bytes(), record.Title(d))
	if err != nil {
		return err
	}
	notef(stderr, "Wrote %s\n", path)
	return nil
}

// write puts the record where -o says, through internal/atomicfile: a file the user named is
// replaced only with --force; in a folder the record claims the next free number, and a number
// another run takes first is no conflict, it just moves this record to the next one. Folders
// are created on the way, and removed again if the write fails.
func (o recordOptions) write(ctx context.Context, data []byte, title string) (string, error) {
	target, numbered, err := recordTarget(o.output)
	if err != nil {
		return "", err
	}
	if !numbered {
		err := atomicfile.Write(ctx, target, data, atomicfile.Options{Force: o.force, MakeDirs: true})
		if errors.Is(err, fs.ErrExist) {
			return "", badInput("%s: already exists; use --force to replace it", target)
		}
		return target, writeError(err)
	}
	parts := []atomicfile.Part{{Name: func(n int) string { return record.FileName(n, title) }, Data: data}}
	paths, err := atomicfile.CreateNumbered(ctx, target, record.Numbering(), parts, atomicfile.Options{MakeDirs: true})
	if err != nil {
		return "", writeError(err)
	}
	return paths[0], nil
}

// writeError gives a failed write its exit code: a folder that cannot take the file, or has no
// number left, is bad input (the user chose the place); Ctrl-C stays an interruption; anything
// else, such as a full disk, is a failure.
func writeError(err error) error {
	if errors.Is(err, atomicfile.ErrFolder) || errors.Is(err, atomicfile.ErrFull) {
		return badInput("%v", err)
	}
	return err
}

// meta checks the record's front matter before any work is done. The configuration has checked
// what came from the environment and its files, so what is left to refuse came from a flag.
func (o recordOptions) meta(defaults config.Record) (record.Meta, error) {
	status, err := record.ParseStatus(defaults.Status)
	if err != nil {
		return record.Meta{}, badInput("--status: %v", err)
	}
	if bad := safetext.Check(status); bad != "" {
		return record.Meta{}, badInput("--status: contains %s; expected plain text on one line", bad)
	}
	date, err := recordDate(o.date)
	if err != nil {
		return record.Meta{}, err
	}
	m := defaults.Meta(date)
	m.Status = status
	for _, f := range []struct {
		flag  string
		names []string
	}{{"--decision-makers", m.DecisionMakers}, {"--consulted", m.Consulted}, {"--informed", m.Informed}} {
		for _, name := range f.names {
			if bad := safetext.Check(name); bad != "" { // a name goes into the record's front matter
				return record.Meta{}, badInput("%s: %q contains %s; expected plain names", f.flag, name, bad)
			}
		}
	}
	return m, nil
}

// people splits "Ana, Raj" flags into names; none is an empty list, which still overrides the
// configuration.
func people(flags []string) []string {
	out := make([]string, 0, len(flags))
	for _, f := range flags {
		out = append(out, config.SplitNames(f)...)
	}
	return out
}

// recordDate is the date a record carries: --date, else SOURCE_DATE_EPOCH (reproducible output,
// as in reproducible-builds.org's convention), else today. A date outside what a record can
// carry (before 1970, after year 9999) is refused, never turned into another date.
func recordDate(flag string) (time.Time, error) {
	if flag != "" {
		return parseDateFlag(flag)
	}
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		return parseEpoch(epoch)
	}
	return time.Now(), nil
}

// firstRecordDay and lastRecordSecond bound a record's date: the Unix epoch, since a negative
// SOURCE_DATE_EPOCH is a mistake rather than a decision taken in the 1960s, and the last second
// whose year YYYY-MM-DD can write.
var (
	firstRecordDay   = time.Unix(0, 0).UTC()
	lastRecordSecond = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// dateShape recognises a date written with a sign or a year longer than four digits, which
// time.Parse refuses without saying why.
var dateShape = regexp.MustCompile(`^([+-]?)(\d+)-\d\d-\d\d$`)

func parseDateFlag(flag string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, flag)
	var pe *time.ParseError
	m := dateShape.FindStringSubmatch(flag)
	switch {
	case err == nil && t.Before(firstRecordDay), err != nil && m != nil && m[1] == "-":
		return time.Time{}, badInput("--date: %q is before 1970; use YYYY-MM-DD from 1970-01-01 on", flag)
	case err == nil:
		return t, nil
	case m != nil && len(m[2]) > 4:
		return time.Time{}, badInput("--date: %q is beyond year 9999; use YYYY-MM-DD", flag)
	case errors.As(err, &pe) && pe.Message != "":
		return time.Time{}, badInput("--date: %q is not a date (%s); use YYYY-MM-DD", flag, strings.TrimPrefix(pe.Message, ": "))
	}
	return time.Time{}, badInput("--date: %q is not a date; use YYYY-MM-DD", flag)
}

// parseEpoch reads SOURCE_DATE_EPOCH, which the convention defines as the decimal digits that
// `date +%s` prints: no sign, no fraction, no exponent, no spaces.
func parseEpoch(epoch string) (time.Time, error) {
	digits := strings.TrimPrefix(epoch, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return time.Time{}, badInput("SOURCE_DATE_EPOCH: %q is not a whole number of seconds since 1970 (digits only, as date +%%s prints)", epoch)
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	switch {
	case secs < 0:
		return time.Time{}, badInput("SOURCE_DATE_EPOCH: %q is negative, a time before 1970", epoch)
	case err != nil || secs > lastRecordSecond.Unix():
		return time.Time{}, badInput("SOURCE_DATE_EPOCH: %q is beyond year 9999 (the largest is %d)", epoch, lastRecordSecond.Unix())
	}
	return time.Unix(secs, 0).UTC(), nil
}

// recordTarget resolves -o, or the decisions folder when -o is not given: an existing folder, or
// a new path not ending in .md, is a folder that numbers the record (numbered is true); a path
// ending in .md is the file itself. Nothing is created here: the write creates what is missing.
func recordTarget(output string) (target string, numbered bool, err error) {
	info, err := os.Stat(output)
	isMD := strings.EqualFold(filepath.Ext(output), ".md")
	switch {
	case err == nil && info.IsDir():
		return output, true, nil
	case err == nil && isMD:
		return output, false, nil // refused at the write unless --force
	case err == nil:
		return "", false, badInput("%s: is a file, not a folder; -o takes a folder, a file ending in .md, or -", output)
	case !errors.Is(err, fs.ErrNotExist):
		return "", false, badInput("%s: %v", output, unwrapPath(err))
	}
	return output, !isMD, nil
}
