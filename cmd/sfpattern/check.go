package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// checkOptions are the flags of `sfpattern check`.
type checkOptions struct {
	rules  []string
	format string
	orgFlags
}

func newCheckCmd(s streams) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Replay decision records under today's rules and limits and list the stale ones",
		Long: `Replays the answers block of every decision record under the current knowledge base and lists
the records whose recommendation (mechanism or pattern) or capacity verdicts would now differ,
with each difference. A PATH is a record or a folder of records (its *.md files); the default is
the decisions folder (docs/decisions unless the project's configuration says otherwise; see
'sfpattern --help'), and when that does not exist yet check says so and checks nothing (exit 0).
The configuration's rule files and org apply as --rules, --org-limits and --addon do. A Markdown
file without an answers block is skipped with a note, and so is anything that is not a regular
file (a named pipe or a device called *.md is never opened for reading).

Exit 0 when every record still holds (skipped files aside), 1 when any is stale, 2 for
unreadable input (a missing path, a corrupted answers block).

Each record is replayed against the org figures it stored (its snapshot and add-ons), so a
difference is a change of rules or limits, and the rule that moved a recommendation is named.
With --org-limits (or --addon) the records are also replayed against the org as it is now, and
what that changes is listed apart, as a change of the org.`,
		Example: `  sfpattern check
  sfpattern check docs/decisions/0003-use-bulk-api-2-0-for-invoices.md
  sfpattern check docs/decisions --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), sourceFlags(cmd.Flags(), o.rules, o.orgFlags), args, cmd.InOrStdin(), cmd.OutOrStdout(), s.err)
		},
	}
	f := cmd.Flags()
	registerRules(f, &o.rules, "add an organisation's rule file, as when the records were written, after the configuration's (repeatable)")
	o.registerOrg(f)
	textOrJSON.register(f, &o.format)
	return cmd
}

// A checked record's status: replayed with the same outcome or another, or not replayed.
const (
	statusCurrent    = "current"
	statusStale      = "stale"
	statusSkipped    = "skipped"
	statusUnreadable = "unreadable"
)

// checkedRecord is one record's outcome, as `check --format json` reports it.
type checkedRecord struct {
	record.Result
	// Status is current, stale, skipped or unreadable.
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

// checkSummary counts the outcomes; checked counts the records replayed (current and stale).
type checkSummary struct {
	Checked    int `json:"checked"`
	Stale      int `json:"stale"`
	Skipped    int `json:"skipped"`
	Unreadable int `json:"unreadable"`
}

func (o checkOptions) run(ctx context.Context, flags config.Settings, paths []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	cfg, cat, err := configuredCatalog(flags, stdin)
	if err != nil {
		return err
	}
	org, err := orgOf(cfg, cat, stdin, nil)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		if _, err := os.Stat(cfg.DecisionsDir); errors.Is(err, fs.ErrNotExist) {
			// No records yet is no unreadable input: say so, and check nothing.
			notef(stderr, "sfpattern: no decision records to check: the decisions folder %s (%s) does not exist; 'sfpattern record' writes the first, or give a PATH\n",
				safetext.Name(cfg.DecisionsDir), cfg.Origin(config.KeyDecisions))
			return o.report(stdout, cat, nil, checkSummary{})
		}
		paths = []string{cfg.DecisionsDir}
	}
	var results []checkedRecord
	var sum checkSummary
	for _, file := range expandRecordPaths(paths, func(err error) {
		printError(stderr, err)
		sum.Unreadable++
	}) {
		if err := ctx.Err(); err != nil { // Ctrl-C: stop between records, report nothing
			return err
		}
		res := checkOne(cat, file, org, stderr)
		results = append(results, res)
		switch res.Status {
		case statusStale:
			sum.Checked++
			sum.Stale++
		case statusCurrent:
			sum.Checked++
		case statusSkipped:
			sum.Skipped++
		default:
			sum.Unreadable++
		}
	}
	if err := o.report(stdout, cat, results, sum); err != nil {
		return err
	}
	switch {
	case sum.Unreadable > 0:
		return badInput("check: %d unreadable (see above)", sum.Unreadable)
	case sum.Stale > 0:
		return errFindings // the stale records are the message
	}
	return nil
}

// checkOne replays one record; skips and problems are told on stderr as they happen.
func checkOne(cat *rules.Catalog, file string, org *rules.Org, stderr io.Writer) checkedRecord {
	data, err := readRegularFile(file, rules.MaxFileSize)
	var irregular *notRegularError
	if errors.As(err, &irregular) { // a pipe or device named *.md: reading it could block for ever
		notef(stderr, "sfpattern: %s: skipped: %s\n", safetext.Name(file), irregular.reason())
		return checkedRecord{Result: record.Result{File: file, Differences: []string{}}, Status: statusSkipped, Note: irregular.reason()}
	}
	if err != nil {
		printError(stderr, err)
		return checkedRecord{Result: record.Result{File: file, Differences: []string{}}, Status: statusUnreadable, Note: err.Error()}
	}
	res, err := record.Check(cat, file, data, org)
	switch {
	case errors.Is(err, record.ErrNoAnswers):
		notef(stderr, "sfpattern: %s: skipped: no sfpattern-answers block\n", safetext.Name(file))
		return checkedRecord{Result: res, Status: statusSkipped, Note: "no sfpattern-answers block"}
	case err != nil:
		printError(stderr, err)
		return checkedRecord{Result: res, Status: statusUnreadable, Note: err.Error()}
	case res.Stale:
		return checkedRecord{Result: res, Status: statusStale}
	}
	return checkedRecord{Result: res, Status: statusCurrent}
}

// expandRecordPaths turns paths into record files: a folder gives its *.md files in name order
// (but not sfpattern's own temporary files), a file is itself. A path that cannot be read is
// passed to fail.
func expandRecordPaths(paths []string, fail func(error)) []string {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fail(badInput("%s: no such file or folder", p))
			continue
		case err != nil:
			fail(badInput("%s: %v", p, unwrapPath(err)))
			continue
		case !info.IsDir():
			files = append(files, p)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(globEscape(p), "*.md"))
		if err != nil {
			fail(badInput("%s: %v", p, err))
			continue
		}
		sort.Strings(matches)
		for _, m := range matches {
			if !atomicfile.IsTemporary(filepath.Base(m)) { // left by a killed run: not a record
				files = append(files, m)
			}
		}
	}
	return files
}

// globEscape quotes the glob metacharacters of a folder name.
func globEscape(dir string) string {
	var b []byte
	for i := 0; i < len(dir); i++ {
		switch c := dir[i]; c {
		case '*', '?', '[', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func (o checkOptions) report(w io.Writer, cat *rules.Catalog, results []checkedRecord, sum checkSummary) error {
	if o.format == formatJSON {
		if results == nil {
			results = []checkedRecord{}
		}
		return writeJSON(w, map[string]any{
			"schema_version": 1,
			"knowledge":      rules.KnowledgeRef{Version: cat.Knowledge.Version, LimitsRelease: cat.Knowledge.LimitsRelease},
			"records":        results,
			"summary":        sum,
		})
	}
	var b strings.Builder
	for _, r := range results {
		if r.Status != statusStale {
			continue
		}
		fmt.Fprintf(&b, "%s: stale (written with knowledge %s, checked with %s)\n", safetext.Name(r.File), cmp.Or(r.KnowledgeThen, "unknown"), r.KnowledgeNow)
		for _, d := range r.Differences {
			b.WriteString("  " + d + "\n")
		}
		for _, d := range r.OrgDifferences {
			b.WriteString("  org: " + d + "\n")
		}
	}
	fmt.Fprintf(&b, "%d checked, %d stale, %d skipped%s\n", sum.Checked, sum.Stale, sum.Skipped, unreadableNote(sum.Unreadable))
	_, err := io.WriteString(w, b.String())
	return err
}

func unreadableNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d unreadable", n)
}
