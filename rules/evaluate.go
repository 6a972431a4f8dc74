package rules

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// evaluation is the working state of one Evaluate call.
type evaluation struct {
	c *Catalog
	*scratch
	org      *Org
	answers  Answers
	licenses int
	limits   map[string]float64 // the edition's, shared: never modified (see limit)
	excluded [][]string         // the exclusions' sentences, when explaining
	reasons  [][]Reason
	cited    []bool // by position in Catalog.Sources, when explaining
	d        *Decision
	mode     evalMode
	// contradicted is set when a warning that the answers contradict each other matched.
	contradicted bool
}

// scratch is the reusable part of an evaluation: the expression machine with its budget and
// deadline, the two environment maps and the log of reasons. Nothing in a Decision points into
// it, so it goes back to a pool when Evaluate returns.
type scratch struct {
	run       cond.Run
	reasonLog []loggedReason // every reason, in the order rules gave them
	env       *cond.Vars     // answers, facts at 1×, limits, model
	envX      *cond.Vars     // the same at the stress scale
	// Per mechanism, by catalog position: points, exclusions counted, budget points lost, the
	// tightest capacity rows; and the ranking order. Cleared for each evaluation.
	scores, exclusions, budget, order []int
	rows                              []mechRows
	// ev is the evaluation this scratch serves, so that setting one up allocates nothing.
	ev evaluation
	// effectBuf and appliedBuf gather one row's remedies before the row keeps a copy.
	effectBuf  []RemedyEffect
	appliedBuf [2][]appliedRemedy
}

func (c *Catalog) getScratch() *scratch {
	if s := c.cache.takeScratch(); s != nil {
		return s
	}
	return &scratch{env: c.envShape.NewVars(), envX: c.envShape.NewVars()}
}

func (c *Catalog) putScratch(s *scratch) {
	s.env.Reset()
	s.envX.Reset()
	clear(s.rows) // they point into a decision
	s.ev = evaluation{}
	c.cache.returnScratch(s)
}

// reset sizes the per-mechanism state for n mechanisms, zeroed.
func (s *scratch) reset(n int) {
	s.scores, s.exclusions, s.budget, s.order = zeroed(s.scores, n), zeroed(s.exclusions, n), zeroed(s.budget, n), zeroed(s.order, n)
	if cap(s.rows) < n {
		s.rows = make([]mechRows, n)
	}
	s.rows = s.rows[:n]
	clear(s.rows)
	s.reasonLog = s.reasonLog[:0]
}

