package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// pinnedDate is the date records carry in these tests.
const pinnedDate = "2026-11-27"

// abs returns a test file's absolute path, for tests that change the working directory.
func abs(t *testing.T, path string) string {
	t.Helper()
	p, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// scenarioAnswersFile writes a scenario's answers block as an answers file and returns its path.
func scenarioAnswersFile(t *testing.T, scenario, dir string) string {
	t.Helper()
	data, err := os.ReadFile(scenario)
	if err != nil {
		t.Fatal(err)
	}
	var sc struct {
		Answers yaml.Node `yaml:"answers"`
	}
	if err := yaml.Unmarshal(data, &sc); err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(&sc.Answers)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.Base(scenario))
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRecordRoundTrip: for every scenario, a record written by `record` and read back with
// `recommend --answers RECORD.md` gives byte for byte the decision of the original answers.
func TestRecordRoundTrip(t *testing.T) {
	scenarios, err := filepath.Glob("../../testdata/scenarios/*.yaml")
	if err != nil || len(scenarios) == 0 {
		t.Fatal("no scenarios")
	}
	dir := t.TempDir()
	for _, sc := range scenarios {
		t.Run(strings.TrimSuffix(filepath.Base(sc), ".yaml"), func(t *testing.T) {
			answers := scenarioAnswersFile(t, sc, dir)
			rec := strings.TrimSuffix(answers, ".yaml") + ".md"
			if code, _, errOut := runCmd(t, "", "record", "-a", answers, "-o", rec, "--date", pinnedDate); code != 0 {
				t.Fatalf("record: exit %d: %s", code, errOut)
			}
			_, want, _ := runCmd(t, "", "recommend", "-a", answers, "-f", "json")
			code, got, errOut := runCmd(t, "", "recommend", "-a", rec, "-f", "json")
			if code != 0 || got != want || want == "" {
				t.Fatalf("exit %d (%s); decision from the record differs:\n%s\nfrom the answers:\n%s", code, errOut, got, want)
			}
		})
	}
}

// TestRecommendMarkdown: `recommend --format markdown` prints what `record -o -` writes, dated by
// SOURCE_DATE_EPOCH when set.
func TestRecommendMarkdown(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2026, 11, 27, 15, 4, 5, 0, time.UTC).Unix(), 10))
	code, md, errOut := runCmd(t, "", "recommend", "-a", "../../testdata/answers/nightly-invoices.json", "-f", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, rec, _ := runCmd(t, "", "record", "-a", "../../testdata/answers/nightly-invoices.json", "-o", "-")
	if md != rec || !strings.Contains(md, "\ndate: 2026-11-27\n") || !strings.HasPrefix(md, "---\nstatus: proposed\n") {
		t.Errorf("markdown and record differ, or the date is not SOURCE_DATE_EPOCH's:\n%.300s", md)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, out, errOut := runCmd(t, "", "recommend", "-a", "../../testdata/answers/nightly-invoices.json", "-f", "markdown"); code != 2 || out != "" || !strings.Contains(errOut, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, %s", code, errOut)
	}
}

// TestRecordOutput covers where `record` writes: the default folder (created), the next number,
// a new folder, a file in a new folder, standard output; and what it refuses: an existing file
// without --force (left untouched), a file where a folder is expected.
func TestRecordOutput(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	t.Chdir(t.TempDir())
	const name = "use-platform-events-for-order-status-to-fulfilment-systems.md"
	rec := func(args ...string) (int, string, string) {
		return runCmd(t, "", append([]string{"record", "-a", answers, "--date", pinnedDate}, args...)...)
	}
	for _, tc := range []struct {
		args []string
		path string
	}{
		{nil, "docs/decisions/0001-" + name},
		{nil, "docs/decisions/0002-" + name},
		{[]string{"-o", "docs/decisions"}, "docs/decisions/0003-" + name},
		{[]string{"-o", "adr/new/"}, "adr/new/0001-" + name},
		{[]string{"-o", "elsewhere/deep/choice.md"}, "elsewhere/deep/choice.md"},
	} {
		code, out, errOut := rec(tc.args...)
		if code != 0 || out != "" || strings.TrimSpace(errOut) != "Wrote "+filepath.FromSlash(tc.path) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %s", tc.args, code, out, errOut, tc.path)
		}
		if data, err := os.ReadFile(tc.path); err != nil || !bytes.HasPrefix(data, []byte("---\nstatus: proposed\ndate: "+pinnedDate+"\n")) {
			t.Errorf("%s: %v", tc.path, err)
		}
	}
	code, out, _ := rec("-o", "-")
	if code != 0 || !strings.HasPrefix(out, "---\n") || fileCount(t, ".") != 5 {
		t.Errorf("-o -: exit %d, %d files", code, fileCount(t, "."))
	}

	existing := "elsewhere/deep/choice.md"
	if err := os.WriteFile(existing, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("plain-file", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"-o", existing}, "already exists; use --force"},
		{[]string{"-o", "plain-file"}, "is a file, not a folder"},
		{[]string{"-o", "plain-file/x.md"}, "plain-file/x.md"},
		{[]string{"-o", "plain-file/sub/"}, "plain-file/sub/: not a directory"},
	} {
		code, out, errOut := rec(tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.err)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep me\n" || fileCount(t, ".") != 6 {
		t.Errorf("a refused write changed something: %q, %d files", data, fileCount(t, "."))
	}
	if code, _, errOut := rec("-o", existing, "--force", "--status", "accepted"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	if data, _ := os.ReadFile(existing); !bytes.HasPrefix(data, []byte("---\nstatus: accepted\n")) || fileCount(t, ".") != 6 {
		t.Errorf("--force did not replace the file, or left a temporary file behind")
	}
}

