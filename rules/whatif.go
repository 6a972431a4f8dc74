package rules

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// WhatIf says where the advice for one set of answers changes: for every number answer that
// applies, each value at which the recommendation, or a capacity verdict of the recommended
// mechanism, changes, in both directions from the stated value; and for every choice answer that
// applies, what each other value would recommend. Its JSON form is the `whatif --format json`
// schema (version 1).
//
// Policy for numbers: each number moves alone while every other answer stays as given, and a
// value the answers' own checks refuse is out of reach. The one exception is a check that ties
// two numbers, such as records_per_run <= max(records_per_day, 1): when the value being moved
// would break another number's check, that other number follows it (it takes the same value,
// within its own range), so lowering the daily volume below the run size lowers the run size
// with it. Notes state where either rule applied.
type WhatIf struct {
	SchemaVersion  int           `json:"schema_version"`
	Answers        AnswerList    `json:"answers"`
	Recommendation Outcome       `json:"recommendation"`
	Thresholds     []Threshold   `json:"thresholds"`
	Alternatives   []Alternative `json:"alternatives"`
	// Explored is the range each number answer was searched over.
	Explored []Explored `json:"explored"`
	// Notes state the search policy where it applied: a number that followed another, a range
	// cut short by the answers' checks, a search that stopped at its budget.
	Notes []string `json:"notes"`
	// Evaluations counts the engine evaluations the search made.
	Evaluations int `json:"-"`
}

// Outcome is the advice at one value: the recommended mechanism and pattern and, in a capacity
// threshold, the verdict of the threshold's limit for that mechanism at the stated volume.
type Outcome struct {
	Mechanism     string `json:"mechanism"`
	MechanismName string `json:"mechanism_name"`
	Pattern       string `json:"pattern"`
	PatternName   string `json:"pattern_name"`
	// Viable is false when no mechanism meets the requirements (Mechanism is then "none").
	Viable  bool   `json:"viable"`
	Verdict string `json:"verdict,omitempty"`
}

// Threshold kinds and directions.
const (
	KindRecommendation = "recommendation"
	KindCapacity       = "capacity"
	DirectionAbove     = "above"
	DirectionBelow     = "below"
)

// Threshold is one value of a number answer where the advice changes. Value is the exact integer
// v at which the outcome at v-1 differs from the outcome at v, in either direction: above the
// stated value the advice is To from v upwards; below it, the advice is To from v-1 downwards.
// From is always the side of the stated value.
type Threshold struct {
	Field     string  `json:"field"`
	Direction string  `json:"direction"`
	Value     int64   `json:"value"`
	From      Outcome `json:"from"`
	To        Outcome `json:"to"`
	// Kind is recommendation (the mechanism or pattern changes, or whether any mechanism fits) or
	// capacity (a verdict of the recommended mechanism's limit changes, the recommendation staying).
	Kind string `json:"kind"`
	// Limit is the capacity limit whose verdict changes; for a recommendation threshold, the limit
	// whose verdict change moves the recommendation, when one does.
	Limit    string `json:"limit,omitempty"`
	Sentence string `json:"sentence"`
}

// Alternative is one other value of a choice answer and the advice it gives.
type Alternative struct {
	Field         string `json:"field"`
	Value         any    `json:"value"`
	Mechanism     string `json:"mechanism"`
	MechanismName string `json:"mechanism_name"`
	Pattern       string `json:"pattern"`
	PatternName   string `json:"pattern_name"`
	// Changed reports whether the mechanism or the pattern differs from the recommendation.
	Changed  bool   `json:"changed"`
	Sentence string `json:"sentence"`
}

// Explored is the range one number answer was searched over, both ends included.
type Explored struct {
	Field string `json:"field"`
	Value int64  `json:"value"`
	Low   int64  `json:"low"`
	High  int64  `json:"high"`
	// Complete is false when the search stopped at its evaluation budget before an end.
	Complete bool `json:"complete"`
}

// whatIfBudget caps the engine evaluations of one search (one number, one direction), which bounds
// a what-if at 12 searches × 200 plus the choices: about 2,430 evaluations, 30 ms on two cores,
// even for answers no one would write. A search probes about log2(range) values and needs a few
// more per threshold (about log2(range) where no share guides the split). The scenarios take 170
// to 360 evaluations in all; of 1,500 random answer sets none took more than 574, and 15 of their
// 36,000 searches met the cap (staircases of runs a day at daily volumes in the billions).
const whatIfBudget = 200

