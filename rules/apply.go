package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// applyRules evaluates every rule, recording a trace step for each, matched or not: first the
// rules about the answers, in file order, then the per-mechanism rules that judge capacity, so
// that a mechanism ruled out by the answers shows that reason first.
func (ev *evaluation) applyRules() error {
	for _, r := range ev.c.Rules {
		if r.EachMechanism {
			continue
		}
		if err := ev.applyOnce(r); err != nil {
			return err
		}
	}
	return ev.applyEach(ev.c.eachRules)
}

func (ev *evaluation) applyOnce(r *Rule) error {
	matched, err := ev.ruleHolds(r)
	if err != nil {
		return err
	}
	step := Step{Rule: r.ID, File: r.File, Matched: matched}
	if matched {
		if ev.explaining() {
			step.Because = r.because.render(ev.env, ev.c)
		}
		if r.Warning {
			ev.d.Warnings = append(ev.d.Warnings, Warning{ID: r.ID, Message: step.Because})
			ev.contradicted = ev.contradicted || r.CapsConfidence
		}
		for _, e := range r.effects {
			ev.apply(r, e.mechanism, e.effect, e.label, step.Because)
		}
		step.Effects = r.effectLabels
	}
	if ev.explaining() {
		ev.d.Trace = append(ev.d.Trace, step)
	}
	return nil
}

// applyEach evaluates the per-mechanism rules once for every mechanism, with that mechanism's
// tightest capacity rows in scope. Mechanisms are the outer loop so each one's variables are set
// once; the trace still lists the steps rule by rule.
func (ev *evaluation) applyEach(each []*Rule) error {
	n := len(ev.c.Mechanisms)
	var steps []Step
	if ev.explaining() {
		start := len(ev.d.Trace)
		ev.d.Trace = append(ev.d.Trace, make([]Step, len(each)*n)...) // capacity was reserved up front
		steps = ev.d.Trace[start:]
	}
	for i, m := range ev.c.Mechanisms {
		w := &ev.rows[i]
		ev.c.setVerdicts(ev.env, m, w)
		if ev.c.eachNeedsDetails {
			ev.c.setDetails(ev.env, w)
		}
		for k, r := range each {
			matched, err := ev.ruleHolds(r)
			if err != nil {
				return err
			}
			if steps == nil {
				if matched {
					ev.applyLean(r, i)
				}
				continue
			}
			step := Step{Rule: r.ID, File: r.File, Mechanism: m.ID, Matched: matched}
			if matched {
				step.Because = r.because.renderFor(ev.env, ev.c, w)
				e, label := *r.Effect, r.effectLabels[i][len(m.ID)+1:]
				if e.Budget != 0 {
					e = ev.budgetEffect(i, e.Budget)
					label = budgetLabel(e)
					step.Effects = []string{m.ID + " " + label}
				} else {
					step.Effects = r.effectLabels[i : i+1]
				}
				ev.apply(r, i, e, label, step.Because)
			}
			steps[k*n+i] = step
		}
	}
	return nil
}

// applyLean applies a matched per-mechanism rule without explaining it.
func (ev *evaluation) applyLean(r *Rule, mech int) {
	e := *r.Effect
	if e.Budget != 0 {
		e = ev.budgetEffect(mech, e.Budget)
	}
	ev.apply(r, mech, e, "", "")
}

// budgetEffect turns a budget rule's effect into points: what the mechanism's tightest budget
// costs at the stated volume after its best remedy, or the stress weight of what the stress test
// adds to that. A remedy that restores the headroom leaves nothing to pay: the row is flagged,
// with the remedy, and costs no points.
func (ev *evaluation) budgetEffect(mech, which int) Effect {
	w := &ev.rows[mech]
	p := w.points[0]
	if which == 2 {
		p = ev.c.Knowledge.Budgets.StressWeight * math.Max(0, w.points[1]-w.points[0])
	}
	d := -int(math.Round(p))
	ev.budget[mech] -= d
	return Effect{Delta: d}
}

// budgetLabel writes a budget effect for the trace: its points, or 0 when a remedy leaves nothing
// to pay.
func budgetLabel(e Effect) string {
	if e.Delta == 0 {
		return "0"
	}
	return e.String()
}

// The verdicts boxed once, so setting them per mechanism allocates nothing.
var (
	boxedOK      any = VerdictOK
	boxedWarn    any = VerdictWarn
	boxedExceeds any = VerdictExceeds
)

// boxedVerdict returns a verdict boxed once.
func boxedVerdict(v string) any {
	switch v {
	case VerdictExceeds:
		return boxedExceeds
	case VerdictWarn:
		return boxedWarn
	}
	return boxedOK
}

