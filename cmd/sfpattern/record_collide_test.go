package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// orderEventsName is the file name, after its number, of the record of order-events.yaml.
const orderEventsName = "-use-platform-events-for-order-status-to-fulfilment-systems.md"

// runOutcome is one `record` run: its exit code and standard error.
type runOutcome struct {
	code   int
	stderr string
}

// concurrently starts n runs at once (released together, so they race for the same number) and
// returns their outcomes in start order.
func concurrently(n int, run func(i int) runOutcome) []runOutcome {
	out := make([]runOutcome, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			out[i] = run(i)
		})
	}
	close(start)
	wg.Wait()
	return out
}

// requireDistinctRecords checks that every run succeeded without --force advice, that each wrote
// its own numbered file holding its own marker (the decision maker it was given), and that the
// folder holds exactly those files and nothing hidden.
// Relative paths in the runs' messages are read from base, where the runs ran.
func requireDistinctRecords(t *testing.T, base, dir string, outcomes []runOutcome, marker func(i int) string) {
	t.Helper()
	seen := map[string]int{}
	for i, o := range outcomes {
		path, ok := strings.CutPrefix(strings.TrimSpace(o.stderr), "Wrote ")
		if o.code != 0 || !ok || strings.Contains(o.stderr, "--force") {
			t.Errorf("run %d: exit %d: %s", i, o.code, o.stderr)
			continue
		}
		if !filepath.IsAbs(path) {
			path = filepath.Join(base, path)
		}
		if j, dup := seen[filepath.Base(path)]; dup {
			t.Errorf("runs %d and %d both wrote %s", j, i, path)
		}
		seen[filepath.Base(path)] = i
		data, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(data, []byte("decision-makers: ["+marker(i)+"]\n")) || !bytes.HasSuffix(data, []byte("```\n")) {
			t.Errorf("run %d: %s does not hold its whole record (%v)", i, path, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	var want []string
	for i := range outcomes {
		want = append(want, fmt.Sprintf("%04d%s", i+1, orderEventsName))
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("folder holds\n%v\nwant\n%v", names, want)
	}
}

// TestRecordConcurrent: eight `record` runs at once into one folder, all with the same title,
// each get their own number and their own whole record; none is told to use --force.
func TestRecordConcurrent(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	dir := filepath.Join(t.TempDir(), "adr")
	marker := func(i int) string { return fmt.Sprintf("Writer %d", i) }
	outcomes := concurrently(8, func(i int) runOutcome {
		code, _, errOut := runCmd(t, "", "record", "-a", answers, "-o", dir, "--date", pinnedDate, "--decision-makers", marker(i))
		return runOutcome{code, errOut}
	})
	requireDistinctRecords(t, "", dir, outcomes, marker)
}

// TestRecordTwoRunsOneTitle: two runs with one title, started together, both succeed, with
// numbers 0001 and 0002; repeated so that the two really meet at the same number.
func TestRecordTwoRunsOneTitle(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	marker := func(i int) string { return fmt.Sprintf("Run %d", i) }
	for round := range 10 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(round))
		outcomes := concurrently(2, func(i int) runOutcome {
			code, _, errOut := runCmd(t, "", "record", "-a", answers, "-o", dir, "--date", pinnedDate, "--decision-makers", marker(i))
			return runOutcome{code, errOut}
		})
		requireDistinctRecords(t, "", dir, outcomes, marker)
	}
}

// TestRecordConcurrentBinary runs the built binary four times at once in one project, each
// writing to the default docs/decisions, which none of them finds: they create it together and
// number their records apart.
func TestRecordConcurrentBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "sfpattern")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	marker := func(i int) string { return fmt.Sprintf("Process %d", i) }
	for round := range 3 { // processes start a little apart: three rounds make them meet
		project := filepath.Join(tmp, fmt.Sprint("project", round))
		if err := os.Mkdir(project, 0o755); err != nil {
			t.Fatal(err)
		}
		outcomes := concurrently(4, func(i int) runOutcome {
			cmd := exec.Command(bin, "record", "-a", answers, "--date", pinnedDate, "--decision-makers", marker(i))
			cmd.Dir = project
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return runOutcome{exit.ExitCode(), errOut.String()}
			}
			if err != nil {
				return runOutcome{-1, err.Error()}
			}
			return runOutcome{0, errOut.String()}
		})
		requireDistinctRecords(t, project, filepath.Join(project, "docs", "decisions"), outcomes, marker)
	}
}

