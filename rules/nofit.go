package rules

import (
	"fmt"
	"slices"
	"strings"
)

// nothingFits records that no mechanism meets every requirement: the decision recommends none,
// names the closest and explains every exclusion. WhatWouldChange adds the single answers that
// would allow a design; it is a search, so it runs on demand rather than in every evaluation.
func (ev *evaluation) nothingFits(top *Ranked) {
	d := ev.d
	d.Recommendation = Recommendation{
		Mechanism: NoMechanism, MechanismName: "No mechanism", Pattern: NoMechanism, PatternName: "No pattern",
		Confidence: confidenceLow, Score: top.Score, Closest: top.Mechanism,
	}
	if !ev.explaining() {
		ev.warn("no-viable-mechanism", "")
		return
	}
	d.Recommendation.Summary = nothingFitsSummary(top, nil)
	ev.warn("no-viable-mechanism", d.Recommendation.Summary)
	for i := range d.Ranking {
		d.Ranking[i].WhyNot = "Ruled out: " + d.Ranking[i].ExcludedBecause[0]
	}
}

// nothingFitsSummary says plainly that nothing meets the requirements, why the closest
// mechanism does not, and what single change would allow a design, when that is known.
func nothingFitsSummary(top *Ranked, changes []Change) string {
	var b strings.Builder
	b.WriteString("No Salesforce mechanism meets these requirements as stated. " + top.Name +
		" comes closest, but it is ruled out: " + top.ExcludedBecause[0])
	switch {
	case changes == nil:
		b.WriteString(" Change a requirement before building anything.")
	case len(changes) == 0:
		b.WriteString(" No single change of answer would allow a design: revisit the requirements together.")
	default:
		b.WriteString(" Any one of these changes would allow a design: " + changeList(changes) + ".")
	}
	return b.String()
}

// changeList writes the changes compactly, the values of one field that lead to the same
// mechanism together: "edition = enterprise, unlimited or performance (Apex callouts); latency =
// hours (REST API)".
func changeList(changes []Change) string {
	var parts []string
	for i := 0; i < len(changes); {
		j := i
		var vals []string
		for j < len(changes) && changes[j].Field == changes[i].Field && changes[j].Mechanism == changes[i].Mechanism {
			vals = append(vals, fmt.Sprint(changes[j].Value))
			j++
		}
		parts = append(parts, changes[i].Field+" = "+orList(vals)+" ("+changes[i].MechanismName+")")
		i = j
	}
	return strings.Join(parts, "; ")
}

// orList joins values as a sentence does: "a", "a or b", "a, b or c".
func orList(vals []string) string {
	if len(vals) < 2 {
		return strings.Join(vals, "")
	}
	return strings.Join(vals[:len(vals)-1], ", ") + " or " + vals[len(vals)-1]
}

// WhatWouldChange completes a decision that nothing meets: it tries every other value of each
// choice answered, one at a time, and records those under which some mechanism meets every
// requirement, in the recommendation and its summary. It does nothing to a feasible decision.
func (c *Catalog) WhatWouldChange(d *Decision, a Answers, org *Org) error {
	if d.Feasible() || d.Recommendation.WouldChange != nil {
		return nil
	}
	ev := &evaluation{c: c, org: org, answers: a}
	changes, err := ev.whatWouldChange()
	if err != nil {
		return err
	}
	rec := &d.Recommendation
	rec.WouldChange = changes
	rec.Summary = nothingFitsSummary(&d.Ranking[0], changes)
	for i := range d.Warnings {
		if d.Warnings[i].ID == "no-viable-mechanism" {
			d.Warnings[i].Message = rec.Summary
		}
	}
	return nil
}

// whatWouldChange tries every other value of each choice answered, one at a time, and keeps those
// under which some mechanism meets every requirement.
func (ev *evaluation) whatWouldChange() ([]Change, error) {
	out := []Change{}
	for _, q := range ev.c.Questions {
		cur, set := ev.answers.Get(q.ID)
		if !set || q.Identity || (q.Kind != KindSelect && q.Kind != KindBoolean) {
			continue
		}
		for _, v := range choiceValues(q) {
			if v == cur {
				continue
			}
			alt := ev.answers.Clone()
			alt.Put(q.ID, v)
			checked, _, err := ev.c.CheckAnswers(alt)
			if err != nil {
				continue
			}
			ok, err := ev.c.feasible(checked, ev.org)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			d, err := ev.c.EvaluateOrg(checked, ev.org)
			if err != nil {
				return nil, err
			}
			if !d.Feasible() {
				continue
			}
			out = append(out, Change{
				Field: q.ID, Value: v, Mechanism: d.Recommendation.Mechanism,
				MechanismName: d.Recommendation.MechanismName,
			})
		}
	}
	return out, nil
}

// choiceValues lists the values a select or boolean question takes.
func choiceValues(q *Question) []any {
	if q.Kind == KindBoolean {
		return []any{false, true}
	}
	vals := make([]any, len(q.Options))
	for i, o := range q.Options {
		vals[i] = o.ID
	}
	return vals
}

// feasible reports whether some mechanism meets every requirement: no exclusion matches it and
// none of its walls is exceeded. It evaluates only what can exclude (the answers' exclusion
// rules, then the capacity rows and the per-mechanism exclusions), which makes probing many
// alternatives cheap; remedies are not worked out, so a per-mechanism rule that excludes on a
// remedy sentence is not honoured here.
func (c *Catalog) feasible(a Answers, org *Org) (bool, error) {
	ev := c.newEvaluation(modeProbe)
	ev.org, ev.answers = org, a
	defer c.putScratch(ev.scratch)
	if err := ev.buildEnv(a); err != nil {
		return false, err
	}
	excluded := make([]bool, len(c.Mechanisms))
	for _, r := range c.excludingRules {
		ok, err := ev.ruleHolds(r)
		if err != nil {
			return false, err
		}
		for _, e := range r.effects {
			excluded[e.mechanism] = excluded[e.mechanism] || (ok && e.effect.Exclude)
		}
	}
	if !slices.Contains(excluded, false) {
		return false, nil
	}
	if err := ev.capacity(); err != nil {
		return false, err
	}
	for i, m := range c.Mechanisms {
		if excluded[i] {
			continue
		}
		w := &ev.rows[i]
		c.setVerdicts(ev.env, m, w)
		if c.eachNeedsDetails {
			c.setDetails(ev.env, w)
		}
		out := false
		for _, r := range c.excludingEach {
			ok, err := ev.ruleHolds(r)
			if err != nil {
				return false, err
			}
			out = out || ok
		}
		if !out {
			return true, nil
		}
	}
	return false, nil
}