// fileCount counts the regular files under dir, temporary files included.
func fileCount(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRecordBadInput: bad flags are refused with exit 2 before anything is written.
func TestRecordBadInput(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		err  []string
	}{
		{[]string{"--status", "approved"}, []string{"--status", "approved", "proposed, rejected, accepted, deprecated, superseded"}},
		{[]string{"--date", "27/11/2026"}, []string{"--date", "YYYY-MM-DD"}},
		{[]string{"--date", "2026-02-30"}, []string{"--date"}},
		{[]string{"--set", "latency=soon"}, []string{"latency", "soon"}},
		{[]string{"extra"}, []string{"unexpected argument"}},
	} {
		code, out, errOut := runCmd(t, "", append([]string{"record", "-a", answers}, tc.args...)...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", tc.args, code, out)
		}
		for _, s := range tc.err {
			if !strings.Contains(errOut, s) {
				t.Errorf("%v: stderr lacks %q: %s", tc.args, s, errOut)
			}
		}
	}
	if code, _, errOut := runCmd(t, "", "record"); code != 2 || !strings.Contains(errOut, "--answers FILE") {
		t.Errorf("no answers: exit %d: %s", code, errOut)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1.5e9")
	if code, _, errOut := runCmd(t, "", "record", "-a", answers); code != 2 || !strings.Contains(errOut, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat("docs"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused record created docs/: %v", err)
	}
}

// TestAnswersFromRecord: --answers takes a record (a .md file, or front matter on standard
// input); problems in its answers block point at the record's own lines; a Markdown file
// without the block is refused; a YAML answers file that opens with --- is still one.
func TestAnswersFromRecord(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "r.md")
	if code, _, errOut := runCmd(t, "", "record", "-a", "../../testdata/answers/order-events.yaml", "-o", rec, "--date", pinnedDate); code != 0 {
		t.Fatal(errOut)
	}
	data, _ := os.ReadFile(rec)
	if code, out, _ := runCmd(t, string(data), "recommend", "-a", "-", "-f", "json"); code != 0 || !strings.Contains(out, `"mechanism":"platform_events"`) {
		t.Errorf("record on standard input: exit %d", code)
	}
	bad := strings.Replace(string(data), "  ack: delivery\n", "  ack: maybe\n", 1)
	line := 1 + strings.Count(bad[:strings.Index(bad, "  ack: maybe")], "\n")
	badPath := filepath.Join(dir, "bad.md")
	os.WriteFile(badPath, []byte(bad), 0o644)
	code, _, errOut := runCmd(t, "", "recommend", "-a", badPath)
	if want := badPath + ":" + strconv.Itoa(line) + ": ack: unknown value \"maybe\""; code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("# Notes\n\nname: x\n"), 0o644)
	if code, _, errOut := runCmd(t, "", "record", "-a", notes, "-o", "-"); code != 2 || !strings.Contains(errOut, "notes.md: no sfpattern-answers block") {
		t.Errorf("Markdown without a block: exit %d: %s", code, errOut)
	}
	answers, _ := os.ReadFile("../../testdata/answers/order-events.yaml")
	if code, _, errOut := runCmd(t, "---\n"+string(answers), "recommend", "-a", "-"); code != 0 {
		t.Errorf("YAML with a document marker: exit %d: %s", code, errOut)
	}
}

// TestRecordLineEverywhere: a bad value deep in a decision record's answers block is reported at
// the record's own line by every command that reads answers, the wizard's --answers included:
// they all go through one reader.
func TestRecordLineEverywhere(t *testing.T) {
	data, err := os.ReadFile("../../testdata/decisions/0002-use-bulk-api-2-0-for-nightly-erp-invoice-load.md")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "  payload_kb: 2\n", "  payload_kb: lots\n", 1)
	line := 1 + strings.Count(bad[:strings.Index(bad, "  payload_kb: lots")], "\n")
	path := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	want := path + ":" + strconv.Itoa(line) + ": payload_kb: expected a whole number"
	for _, args := range [][]string{
		{"--answers", path}, // the wizard, which reads a starting point
		{"recommend", "--answers", path},
		{"record", "--answers", path, "-o", "-"},
		{"contract", "--answers", path},
		{"whatif", "--answers", path},
		{"check", path},
	} {
		if code, _, errOut := runCmd(t, "", args...); code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", args, code, errOut, want)
		}
	}
}

// TestDecisionsFixture keeps testdata/decisions' current record current: it must be what
// `record` writes today (go test -update rewrites it, and the diff is read like a golden's).
func TestDecisionsFixture(t *testing.T) {
	const fixture = "../../testdata/decisions/0001-use-platform-events-for-order-status-to-fulfilment-systems.md"
	code, out, errOut := runCmd(t, "", "record", "-a", "../../testdata/answers/order-events.yaml", "-o", "-", "--date", pinnedDate,
		"--status", "accepted", "--decision-makers", "Ana Souza, Raj Patel", "--consulted", "Integration CoE", "--informed", "Warehouse team")
	if code != 0 {
		t.Fatal(errOut)
	}
	if update := flag.Lookup("update"); update != nil && update.Value.String() == "true" {
		if err := os.WriteFile(fixture, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if data, err := os.ReadFile(fixture); err != nil || string(data) != out {
		t.Errorf("%s is no longer what record writes (%v); run go test ./cmd/sfpattern -update and read the diff", fixture, err)
	}
}
