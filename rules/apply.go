package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// applyRules evaluates every rule, recording a trace step for each, matched or not: first the
// rules about the answers, in file order, then the per-mechanism rules that judge capacity, so
// that a mechanism ruled out by the answers shows that reason first.
func (ev *evaluation) applyRules() error {
	var each []*Rule
	for _, r := range ev.c.Rules {
		if r.EachMechanism {
			each = append(each, r)
			continue
		}
		if err := ev.applyOnce(r); err != nil {
			return fmt.Errorf("rule %s (%s): %w", r.ID, r.File, err)
		}
	}
	return ev.applyEach(each)
}

func (ev *evaluation) applyOnce(r *Rule) error {
	matched, err := ev.holds(r.when, ev.env)
	if err != nil {
		return err
	}
	step := Step{Rule: r.ID, File: r.File, Matched: matched}
	if matched {
		step.Because = r.because.render(ev.env, ev.c)
		if r.Warning {
			ev.d.Warnings = append(ev.d.Warnings, Warning{ID: r.ID, Message: step.Because})
		}
		for _, e := range r.effects {
			ev.apply(r, e.mechanism, e.effect, e.label, step.Because)
		}
		step.Effects = r.effectLabels
	}
	ev.d.Trace = append(ev.d.Trace, step)
	return nil
}

// applyEach evaluates the per-mechanism rules once for every mechanism, with that mechanism's
// tightest capacity rows in scope. Mechanisms are the outer loop so each one's variables are set
// once; the trace still lists the steps rule by rule.
func (ev *evaluation) applyEach(each []*Rule) error {
	n := len(ev.c.Mechanisms)
	start := len(ev.d.Trace)
	ev.d.Trace = append(ev.d.Trace, make([]Step, len(each)*n)...) // capacity was reserved up front
	steps := ev.d.Trace[start:]
	for i, m := range ev.c.Mechanisms {
		setVerdicts(ev.env, m, ev.worst[i])
		if ev.c.eachNeedsDetails {
			setDetails(ev.env, ev.worst[i])
		}
		for k, r := range each {
			matched, err := ev.holds(r.when, ev.env)
			if err != nil {
				return fmt.Errorf("rule %s (%s): %w", r.ID, r.File, err)
			}
			step := Step{Rule: r.ID, File: r.File, Mechanism: m.ID, Matched: matched}
			if matched {
				step.Because = r.because.renderFor(ev.env, ev.c, &ev.worst[i])
				step.Effects = r.effectLabels[i : i+1]
				ev.apply(r, i, *r.Effect, r.effectLabels[i][len(m.ID)+1:], step.Because)
			}
			steps[k*n+i] = step
		}
	}
	return nil
}

// worstKeys name the each_mechanism variables at 1× and at the stress scale.
var worstKeys = [2][6]string{
	{"verdict_1x", "worst_limit_1x", "worst_unit_1x", "worst_usage_1x", "worst_allocation_1x", "worst_share_1x"},
	{"verdict_10x", "worst_limit_10x", "worst_unit_10x", "worst_usage_10x", "worst_allocation_10x", "worst_share_10x"},
}

// verdictValues are the verdicts boxed once, so setting them per mechanism allocates nothing.
var verdictValues = map[string]any{VerdictOK: VerdictOK, VerdictWarn: VerdictWarn, VerdictExceeds: VerdictExceeds}

// setVerdicts sets the variables every each_mechanism condition may test: the mechanism and its
// worst verdicts. The figures behind them are set by setDetails only when a rule matches and its
// sentence needs them.
func setVerdicts(vars map[string]any, m *Mechanism, w worstRows) {
	vars["mechanism"], vars["mechanism_name"] = m.boxedID, m.boxedName
	v1, vX := VerdictOK, VerdictOK
	if w.at1 != nil {
		v1 = w.at1.Verdict1x
	}
	if w.atX != nil {
		vX = w.atX.Verdict10x
	}
	vars[worstKeys[0][0]], vars[worstKeys[1][0]] = verdictValues[v1], verdictValues[vX]
}

// setDetails sets the figures of a mechanism's tightest capacity rows at 1× and at the stress
// scale, for per-mechanism conditions that test them (sentences read them without the map).
func setDetails(vars map[string]any, w worstRows) {
	for scale, r := range [2]*CapacityRow{w.at1, w.atX} {
		k := worstKeys[scale]
		if r == nil {
			vars[k[1]], vars[k[2]], vars[k[3]], vars[k[4]], vars[k[5]] = "", "", 0.0, 0.0, 0.0
			continue
		}
		usage, share := r.Usage1x, r.Share1x
		if scale == 1 {
			usage, share = r.Usage10x, r.Share10x
		}
		vars[k[1]], vars[k[2]] = r.Title, r.Unit
		vars[k[3]], vars[k[4]], vars[k[5]] = usage, r.Allocation, share
	}
}

