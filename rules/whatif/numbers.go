package whatif

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// probe is one value of a number tried against the answers' checks and, when admitted, the engine.
type probe struct {
	admitted bool
	answers  rules.Answers
	follower string // the number that followed the moved one, if any
	refusal  string // why the checks refuse the value
	out      *outcome
}

// numberSearch finds every threshold of one number in one direction.
type numberSearch struct {
	c         catalog
	base      rules.Answers
	q         *rules.Question
	cur, dir  int64
	memo      map[int64]*probe
	job       *whatIfJob
	exhausted bool // the budget ran out before the end of the range
}

func (s *numberSearch) run(j *whatIfJob) {
	s.job = j
	j.dir = s.dir
	j.end = s.cur
	end := s.q.Max.Value
	if s.dir < 0 {
		end = s.q.Min.Value
	}
	if s.cur == end {
		j.done = true
		return
	}
	s.grid(end)
	if s.exhausted {
		s.note(fmt.Sprintf("%s was searched from %s only to %s: the search stopped at its budget of %d evaluations.",
			s.q.ID, s.q.Quantity(s.cur), s.q.Quantity(j.end), whatIfBudget))
	}
	s.followNote()
}

// grid probes outward from the stated value, in steps that double from a sixteenth of the value
// (at least 1), so a large value does not spend a dozen probes on its last digits; downwards,
// once a step would pass half the distance to the lower end, each probe halves the distance
// instead, so the probes stay geometric all the way down (cur/2, cur/4 … min). It refines every
// step across which the outcome changes. A value the checks refuse ends the range at the last
// value they admit.
func (s *numberSearch) grid(end int64) {
	j := s.job
	prev := s.cur
	step := max(1, s.cur/16)
	for {
		var v int64
		switch {
		case s.dir > 0 || step <= (s.cur-end)/2:
			v = s.cur + s.dir*step
			if step > (1<<62)/2 || s.dir*(v-end) > 0 {
				v = end
			}
			step *= 2
		default:
			v = end + (prev-end)/2
		}
		if !s.admit(v).admitted {
			reach := s.reach(prev, v)
			s.note(fmt.Sprintf("%s %s: %s %s.", s.beyondWord(), s.q.Quantity(reach), s.q.ID, s.admit(reach+s.dir).refusal))
			if reach != prev && !s.stepTo(prev, reach) {
				return
			}
			j.end, j.done = reach, true
			return
		}
		if !s.stepTo(prev, v) {
			return
		}
		prev, j.end = v, v
		if v == end {
			j.done = true
			return
		}
	}
}

// stepTo evaluates v and refines the step from prev. At the end of the range it probes the value
// before the end first: facts built on ceilings (runs a day, batches a run) jump when a run
// carries exactly the whole day, so the last value is often unlike its neighbour.
func (s *numberSearch) stepTo(prev, v int64) bool {
	if atEnd := !s.admit(v + s.dir).admitted; atEnd && (v-prev)*s.dir > 1 {
		before := v - s.dir // its own next value, v, is admitted: no further recursion
		if !s.stepTo(prev, before) {
			return false
		}
		prev = before
	}
	return s.out(v) != nil && s.refine(prev, v, maxGuesses)
}

