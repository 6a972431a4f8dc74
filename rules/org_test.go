package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestBadOrgLimits refuses every broken snapshot with a problem that names the entry.
func TestBadOrgLimits(t *testing.T) {
	c := shipped.Catalog(t)
	casefiles.Run(t, "../testdata/org-limits/bad", "*.json", func(t *testing.T, name string, input []byte, want []string) {
		_, err := c.ParseOrgLimits(name, input)
		if rules.AsProblems(err) == nil {
			t.Fatalf("got %v; want it refused with problems", err)
		}
		for _, s := range want {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("message lacks %q:\n%v", s, err)
			}
		}
	})
}

// TestOrgLimitsShapes reads the same org from both shapes: the CLI's and REST /limits'. Names
// the knowledge base does not map are counted, and the figures land on the right limits.
func TestOrgLimitsShapes(t *testing.T) {
	c := shipped.Catalog(t)
	cli := `{"status": 0, "taken": "2026-11-30", "warnings": [], "result": [
	  {"name": "ConcurrentAsyncGetReportInstances", "max": 200, "remaining": 200},
	  {"name": "DailyApiRequests", "max": 200000, "remaining": 30000},
	  {"name": "DailyDeliveredPlatformEvents", "max": 25000, "remaining": 25000}]}`
	rest := `{"ConcurrentAsyncGetReportInstances": {"Max": 200, "Remaining": 200},
	  "DailyApiRequests": {"Max": 200000, "Remaining": 30000, "Ant Migration Tool": {"Max": 0, "Remaining": 0}},
	  "DailyDeliveredPlatformEvents": {"Max": 25000, "Remaining": 25000}, "taken": "2026-11-30"}`
	for name, text := range map[string]string{"cli.json": cli, "rest.json": rest} {
		snap, err := c.ParseOrgLimits(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if snap.Ignored != 1 || snap.Taken != "2026-11-30" || len(snap.Limits) != 2 {
			t.Fatalf("%s: %+v", name, snap)
		}
		api := snap.Limits[0]
		if api.Limit != "daily_api_requests" || api.Max != 200000 || api.Used() != 170000 {
			t.Errorf("%s: %+v", name, api)
		}
	}
}

// TestOrgSnapshotNearCap: an integration that fits the edition's formula is over the allocation
// once the org's snapshot shows it already near its cap, and the text says both figures.
func TestOrgSnapshotNearCap(t *testing.T) {
	c := shipped.Catalog(t)
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=Orders in", "direction=inbound", "source_of_truth=external",
		"interaction=data", "latency=seconds", "ack=result", "records_per_day=50000",
	})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := c.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	if row := capacityRow(plain, "rest_api", "daily_api_requests"); row == nil || row.Verdict1x != rules.VerdictOK {
		t.Fatalf("by the formula: %+v", row)
	}
	data, err := os.ReadFile(filepath.Join("../testdata/org-limits", "near-api-cap.json"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := c.ParseOrgLimits("near-api-cap.json", data)
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.EvaluateOrg(a, &rules.Org{Snapshot: snap})
	if err != nil {
		t.Fatal(err)
	}
	row := capacityRow(d, "rest_api", "daily_api_requests")
	if row == nil || row.Verdict1x != rules.VerdictExceeds || row.OrgUsed != 170000 || row.Usage1x != 50000 {
		t.Fatalf("with the snapshot: %+v", row)
	}
	if d.Recommendation.Mechanism != "rest_api" {
		t.Errorf("an allocation the org has nearly spent must not move the advice off REST: %s", d.Recommendation.Mechanism)
	}
	var warned bool
	for _, w := range d.Warnings {
		warned = warned || (w.ID == "budget-daily_api_requests" && strings.Contains(w.Message, "already used 170,000; this integration 50,000; 220,000 of 200,000"))
	}
	if !warned {
		t.Errorf("no warning with both figures: %+v", d.Warnings)
	}
	// Add-ons count too, on top of the snapshot's maximum.
	d, _ = c.EvaluateOrg(a, &rules.Org{Snapshot: snap, Addons: map[string]float64{"daily_api_requests": 50000}})
	if row := capacityRow(d, "rest_api", "daily_api_requests"); row.Allocation != 250000 || row.Verdict1x != rules.VerdictWarn {
		t.Errorf("snapshot plus add-on: %+v", row)
	}
}

// FuzzParseOrgLimits: no snapshot makes the reader panic; a snapshot it accepts evaluates.
func FuzzParseOrgLimits(f *testing.F) {
	for _, pattern := range []string{"../testdata/org-limits/*.json", "../testdata/org-limits/bad/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	c := shipped.Catalog(f)
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=x", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=minutes", "ack=delivery", "records_per_day=20000",
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := c.ParseOrgLimits("limits.json", data)
		if err != nil {
			if rules.AsProblems(err) == nil {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			return
		}
		d, err := c.EvaluateOrg(a, &rules.Org{Snapshot: snap})
		if err != nil {
			t.Fatalf("an accepted snapshot fails to evaluate: %v", err)
		}
		if msg := checkDecision(c, d); msg != "" {
			t.Fatal(msg)
		}
	})
}