// maxGuesses is how many times in a row refine may split a bracket at a guessed crossing before
// it falls back to bisection, which bounds the work when shares are far from linear.
const maxGuesses = 4

// WhatIf searches the engine for the answers' thresholds and alternatives. The answers must be
// complete and pass CheckAnswers; the result is deterministic. Independent searches run on a
// small worker pool, since each is a chain of evaluations and the catalog is safe for
// concurrent use.
func (c *Catalog) WhatIf(a Answers) (*WhatIf, error) {
	return c.WhatIfOrg(context.Background(), a, nil)
}

// WhatIfOrg is WhatIf for an org whose allocations differ from its edition's formula (add-ons, a
// snapshot of its real limits): every evaluation of the search is made against it. When ctx is
// cancelled (Ctrl-C), every search stops before its next evaluation and ctx's error is returned.
func (c *Catalog) WhatIfOrg(ctx context.Context, a Answers, org *Org) (*WhatIf, error) {
	base, _, err := c.CheckAnswers(a)
	if err != nil {
		return nil, err
	}
	d, err := c.EvaluateOrg(base, org)
	if err != nil {
		return nil, err
	}
	w := &WhatIf{
		SchemaVersion: c.Knowledge.AnswersSchemaVersion,
		Answers:       AnswerList(c.Values(base)),
		Thresholds:    []Threshold{},
		Alternatives:  []Alternative{},
		Explored:      []Explored{},
		Notes:         []string{},
		Evaluations:   1,
	}
	start := outcomeOf(d)
	w.Recommendation = c.outcomeView(start, "")
	jobs := c.whatIfJobs(base, start)
	for _, j := range jobs {
		j.org, j.ctx = org, ctx
	}
	runJobs(jobs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err
		}
		w.Evaluations += j.evals
	}
	c.collect(w, base, jobs)
	return w, nil
}

// whatIfJob is one independent search: a number in one direction, or one choice question.
type whatIfJob struct {
	run   func(*whatIfJob)
	q     *Question
	dir   int64 // +1 above, -1 below; 0 for a choice
	end   int64 // the farthest value reached
	done  bool  // the search reached the end of the range (or its reach) within its budget
	found []Threshold
	alts  []Alternative
	notes []string
	evals int
	err   error
	org   *Org            // the org every evaluation is made for
	ctx   context.Context // cancelled: stop before the next evaluation
}

// stopped reports whether the search must stop: its run was interrupted.
func (j *whatIfJob) stopped() bool { return j.ctx.Err() != nil }

func (c *Catalog) whatIfJobs(base Answers, start *outcome) []*whatIfJob {
	var jobs []*whatIfJob
	for _, q := range c.Questions {
		v, ok := base.Get(q.ID)
		if !ok {
			continue // the question does not apply to these answers
		}
		switch q.Kind {
		case KindNumber:
			for _, dir := range []int64{-1, +1} {
				s := &numberSearch{c: c, base: base, q: q, cur: int64(v.(int)), dir: dir,
					memo: map[int64]*probe{}}
				s.memo[s.cur] = &probe{admitted: true, answers: base, out: start}
				jobs = append(jobs, &whatIfJob{q: q, dir: dir, run: s.run})
			}
		case KindSelect, KindBoolean:
			jobs = append(jobs, &whatIfJob{q: q, run: func(j *whatIfJob) { c.alternatives(j, base, start) }})
		}
	}
	return jobs
}

// runJobs runs the jobs on at most GOMAXPROCS goroutines; each job writes only its own fields.
func runJobs(jobs []*whatIfJob) {
	next := make(chan *whatIfJob, len(jobs))
	for _, j := range jobs {
		next <- j
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				j.run(j)
			}
		})
	}
	wg.Wait()
}

// collect lays the jobs' results out in question order: for each number, the thresholds below
// the stated value (nearest first), then those above (nearest first).
func (c *Catalog) collect(w *WhatIf, base Answers, jobs []*whatIfJob) {
	for i := 0; i < len(jobs); i++ {
		j := jobs[i]
		if j.dir == 0 {
			w.Alternatives = append(w.Alternatives, j.alts...)
			w.Notes = append(w.Notes, j.notes...)
			continue
		}
		below, above := j, jobs[i+1] // number jobs come in pairs, below first
		i++
		v, _ := base.Get(j.q.ID)
		w.Explored = append(w.Explored, Explored{Field: j.q.ID, Value: int64(v.(int)),
			Low: below.end, High: above.end, Complete: below.done && above.done})
		w.Thresholds = append(w.Thresholds, below.found...)
		w.Thresholds = append(w.Thresholds, above.found...)
		w.Notes = append(w.Notes, below.notes...)
		w.Notes = append(w.Notes, above.notes...)
	}
}

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