// refine finds every change between near (closer to the stated value) and far, both admitted and
// evaluated, and records the thresholds nearest first. It splits the bracket at interior values
// and recurses on the pieces, so any split finds every change the ends reveal; the split is a
// guess from the capacity shares where one applies (a capacity verdict flips where a share
// crosses 80 % or 100 %, and shares are nearly linear in a number, so the guess usually lands on
// the threshold: two or three evaluations instead of thirty), and the midpoint otherwise or once
// the guesses run out. It returns false on an error or when the budget is spent.
func (s *numberSearch) refine(near, far int64, guesses int) bool {
	a, b := s.out(near), s.out(far)
	if a == nil || b == nil {
		return false
	}
	if a.same(b) {
		// The advice is the same at both ends, but it may differ in between: a mechanism whose
		// limits pull in opposite directions (fewer, larger runs ease one and strain another) can
		// fit only inside a window. Look where its verdicts flip, while guesses last.
		if guesses == 0 || far-near == s.dir {
			return true
		}
		splits := s.windowGuess(near, far, a, b)
		if len(splits) == 0 {
			return true
		}
		return s.refineAt(near, far, splits, guesses-1)
	}
	if far-near == s.dir {
		s.threshold(near, far, a, b)
		return true
	}
	var splits []int64
	if guesses > 0 {
		if splits = s.guess(near, far, a, b); len(splits) == 0 {
			splits = s.limitGuess(near, far)
		}
		if len(splits) > 0 {
			guesses--
		}
	}
	if len(splits) == 0 {
		splits = []int64{near + (far-near)/2}
	}
	return s.refineAt(near, far, splits, guesses)
}

// refineAt evaluates the splits (interior values in search order) and refines each piece.
func (s *numberSearch) refineAt(near, far int64, splits []int64, guesses int) bool {
	prev := near
	for _, m := range append(splits, far) {
		if m != far && (!s.admit(m).admitted || s.out(m) == nil) {
			return false
		}
		if !s.refine(prev, m, guesses) {
			return false
		}
		prev = m
	}
	return true
}

// guess predicts where a capacity verdict of the old or the new recommendation that differs
// between near and far flips, by linear interpolation of its share, and returns the integers
// around the crossing that lie strictly inside the bracket, in search order.
func (s *numberSearch) guess(near, far int64, a, b *outcome) []int64 {
	for _, stress := range []bool{false, true} {
		for _, r := range a.rows {
			if r.mechanism != a.mechanism && r.mechanism != b.mechanism {
				continue
			}
			if lo, hi, ok := s.crossing(near, far, r, b.row(r.mechanism, r.limit), stress); ok {
				return s.inside(near, far, lo, hi)
			}
		}
	}
	return nil
}

// windowGuess looks for a mechanism with one limit getting better and another getting worse
// between near and far, and returns the values around both crossings.
func (s *numberSearch) windowGuess(near, far int64, a, b *outcome) []int64 {
	for _, m := range s.c.Mechanisms {
		better, worse := false, false
		for _, r := range a.rows {
			if r.mechanism != m.ID {
				continue
			}
			after := verdictRank(b.row(r.mechanism, r.limit).verdict)
			better = better || after < verdictRank(r.verdict)
			worse = worse || after > verdictRank(r.verdict)
		}
		if !better || !worse {
			continue
		}
		var out []int64
		for _, r := range a.rows {
			if r.mechanism != m.ID {
				continue
			}
			if lo, hi, ok := s.crossing(near, far, r, b.row(r.mechanism, r.limit), false); ok {
				for _, v := range s.inside(near, far, lo, hi) {
					if !slices.Contains(out, v) {
						out = append(out, v)
					}
				}
			}
		}
		slices.SortFunc(out, func(x, y int64) int { return cmp.Compare(x*s.dir, y*s.dir) })
		return out
	}
	return nil
}

// crossing interpolates where row r (at near) and q (the same row at far) change verdict: the
// share crosses the warn share when the near side is ok, else 100 %. It returns the integers
// either side of the crossing.
func (s *numberSearch) crossing(near, far int64, r, q rowVerdict, stress bool) (int64, int64, bool) {
	v0, v1, s0, s1 := r.verdict, q.verdict, r.share, q.share
	if stress {
		v0, v1, s0, s1 = r.stress, q.stress, r.stressShare, q.stressShare
	}
	if v1 == "" || v0 == v1 || s0 == s1 {
		return 0, 0, false
	}
	target := 1.0
	if v0 == rules.VerdictOK {
		target = s.c.Knowledge.Capacity.WarnShare
	}
	x := float64(near) + (target-s0)/(s1-s0)*float64(far-near)
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1<<62 {
		return 0, 0, false
	}
	lo, hi := int64(math.Floor(x)), int64(math.Floor(x))+1
	if x == math.Trunc(x) {
		lo-- // exactly on an integer: which side flips depends on >= or >
	}
	return lo, hi, true
}

