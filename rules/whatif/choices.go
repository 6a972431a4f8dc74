package whatif

import (
	"fmt"

	"github.com/sfpattern/sfpattern/rules"
)

// alternatives evaluates every other value of one choice question. A value that hides or shows
// other questions is evaluated as the wizard would ask it: hidden answers dropped, newly asked
// ones at their defaults, which the sentence names.
func (c catalog) alternatives(j *whatIfJob, base rules.Answers, start *outcome) {
	q := j.q
	cur, _ := base.Get(q.ID)
	values := make([]any, 0, len(q.Options))
	if q.Kind == rules.KindBoolean {
		values = append(values, false, true)
	}
	for _, o := range q.Options {
		values = append(values, o.ID)
	}
	for _, v := range values {
		if v == cur {
			continue
		}
		if j.stopped() {
			return
		}
		checked, _, err := c.CheckAnswersWith(base, rules.Answer{ID: q.ID, Value: v})
		if err != nil {
			j.notes = append(j.notes, fmt.Sprintf("%s=%v is not evaluated: %s %s.", q.ID, v,
				rules.AsProblems(err)[0].Field, rules.AsProblems(err)[0].Msg))
			continue
		}
		err = c.DecideInto(&j.decision, checked, j.org)
		j.evals++
		if err != nil {
			j.err = fmt.Errorf("what-if %s = %v: %w", q.ID, v, err)
			return
		}
		o := outcomeOf(&j.decision)
		view := c.outcomeView(o)
		j.alts = append(j.alts, Alternative{
			Field: q.ID, Value: v, Mechanism: o.mechanism, MechanismName: view.MechanismName,
			Pattern: o.pattern, PatternName: view.PatternName, Changed: !o.sameRecommendation(start),
			base: base, checked: checked, start: start, out: o,
		})
	}
}
