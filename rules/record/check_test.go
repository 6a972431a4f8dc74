package record_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCheck replays records: a fresh one is current; one whose stored decision was edited is
// stale with a sentence per difference; a record without a stored decision is refused.
func TestCheck(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	stale := strings.Replace(rec, "  mechanism: platform_events\n  pattern: fire_and_forget\n", "  mechanism: bulk_api\n  pattern: fire_and_forget\n", 1)
	stale = strings.Replace(stale,
		"{mechanism: platform_events, limit: event_delivery_per_day, verdict_1x: ok, verdict_10x: exceeds}",
		"{mechanism: platform_events, limit: event_delivery_per_day, verdict_1x: warn, verdict_10x: ok}", 1)
	stale = strings.Replace(stale, "    - {mechanism: platform_events, limit: event_retention_hours, verdict_1x: ok, verdict_10x: ok}\n", "", 1)
	stale = strings.Replace(stale, "limit: odata_response_kb,", "limit: odata_gone,", 1)
	cases := []struct {
		name  string
		text  string
		diffs []string
	}{
		{"current", rec, nil},
		{"stale", stale, []string{
			"recommendation: bulk_api → platform_events",
			"capacity platform_events/event_delivery_per_day at 1×: warn → ok",
			"capacity platform_events/event_delivery_per_day at 10×: ok → exceeds",
			"capacity salesforce_connect/odata_gone: no longer evaluated",
			"capacity platform_events/event_retention_hours: newly evaluated (1× ok, 10× ok)",
			"capacity salesforce_connect/odata_response_kb: newly evaluated (1× ok, 10× ok)",
			"why bulk_api lost: rule outbound-realtime-needs-push rules it out: You said direction = outbound with latency = seconds: Salesforce must push, and the REST and Bulk APIs only answer calls from the other system, which would have to poll.",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := record.Check(cat, "r.md", []byte(tc.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Stale != (tc.diffs != nil) || !slices.Equal(res.Differences, tc.diffs) && tc.diffs != nil || tc.diffs == nil && len(res.Differences) > 0 {
				t.Errorf("stale %v, differences:\n%s\nwant:\n%s", res.Stale, strings.Join(res.Differences, "\n"), strings.Join(tc.diffs, "\n"))
			}
			if res.File != "r.md" || res.KnowledgeThen != cat.Knowledge.Version || res.KnowledgeNow != cat.Knowledge.Version {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func TestCheckRefuses(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	if _, err := record.Check(cat, "n.md", []byte("# Notes\n"), nil); !errors.Is(err, record.ErrNoAnswers) {
		t.Errorf("no block: %v", err)
	}
	noDecision := withBlock(t, rec, "schema_version: 1\nanswers:\n  name: x\n  direction: inbound\n  source_of_truth: external\n  interaction: data\n  latency: hours\n  ack: none\n  records_per_day: 5\n")
	_, err := record.Check(cat, "d.md", []byte(noDecision), nil)
	if ps := rules.AsProblems(err); len(ps) != 1 || ps[0].Line != lineOf(t, noDecision, "```yaml sfpattern-answers") || !strings.Contains(ps[0].Msg, "mechanism and pattern") {
		t.Errorf("no decision: %v", err)
	}
	badAnswer := strings.Replace(rec, "  ack: delivery\n", "  ack: maybe\n", 1)
	_, err = record.Check(cat, "a.md", []byte(badAnswer), nil)
	if ps := rules.AsProblems(err); len(ps) != 1 || ps[0].Line != lineOf(t, badAnswer, "  ack: maybe") {
		t.Errorf("bad answer: %v", err)
	}
}

// TestCheckRulesAndOrg: a record that stored its deciding rules names the ones that changed; a
// record replayed against the org as it is now reports what the org's change does, apart from
// any change of rules.
func TestCheckRulesAndOrg(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	start := strings.Index(rec, "  rules: [")
	if start < 0 {
		t.Fatal("the record stores no deciding rules")
	}
	end := start + strings.Index(rec[start:], "\n")
	edited := rec[:start] + "  rules: [process-needs-a-command, retired-rule]" + rec[end:]
	res, err := record.Check(cat, "r.md", []byte(edited), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stale || !slices.Contains(res.Differences, "rule retired-rule: no longer weighs on platform_events") ||
		!slices.Contains(res.Differences, "rule several-consumers: now weighs on platform_events") {
		t.Errorf("rule changes: %q", res.Differences)
	}
	// The order events need 18,000 of Unlimited Edition's 50,000 deliveries a day. The org now
	// uses 40,000 of them: the same record, replayed against it, goes over the allocation
	// (58,000); against what it stored, it still holds.
	snap, err := cat.ParseOrgLimits("limits.json", []byte(`{"status": 0, "result": [{"name": "DailyDeliveredPlatformEvents", "max": 50000, "remaining": 10000}]}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err = record.Check(cat, "r.md", []byte(rec), &rules.Org{Snapshot: snap})
	if err != nil {
		t.Fatal(err)
	}
	want := "capacity platform_events/event_delivery_per_day at 1×: ok → exceeds"
	if !res.Stale || len(res.Differences) != 0 || !slices.Contains(res.OrgDifferences, want) {
		t.Errorf("org change: stale %v, rules %q, org %q; want %q", res.Stale, res.Differences, res.OrgDifferences, want)
	}
}
