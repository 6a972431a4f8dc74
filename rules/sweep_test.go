package rules_test

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// volumes are the daily and per-run volumes the sweep tries with every combination of choices:
// nothing, record by record, a small batch, and a large batch well above the Bulk threshold.
var volumes = []struct{ day, run string }{
	{"0", "1"}, {"5000", "1"}, {"20000", "200"}, {"3000000", "500000"},
}

// sweepCombos calls fn with the --set assignments of every combination of the select and
// boolean answers (receiver only where it applies); the caller adds the volumes.
func sweepCombos(c *rules.Catalog, fn func(sets []string)) {
	var fields [][]string
	for _, q := range c.Questions {
		var vals []string
		switch q.Kind {
		case rules.KindSelect:
			vals = q.OptionIDs()
		case rules.KindBoolean:
			vals = []string{"false", "true"}
		default:
			continue
		}
		assign := make([]string, len(vals))
		for i, v := range vals {
			assign[i] = q.ID + "=" + v
		}
		fields = append(fields, assign)
	}
	var walk func(i int, acc []string)
	walk = func(i int, acc []string) {
		if i == len(fields) {
			fn(slices.Clone(acc))
			return
		}
		for _, a := range fields[i] {
			if strings.HasPrefix(a, "receiver=") && slices.Contains(acc, "direction=inbound") && a != fields[i][0] {
				continue // receiver does not apply to inbound integrations: one value is enough
			}
			walk(i+1, append(acc, a))
		}
	}
	walk(0, nil)
}

// TestSweep evaluates every combination of the enumerated answers at several volumes. Each must
// give exactly one recommendation, rank all seven mechanisms once, explain every one, and give a
// reason for every exclusion. Across the sweep and the scenarios, every rule must match at least
// once (no dead rules) and every mechanism and pattern must be recommended somewhere.
func TestSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive sweep skipped in -short mode")
	}
	c := shipped.Catalog(t)
	// The sweep allocates some 30 GB in short-lived decisions over a live heap of a few MB, so at
	// the default GOGC the collector runs thousands of times and takes about half the sweep's CPU.
	// A larger target keeps the peak near 100 MB and halves the sweep.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	combos := make(chan []string, 64)
	results := make([]sweepTally, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range results {
		results[w] = newSweepTally()
		wg.Go(func() {
			for base := range combos {
				results[w].combination(t, c, base)
			}
		})
	}
	sweepCombos(c, func(base []string) { combos <- base })
	close(combos)
	wg.Wait()
	total := newSweepTally()
	for _, r := range results {
		total.merge(r)
	}
	for _, msg := range total.failures[:min(len(total.failures), 10)] {
		t.Error(msg)
	}
	matched, recommended, patterns, count := total.matched, total.recommended, total.patterns, total.count
	for _, file := range scenarioFiles(t) {
		sc := readScenario(t, file)
		d, err := c.Evaluate(answersOf(t, c, file, &sc.Answers))
		if err != nil {
			t.Fatal(err)
		}
		recordMatches(d, matched)
	}
	for _, r := range c.Rules {
		if !matched[r.ID] {
			t.Errorf("rule %s (%s) never matched in %d combinations or any scenario: a dead rule", r.ID, r.File, count)
		}
	}
	for _, m := range c.Mechanisms {
		if recommended[m.ID] == 0 {
			t.Errorf("mechanism %s is never recommended", m.ID)
		}
	}
	for _, p := range c.Patterns {
		if patterns[p.ID] == 0 {
			t.Errorf("pattern %s is never recommended", p.ID)
		}
	}
	t.Logf("%d combinations; recommendations: %v; patterns: %v", count, sortedCounts(recommended), sortedCounts(patterns))
}

// sweepTally is one worker's share of the sweep: what it saw and what failed.
type sweepTally struct {
	matched               map[string]bool
	recommended, patterns map[string]int
	count                 int
	failures              []string
}

func newSweepTally() sweepTally {
	return sweepTally{matched: map[string]bool{}, recommended: map[string]int{}, patterns: map[string]int{}}
}