func outcomeOf(d *Decision) *outcome {
	o := &outcome{mechanism: d.Recommendation.Mechanism, pattern: d.Recommendation.Pattern,
		viable: d.Feasible(), closest: d.Recommendation.Closest, rows: make([]rowVerdict, len(d.Capacity))}
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

// probe is one value of a number tried against the answers' checks and, when admitted, the engine.
type probe struct {
	admitted bool
	answers  Answers
	follower string // the number that followed the moved one, if any
	refusal  string // why the checks refuse the value
	out      *outcome
}

// numberSearch finds every threshold of one number in one direction.
type numberSearch struct {
	c         *Catalog
	base      Answers
	q         *Question
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
	if v0 == VerdictOK {
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
	edition, _ := a.values["edition"].(string)
	licenses, _ := a.values["licenses"].(int)
	limits, err := s.c.limitValues(edition, licenses)
	if err != nil {
		return nil
	}
	var vals []int64
	for _, l := range s.c.Limits { // catalog order, for determinism
		f := limits[l.ID]
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
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
// own check fails (see WhatIf). It does not evaluate.
func (s *numberSearch) admit(v int64) *probe {
	if p, ok := s.memo[v]; ok {
		return p
	}
	p := &probe{}
	s.memo[v] = p
	a := s.base.Clone()
	a.Put(s.q.ID, int(v))
	checked, _, err := s.c.CheckAnswers(a)
	if err != nil {
		ps := AsProblems(err)
		g := s.follower(ps)
		if g == nil {
			p.refusal = ps[0].Msg
			return p
		}
		a.Put(g.ID, int(max(g.Min.Value, min(g.Max.Value, v))))
		if checked, _, err = s.c.CheckAnswers(a); err != nil {
			p.refusal = AsProblems(err)[0].Msg
			return p
		}
		p.follower = g.ID
	}
	p.admitted, p.answers = true, checked
	return p
}

// follower returns the number that may follow the moved one: the problems must all concern one
// other number question that applies.
func (s *numberSearch) follower(ps Problems) *Question {
	var g *Question
	for _, p := range ps {
		q := s.c.questionByID[p.Field]
		if q == nil || q.Kind != KindNumber || q == s.q || (g != nil && q != g) {
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
	d, err := s.c.EvaluateOrg(p.answers, s.job.org)
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
	g := s.c.questionByID[s.admit(far).follower]
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
	t := Threshold{Field: s.q.ID, Direction: DirectionAbove, Value: max(near, far),
		From: s.c.outcomeView(a, ""), To: s.c.outcomeView(b, "")}
	if s.dir < 0 {
		t.Direction = DirectionBelow
	}
	where := s.where(far)
	if !a.sameRecommendation(b) {
		t.Kind = KindRecommendation
		t.Sentence = where + ", " + s.c.movePhrase(a, b)
		if cause, ok := s.cause(a, b); ok {
			t.Limit = cause.limit
			t.Sentence = where + ", " + cause.phrase + " and " + s.c.movePhrase(a, b)
		}
		t.Sentence += "."
		s.job.found = append(s.job.found, t)
		return
	}
	for _, r := range a.changedRows(b, a.mechanism) {
		ct := t
		ct.Kind, ct.Limit = KindCapacity, r.limit
		ct.From.Verdict, ct.To.Verdict = r.verdict, b.verdict(r.mechanism, r.limit)
		ct.Sentence = where + ", " + s.c.capacityPhrase(r.mechanism, r.limit, ct.To.Verdict) + "."
		s.job.found = append(s.job.found, ct)
	}
}

// movedBy is the capacity change that explains why a recommendation moved.
type movedBy struct{ limit, phrase string }

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
				phrase := s.c.capacityPhrase(r.mechanism, r.limit, after)
				if stress {
					phrase += fmt.Sprintf(" at %d× the volume", s.c.Knowledge.Capacity.StressFactor)
				}
				return movedBy{r.limit, phrase}, true
			}
		}
	}
	return movedBy{}, false
}

func verdictRank(v string) int {
	switch v {
	case VerdictWarn:
		return 1
	case VerdictExceeds:
		return 2
	}
	return 0
}

// where phrases the new side of a threshold: "Above 72 hours of downtime" (73 and more),
// "Below 20,000 records a day" (19,999 and fewer), or "At 0 records a day" at the end of a range.
func (s *numberSearch) where(far int64) string {
	switch {
	case far == s.q.Max.Value || far == s.q.Min.Value:
		return "At " + s.q.Quantity(far)
	case s.dir > 0:
		return "Above " + s.q.Quantity(far-1)
	}
	return "Below " + s.q.Quantity(far+1)
}

// outcomeView names an outcome's mechanism and pattern.
func (c *Catalog) outcomeView(o *outcome, verdict string) Outcome {
	out := Outcome{Mechanism: o.mechanism, Pattern: o.pattern, Viable: o.viable, Verdict: verdict}
	if m := c.mechanismByID[o.mechanism]; m != nil {
		out.MechanismName = m.Name
	}
	if p := c.patternByID[o.pattern]; p != nil {
		out.PatternName = p.Name
	}
	return out
}

// movePhrase says how the recommendation moves: "the recommendation moves from Platform Events to
// Bulk API 2.0", naming the patterns only when the pattern changes too, and saying so when no
// mechanism fits on one side.
func (c *Catalog) movePhrase(a, b *outcome) string {
	from, to := c.outcomeView(a, ""), c.outcomeView(b, "")
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
func (c *Catalog) mechanismName(id string) string {
	if m := c.mechanismByID[id]; m != nil {
		return m.Name
	}
	return id
}

// capacityPhrase says what a verdict means for a mechanism's limit: "the Platform Events design
// exceeds Event retention for replay".
func (c *Catalog) capacityPhrase(mechanism, limit, verdict string) string {
	name, title := mechanism, limit
	if m := c.mechanismByID[mechanism]; m != nil {
		name = m.Name
	}
	if l := c.limitByID[limit]; l != nil {
		title = l.Title
	}
	warn := FormatPercent(c.Knowledge.Capacity.WarnShare)
	switch verdict {
	case VerdictExceeds:
		return fmt.Sprintf("the %s design exceeds %s", name, title)
	case VerdictWarn:
		return fmt.Sprintf("the %s design needs %s to 100%% of %s", name, warn, title)
	}
	return fmt.Sprintf("the %s design needs less than %s of %s", name, warn, title)
}

// alternatives evaluates every other value of one choice question. A value that hides or shows
// other questions is evaluated as the wizard would ask it: hidden answers dropped, newly asked
// ones at their defaults, which the sentence names.
func (c *Catalog) alternatives(j *whatIfJob, base Answers, start *outcome) {
	q := j.q
	cur, _ := base.Get(q.ID)
	values := make([]any, 0, len(q.Options))
	if q.Kind == KindBoolean {
		values = append(values, false, true)
	}
	for _, o := range q.Options {
		values = append(values, o.ID)
	}
	for _, v := range values {
		if v == cur {
			continue
		}
		a := base.Clone()
		a.Put(q.ID, v)
		if j.stopped() {
			return
		}
		checked, _, err := c.CheckAnswers(a)
		if err != nil {
			j.notes = append(j.notes, fmt.Sprintf("%s=%v is not evaluated: %s %s.", q.ID, v,
				AsProblems(err)[0].Field, AsProblems(err)[0].Msg))
			continue
		}
		d, err := c.EvaluateOrg(checked, j.org)
		j.evals++
		if err != nil {
			j.err = fmt.Errorf("what-if %s = %v: %w", q.ID, v, err)
			return
		}
		o := outcomeOf(d)
		view := c.outcomeView(o, "")
		alt := Alternative{Field: q.ID, Value: v, Mechanism: o.mechanism, MechanismName: view.MechanismName,
			Pattern: o.pattern, PatternName: view.PatternName, Changed: !o.sameRecommendation(start)}
		alt.Sentence = c.alternativeSentence(q, v, base, checked, start, o)
		j.alts = append(j.alts, alt)
	}
}

func (c *Catalog) alternativeSentence(q *Question, v any, base, checked Answers, start, o *outcome) string {
	s := fmt.Sprintf("With %s=%v", q.ID, v)
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