// emptyText is "" boxed once, for a figure's title and unit when a mechanism has no such row.
var emptyText any = ""

// setVerdicts sets the variables every each_mechanism condition may test: the mechanism and the
// verdict of its tightest row in each group. The figures behind them are set by setDetails only
// when some condition tests them (sentences read them from the rows directly).
func (c *Catalog) setVerdicts(vars *cond.Vars, m *Mechanism, w *mechRows) {
	vars.Set(c.slots.mechanism, m.boxedID)
	vars.Set(c.slots.mechanismName, m.boxedName)
	for g := range groupCount {
		verdict := VerdictOK
		if r := w.row[g]; r != nil {
			verdict = r.Verdict1x
			if g.scale() == 1 {
				verdict = r.Verdict10x
			}
		}
		vars.Set(c.slots.rowVars[g][fieldVerdict], boxedVerdict(verdict))
	}
}

// setDetails sets the figures of a mechanism's tightest rows, for per-mechanism conditions that
// test them.
func (c *Catalog) setDetails(vars *cond.Vars, w *mechRows) {
	for g := range groupCount {
		at := c.slots.rowVars[g]
		row := w.row[g]
		usage, sh := w.figures(g)
		title, unit, alloc := emptyText, emptyText, 0.0
		if row != nil {
			title, unit, alloc = row.Title, row.Unit, row.Allocation
		}
		vars.Set(at[fieldLimit], title)
		vars.Set(at[fieldUnit], unit)
		vars.SetNumber(at[fieldUsage], usage)
		vars.SetNumber(at[fieldAllocation], alloc)
		vars.SetNumber(at[fieldShare], sh)
		if rowVarNames[g][fieldRemedy] != "" {
			vars.Set(at[fieldRemedy], w.remedy(g))
		}
	}
}

// apply records one effect on one mechanism, as a reason and either points or an exclusion.
// Only an explained evaluation keeps the reason.
func (ev *evaluation) apply(r *Rule, mech int, e Effect, label, because string) {
	if ev.explaining() {
		ev.reasonLog = append(ev.reasonLog, loggedReason{mech, Reason{
			Rule: r.ID, Effect: label, Points: e.Delta,
			Because: because, Source: r.cited.url, SourceIDs: r.cited.ids,
		}})
		ev.cite(r.cited)
	}
	if e.Exclude {
		ev.exclusions[mech]++
		if ev.excluded != nil {
			ev.excluded[mech] = append(ev.excluded[mech], because)
		}
		return
	}
	ev.scores[mech] += e.Delta
}

// recommend picks the top of the ranking, its variant and confidence, and explains every loser.
// When nothing meets the requirements it recommends nothing, and says what would have to change.
func (ev *evaluation) recommend() error {
	d := ev.d
	top := &d.Ranking[0]
	if !top.Viable {
		ev.nothingFits(top)
		return nil
	}
	m := ev.c.mechanismByID[top.Mechanism]
	variant, err := ev.variantFor(m)
	if err != nil {
		return err
	}
	rec := Recommendation{
		Pattern: top.Pattern, PatternName: top.PatternName,
		Mechanism: m.ID, MechanismName: m.Name, Variant: variant, Score: top.Score,
	}
	rec.Confidence, rec.Margin, rec.RunnerUp = ev.confidence(top.Score)
	if ev.reliefWarnings(top) || ev.overBudget(m.ID) {
		rec.Confidence, rec.Capped = capConfidence(rec.Confidence), true
	}
	if ev.contradicted {
		rec.Confidence, rec.Contradicted = capConfidence(rec.Confidence), true
	}
	if ev.explaining() {
		rec.Summary = ev.summary(rec)
		for i := 1; i < len(d.Ranking); i++ {
			d.Ranking[i].WhyNot = whyNot(&d.Ranking[i], top)
		}
	}
	d.Recommendation = rec
	ev.capacityWarnings(m.ID)
	return nil
}

// The confidence levels of a recommendation (Recommendation.Confidence).
const (
	confidenceHigh   = "high"
	confidenceMedium = "medium"
	confidenceLow    = "low"
)

// capConfidence lowers high confidence to medium: the lead rests on allocations an architect
// could buy or spread, which another expert might weigh differently.
func capConfidence(c string) string {
	if c == confidenceHigh {
		return confidenceMedium
	}
	return c
}

// overBudget reports whether the mechanism goes over some allocation at the stated volume.
func (ev *evaluation) overBudget(mechanism string) bool {
	for _, row := range ev.d.Capacity {
		if row.Mechanism == mechanism && row.Kind == KindBudget && row.Verdict1x == VerdictExceeds {
			return true
		}
	}
	return false
}

