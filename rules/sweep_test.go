package rules_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
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
// boolean answers (receiver only where it applies) at every volume.
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
			for _, vol := range volumes {
				fn(append(slices.Clone(acc), "name=Sweep", "records_per_day="+vol.day, "records_per_run="+vol.run))
			}
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
	matched := map[string]bool{}
	recommended := map[string]int{}
	patterns := map[string]int{}
	count, failures := 0, 0
	sweepCombos(c, func(sets []string) {
		count++
		a, _, err := c.ReadAnswers("", nil, sets)
		if err != nil {
			t.Fatalf("%v: %v", sets, err)
		}
		d, err := c.Evaluate(a)
		if err != nil {
			t.Fatalf("%v: %v", sets, err)
		}
		if msg := checkDecision(c, d); msg != "" && failures < 10 {
			failures++
			t.Errorf("%v: %s", sets, msg)
		}
		recordMatches(d, matched)
		recommended[d.Recommendation.Mechanism]++
		patterns[d.Recommendation.Pattern]++
	})
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

// checkDecision returns what is wrong with a decision's shape, or "".
func checkDecision(c *rules.Catalog, d *rules.Decision) string {
	if d.Recommendation.Mechanism == "" || d.Recommendation.Pattern == "" || d.Recommendation.Variant == "" {
		return "no recommendation"
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
	if top.Mechanism != d.Recommendation.Mechanism {
		return "recommendation is not the top of the ranking"
	}
	if !top.Viable && !slices.ContainsFunc(d.Warnings, func(w rules.Warning) bool { return w.ID == "no-viable-mechanism" }) {
		return "recommended an excluded mechanism without saying so"
	}
	if len(d.FailureModes) == 0 {
		return "no failure modes"
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
