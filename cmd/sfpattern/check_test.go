package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const decisions = "../../testdata/decisions"

// TestCheckDecisions: the fixture folder holds one current record, one stale record and a
// README without an answers block. check exits 1, names the stale record with its differences,
// and notes the skipped file on stderr.
func TestCheckDecisions(t *testing.T) {
	code, out, errOut := runCmd(t, "", "check", decisions)
	stale := filepath.Join(decisions, "0002-use-bulk-api-2-0-for-nightly-erp-invoice-load.md")
	want := stale + ": stale (written with knowledge 0.9.0, checked with 2.0.0)\n" +
		"  recommendation: rest_api → bulk_api\n" +
		"  pattern: remote_call_in → batch_data_sync\n" +
		"  capacity apex_callout/callouts_per_transaction at 1×: exceeds → ok\n" +
		"  capacity apex_callout/callouts_per_transaction at 10×: exceeds → ok\n" +
		"  capacity apex_callout/callout_time_per_transaction at 1×: exceeds → ok\n" +
		"  capacity apex_callout/callout_time_per_transaction at 10×: exceeds → ok\n" +
		"  capacity apex_callout/callout_payload_async_kb at 1×: exceeds → ok\n" +
		"  capacity apex_callout/callout_payload_async_kb at 10×: exceeds → ok\n" +
		"  capacity bulk_api/bulk_batches_per_day at 10×: warn → ok\n" +
		"  capacity apex_callout/callout_queue_hours: newly evaluated (1× exceeds, 10× exceeds)\n" +
		"  why rest_api lost: rule bulk-above-threshold costs it 30: You said records_per_run = 400,000: operations on more than 2,000 records are Bulk API 2.0's job, processed asynchronously in chunks instead of record by record.\n" +
		"2 checked, 1 stale, 1 skipped\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
	if errOut != "sfpattern: "+filepath.Join(decisions, "README.md")+": skipped: no sfpattern-answers block\n" {
		t.Errorf("stderr: %q", errOut)
	}
	current := filepath.Join(decisions, "0001-use-platform-events-for-order-status-to-fulfilment-systems.md")
	if code, out, _ := runCmd(t, "", "check", current); code != 0 || out != "1 checked, 0 stale, 0 skipped\n" {
		t.Errorf("current record: exit %d, %q", code, out)
	}
}

func TestCheckJSON(t *testing.T) {
	code, out, _ := runCmd(t, "", "check", decisions, "--format", "json")
	var report struct {
		Records []struct {
			File        string   `json:"file"`
			Status      string   `json:"status"`
			Stale       bool     `json:"stale"`
			Differences []string `json:"differences"`
		} `json:"records"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	var statuses []string
	for _, r := range report.Records {
		statuses = append(statuses, filepath.Base(r.File)+"="+r.Status)
	}
	if got := strings.Join(statuses, " "); got != "0001-use-platform-events-for-order-status-to-fulfilment-systems.md=current 0002-use-bulk-api-2-0-for-nightly-erp-invoice-load.md=stale README.md=skipped" {
		t.Errorf("records: %s", got)
	}
	if s := report.Summary; s["checked"] != 2 || s["stale"] != 1 || s["skipped"] != 1 || s["unreadable"] != 0 {
		t.Errorf("summary %v", s)
	}
	if len(report.Records[1].Differences) != 11 || !report.Records[1].Stale {
		t.Errorf("stale record: %+v", report.Records[1])
	}
}

// TestCheckUnreadable: a corrupted answers block, a missing path, a folder named like a record
// and a missing default folder are exit 2, each named with its line where there is one; the
// readable records are still checked.
func TestCheckUnreadable(t *testing.T) {
	dir := t.TempDir()
	current, err := os.ReadFile(filepath.Join(decisions, "0001-use-platform-events-for-order-status-to-fulfilment-systems.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(current)
	corrupt := strings.Replace(text, "\ndecision:\n", "\ndecision: [\n", 1)
	line := 1 + strings.Count(corrupt[:strings.Index(corrupt, "decision: [")], "\n")
	os.WriteFile(filepath.Join(dir, "0001-good.md"), current, 0o644)
	os.WriteFile(filepath.Join(dir, "0002-corrupt.md"), []byte(corrupt), 0o644)
	os.Mkdir(filepath.Join(dir, "0003-folder.md"), 0o755)
	code, out, errOut := runCmd(t, "", "check", dir, filepath.Join(dir, "nope.md"))
	if code != 2 || out != "1 checked, 0 stale, 0 skipped, 3 unreadable\n" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	// yaml.v3 puts an unclosed bracket's error on the line before the one that holds it.
	for _, want := range []string{
		filepath.Join(dir, "0002-corrupt.md") + ":" + strconv.Itoa(line-1) + ": answers block: not valid YAML",
		filepath.Join(dir, "0003-folder.md") + ": is a directory",
		filepath.Join(dir, "nope.md") + ": no such file or folder",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	t.Chdir(dir)
	// No folder yet is no unreadable record: check says so and checks nothing.
	if code, out, errOut := runCmd(t, "", "check"); code != 0 || out != "0 checked, 0 stale, 0 skipped\n" ||
		!strings.Contains(errOut, "no decision records to check: the decisions folder docs/decisions (default) does not exist") {
		t.Errorf("no docs/decisions: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	os.MkdirAll("docs/decisions", 0o755)
	if code, out, _ := runCmd(t, "", "check"); code != 0 || out != "0 checked, 0 stale, 0 skipped\n" {
		t.Errorf("empty docs/decisions: exit %d: %q", code, out)
	}
}