func (ev *evaluation) variantFor(m *Mechanism) (string, error) {
	for _, v := range m.Variants {
		ok, err := ev.holds(v.when, ev.env)
		if err != nil {
			return "", fmt.Errorf("mechanism %s variant %q: %w", m.ID, v.Name, err)
		}
		if ok {
			return v.Name, nil
		}
	}
	return "", fmt.Errorf("mechanism %s: no variant applies", m.ID)
}

// confidence grades the winner by its margin over the best viable runner-up; a winner with more
// against it than for it is low whatever the margin.
func (ev *evaluation) confidence(score int) (string, int, string) {
	r := ev.d.Ranking
	k := ev.c.Knowledge.Confidence
	if len(r) < 2 || !r[1].Viable {
		if score < k.MinScore {
			return confidenceLow, 0, ""
		}
		return confidenceHigh, 0, ""
	}
	margin := score - r[1].Score
	switch {
	case score < k.MinScore:
		return confidenceLow, margin, r[1].Mechanism
	case margin >= k.HighMargin:
		return confidenceHigh, margin, r[1].Mechanism
	case margin >= k.MediumMargin:
		return confidenceMedium, margin, r[1].Mechanism
	}
	return confidenceLow, margin, r[1].Mechanism
}

func (ev *evaluation) summary(rec Recommendation) string {
	s := "Use " + rec.MechanismName + " (" + rec.Variant + ") for the " + rec.PatternName + " pattern."
	if rec.RunnerUp == "" {
		s += " Every other mechanism is ruled out by these answers."
	} else {
		runner := ev.c.mechanismByID[rec.RunnerUp]
		s += " It scores " + strconv.Itoa(rec.Score) + ", " + strconv.Itoa(rec.Margin) + " ahead of " + runner.Name +
			"; confidence is " + rec.Confidence + "."
	}
	if rec.Capped {
		s += " Confidence is no higher because the lead rests on allocations, which can be bought or spread; an architect could weigh them differently."
	}
	if rec.Contradicted {
		s += " Some answers pull against each other (see the warnings), so another reading of them could change the advice."
	}
	if rec.Score < ev.c.Knowledge.Confidence.MinScore {
		s += " It has more against it than for it: read the reasons and warnings before building on it."
	}
	return s
}

// whyNot explains a loser: its exclusion, or the points it trails by and its heaviest penalty.
func whyNot(r *Ranked, top *Ranked) string {
	if !r.Viable {
		return "Ruled out: " + r.ExcludedBecause[0]
	}
	s := "Scores " + strconv.Itoa(r.Score) + ", " + strconv.Itoa(top.Score-r.Score) + " behind " + top.Name + "."
	var worst *Reason
	for i := range r.Reasons {
		e := &r.Reasons[i]
		if e.Points < 0 && (worst == nil || e.Points < worst.Points) {
			worst = e
		}
	}
	if worst != nil {
		s += " Biggest penalty (" + worst.Effect + "): " + worst.Because
	}
	return s
}

// reliefWarnings points at mechanisms that meet every requirement and trail the recommendation
// only because of what their allocations cost: a purchase or a design change (the remedies) would
// make them the better fit. It reports whether there was any.
func (ev *evaluation) reliefWarnings(top *Ranked) bool {
	topIdx := ev.c.mechanismIndex(top.Mechanism)
	found := false
	for i, m := range ev.c.Mechanisms {
		if i == topIdx || ev.exclusions[i] > 0 || ev.budget[i] == 0 {
			continue
		}
		without, topWithout := ev.scores[i]+ev.budget[i], ev.scores[topIdx]+ev.budget[topIdx]
		if without <= topWithout {
			continue
		}
		found = true
		if !ev.explaining() {
			ev.warn(m.reliefWarning, "")
			continue
		}
		w := &ev.rows[i]
		row := w.row[groupBudget1]
		if row == nil || row.Verdict1x == VerdictOK {
			row = w.row[groupBudgetX]
		}
		var b strings.Builder
		b.WriteString(m.Name + " meets every requirement and would score " + strconv.Itoa(without) +
			" without its allocations, more than " + top.Name + "'s " + strconv.Itoa(topWithout) + ". ")
		if row != nil {
			b.WriteString("It needs " + FormatPercent(row.Share1x) + " of " + row.Title + " at the stated volume and " +
				FormatPercent(row.Share10x) + " at 10×")
			if txt := row.remedySentence(0) + row.remedySentence(1); txt != "" {
				t := row.remedySentence(0)
				if t == "" {
					t = row.remedySentence(1)
				}
				b.WriteString("; with " + t)
			}
			b.WriteString(". ")
		}
		b.WriteString("If that headroom is bought or designed in, " + m.Name + " is the better fit.")
		ev.d.Warnings = append(ev.d.Warnings, Warning{ID: m.reliefWarning, Message: b.String()})
	}
	return found
}

