package whatif

import (
	"github.com/sfpattern/sfpattern/rules"
)

// outcome is what the search compares between two values: the recommendation and every capacity
// verdict at the stated volume (the recommended mechanism's decide sameness; the others explain
// why a recommendation moved).
type outcome struct {
	mechanism, pattern string
	viable             bool
	closest            string // when nothing fits, the mechanism that came nearest
	rows               []rowVerdict
}

// rowVerdict is one capacity row's verdicts at the stated volume and under stress; only the
// first decides sameness, the second can explain why a recommendation moved.
type rowVerdict struct {
	mechanism, limit, verdict, stress string
	share, stressShare                float64 // to guess where a verdict flips
}

func outcomeOf(d *rules.Decision) *outcome {
	o := &outcome{
		mechanism: d.Recommendation.Mechanism, pattern: d.Recommendation.Pattern,
		viable: d.Feasible(), closest: d.Recommendation.Closest, rows: make([]rowVerdict, len(d.Capacity)),
	}
	for i, r := range d.Capacity {
		o.rows[i] = rowVerdict{r.Mechanism, r.Limit, r.Verdict1x, r.Verdict10x, r.Share1x, r.Share10x}
	}
	return o
}

// verdict returns a mechanism's verdict on a limit at the stated volume, or "" when it has no
// such row.
func (o *outcome) verdict(mechanism, limit string) string { return o.row(mechanism, limit).verdict }

func (o *outcome) row(mechanism, limit string) rowVerdict {
	for _, r := range o.rows {
		if r.mechanism == mechanism && r.limit == limit {
			return r
		}
	}
	return rowVerdict{}
}

// sameRecommendation reports whether two outcomes recommend the same mechanism and pattern, and
// agree on whether it fits at all.
func (o *outcome) sameRecommendation(p *outcome) bool {
	return o.mechanism == p.mechanism && o.pattern == p.pattern && o.viable == p.viable
}

// changedRows lists the limits of mechanism whose verdict differs between o and p, in o's row order.
func (o *outcome) changedRows(p *outcome, mechanism string) []rowVerdict {
	var out []rowVerdict
	for _, r := range o.rows {
		if r.mechanism != mechanism {
			continue
		}
		if v := p.verdict(mechanism, r.limit); v != "" && v != r.verdict {
			out = append(out, r)
		}
	}
	return out
}

// same reports whether the advice is the same: the recommendation and its mechanism's verdicts.
func (o *outcome) same(p *outcome) bool {
	return o.sameRecommendation(p) && len(o.changedRows(p, o.mechanism)) == 0
}

// outcomeView names an outcome's mechanism and pattern; a capacity threshold adds the verdict.
func (c catalog) outcomeView(o *outcome) Outcome {
	out := Outcome{Mechanism: o.mechanism, Pattern: o.pattern, Viable: o.viable}
	if m := c.Mechanism(o.mechanism); m != nil {
		out.MechanismName = m.Name
	}
	if p := c.Pattern(o.pattern); p != nil {
		out.PatternName = p.Name
	}
	return out
}