// limitGuess proposes the knowledge base's limit values inside the bracket as splits: rules
// compare answers with limits ("records_per_run > limit.bulk_threshold_records"), so a change
// that no capacity share explains is likely at one. Only a bracket holding one or two such values
// is split this way; a wider one is halved first.
func (s *numberSearch) limitGuess(near, far int64) []int64 {
	a := s.admit(near).answers
	e, _ := a.Get(s.c.Role(rules.RoleEdition).ID)
	l, _ := a.Get(s.c.Role(rules.RoleLicences).ID)
	edition, _ := e.(string)
	licenses, _ := l.(int)
	var vals []int64
	for _, l := range s.c.Limits { // catalog order, for determinism
		f, err := s.c.LimitValue(l.ID, edition, licenses)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			continue
		}
		if v := int64(f); (v-near)*s.dir > 0 && (far-v)*s.dir > 0 && !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 || len(vals) > 2 {
		return nil
	}
	var out []int64
	for _, v := range vals {
		for _, m := range s.inside(near, far, v-1, v+1) {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(x, y int64) int { return cmp.Compare(x*s.dir, y*s.dir) })
	return out
}

// inside lists the integers from lo to hi that lie strictly between near and far, in search order.
func (s *numberSearch) inside(near, far, lo, hi int64) []int64 {
	var out []int64
	for v := lo; v <= hi; v++ {
		if (v-near)*s.dir > 0 && (far-v)*s.dir > 0 {
			out = append(out, v)
		}
	}
	if s.dir < 0 {
		slices.Reverse(out)
	}
	return out
}

// admit tries value v against the answers' checks, letting another number follow when only its
// own check fails (see Result). It does not evaluate.
func (s *numberSearch) admit(v int64) *probe {
	if p, ok := s.memo[v]; ok {
		return p
	}
	p := &probe{}
	s.memo[v] = p
	moved := rules.Answer{ID: s.q.ID, Value: int(v)}
	checked, _, err := s.c.CheckAnswersWith(s.base, moved)
	if err != nil {
		ps := rules.AsProblems(err)
		g := s.follower(ps)
		if g == nil {
			p.refusal = ps[0].Msg
			return p
		}
		follows := rules.Answer{ID: g.ID, Value: int(max(g.Min.Value, min(g.Max.Value, v)))}
		if checked, _, err = s.c.CheckAnswersWith(s.base, moved, follows); err != nil {
			p.refusal = rules.AsProblems(err)[0].Msg
			return p
		}
		p.follower = g.ID
	}
	p.admitted, p.answers = true, checked
	return p
}

// follower returns the number that may follow the moved one: the problems must all concern one
// other number question that applies.
func (s *numberSearch) follower(ps rules.Problems) *rules.Question {
	var g *rules.Question
	for _, p := range ps {
		q := s.c.Question(p.Field)
		if q == nil || q.Kind != rules.KindNumber || q == s.q || (g != nil && q != g) {
			return nil
		}
		g = q
	}
	return g
}

// out evaluates an admitted value (once), or returns nil after recording the error or when the
// search's budget is spent.
func (s *numberSearch) out(v int64) *outcome {
	p := s.admit(v)
	if p.out != nil {
		return p.out
	}
	if s.job.evals >= whatIfBudget || s.job.stopped() {
		s.exhausted = true
		return nil
	}
	d := &s.job.decision
	err := s.c.DecideInto(d, p.answers, s.job.org)
	s.job.evals++
	if err != nil {
		s.job.err = fmt.Errorf("what-if %s = %d: %w", s.q.ID, v, err)
		return nil
	}
	p.out = outcomeOf(d)
	return p.out
}

// reach finds the last admitted value between ok (admitted) and bad (refused), assuming the
// checks admit a contiguous range, as cross-field bounds do.
func (s *numberSearch) reach(ok, bad int64) int64 {
	for bad-ok != s.dir {
		mid := ok + (bad-ok)/2
		if s.admit(mid).admitted {
			ok = mid
		} else {
			bad = mid
		}
	}
	return ok
}

// followNote says from where another number followed this one, found by bisection over the
// checks alone (cheap: no evaluation).
func (s *numberSearch) followNote() {
	far := s.job.end
	if far == s.cur || s.admit(far).follower == "" {
		return
	}
	near := s.cur // never followed: it is the stated answers
	for far-near != s.dir {
		mid := near + (far-near)/2
		if s.admit(mid).follower == "" {
			near = mid
		} else {
			far = mid
		}
	}
	g := s.c.Question(s.admit(far).follower)
	var checks []string
	for _, chk := range g.Checks {
		checks = append(checks, chk.Expr)
	}
	s.note(fmt.Sprintf("%s %s, %s follows %s (it takes the same value) to keep %s.",
		s.pastWord(), s.q.Quantity(near), g.ID, s.q.ID, strings.Join(checks, " and ")))
}

func (s *numberSearch) note(n string) { s.job.notes = append(s.job.notes, n) }

// beyondWord and pastWord phrase notes in the search's direction.
func (s *numberSearch) beyondWord() string {
	if s.dir > 0 {
		return "Not explored above"
	}
	return "Not explored below"
}

func (s *numberSearch) pastWord() string {
	if s.dir > 0 {
		return "Above"
	}
	return "Below"
}

// threshold records the change between near and far (adjacent values) as one recommendation
// threshold, or one capacity threshold per limit of the recommended mechanism whose verdict
// changes.
func (s *numberSearch) threshold(near, far int64, a, b *outcome) {
	t := Threshold{
		Field: s.q.ID, Direction: DirectionAbove, Value: max(near, far),
		From: s.c.outcomeView(a), To: s.c.outcomeView(b),
	}
	if s.dir < 0 {
		t.Direction = DirectionBelow
	}
	if !a.sameRecommendation(b) {
		t.Kind, t.from, t.to = KindRecommendation, a, b
		if cause, ok := s.cause(a, b); ok {
			t.Limit, t.cause = cause.limit, &cause
		}
		s.job.found = append(s.job.found, t)
		return
	}
	for _, r := range a.changedRows(b, a.mechanism) {
		ct := t
		ct.Kind, ct.Limit = KindCapacity, r.limit
		ct.From.Verdict, ct.To.Verdict = r.verdict, b.verdict(r.mechanism, r.limit)
		s.job.found = append(s.job.found, ct)
	}
}

// movedBy is the capacity change that explains why a recommendation moved: a verdict of one
// mechanism's limit, at the stated volume or under stress.
type movedBy struct {
	mechanism, limit, verdict string
	stress                    bool
}

// cause finds the capacity change that moves a recommendation: a limit of the old mechanism that
// gets worse, else a limit of the new one that gets better, at the stated volume first and then
// under stress (the engine also scores the 10× verdicts).
func (s *numberSearch) cause(a, b *outcome) (movedBy, bool) {
	type side struct {
		mechanism string
		worse     bool
	}
	for _, stress := range []bool{false, true} {
		for _, sd := range []side{{a.mechanism, true}, {b.mechanism, false}} {
			for _, r := range a.rows {
				if r.mechanism != sd.mechanism {
					continue
				}
				before, after := r.verdict, b.row(r.mechanism, r.limit).verdict
				if stress {
					before, after = r.stress, b.row(r.mechanism, r.limit).stress
				}
				if after == "" || after == before || (verdictRank(after) > verdictRank(before)) != sd.worse {
					continue
				}
				return movedBy{mechanism: r.mechanism, limit: r.limit, verdict: after, stress: stress}, true
			}
		}
	}
	return movedBy{}, false
}

func verdictRank(v string) int {
	switch v {
	case rules.VerdictWarn:
		return 1
	case rules.VerdictExceeds:
		return 2
	}
	return 0
}