func zeroed(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// loggedReason is a reason with the mechanism it concerns.
type loggedReason struct {
	mech   int
	reason Reason
}

// groupReasons gives each mechanism its reasons, in rule order, in one allocation.
func (ev *evaluation) groupReasons() {
	n := len(ev.c.Mechanisms)
	counts := make([]int, n+1)
	for _, lr := range ev.reasonLog {
		counts[lr.mech+1]++
	}
	for i := 1; i <= n; i++ {
		counts[i] += counts[i-1]
	}
	all := make([]Reason, len(ev.reasonLog))
	next := slices.Clone(counts[:n])
	for _, lr := range ev.reasonLog {
		all[next[lr.mech]] = lr.reason
		next[lr.mech]++
	}
	ev.reasons = make([][]Reason, n)
	for i := range n {
		ev.reasons[i] = all[counts[i]:counts[i+1]:counts[i+1]]
	}
}

// Evaluate ranks every mechanism for complete, checked answers (see CheckAnswers) and returns the
// decision with its full trace. It is deterministic and does no I/O. An error is Problems when a
// rule from an organisation's rule file failed at run time (bad input: it names the file and the
// rule); any other error means the knowledge base holds an expression that failed at run time,
// which the test suite guards against.
func (c *Catalog) Evaluate(a Answers) (*Decision, error) { return c.EvaluateOrg(a, nil) }

// EvaluateOrg is Evaluate for an org whose allocations differ from its edition's formula: bought
// add-ons, or a snapshot of its real limits and what it already uses.
func (c *Catalog) EvaluateOrg(a Answers, org *Org) (*Decision, error) {
	return c.finish(c.newEvaluation(modeExplain), a, org)
}

// Decide is EvaluateOrg without the explanations, for callers that evaluate many answers and
// read only the outcome (a portfolio, a what-if search, the wizard's live panel). The decision
// holds the same ranking (mechanisms, patterns, scores, viability), the same recommendation
// (mechanism, pattern, variant, score, confidence, margin, runner-up or closest), the same
// capacity rows with their figures and verdicts, and the same warnings by id. Left empty, since
// only explanations read them: the trace, every reason and exclusion sentence, the why-nots, the
// summary, the warnings' messages, the remedies, the failure modes, the sources and the answers.
// EvaluateOrg on the same answers returns the same decision with all of them.
func (c *Catalog) Decide(a Answers, org *Org) (*Decision, error) {
	d := new(Decision)
	if err := c.DecideInto(d, a, org); err != nil {
		return nil, err
	}
	return d, nil
}

// DecideInto is Decide writing into d, whose lists it reuses: a caller that reads each decision
// and moves on (a portfolio's worker, a search) spares the allocation of every decision. Nothing
// of d's earlier contents survives, and nothing in the new one points into d's old lists.
func (c *Catalog) DecideInto(d *Decision, a Answers, org *Org) error {
	*d = Decision{
		SchemaVersion: c.Knowledge.AnswersSchemaVersion,
		Capacity:      d.Capacity[:0],
		Ranking:       d.Ranking[:0],
		Warnings:      d.Warnings[:0],
	}
	if cap(d.Capacity) < c.capacityLen {
		d.Capacity = make([]CapacityRow, 0, c.capacityLen) // the rows' pointers need the room
	}
	_, err := c.finish(c.newEvaluationOf(modeDecide, d), a, org)
	return err
}

// evalMode says how much of a decision an evaluation builds.
type evalMode int

const (
	// modeExplain builds everything: trace, reasons, sentences, remedies, failure modes, sources.
	modeExplain evalMode = iota
	// modeDecide builds the decision data only (Decide).
	modeDecide
	// modeProbe evaluates only what can exclude, for feasibility checks: budget rows are not
	// priced, so its scores are not a ranking.
	modeProbe
)

// explaining reports whether the evaluation builds the explanations.
func (ev *evaluation) explaining() bool { return ev.mode == modeExplain }

// finish runs an evaluation set up by newEvaluation.
func (c *Catalog) finish(ev *evaluation, a Answers, org *Org) (*Decision, error) {
	ev.org, ev.answers = org, a
	defer c.putScratch(ev.scratch)
	if err := ev.decide(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	if !org.Empty() {
		ev.d.Org = org
	}
	ev.d.Knowledge = KnowledgeRef{Version: c.Knowledge.Version, LimitsRelease: c.Knowledge.LimitsRelease}
	if !ev.explaining() {
		return ev.d, nil
	}
	if err := ev.failureModes(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	ev.sources()
	ev.d.Answers = AnswerList(c.Values(a))
	return ev.d, nil
}

// decide runs the steps every decision needs, explained or not.
func (ev *evaluation) decide() error {
	if err := ev.buildEnv(ev.answers); err != nil {
		return err
	}
	if err := ev.capacity(); err != nil {
		return err
	}
	if err := ev.applyRules(); err != nil {
		return err
	}
	if err := ev.rank(); err != nil {
		return err
	}
	if err := ev.recommend(); err != nil {
		return err
	}
	ev.d.Warnings = nonNil(ev.d.Warnings)
	return nil
}

// number evaluates a compiled number under the evaluation's budget and deadline.
func (ev *evaluation) number(v *cond.Number, env *cond.Vars) (float64, error) {
	return ev.run.Number(v, env)
}

// newEvaluation sets up the working state of one evaluation, its slices sized from the catalog.
func (c *Catalog) newEvaluation(mode evalMode) *evaluation {
	return c.newEvaluationOf(mode, &Decision{
		SchemaVersion: c.Knowledge.AnswersSchemaVersion,
		Capacity:      make([]CapacityRow, 0, c.capacityLen),
	})
}

// newEvaluationOf sets up an evaluation that writes into d, whose Capacity has room for every
// row (c.capacityLen).
func (c *Catalog) newEvaluationOf(mode evalMode, d *Decision) *evaluation {
	n := len(c.Mechanisms)
	s := c.getScratch()
	ev := &s.ev
	*ev = evaluation{c: c, scratch: s, mode: mode, d: d}
	ev.reset(n)
	if mode == modeExplain {
		ev.d.Trace = make([]Step, 0, c.traceLen)
		ev.excluded = make([][]string, n)
		ev.cited = make([]bool, len(c.Sources))
	}
	return ev
}

// holds evaluates an optional condition under the evaluation's budget and deadline: none
// always holds.
func (ev *evaluation) holds(c *cond.Condition, env *cond.Vars) (bool, error) {
	if c == nil {
		return true, nil
	}
	return ev.run.Holds(c, env)
}

// buildEnv lays out the answers (typed zero values for questions that do not apply), the limits
// for the edition and licences, and the facts at both scales.
func (ev *evaluation) buildEnv(a Answers) error {
	c := ev.c
	edition, _ := a.values[c.Role(RoleEdition).ID].(string)
	licenses, _ := a.values[c.Role(RoleLicences).ID].(int)
	set, err := c.limitSetFor(edition, licenses)
	if err != nil {
		return err
	}
	ev.licenses = licenses
	ev.limits = set.byID
	c.setAnswers(ev.env, a)
	ev.env.SetTable(c.slots.limit, set.byID, set.vec)
	ev.env.SetTable(c.slots.model, c.Knowledge.Model, c.slots.modelVec)
	ev.run.Start(ev.env)
	ev.envX.CopyFrom(ev.env)
	if err := ev.facts(ev.env, 1); err != nil {
		return err
	}
	return ev.facts(ev.envX, c.Knowledge.Capacity.StressFactor)
}

func (ev *evaluation) facts(env *cond.Vars, scale int) error {
	env.Set(ev.c.slots.scale, scale)
	for i, f := range ev.c.Facts {
		v, err := ev.number(f.value, env)
		if err != nil {
			return fmt.Errorf("fact %s: %w", f.ID, err)
		}
		env.SetNumber(ev.c.slots.facts[i], v)
	}
	return nil
}

// capacity evaluates every governing limit of every mechanism at 1× and at the stress scale. The
// rows are written in place: the decision's slice was given room for every row, so the pointers
// the tightest rows keep stay valid.
func (ev *evaluation) capacity() error {
	for i, m := range ev.c.Mechanisms {
		first := len(ev.d.Capacity)
		for j := range m.Capacity {
			if err := ev.capacityRow(m, &m.Capacity[j]); err != nil {
				return err
			}
		}
		ev.rows[i] = ev.tightest(ev.d.Capacity[first:])
	}
	return nil
}

// capacityRow adds the row of one capacity rule, when its condition holds.
func (ev *evaluation) capacityRow(m *Mechanism, cr *CapacityRule) error {
	if ok, err := ev.holds(cr.when, ev.env); err != nil || !ok {
		return err
	}
	lim := cr.limit
	u1, err := ev.usage(cr, ev.env)
	if err != nil {
		return err
	}
	uX := u1 // a window does not grow with volume
	if lim.Kind != KindWindow {
		if uX, err = ev.usage(cr, ev.envX); err != nil {
			return err
		}
	}
	alloc := ev.limit(cr.Limit)
	ev.d.Capacity = append(ev.d.Capacity, CapacityRow{
		Mechanism: m.ID, Limit: lim.ID, Title: lim.Title, Unit: lim.Unit, Kind: lim.Kind, Allocation: alloc,
		Usage1x: u1, Usage10x: uX, Note: cr.Note,
	})
	row := &ev.d.Capacity[len(ev.d.Capacity)-1]
	if lim.Allocation() {
		row.OrgUsed, row.Basis, row.Addon = ev.orgUse(lim.ID)
	}
	row.Share1x, row.Share10x = share(row.OrgUsed+u1, alloc), share(row.OrgUsed+uX, alloc)
	row.Verdict1x, row.Verdict10x = ev.verdict(row.Share1x), ev.verdict(row.Share10x)
	row.Source, row.SourceIDs = lim.cited.url, lim.cited.ids
	ev.cite(lim.cited)
	ev.remedies(row, lim)
	return nil
}

func (ev *evaluation) usage(cr *CapacityRule, env *cond.Vars) (float64, error) {
	f, err := ev.number(cr.usage, env)
	if err != nil {
		return 0, fmt.Errorf("capacity %s: %w", cr.Limit, err)
	}
	return f, nil
}

func share(usage, allocation float64) float64 {
	if allocation <= 0 {
		if usage > 0 {
			return 2 // any use of a zero allocation exceeds it
		}
		return 0
	}
	return usage / allocation
}

func (ev *evaluation) verdict(s float64) string { return ev.c.capacityVerdict(s) }

// capacityVerdict judges a share of an allocation: ok below the knowledge base's warn share, warn
// up to 100 %, exceeds above.
func (c *Catalog) capacityVerdict(s float64) string {
	switch {
	case s > 1:
		return VerdictExceeds
	case s >= c.Knowledge.Capacity.WarnShare:
		return VerdictWarn
	}
	return VerdictOK
}

// tightest picks a mechanism's tightest row of each group; rows are in catalog order, so ties
// keep the first listed.
func (ev *evaluation) tightest(rows []CapacityRow) mechRows {
	var w mechRows
	for i := range rows {
		r := &rows[i]
		for g := range groupCount {
			if k := g.kind(); k != "" && k != r.Kind {
				continue
			}
			if w.row[g] == nil || tighter(g, r, w.row[g]) {
				w.row[g] = r
			}
		}
	}
	for s, g := range [2]rowGroup{groupBudget1, groupBudgetX} {
		if w.row[g] != nil {
			w.points[s] = w.row[g].points[s]
		}
	}
	return w
}

// citation is a resolved list of sources, computed once at load and shared (read-only) by every
// decision that cites it.
type citation struct {
	url   string
	ids   []string
	index []int // positions in Catalog.Sources
}

// cite resolves source ids: the first source's URL, and every source's id and position, each
// once. An organisation's file may declare thousands of sources and cite each many times; both
// must cost it linear time and output.
func (c *Catalog) cite(ids []string) citation {
	ct := citation{ids: []string{}}
	var seen map[int]bool
	if len(ids) > 8 {
		seen = make(map[int]bool, len(ids))
	}
	for _, id := range ids {
		i, ok := c.sourcePos[id]
		if !ok || seen[i] || (seen == nil && slices.Contains(ct.index, i)) {
			continue
		}
		if seen != nil {
			seen[i] = true
		}
		ct.ids, ct.index = append(ct.ids, id), append(ct.index, i)
		if ct.url == "" {
			ct.url = c.Sources[i].URL
		}
	}
	return ct
}

// cite marks a citation's sources as used by the decision, when it is explained.
func (ev *evaluation) cite(ct citation) {
	if ev.cited == nil {
		return
	}
	for _, i := range ct.index {
		ev.cited[i] = true
	}
}

// sources lists the cited sources in the knowledge base's order.
func (ev *evaluation) sources() {
	n := 0
	for _, used := range ev.cited {
		if used {
			n++
		}
	}
	ev.d.Sources = make([]Source, 0, n)
	for i, used := range ev.cited {
		if used {
			ev.d.Sources = append(ev.d.Sources, *ev.c.Sources[i])
		}
	}
}

// rank orders mechanisms: viable before excluded, then by score, then by catalog order.
func (ev *evaluation) rank() error {
	c := ev.c
	if ev.explaining() {
		ev.groupReasons()
	}
	order := ev.order
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := ev.exclusions[a] == 0, ev.exclusions[b] == 0
		if va != vb {
			if va {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(ev.scores[b], ev.scores[a]), cmp.Compare(a, b))
	})
	if cap(ev.d.Ranking) < len(order) {
		ev.d.Ranking = make([]Ranked, 0, len(order))
	}
	for _, i := range order {
		m := c.Mechanisms[i]
		p, err := ev.patternFor(m)
		if err != nil {
			return err
		}
		r := Ranked{
			Mechanism: m.ID, Name: m.Name, Pattern: p.ID, PatternName: p.Name,
			Score: ev.scores[i], Viable: ev.exclusions[i] == 0,
		}
		if ev.explaining() {
			r.Reasons, r.ExcludedBecause = nonNil(ev.reasons[i]), nonNil(ev.excluded[i])
		}
		ev.d.Ranking = append(ev.d.Ranking, r)
	}
	return nil
}

// patternFor returns the first pattern choice of m whose condition holds.
func (ev *evaluation) patternFor(m *Mechanism) (*Pattern, error) {
	for _, pc := range m.Patterns {
		ok, err := ev.holds(pc.when, ev.env)
		if err != nil {
			return nil, fmt.Errorf("mechanism %s pattern %s: %w", m.ID, pc.Pattern, err)
		}
		if ok {
			return ev.c.patternByID[pc.Pattern], nil
		}
	}
	return nil, fmt.Errorf("mechanism %s: no pattern applies", m.ID)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
