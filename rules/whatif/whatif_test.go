package whatif_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sfpattern/sfpattern/internal/scenario"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/whatif"
)

// whatIfFile runs WhatIf on an answers file of testdata/answers with --set overrides.
func whatIfFile(t testing.TB, c *rules.Catalog, file string, sets ...string) (*whatif.Result, rules.Answers) {
	t.Helper()
	path := filepath.Join("../../testdata/answers", file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := c.ReadAnswers(path, data, sets)
	if err != nil {
		t.Fatal(err)
	}
	w, err := whatif.Search(context.Background(), c, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w, a
}

// wantThreshold is a threshold derived by hand from limits.yaml, facts.yaml and the rules.
type wantThreshold struct {
	field, direction string
	value            int64
	kind, limit      string
	from, to         string // mechanism ids
	verdicts         [2]string
	sentence         string // a substring
}

func (wt wantThreshold) String() string {
	return fmt.Sprintf("%s %s %d (%s %s)", wt.field, wt.direction, wt.value, wt.kind, wt.limit)
}

func requireThreshold(t *testing.T, w *whatif.Result, want wantThreshold) {
	t.Helper()
	for _, th := range w.Thresholds {
		if th.Field != want.field || th.Value != want.value || th.Kind != want.kind || th.Limit != want.limit {
			continue
		}
		if th.Direction != want.direction || th.From.Mechanism != want.from || th.To.Mechanism != want.to ||
			[2]string{th.From.Verdict, th.To.Verdict} != want.verdicts || !strings.Contains(th.Sentence, want.sentence) {
			t.Errorf("%v: got %s %s → %s (%s → %s): %q", want, th.Direction, th.From.Mechanism, th.To.Mechanism,
				th.From.Verdict, th.To.Verdict, th.Sentence)
		}
		return
	}
	t.Errorf("no threshold %v; found:\n%s", want, listThresholds(w))
}

func listThresholds(w *whatif.Result) string {
	var b strings.Builder
	for _, th := range w.Thresholds {
		fmt.Fprintf(&b, "  %s %s %d %s %s: %s\n", th.Field, th.Direction, th.Value, th.Kind, th.Limit, th.Sentence)
	}
	return b.String()
}

// TestWhatIfHandDerived checks thresholds worked out by hand. The arithmetic:
//
//   - Event retention is 72 hours; usage is the receiver's downtime. Warn from 80 %: 57.6 h, so
//     58 hours; exceeds above 100 %: 73 hours. A window past its end changes the recovery
//     design, not the mechanism, so both are capacity thresholds and Platform Events stays.
//   - Event delivery on Enterprise is 25,000 a day; with one subscriber usage is the daily
//     records. Warn at 80 % = 20,000 (share >= 0.8), exceeds at 25,001 (share > 1). Going over is
//     a budget: the event add-on (+100,000) brings it back, so the recommendation stays.
//   - On Unlimited (50,000) with 3 subscribers (external clients follow subscribers by default):
//     warn at 3 × day >= 40,000, so day 13,334; exceeds at 3 × day > 50,000, so day 16,667. By
//     subscribers at 6,000 a day: warn at 6,000 × n >= 40,000, n = 7; exceeds above 50,000, n = 9.
//   - Bulk API 2.0 takes over above 2,000 records per run (limit bulk_threshold_records and the
//     rule bulk-above-threshold: records_per_run > 2000), so the threshold is 2,001.
//   - Nightly invoices (400,000 a run, Enterprise): Bulk batches per day are
//     ceil(day / 400,000) runs × 40 batches. Warn at 12,000 batches = 300 runs, first reached at
//     day 299 × 400,000 + 1 = 119,600,001; exceeds above 15,000 = 376 runs, at
//     375 × 400,000 + 1 = 150,000,001, the same value where the 150,000,000 Bulk records a day
//     are exceeded; phasing the load over days is the remedy, and Bulk API 2.0 stays.
//   - Below the Bulk threshold REST API carries the load in sObject Collections of 200:
//     calls = ceil(400,000 / run) × ceil(run / 200) against 100,000 + 100 licences × 1,000 =
//     200,000 requests. Run 3: 133,334 (67 %, ok); run 2: 200,000 (100 %, warn); run 1: 400,000
//     (exceeds, but buying the missing 200,000 calls covers it, so REST API stays).
func TestWhatIfHandDerived(t *testing.T) {
	c := shipped.Catalog(t)
	pe, bulk, rest := "platform_events", "bulk_api", "rest_api"
	cases := []struct {
		name string
		file string
		sets []string
		want []wantThreshold
	}{
		{"order events: retention and delivery", "order-events.yaml", nil, []wantThreshold{
			{
				"receiver_downtime_hours", "above", 58, "capacity", "event_retention_hours", pe, pe,
				[2]string{"ok", "warn"},
				"Above 57 hours of downtime, the Platform Events design needs 80% to 100% of Event retention for replay.",
			},
			{
				"receiver_downtime_hours", "above", 73, "capacity", "event_retention_hours", pe, pe,
				[2]string{"warn", "exceeds"},
				"Above 72 hours of downtime, the Platform Events design exceeds Event retention for replay.",
			},
			{"records_per_day", "above", 13334, "capacity", "event_delivery_per_day", pe, pe, [2]string{"ok", "warn"}, "Above 13,333 records a day"},
			{"records_per_day", "above", 16667, "capacity", "event_delivery_per_day", pe, pe, [2]string{"warn", "exceeds"}, "exceeds Event delivery"},
			{"subscribers", "above", 7, "capacity", "event_delivery_per_day", pe, pe, [2]string{"ok", "warn"}, "Above 6 subscribers,"},
			{"subscribers", "above", 9, "capacity", "event_delivery_per_day", pe, pe, [2]string{"warn", "exceeds"}, "Above 8 subscribers,"},
		}},
		{
			"enterprise, one subscriber, below the allocation", "order-events.yaml",
			[]string{"edition=enterprise", "subscribers=1", "records_per_day=5000"},
			[]wantThreshold{
				{"records_per_day", "above", 20000, "capacity", "event_delivery_per_day", pe, pe, [2]string{"ok", "warn"}, "Above 19,999 records a day"},
				{"records_per_day", "above", 25001, "capacity", "event_delivery_per_day", pe, pe, [2]string{"warn", "exceeds"}, "Above 25,000 records a day"},
			},
		},
		{
			"enterprise, one subscriber, over the allocation", "order-events.yaml",
			[]string{"edition=enterprise", "subscribers=1", "records_per_day=30000"},
			[]wantThreshold{
				{"records_per_day", "below", 25001, "capacity", "event_delivery_per_day", pe, pe, [2]string{"exceeds", "warn"}, "Below 25,001 records a day"},
				{"records_per_day", "below", 20000, "capacity", "event_delivery_per_day", pe, pe, [2]string{"warn", "ok"}, "Below 20,000 records a day"},
			},
		},
		{"nightly invoices", "nightly-invoices.json", nil, []wantThreshold{
			{
				"records_per_run", "below", 2001, "recommendation", "", bulk, rest,
				[2]string{},
				"Below 2,001 records per run, the recommendation moves from Bulk API 2.0 to REST API.",
			},
			{"records_per_run", "below", 3, "capacity", "daily_api_requests", rest, rest, [2]string{"ok", "warn"}, "Below 3 records per run"},
			{"records_per_run", "below", 2, "capacity", "daily_api_requests", rest, rest, [2]string{"warn", "exceeds"}, "At 1 record per run"},
			{"records_per_day", "above", 119600001, "capacity", "bulk_batches_per_day", bulk, bulk, [2]string{"ok", "warn"}, ""},
			{"records_per_day", "above", 120000000, "capacity", "bulk_records_per_day", bulk, bulk, [2]string{"ok", "warn"}, ""},
			{"records_per_day", "above", 150000001, "capacity", "bulk_batches_per_day", bulk, bulk, [2]string{"warn", "exceeds"}, ""},
			// The run follows the day down (the policy), so the Bulk threshold shows by the day too.
			{"records_per_day", "below", 2001, "recommendation", "", bulk, rest, [2]string{}, "Below 2,001 records a day"},
		}},
		{"nightly invoices, smaller runs", "nightly-invoices.json", []string{"records_per_run=1000"}, []wantThreshold{
			{
				"records_per_run", "above", 2001, "recommendation", "", rest, bulk,
				[2]string{},
				"Above 2,000 records per run, the recommendation moves from REST API to Bulk API 2.0.",
			},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := whatIfFile(t, c, tc.file, tc.sets...)
			for _, want := range tc.want {
				requireThreshold(t, w, want)
			}
		})
	}
}

// TestWhatIfPolicy: each number moves alone; records_per_run follows records_per_day down, and
// cannot rise above it; both are stated in the notes.
func TestWhatIfPolicy(t *testing.T) {
	c := shipped.Catalog(t)
	w, _ := whatIfFile(t, c, "nightly-invoices.json")
	explored := map[string]whatif.Explored{}
	for _, e := range w.Explored {
		explored[e.Field] = e
	}
	if e := explored["records_per_run"]; e.Low != 1 || e.High != 400000 || !e.Complete {
		t.Errorf("records_per_run explored %+v, want 1 to 400,000 (never above records_per_day)", e)
	}
	if e := explored["records_per_day"]; e.Low != 0 || e.High != 10_000_000_000 || !e.Complete {
		t.Errorf("records_per_day explored %+v, want its whole range", e)
	}
	wantNotes := []string{
		"Below 400,000 records a day, records_per_run follows records_per_day (it takes the same value) to keep records_per_run <= max(records_per_day, 1).",
		"Not explored above 400,000 records per run: records_per_run must not exceed records_per_day (400,000).",
		"Not explored above 1 external client: external_clients must not exceed subscribers (1).",
	}
	if !reflect.DeepEqual(w.Notes, wantNotes) {
		t.Errorf("notes:\n%q\nwant\n%q", w.Notes, wantNotes)
	}
	// With a run well below the day, lowering the day only pulls the run along below the run size.
	w, _ = whatIfFile(t, c, "nightly-invoices.json", "records_per_run=1000")
	if !slices.Contains(w.Notes, "Below 1,000 records a day, records_per_run follows records_per_day (it takes the same value) to keep records_per_run <= max(records_per_day, 1).") {
		t.Errorf("notes: %q", w.Notes)
	}
	// Record by record, nothing ever follows: the run of 1 fits every day.
	w, _ = whatIfFile(t, c, "order-events.yaml")
	for _, n := range w.Notes {
		if strings.Contains(n, "follows") {
			t.Errorf("unexpected note: %s", n)
		}
	}
}

// TestWhatIfAlternatives: every other value of every choice that applies is evaluated; questions
// hidden by a value are not evaluated, and ones it shows are asked at their defaults.
func TestWhatIfAlternatives(t *testing.T) {
	c := shipped.Catalog(t)
	w, _ := whatIfFile(t, c, "order-events.yaml")
	got := map[string]whatif.Alternative{}
	var order []string
	for _, a := range w.Alternatives {
		key := fmt.Sprintf("%s=%v", a.Field, a.Value)
		got[key] = a
		order = append(order, key)
	}
	// Question order, then option order, the current value left out.
	want := []string{
		"direction=inbound", "direction=bidirectional", "source_of_truth=external", "source_of_truth=shared",
		"interaction=data", "interaction=virtual", "latency=interactive", "latency=minutes", "latency=hours", "latency=daily",
		"ack=none", "ack=result", "trigger=user_action", "trigger=schedule", "trigger=external_event",
		"receiver=rest_endpoint", "receiver=soap_endpoint", "ordering=none", "ordering=strict",
		"edition=developer", "edition=professional", "edition=enterprise", "edition=performance", "middleware=true",
	}
	if !slices.Equal(order, want) {
		t.Errorf("alternatives\n%v\nwant\n%v", order, want)
	}
	checks := []struct {
		key, mechanism, pattern string
		changed                 bool
		sentence                string
	}{
		{"direction=inbound", "platform_events", "remote_call_in", true, "With direction=inbound (receiver no longer applies; response_seconds no longer applies), the pattern moves from"},
		{"receiver=soap_endpoint", "outbound_messaging", "fire_and_forget", true, "the recommendation moves from Platform Events to Outbound Messaging."},
		{"interaction=virtual", "salesforce_connect", "data_virtualization", true, "to Salesforce Connect (Data Virtualization)."},
		{"latency=minutes", "platform_events", "fire_and_forget", false, "With latency=minutes: no change."},
	}
	for _, ch := range checks {
		a := got[ch.key]
		if a.Mechanism != ch.mechanism || a.Pattern != ch.pattern || a.Changed != ch.changed || !strings.Contains(a.Sentence, ch.sentence) {
			t.Errorf("%s: %+v", ch.key, a)
		}
	}
	// Inbound answers: receiver does not apply, so it has no alternatives; going outbound asks it.
	w, _ = whatIfFile(t, c, "nightly-invoices.json")
	for _, a := range w.Alternatives {
		if a.Field == "receiver" {
			t.Errorf("receiver does not apply to inbound answers, yet: %+v", a)
		}
		if a.Field == "direction" && !strings.Contains(a.Sentence, "(receiver is asked, at its default subscriber; response_seconds is asked, at its default 2)") {
			t.Errorf("direction=%v: %s", a.Value, a.Sentence)
		}
	}
}

// outcomeAt evaluates the answers with one number changed under the documented policy, written
// out here independently of the engine's generic version: records_per_run follows
// records_per_day down when the day falls below it, and external_clients follows subscribers.
func outcomeAt(t *testing.T, c *rules.Catalog, base rules.Answers, field string, v int64) *rules.Decision {
	t.Helper()
	a := base.Clone()
	a.Put(field, int(v))
	if run, _ := a.Get("records_per_run"); field == "records_per_day" && run.(int) > max(int(v), 1) {
		a.Put("records_per_run", max(int(v), 1))
	}
	if ext, _ := a.Get("external_clients"); field == "subscribers" && !base.Defaulted("external_clients") && ext.(int) > int(v) {
		a.Put("external_clients", int(v))
	}
	checked, _, err := c.CheckAnswers(a)
	if err != nil {
		t.Fatalf("%s = %d: %v", field, v, err)
	}
	d, err := c.Evaluate(checked)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func verdictOf(d *rules.Decision, mechanism, limit string) string {
	if r := d.Row(mechanism, limit); r != nil {
		return r.Verdict1x
	}
	return ""
}

// sameAdvice compares what the what-if compares: the recommendation, whether it fits, and the
// recommended mechanism's verdicts at the stated volume.
func sameAdvice(a, b *rules.Decision) bool {
	if a.Recommendation.Mechanism != b.Recommendation.Mechanism || a.Recommendation.Pattern != b.Recommendation.Pattern ||
		a.Feasible() != b.Feasible() {
		return false
	}
	for _, r := range a.Capacity {
		if r.Mechanism == a.Recommendation.Mechanism && verdictOf(b, r.Mechanism, r.Limit) != r.Verdict1x {
			return false
		}
	}
	return true
}

func outcomeMatches(d *rules.Decision, o whatif.Outcome, limit string) bool {
	ok := d.Recommendation.Mechanism == o.Mechanism && d.Recommendation.Pattern == o.Pattern && d.Feasible() == o.Viable
	if o.Verdict != "" {
		ok = ok && verdictOf(d, o.Mechanism, limit) == o.Verdict
	}
	return ok
}

// TestWhatIfThresholdsHold checks every scenario's what-if against the engine directly: at each
// threshold the advice on either side is what the threshold says, and between the stated value
// and the first threshold in each direction (or the end of the searched range) spot checks find
// the advice unchanged.
func TestWhatIfThresholdsHold(t *testing.T) {
	c := shipped.Catalog(t)
	for _, file := range scenario.Files(t, "../../testdata") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			sc := scenario.Read(t, file)
			base := scenario.Answers(t, c, file, &sc.Answers)
			w, err := whatif.Search(context.Background(), c, base, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, th := range w.Thresholds {
				near, far := th.Value-1, th.Value // the stated side, the other side
				if th.Direction == whatif.DirectionBelow {
					near, far = th.Value, th.Value-1
				}
				dn, df := outcomeAt(t, c, base, th.Field, near), outcomeAt(t, c, base, th.Field, far)
				if !outcomeMatches(dn, th.From, th.Limit) || !outcomeMatches(df, th.To, th.Limit) || sameAdvice(dn, df) {
					t.Errorf("%s %s %d: at %d %s, at %d %s; threshold says %+v → %+v", th.Field, th.Direction, th.Value,
						near, dn.Recommendation.Mechanism, far, df.Recommendation.Mechanism, th.From, th.To)
				}
			}
			start, err := c.Evaluate(base)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range w.Explored {
				for _, dir := range []string{whatif.DirectionBelow, whatif.DirectionAbove} {
					for _, v := range spotChecks(w, e, dir) {
						if d := outcomeAt(t, c, base, e.Field, v); !sameAdvice(start, d) {
							t.Errorf("%s = %d: the advice changes (%s) before the first threshold %s", e.Field, v,
								d.Recommendation.Mechanism, dir)
						}
					}
				}
			}
		})
	}
}

// spotChecks picks values between the stated one and the first threshold in a direction (or the
// end of the searched range): next to each end, and a quarter, half and three quarters of the way.
func spotChecks(w *whatif.Result, e whatif.Explored, dir string) []int64 {
	last := e.High // the last value with the stated advice
	if dir == whatif.DirectionBelow {
		last = e.Low
	}
	for _, th := range w.Thresholds {
		if th.Field == e.Field && th.Direction == dir {
			last = th.Value - 1
			if dir == whatif.DirectionBelow {
				last = th.Value
			}
			break
		}
	}
	span := last - e.Value
	if span == 0 {
		return nil
	}
	step := int64(1)
	if span < 0 {
		step = -1
	}
	return slices.Compact([]int64{e.Value + step, e.Value + span/4, e.Value + span/2, e.Value + span*3/4, last - step, last})
}

// TestWhatIfDeterministic: the worker pool does not leak into the result.
func TestWhatIfDeterministic(t *testing.T) {
	c := shipped.Catalog(t)
	first, _ := whatIfFile(t, c, "order-events.yaml")
	for range 3 {
		again, _ := whatIfFile(t, c, "order-events.yaml")
		if !reflect.DeepEqual(first, again) {
			t.Fatal("what-if differs between runs")
		}
	}
}

// TestWhatIfRefusesUncheckedAnswers: incomplete answers are an error, not a search.
func TestWhatIfRefusesUncheckedAnswers(t *testing.T) {
	c := shipped.Catalog(t)
	a := rules.NewAnswers()
	a.Put("name", "Half")
	if _, err := whatif.Search(context.Background(), c, a, nil); rules.AsProblems(err) == nil {
		t.Fatalf("want problems, got %v", err)
	}
}

// TestWhatIfTime: every scenario well under the 50 ms the issue allows (the bound here is
// generous so a busy machine does not fail it); the figures are logged.
func TestWhatIfTime(t *testing.T) {
	c := shipped.Catalog(t)
	var worst, total time.Duration
	worstName, evals, n := "", 0, 0
	for _, file := range scenario.Files(t, "../../testdata") {
		sc := scenario.Read(t, file)
		a := scenario.Answers(t, c, file, &sc.Answers)
		best := time.Duration(1 << 62)
		var w *whatif.Result
		for range 3 {
			start := time.Now()
			var err error
			if w, err = whatif.Search(context.Background(), c, a, nil); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		if best > 200*time.Millisecond {
			t.Errorf("%s: what-if took %v", filepath.Base(file), best)
		}
		if best > worst {
			worst, worstName = best, filepath.Base(file)
		}
		total += best
		evals = max(evals, w.Evaluations)
		n++
	}
	t.Logf("%d scenarios: mean %v, slowest %v (%s); at most %d evaluations", n, total/time.Duration(n),
		worst, worstName, evals)
}

func TestQuantity(t *testing.T) {
	c := shipped.Catalog(t)
	for _, tc := range []struct {
		field string
		n     int64
		want  string
	}{
		{"records_per_day", 6000, "6,000 records a day"},
		{"records_per_day", 1, "1 record a day"},
		{"subscribers", 1, "1 subscriber"},
		{"receiver_downtime_hours", 72, "72 hours of downtime"},
		{"payload_kb", 1024, "1,024 KB per record"},
		{"licenses", 0, "0 licences"},
	} {
		if got := c.Question(tc.field).Quantity(tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.field, tc.n, got, tc.want)
		}
	}
}

// BenchmarkWhatIf measures the whole what-if for answers with few and with many thresholds.
func BenchmarkWhatIf(b *testing.B) {
	c := shipped.Catalog(b)
	for _, name := range []string{
		"order-shipped-notifications", "nightly-erp-invoice-load", "initial-account-migration",
		"marketing-contact-sync-over-delivery-limit", "insurance-policy-admin-soap-listener",
	} {
		file := "../../testdata/scenarios/" + name + ".yaml"
		sc := scenario.Read(b, file)
		a := scenario.Answers(b, c, file, &sc.Answers)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			evals := 0
			for b.Loop() {
				w, err := whatif.Search(context.Background(), c, a, nil)
				if err != nil {
					b.Fatal(err)
				}
				evals = w.Evaluations
			}
			b.ReportMetric(float64(evals), "evaluations/op")
		})
	}
}
