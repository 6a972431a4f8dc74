package rules

import (
	"fmt"
)

// applyRules evaluates every rule, recording a trace step for each, matched or not: first the
// rules about the answers, in file order, then the per-mechanism rules that judge capacity, so
// that a mechanism ruled out by the answers shows that reason first.
func (ev *evaluation) applyRules() error {
	for _, each := range []bool{false, true} {
		for _, r := range ev.c.Rules {
			if r.EachMechanism != each {
				continue
			}
			apply := ev.applyOnce
			if each {
				apply = ev.applyEach
			}
			if err := apply(r); err != nil {
				return fmt.Errorf("rule %s (%s): %w", r.ID, r.File, err)
			}
		}
	}
	return nil
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
			ev.apply(r, e.mechanism, e.effect, step.Because)
			step.Effects = append(step.Effects, ev.c.Mechanisms[e.mechanism].ID+" "+e.effect.String())
		}
	}
	ev.d.Trace = append(ev.d.Trace, step)
	return nil
}

// applyEach evaluates a per-mechanism rule once for every mechanism, with that mechanism's
// tightest capacity rows in scope.
func (ev *evaluation) applyEach(r *Rule) error {
	for i, m := range ev.c.Mechanisms {
		ev.setMechanismVars(m, ev.worst[i])
		matched, err := ev.holds(r.when, ev.env)
		if err != nil {
			return err
		}
		step := Step{Rule: r.ID, File: r.File, Mechanism: m.ID, Matched: matched}
		if matched {
			step.Because = r.because.render(ev.env, ev.c)
			step.Effects = []string{m.ID + " " + r.Effect.String()}
			ev.apply(r, i, *r.Effect, step.Because)
		}
		ev.d.Trace = append(ev.d.Trace, step)
	}
	return nil
}

func (ev *evaluation) setMechanismVars(m *Mechanism, w worstRows) {
	env := ev.env
	env["mechanism"], env["mechanism_name"] = m.ID, m.Name
	setWorst := func(suffix string, r *CapacityRow, usage, sh float64, verdict string) {
		if r == nil {
			env["verdict"+suffix], env["worst_limit"+suffix], env["worst_unit"+suffix] = VerdictOK, "", ""
			env["worst_usage"+suffix], env["worst_allocation"+suffix], env["worst_share"+suffix] = 0.0, 0.0, 0.0
			return
		}
		env["verdict"+suffix], env["worst_limit"+suffix], env["worst_unit"+suffix] = verdict, r.Title, r.Unit
		env["worst_usage"+suffix], env["worst_allocation"+suffix], env["worst_share"+suffix] = usage, r.Allocation, sh
	}
	if w.at1 != nil {
		setWorst("_1x", w.at1, w.at1.Usage1x, w.at1.Share1x, w.at1.Verdict1x)
	} else {
		setWorst("_1x", nil, 0, 0, "")
	}
	if w.atX != nil {
		setWorst("_10x", w.atX, w.atX.Usage10x, w.atX.Share10x, w.atX.Verdict10x)
	} else {
		setWorst("_10x", nil, 0, 0, "")
	}
}

// apply records one effect on one mechanism, as a reason and either points or an exclusion.
func (ev *evaluation) apply(r *Rule, mech int, e Effect, because string) {
	src, sources := ev.c.cite(r.Sources)
	ev.reasons[mech] = append(ev.reasons[mech], Reason{Rule: r.ID, Effect: e.String(), Points: e.Delta, Because: because, Source: src, Sources: sources})
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

// confidence grades the winner by its margin over the best viable runner-up.
func (ev *evaluation) confidence(score int) (string, int, string) {
	r := ev.d.Ranking
	if len(r) < 2 || !r[1].Viable {
		return "high", 0, ""
	}
	margin := score - r[1].Score
	k := ev.c.Knowledge.Confidence
	switch {
	case margin >= k.HighMargin:
		return "high", margin, r[1].Mechanism
	case margin >= k.MediumMargin:
		return "medium", margin, r[1].Mechanism
	}
	return "low", margin, r[1].Mechanism
}

func (ev *evaluation) summary(rec Recommendation) string {
	s := fmt.Sprintf("Use %s (%s) for the %s pattern.", rec.MechanismName, rec.Variant, rec.PatternName)
	if rec.RunnerUp == "" {
		return s + " Every other mechanism is ruled out by these answers."
	}
	runner := ev.c.mechanismByID[rec.RunnerUp]
	return s + fmt.Sprintf(" It scores %d, %d ahead of %s; confidence is %s.", rec.Score, rec.Margin, runner.Name, rec.Confidence)
}

// whyNot explains a loser: its exclusion, or the points it trails by and its heaviest penalty.
func whyNot(r *Ranked, top *Ranked) string {
	if !r.Viable {
		return "Ruled out: " + r.ExcludedBecause[0]
	}
	s := fmt.Sprintf("Scores %d, %d behind %s.", r.Score, top.Score-r.Score, top.Name)
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

// capacityWarning warns when the recommended design does not survive the stress test.
func (ev *evaluation) capacityWarning(mechanism string) {
	for _, row := range ev.d.Capacity {
		if row.Mechanism != mechanism || row.Verdict10x == VerdictOK {
			continue
		}
		ev.d.Warnings = append(ev.d.Warnings, Warning{ID: "stress-" + row.Limit, Message: fmt.Sprintf(
			"At %d× the stated volume the design uses %s of %s (%s of %s %s): plan the headroom before growth arrives.",
			ev.c.Knowledge.Capacity.StressFactor, FormatPercent(row.Share10x), row.Title,
			FormatNumber(row.Usage10x), FormatNumber(row.Allocation), row.Unit)})
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
		src, sources := ev.c.cite(fm.Sources)
		ev.d.FailureModes = append(ev.d.FailureModes, FailureCase{
			ID: fm.ID, Mechanism: m.ID, Title: fm.Title,
			HowItHappens: fm.text[0].render(ev.env, ev.c),
			Detection:    fm.text[1].render(ev.env, ev.c),
			Mitigation:   fm.text[2].render(ev.env, ev.c),
			Source:       src, Sources: sources,
		})
	}
	if ev.d.Warnings == nil {
		ev.d.Warnings = []Warning{}
	}
	return nil
}
