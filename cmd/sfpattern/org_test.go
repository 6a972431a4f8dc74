package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	orderEvents = "../../testdata/answers/order-events.yaml"
	nearCap     = "../../testdata/org-limits/near-event-delivery-cap.json"
)

// TestOrgFlags: every command that evaluates takes --org-limits and --addon; the snapshot's
// figures reach the JSON, the record remembers them and replays with them, and bad flags are
// exit 2 with nothing on stdout.
func TestOrgFlags(t *testing.T) {
	code, out, errOut := runCmd(t, "", "recommend", "--answers", orderEvents, "--org-limits", nearCap, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var d struct {
		Capacity []struct {
			Limit   string  `json:"limit"`
			OrgUsed float64 `json:"org_used"`
		} `json:"capacity"`
		Org struct {
			Snapshot struct{ File string } `json:"snapshot"`
		} `json:"org"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Org.Snapshot.File != nearCap {
		t.Errorf("the decision does not name the snapshot: %+v", d.Org)
	}
	used := 0.0
	for _, row := range d.Capacity {
		if row.Limit == "event_delivery_per_day" {
			used = row.OrgUsed
		}
	}
	if used != 20000 {
		t.Errorf("event delivery rows do not carry what the org already uses: %v", used)
	}
	for _, cmd := range [][]string{
		{"record", "--answers", orderEvents, "--org-limits", nearCap, "-o", "-", "--date", "2026-12-01"},
		{"contract", "--answers", orderEvents, "--addon", "event_delivery_per_day=100k"},
		{"whatif", "--answers", orderEvents, "--org-limits", nearCap, "--format", "json"},
		{"portfolio", "../../testdata/portfolio/acme-enterprise.yaml", "--org-limits", nearCap},
	} {
		if code, _, errOut := runCmd(t, "", cmd...); code != 0 {
			t.Errorf("%s: exit %d: %s", cmd[0], code, errOut)
		}
	}
	// The record keeps the snapshot's figures; replaying it needs no flag.
	dir := t.TempDir()
	rec := filepath.Join(dir, "0001-order-events.md")
	_, text, _ := runCmd(t, "", "record", "--answers", orderEvents, "--org-limits", nearCap, "-o", "-", "--date", "2026-12-01")
	os.WriteFile(rec, []byte(text), 0o644)
	if !strings.Contains(text, "DailyDeliveredPlatformEvents: maximum 25,000, 5,000 remaining, so 20,000 already used") {
		t.Errorf("the record does not state the snapshot's figures")
	}
	if code, out, errOut := runCmd(t, "", "check", rec); code != 0 {
		t.Errorf("check of a fresh record with a snapshot: exit %d: %s %s", code, out, errOut)
	}
	// Against an org with room again, the record is stale for the org's sake, not the rules'.
	roomy := filepath.Join(dir, "roomy.json")
	os.WriteFile(roomy, []byte(`{"status": 0, "result": [{"name": "DailyDeliveredPlatformEvents", "max": 150000, "remaining": 150000}]}`), 0o644)
	code, out, _ = runCmd(t, "", "check", rec, "--org-limits", roomy)
	if code != 1 || !strings.Contains(out, "  org: capacity platform_events/event_delivery_per_day at 1×: exceeds → ok") {
		t.Errorf("check against today's org: exit %d:\n%s", code, out)
	}
	for _, bad := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--addon", "event_delivery_per_day=lots"}, "--addon: event_delivery_per_day: expected a whole number of extra deliveries per 24 h"},
		{[]string{"--addon", "callouts_per_transaction=10"}, "not an allocation that can be bought"},
		{[]string{"--addon", "nothing"}, "expected limit=amount"},
		{[]string{"--org-limits", "../../testdata/org-limits/bad/cli-error-envelope.json"}, "the CLI reported an error (status 1)"},
		{[]string{"--org-limits", filepath.Join(dir, "missing.json")}, "no such file"},
	} {
		code, out, errOut := runCmd(t, "", append([]string{"recommend", "--answers", orderEvents}, bad.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, bad.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", bad.args, code, out, errOut, bad.msg)
		}
	}
	if code, _, errOut := runCmd(t, "{}", "recommend", "--answers", "-", "--org-limits", "-"); code != 2 || !strings.Contains(errOut, "cannot both read standard input") {
		t.Errorf("both from stdin: exit %d, %s", code, errOut)
	}
}