// combination evaluates one combination of choices at every volume, in order, checking each
// decision and, between consecutive volumes, that no budget alone moved the recommendation.
func (st *sweepTally) combination(t *testing.T, c *rules.Catalog, base []string) {
	// The choices are parsed once and shared by the four volumes; only the volumes are set again.
	raw := rules.NewAnswers()
	for _, s := range append(base, "name=Sweep") {
		if err := c.Set(raw, s); err != nil {
			st.failures = append(st.failures, fmt.Sprintf("%v: %v", base, err))
			return
		}
	}
	var prev *rules.Decision // the same combination at the previous volume
	for _, vol := range volumes {
		sets := append(slices.Clone(base), "name=Sweep", "records_per_day="+vol.day, "records_per_run="+vol.run)
		st.count++
		a, err := checkVolume(c, raw, sets[len(sets)-2:])
		if err != nil {
			st.failures = append(st.failures, fmt.Sprintf("%v: %v", sets, err))
			return
		}
		d, err := c.Evaluate(a)
		if err != nil {
			st.failures = append(st.failures, fmt.Sprintf("%v: %v", sets, err))
			return
		}
		msg := checkDecision(c, d)
		if msg == "" && st.count%5 == 0 { // a fifth of the sweep is enough to compare the lean path
			msg = leanDiff(c, a, d)
		}
		if msg == "" {
			msg = checkRequirements(a, d)
		}
		if msg == "" && prev != nil {
			msg = checkBudgetFlip(prev, d)
		}
		prev = d
		if msg != "" && len(st.failures) < 10 {
			st.failures = append(st.failures, fmt.Sprintf("%v: %s", sets, msg))
		}
		recordMatches(d, st.matched)
		st.recommended[d.Recommendation.Mechanism]++
		st.patterns[d.Recommendation.Pattern]++
	}
}

// leanDiff checks that Decide agrees with the explained decision d for the same answers.
func leanDiff(c *rules.Catalog, a rules.Answers, d *rules.Decision) string {
	lean, err := c.Decide(a, nil)
	if err != nil {
		return "Decide: " + err.Error()
	}
	return rules.LeanDiff(d, lean)
}

// checkVolume sets the volumes on the parsed choices and checks the result, as ReadAnswers would
// with every assignment. Each volume overwrites the last one's fields, and CheckAnswers works on
// a copy, so raw needs no copy of its own.
func checkVolume(c *rules.Catalog, raw rules.Answers, vol []string) (rules.Answers, error) {
	for _, s := range vol {
		if err := c.Set(raw, s); err != nil {
			return raw, err
		}
	}
	a, _, err := c.CheckAnswers(raw)
	return a, err
}

func (st *sweepTally) merge(o sweepTally) {
	for k := range o.matched {
		st.matched[k] = true
	}
	for k, n := range o.recommended {
		st.recommended[k] += n
	}
	for k, n := range o.patterns {
		st.patterns[k] += n
	}
	st.count += o.count
	st.failures = append(st.failures, o.failures...)
}

// checkDecision returns what is wrong with a decision's shape, or "".
func checkDecision(c *rules.Catalog, d *rules.Decision) string {
	rec := d.Recommendation
	if rec.Mechanism == "" || rec.Pattern == "" || (rec.Variant == "") == d.Feasible() {
		return "no recommendation, or a variant for none"
	}
	if len(d.Ranking) != len(c.Mechanisms) {
		return fmt.Sprintf("ranking has %d mechanisms, want %d", len(d.Ranking), len(c.Mechanisms))
	}
	seen := map[string]bool{}
	for i, r := range d.Ranking {
		switch {
		case seen[r.Mechanism]:
			return r.Mechanism + " ranked twice"
		case len(r.Reasons) == 0:
			return r.Mechanism + " has no reasons"
		case r.Viable == (len(r.ExcludedBecause) > 0):
			return r.Mechanism + ": viable and excluded_because disagree"
		case i > 0 && r.WhyNot == "":
			return r.Mechanism + " lost without a why_not"
		case i > 0 && r.Viable && d.Ranking[i-1].Viable && r.Score > d.Ranking[i-1].Score:
			return "ranking is not sorted by score"
		}
		seen[r.Mechanism] = true
	}
	top := d.Ranking[0]
	said := slices.ContainsFunc(d.Warnings, func(w rules.Warning) bool { return w.ID == "no-viable-mechanism" })
	switch {
	case !d.Feasible() && (top.Viable || !said || rec.Closest != top.Mechanism):
		return "recommended nothing without saying so, or while " + top.Mechanism + " is viable"
	case !d.Feasible():
		return ""
	case top.Mechanism != rec.Mechanism:
		return "recommendation is not the top of the ranking"
	case !top.Viable:
		return "recommended an excluded mechanism"
	case said:
		return "recommended a mechanism while saying none fits"
	case len(d.FailureModes) == 0:
		return "no failure modes"
	}
	for _, row := range d.Capacity {
		if row.Mechanism == rec.Mechanism && row.Kind == rules.KindWall && row.Verdict1x == rules.VerdictExceeds {
			return "the recommendation exceeds a wall: " + row.Limit
		}
	}
	return ""
}