// TestRecordForceAdvice: --force is advised only for a file the user named. In a folder, a number
// another run holds (a live claim, planted) or a name it just took is no conflict: the record
// takes the next number. Hidden temporary files are not records: a stale one is removed, a live
// one kept, and neither is numbered nor checked.
func TestRecordForceAdvice(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	t.Chdir(t.TempDir())
	rec := func(args ...string) (int, string, string) {
		return runCmd(t, "", append([]string{"record", "-a", answers, "--date", pinnedDate}, args...)...)
	}
	if code, _, _ := rec("-o", "mine.md"); code != 0 {
		t.Fatal("first write failed")
	}
	if code, _, errOut := rec("-o", "mine.md"); code != 2 || errOut != "sfpattern: mine.md: already exists; use --force to replace it\n" {
		t.Errorf("a named file that exists: exit %d, %q", code, errOut)
	}

	dir := filepath.Join("docs", "decisions")
	os.MkdirAll(dir, 0o755)
	long := time.Now().Add(-time.Hour)
	plant := func(name string, old bool) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("---\nhalf a record"), 0o644); err != nil {
			t.Fatal(err)
		}
		if old {
			os.Chtimes(path, long, long)
		}
	}
	plant(".sfpattern-claim-1", false)      // a live run is placing record 1
	plant(".sfpattern-tmp-live.md", false)  // and writing its temporary file
	plant(".sfpattern-tmp-killed.md", true) // a run killed an hour ago
	plant(".sfpattern-claim-7", true)       // the same run's claim
	code, _, errOut := rec()
	if want := "Wrote " + filepath.Join(dir, "0002"+orderEventsName) + "\n"; code != 0 || errOut != want {
		t.Errorf("number 1 held by another run: exit %d, %q; want %q", code, errOut, want)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".sfpattern-claim-1 .sfpattern-tmp-live.md 0002"+orderEventsName {
		t.Errorf("folder holds %s", got)
	}
	if code, out, errOut := runCmd(t, "", "check", dir); code != 0 || out != "1 checked, 0 stale, 0 skipped\n" {
		t.Errorf("check counted a temporary file: exit %d, %q, %q", code, out, errOut)
	}
}

// interruptWhenMade is a context that reports Ctrl-C once folder exists: it plants an interrupt
// between the folder's creation and the record's placing.
type interruptWhenMade struct {
	context.Context
	folder string
}

func (c interruptWhenMade) Err() error {
	if _, err := os.Stat(c.folder); err == nil {
		return context.Canceled
	}
	return nil
}

// TestRecordNewFolderLeftClean: `-o new/dir` that fails after making the folders (Ctrl-C here)
// removes them again; an existing parent stays.
func TestRecordNewFolderLeftClean(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	root := t.TempDir()
	for _, out := range []string{filepath.Join(root, "new", "dir"), filepath.Join(root, "new", "dir", "choice.md")} {
		ctx := interruptWhenMade{context.Background(), filepath.Join(root, "new")}
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"record", "-a", answers, "-o", out, "--date", pinnedDate}, strings.NewReader(""), &stdout, &stderr)
		entries, _ := os.ReadDir(root)
		if code != exitAborted || len(entries) != 0 {
			t.Errorf("-o %s: exit %d (%s), %d entries left in the parent", out, code, stderr.String(), len(entries))
		}
	}
}

// TestRecordDateRange: a --date or SOURCE_DATE_EPOCH outside 1970 to 9999 is refused with exit 2
// and a message that names the source and what is wrong; the bounds themselves are dates.
func TestRecordDateRange(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	t.Chdir(t.TempDir())
	date := func(env string, args ...string) (int, string, string) {
		t.Setenv("SOURCE_DATE_EPOCH", env)
		code, out, errOut := runCmd(t, "", append([]string{"record", "-a", answers, "-o", "-"}, args...)...)
		return code, out, errOut
	}
	for _, tc := range []struct {
		env  string
		flag string
		want string
	}{
		{env: "-1", want: `SOURCE_DATE_EPOCH: "-1" is negative, a time before 1970`},
		{env: "-99999999999999999999", want: "is negative"},
		{env: "1.5e9", want: "not a whole number of seconds"},
		{env: "+1700000000", want: "not a whole number of seconds"},
		{env: " 1700000000", want: "not a whole number of seconds"},
		{env: "0x10", want: "not a whole number of seconds"},
		{env: "253402300800", want: `SOURCE_DATE_EPOCH: "253402300800" is beyond year 9999`},
		{env: "99999999999999999999", want: "is beyond year 9999"},
		{flag: "1969-12-31", want: `--date: "1969-12-31" is before 1970`},
		{flag: "0000-01-01", want: "is before 1970"},
		{flag: "-2026-01-01", want: "is before 1970"},
		{flag: "10000-01-01", want: `--date: "10000-01-01" is beyond year 9999`},
		{flag: "+12026-01-01", want: "is beyond year 9999"},
		{flag: "2026-02-30", want: `--date: "2026-02-30" is not a date (day out of range); use YYYY-MM-DD`},
		{flag: "2026-13-01", want: "month out of range"},
		{flag: "tomorrow", want: `--date: "tomorrow" is not a date; use YYYY-MM-DD`},
	} {
		args := []string{}
		if tc.flag != "" {
			args = append(args, "--date", tc.flag)
		}
		code, out, errOut := date(tc.env, args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q --date %q: exit %d, stderr %q; want 2 and %q", tc.env, tc.flag, code, errOut, tc.want)
		}
	}
	for _, tc := range []struct{ env, flag, want string }{
		{env: "0", want: "1970-01-01"},
		{env: "253402300799", want: "9999-12-31"},
		{flag: "1970-01-01", want: "1970-01-01"},
		{flag: "9999-12-31", want: "9999-12-31"},
		{env: "-1", flag: "2026-11-27", want: "2026-11-27"}, // --date wins, the variable is not read
	} {
		args := []string{}
		if tc.flag != "" {
			args = append(args, "--date", tc.flag)
		}
		if code, out, errOut := date(tc.env, args...); code != 0 || !strings.Contains(out, "\ndate: "+tc.want+"\n") {
			t.Errorf("SOURCE_DATE_EPOCH=%q --date %q: exit %d (%s); want date %s", tc.env, tc.flag, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat("docs"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused date created docs/: %v", err)
	}
}
