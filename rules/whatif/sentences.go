package whatif

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// The sentences of a what-if are written once the search is over, from what it recorded: the
// search finds values and outcomes, and this file says what they mean.

// describe writes the sentence of every threshold and alternative.
func (c catalog) describe(w *Result) {
	for i := range w.Thresholds {
		w.Thresholds[i].Sentence = c.thresholdSentence(&w.Thresholds[i])
	}
	for i := range w.Alternatives {
		w.Alternatives[i].Sentence = c.alternativeSentence(&w.Alternatives[i])
	}
}

// thresholdSentence says where the advice changes and how: "Above 72 hours of downtime, the
// Platform Events design exceeds Event retention for replay and the recommendation moves …".
func (c catalog) thresholdSentence(t *Threshold) string {
	at := where(c.Question(t.Field), t)
	if t.Kind == KindCapacity {
		return at + ", " + c.capacityPhrase(t.From.Mechanism, t.Limit, t.To.Verdict) + "."
	}
	if t.cause == nil {
		return at + ", " + c.movePhrase(t.from, t.to) + "."
	}
	phrase := c.capacityPhrase(t.cause.mechanism, t.cause.limit, t.cause.verdict)
	if t.cause.stress {
		phrase += fmt.Sprintf(" at %d× the volume", c.Knowledge.Capacity.StressFactor)
	}
	return at + ", " + phrase + " and " + c.movePhrase(t.from, t.to) + "."
}

// where phrases the new side of a threshold: "Above 72 hours of downtime" (73 and more),
// "Below 20,000 records a day" (19,999 and fewer), or "At 0 records a day" at the end of a range.
func where(q *rules.Question, t *Threshold) string {
	far := t.Value // above: the first value on the new side
	if t.Direction == DirectionBelow {
		far = t.Value - 1
	}
	switch {
	case far == q.Max.Value || far == q.Min.Value:
		return "At " + q.Quantity(far)
	case t.Direction == DirectionAbove:
		return "Above " + q.Quantity(far-1)
	}
	return "Below " + q.Quantity(far+1)
}

// movePhrase says how the recommendation moves: "the recommendation moves from Platform Events to
// Bulk API 2.0", naming the patterns only when the pattern changes too, and saying so when no
// mechanism fits on one side.
func (c catalog) movePhrase(a, b *outcome) string {
	from, to := c.outcomeView(a), c.outcomeView(b)
	fromName, toName := from.MechanismName, to.MechanismName
	if a.pattern != b.pattern {
		fromName += " (" + from.PatternName + ")"
		toName += " (" + to.PatternName + ")"
	}
	switch {
	case a.viable && !b.viable && a.mechanism == b.closest:
		return fmt.Sprintf("no mechanism meets the requirements any more (%s comes closest)", c.mechanismName(b.closest))
	case a.viable && !b.viable:
		return fmt.Sprintf("no mechanism meets the requirements any more, not even %s (%s comes closest)", fromName, c.mechanismName(b.closest))
	case !a.viable && b.viable:
		return fmt.Sprintf("a mechanism meets the requirements again: %s", toName)
	case !a.viable:
		return "still no mechanism meets the requirements"
	case a.mechanism == b.mechanism:
		return fmt.Sprintf("the pattern moves from %s to %s (still %s)", from.PatternName, to.PatternName, to.MechanismName)
	}
	return fmt.Sprintf("the recommendation moves from %s to %s", fromName, toName)
}

// mechanismName returns a mechanism's display name, or its id when it is unknown.
func (c catalog) mechanismName(id string) string {
	if m := c.Mechanism(id); m != nil {
		return m.Name
	}
	return id
}

// capacityPhrase says what a verdict means for a mechanism's limit: "the Platform Events design
// exceeds Event retention for replay".
func (c catalog) capacityPhrase(mechanism, limit, verdict string) string {
	name, title := mechanism, limit
	if m := c.Mechanism(mechanism); m != nil {
		name = m.Name
	}
	if l := c.Limit(limit); l != nil {
		title = l.Title
	}
	warn := rules.FormatPercent(c.Knowledge.Capacity.WarnShare)
	switch verdict {
	case rules.VerdictExceeds:
		return fmt.Sprintf("the %s design exceeds %s", name, title)
	case rules.VerdictWarn:
		return fmt.Sprintf("the %s design needs %s to 100%% of %s", name, warn, title)
	}
	return fmt.Sprintf("the %s design needs less than %s of %s", name, warn, title)
}

// alternativeSentence says what another value of a choice gives, and which questions it makes
// apply or drop.
func (c catalog) alternativeSentence(alt *Alternative) string {
	base, checked, start, o := alt.base, alt.checked, alt.start, alt.out
	s := fmt.Sprintf("With %s=%v", alt.Field, alt.Value)
	var shifts []string
	for _, other := range c.Questions {
		_, before := base.Get(other.ID)
		after, now := checked.Get(other.ID)
		switch {
		case before && !now:
			shifts = append(shifts, other.ID+" no longer applies")
		case !before && now:
			shifts = append(shifts, fmt.Sprintf("%s is asked, at its default %v", other.ID, after))
		}
	}
	if len(shifts) > 0 {
		s += " (" + strings.Join(shifts, "; ") + ")"
	}
	if o.sameRecommendation(start) {
		return s + ": no change."
	}
	return s + ", " + c.movePhrase(start, o) + "."
}