// apply records one effect on one mechanism, as a reason and either points or an exclusion.
func (ev *evaluation) apply(r *Rule, mech int, e Effect, label, because string) {
	ev.reasonLog = append(ev.reasonLog, loggedReason{mech, Reason{Rule: r.ID, Effect: label, Points: e.Delta,
		Because: because, Source: r.cited.url, SourceIDs: r.cited.ids}})
	ev.cite(r.cited)
	if e.Exclude {
		ev.excluded[mech] = append(ev.excluded[mech], because)
		return
	}
	ev.scores[mech] += e.Delta
}

// recommend picks the top of the ranking, its variant and confidence, and explains every loser.
func (ev *evaluation) recommend() error {
	d := ev.d
	top := &d.Ranking[0]
	m := ev.c.mechanismByID[top.Mechanism]
	variant, err := ev.variantFor(m)
	if err != nil {
		return err
	}
	rec := Recommendation{
		Pattern: top.Pattern, PatternName: top.PatternName,
		Mechanism: m.ID, MechanismName: m.Name, Variant: variant, Score: top.Score,
	}
	if !top.Viable {
		rec.Confidence = "low"
		d.Warnings = append(d.Warnings, Warning{ID: "no-viable-mechanism", Message: fmt.Sprintf(
			"Every mechanism is ruled out by these answers; %s is the least bad, but the answers contradict each other or a platform limit. Read the exclusions before building anything.", m.Name)})
	} else {
		rec.Confidence, rec.Margin, rec.RunnerUp = ev.confidence(top.Score)
		ev.reliefWarnings(top)
	}
	rec.Summary = ev.summary(rec)
	d.Recommendation = rec
	for i := 1; i < len(d.Ranking); i++ {
		d.Ranking[i].WhyNot = whyNot(&d.Ranking[i], top)
	}
	ev.capacityWarning(m.ID)
	return nil
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
			return "low", 0, ""
		}
		return "high", 0, ""
	}
	margin := score - r[1].Score
	switch {
	case score < k.MinScore:
		return "low", margin, r[1].Mechanism
	case margin >= k.HighMargin:
		return "high", margin, r[1].Mechanism
	case margin >= k.MediumMargin:
		return "medium", margin, r[1].Mechanism
	}
	return "low", margin, r[1].Mechanism
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

// reliefWarnings points at mechanisms that outscore the recommendation but were ruled out by
// capacity alone: a purchase or a design change (the limit's relief) may bring them back.
func (ev *evaluation) reliefWarnings(top *Ranked) {
	for i, m := range ev.c.Mechanisms {
		if len(ev.excluded[i]) == 0 || ev.scores[i] <= top.Score || !ev.onlyCapacityExcluded(i) {
			continue
		}
		row := ev.worst[i].at1
		lim := ev.c.limitByID[row.Limit]
		var b strings.Builder
		var tmp [32]byte
		b.WriteString(m.Name + " scores ")
		b.Write(strconv.AppendInt(tmp[:0], int64(ev.scores[i]), 10))
		b.WriteString(", more than " + top.Name + ", but at the stated volume it needs ")
		b.Write(appendPercent(tmp[:0], row.Share1x))
		b.WriteString(" of " + row.Title + " (")
		b.Write(appendNumber(tmp[:0], row.Usage1x))
		b.WriteString(" of ")
		b.Write(appendNumber(tmp[:0], row.Allocation))
		b.WriteString(" " + row.Unit + ").")
		if lim.relief != "" {
			b.WriteString(" " + lim.relief + " Then it would be the better fit.")
		}
		msg := b.String()
		ev.d.Warnings = append(ev.d.Warnings, Warning{ID: "capacity-relief-" + m.ID, Message: msg})
	}
}

// onlyCapacityExcluded reports whether every exclusion of a mechanism came from the capacity rules.
func (ev *evaluation) onlyCapacityExcluded(mech int) bool {
	for _, r := range ev.reasons[mech] {
		if r.Effect == "exclude" && !ev.c.ruleByID(r.Rule).EachMechanism {
			return false
		}
	}
	return ev.worst[mech].at1 != nil
}

// capacityWarning warns when the recommended design does not survive the stress test.
func (ev *evaluation) capacityWarning(mechanism string) {
	for _, row := range ev.d.Capacity {
		if row.Mechanism != mechanism || row.Verdict10x == VerdictOK {
			continue
		}
		ev.d.Warnings = append(ev.d.Warnings, Warning{ID: "stress-" + row.Limit, Message: "At " +
			strconv.Itoa(ev.c.Knowledge.Capacity.StressFactor) + "× the stated volume the design uses " +
			FormatPercent(row.Share10x) + " of " + row.Title + " (" + FormatNumber(row.Usage10x) + " of " +
			FormatNumber(row.Allocation) + " " + row.Unit + "): plan the headroom before growth arrives."})
	}
}

// failureModes lists the recommended mechanism's failure modes that apply to these answers.
func (ev *evaluation) failureModes() error {
	m := ev.c.mechanismByID[ev.d.Recommendation.Mechanism]
	ev.d.FailureModes = []FailureCase{}
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
