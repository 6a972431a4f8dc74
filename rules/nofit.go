package rules

import (
	"fmt"
	"strings"
)

// nothingFits records that no mechanism meets every requirement: the decision recommends none,
// names the closest, explains every exclusion, and lists the single answers that would change it.
func (ev *evaluation) nothingFits(top *Ranked) {
	d := ev.d
	rec := Recommendation{
		Mechanism: NoMechanism, MechanismName: "No mechanism", Pattern: NoMechanism, PatternName: "No pattern",
		Confidence: "low", Score: top.Score, Closest: top.Mechanism, WouldChange: ev.whatWouldChange(),
	}
	var b strings.Builder
	b.WriteString("No Salesforce mechanism meets these requirements as stated. " + top.Name +
		" comes closest, but it is ruled out: " + top.ExcludedBecause[0])
	if len(rec.WouldChange) > 0 {
		b.WriteString(" Any one of these changes would allow a design: ")
		for i, ch := range rec.WouldChange {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(fmt.Sprintf("%s = %v (%s)", ch.Field, ch.Value, ch.MechanismName))
		}
		b.WriteString(".")
	} else {
		b.WriteString(" No single change of answer would allow one: revisit the requirements together.")
	}
	rec.Summary = b.String()
	d.Recommendation = rec
	ev.warn("no-viable-mechanism", rec.Summary)
	for i := range d.Ranking {
		d.Ranking[i].WhyNot = "Ruled out: " + d.Ranking[i].ExcludedBecause[0]
	}
}

// whatWouldChange tries every other value of each choice answered, one at a time, and keeps those
// under which some mechanism meets every requirement. The alternatives are evaluated without
// searching in turn.
func (ev *evaluation) whatWouldChange() []Change {
	if ev.probing {
		return nil
	}
	var out []Change
	for _, q := range ev.c.Questions {
		cur, set := ev.answers.Get(q.ID)
		if !set || (q.Kind != KindSelect && q.Kind != KindBoolean) {
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
			d, err := ev.c.evaluate(checked, ev.org, true)
			if err != nil || !d.Feasible() {
				continue
			}
			out = append(out, Change{Field: q.ID, Value: v, Mechanism: d.Recommendation.Mechanism,
				MechanismName: d.Recommendation.MechanismName})
		}
	}
	return out
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