// capacityWarnings warns about the recommended design's capacity: each allocation it goes over
// at the stated volume (with its remedies), each window the receiver's outage runs past (with the
// recovery design), and each row that does not survive the stress test.
func (ev *evaluation) capacityWarnings(mechanism string) {
	for i := range ev.d.Capacity {
		row := &ev.d.Capacity[i]
		if row.Mechanism != mechanism {
			continue
		}
		ids := &ev.c.limitByID[row.Limit].warnings
		switch {
		case row.Kind == KindBudget && row.Verdict1x == VerdictExceeds:
			ev.warnWith(ids.budget, row, overBudgetMessage)
		case row.Kind == KindWindow && row.Verdict1x == VerdictExceeds:
			ev.warnWith(ids.window, row, pastWindowMessage)
		}
		if row.Kind != KindWindow && row.Verdict10x != VerdictOK {
			ev.warnWith(ids.stress, row, ev.stressMessage)
		}
	}
}

// warnWith adds a warning about a row, its message written only when the decision is explained.
func (ev *evaluation) warnWith(id string, row *CapacityRow, message func(*CapacityRow) string) {
	msg := ""
	if ev.explaining() {
		msg = message(row)
	}
	ev.warn(id, msg)
}

func overBudgetMessage(row *CapacityRow) string {
	return "At the stated volume the design needs " + usageOf(row, 0) + " of " + row.Title +
		" (" + FormatPercent(row.Share1x) + "): " + remedyOr(row.remedySentence(0), "none of the listed remedies applies; reduce or split the volume") + "."
}

func pastWindowMessage(row *CapacityRow) string {
	return "The receiver may be down " + FormatHours(row.Usage1x) + ", longer than " + row.Title +
		" (" + FormatHours(row.Allocation) + "), at any volume. Design the recovery: " +
		remedyOr(row.remedySentence(0), "a durable buffer or a resynchronisation from the source of truth") + "."
}

func (ev *evaluation) stressMessage(row *CapacityRow) string {
	msg := "At " + strconv.Itoa(ev.c.Knowledge.Capacity.StressFactor) + "× the stated volume the design uses " +
		FormatPercent(row.Share10x) + " of " + row.Title + " (" + usageOf(row, 1) + "): plan the headroom before growth arrives"
	if t := row.remedySentence(1); t != "" {
		msg += "; " + t
	}
	return msg + "."
}

func (ev *evaluation) warn(id, msg string) {
	ev.d.Warnings = append(ev.d.Warnings, Warning{ID: id, Message: msg})
}

func remedyOr(text, otherwise string) string {
	if text == "" {
		return otherwise
	}
	return text
}

// usageOf writes a row's usage against its allocation at a scale, with what the org already uses.
func usageOf(row *CapacityRow, scale int) string {
	u := row.Usage1x
	if scale == 1 {
		u = row.Usage10x
	}
	s := FormatNumber(u)
	if row.OrgUsed > 0 {
		s = "already used " + FormatNumber(row.OrgUsed) + "; this integration " + s + "; " + FormatNumber(row.OrgUsed+u)
	}
	return s + " of " + FormatNumber(row.Allocation) + " " + row.Unit
}

// failureModes lists the recommended mechanism's failure modes that apply to these answers.
func (ev *evaluation) failureModes() error {
	ev.d.FailureModes = []FailureCase{}
	m := ev.c.mechanismByID[ev.d.Recommendation.Mechanism]
	if m == nil { // nothing meets the requirements
		ev.d.Warnings = nonNil(ev.d.Warnings)
		return nil
	}
	for _, id := range m.FailureModes {
		fm := ev.c.failureByID[id]
		ok, err := ev.holds(fm.when, ev.env)
		if err != nil {
			return fmt.Errorf("failure mode %s: %w", id, err)
		}
		if !ok {
			continue
		}
		ev.cite(fm.cited)
		ev.d.FailureModes = append(ev.d.FailureModes, FailureCase{
			ID: fm.ID, Mechanism: m.ID, Title: fm.Title,
			HowItHappens: fm.text[0].render(ev.env, ev.c),
			Detection:    fm.text[1].render(ev.env, ev.c),
			Mitigation:   fm.text[2].render(ev.env, ev.c),
			Source:       fm.cited.url, SourceIDs: fm.cited.ids,
		})
	}
	if ev.d.Warnings == nil {
		ev.d.Warnings = []Warning{}
	}
	return nil
}
