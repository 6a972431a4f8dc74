// Package whatif finds where the engine's advice for one set of answers changes: for each number
// answer, the exact values where the recommendation or a capacity verdict moves, in both
// directions; for each choice, what every other value would recommend. It searches with many lean
// evaluations of the engine (rules), then writes what it found as sentences and as text.
package whatif

import (
	"context"
	"runtime"
	"sync"

	"github.com/sfpattern/sfpattern/rules"
)

// Result says where the advice for one set of answers changes: for every number answer that
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
type Result struct {
	SchemaVersion  int              `json:"schema_version"`
	Answers        rules.AnswerList `json:"answers"`
	Recommendation Outcome          `json:"recommendation"`
	Thresholds     []Threshold      `json:"thresholds"`
	Alternatives   []Alternative    `json:"alternatives"`
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

	// What the sentence is made of, once the search is over (see sentences.go).
	from, to *outcome
	cause    *movedBy
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

	// What the sentence is made of: the answers before and after, and the two outcomes.
	base, checked rules.Answers
	start, out    *outcome
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

// catalog is the knowledge base the search reads, with the search's own methods.
type catalog struct{ *rules.Catalog }

// Search searches the engine for the answers' thresholds and alternatives, every evaluation made
// for org (nil: the edition's formula). The answers must be complete and pass CheckAnswers; the
// result is deterministic. Independent searches run on a small worker pool, since each is a
// chain of evaluations and the catalog is safe for concurrent use. When ctx is cancelled
// (Ctrl-C), every search stops before its next evaluation and ctx's error is returned.
func Search(ctx context.Context, cat *rules.Catalog, a rules.Answers, org *rules.Org) (*Result, error) {
	return catalog{cat}.search(ctx, a, org)
}

func (c catalog) search(ctx context.Context, a rules.Answers, org *rules.Org) (*Result, error) {
	base, _, err := c.CheckAnswers(a)
	if err != nil {
		return nil, err
	}
	d, err := c.Decide(base, org)
	if err != nil {
		return nil, err
	}
	w := &Result{
		SchemaVersion: c.Knowledge.AnswersSchemaVersion,
		Answers:       rules.AnswerList(c.Values(base)),
		Thresholds:    []Threshold{},
		Alternatives:  []Alternative{},
		Explored:      []Explored{},
		Notes:         []string{},
		Evaluations:   1,
	}
	start := outcomeOf(d)
	w.Recommendation = c.outcomeView(start)
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
	c.describe(w)
	return w, nil
}

// whatIfJob is one independent search: a number in one direction, or one choice question.
type whatIfJob struct {
	run   func(*whatIfJob)
	q     *rules.Question
	dir   int64 // +1 above, -1 below; 0 for a choice
	end   int64 // the farthest value reached
	done  bool  // the search reached the end of the range (or its reach) within its budget
	found []Threshold
	alts  []Alternative
	notes []string
	evals int
	err   error
	org   *rules.Org      // the org every evaluation is made for
	ctx   context.Context // cancelled: stop before the next evaluation
	// decision is written by each of the job's evaluations in turn: outcomeOf keeps what the
	// search compares, so a decision is dropped once read.
	decision rules.Decision
}

// stopped reports whether the search must stop: its run was interrupted.
func (j *whatIfJob) stopped() bool { return j.ctx.Err() != nil }

func (c catalog) whatIfJobs(base rules.Answers, start *outcome) []*whatIfJob {
	var jobs []*whatIfJob
	for _, q := range c.Questions {
		v, ok := base.Get(q.ID)
		if !ok {
			continue // the question does not apply to these answers
		}
		switch q.Kind {
		case rules.KindNumber:
			for _, dir := range []int64{-1, +1} {
				s := &numberSearch{
					c: c, base: base, q: q, cur: int64(v.(int)), dir: dir,
					memo: map[int64]*probe{},
				}
				s.memo[s.cur] = &probe{admitted: true, answers: base, out: start}
				jobs = append(jobs, &whatIfJob{q: q, dir: dir, run: s.run})
			}
		case rules.KindSelect, rules.KindBoolean:
			jobs = append(jobs, &whatIfJob{q: q, run: func(j *whatIfJob) { c.alternatives(j, base, start) }})
		case rules.KindText:
			// The name changes nothing the engine decides.
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
func (c catalog) collect(w *Result, base rules.Answers, jobs []*whatIfJob) {
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
		w.Explored = append(w.Explored, Explored{
			Field: j.q.ID, Value: int64(v.(int)),
			Low: below.end, High: above.end, Complete: below.done && above.done,
		})
		w.Thresholds = append(w.Thresholds, below.found...)
		w.Thresholds = append(w.Thresholds, above.found...)
		w.Notes = append(w.Notes, below.notes...)
		w.Notes = append(w.Notes, above.notes...)
	}
}