// checkRequirements returns the stated requirement the recommendation breaks, or "". Each is a
// capability the answers name, checked here independently of the rules that enforce it.
func checkRequirements(a rules.Answers, d *rules.Decision) string {
	get := func(id string) any { v, _ := a.Get(id); return v }
	m := d.Recommendation.Mechanism
	in := func(ids ...string) bool { return slices.Contains(ids, m) }
	outbound := get("direction") != "inbound"
	noMiddleware := get("middleware") == false
	switch {
	case !d.Feasible():
		return ""
	case get("direction") == "inbound" && !in("platform_events", "rest_api", "bulk_api"):
		return "the other system starts every exchange, but " + m + " starts in Salesforce"
	case get("edition") == "professional" && !in("rest_api", "bulk_api"):
		return "Professional Edition has no " + m
	case outbound && noMiddleware && slices.Contains([]any{"rest_endpoint", "soap_endpoint"}, get("receiver")) && in("platform_events", "change_data_capture"):
		return "the receiver can only be called, but " + m + " needs a subscriber"
	case outbound && noMiddleware && get("receiver") == "subscriber" && in("apex_callout", "outbound_messaging"):
		return "the receiver can only subscribe, but " + m + " calls it"
	case get("ack") == "result" && (get("direction") == "inbound" || get("latency") == "interactive") &&
		in("platform_events", "change_data_capture", "outbound_messaging"):
		return "the sender needs the result now, which " + m + " cannot return"
	case get("interaction") == "virtual" && outbound && !in("salesforce_connect", "apex_callout"):
		return "the data must stay in place, but " + m + " copies it"
	}
	return ""
}

// checkBudgetFlip returns why a recommendation that changed between two volumes changed only
// because a budget crossed 100 % while a listed remedy brings it back, or "". The mechanism that
// lost must then still lead once its budget points are set aside.
func checkBudgetFlip(before, after *rules.Decision) string {
	was := before.Recommendation.Mechanism
	if !before.Feasible() || !after.Feasible() || was == after.Recommendation.Mechanism {
		return ""
	}
	var old *rules.Ranked
	for i := range after.Ranking {
		if after.Ranking[i].Mechanism == was {
			old = &after.Ranking[i]
		}
	}
	if old == nil || !old.Viable {
		return ""
	}
	crossed := false
	for _, row := range after.Capacity {
		if row.Mechanism != was || row.Kind != rules.KindBudget || row.Verdict1x != rules.VerdictExceeds {
			continue
		}
		fixed := slices.ContainsFunc(row.Remedies, func(r rules.RemedyEffect) bool { return r.VerdictAfter != "" && r.VerdictAfter != rules.VerdictExceeds })
		if !fixed {
			return "" // no listed remedy brings it back: the budget may decide
		}
		crossed = true
	}
	if !crossed {
		return ""
	}
	budget := 0
	for _, r := range old.Reasons {
		if strings.HasPrefix(r.Rule, "budget-") {
			budget -= r.Points
		}
	}
	if old.Score+budget > after.Ranking[0].Score {
		return fmt.Sprintf("%s lost to %s only because a budget crossed 100 %% that a remedy fixes", was, after.Recommendation.Mechanism)
	}
	return ""
}

func recordMatches(d *rules.Decision, matched map[string]bool) {
	for _, s := range d.Trace {
		if s.Matched {
			matched[s.Rule] = true
		}
	}
}

func sortedCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, m[k])
	}
	return b.String()
}
