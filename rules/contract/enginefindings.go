package contract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// engineFindings re-runs the engine on the contract's own facts and checks that the contract
// builds what the engine would, within the limits, with a sound error path. The error is an
// organisation's rule failing at run time: bad input like any other, not a finding about the
// contract.
func (l *Linter) engineFindings(doc nodeDoc, c Contract) ([]Finding, error) {
	at := func(level, code string, path []string, format string, args ...any) Finding {
		return Finding{
			File: doc.file, Line: doc.line(path), Path: strings.Join(path, "."), Level: level,
			Code: code, Message: fmt.Sprintf(format, args...),
		}
	}
	a, _, err := l.cat.CheckAnswers(answersOf(l.cat, c))
	if err != nil {
		ps := rules.AsProblems(err)
		out := make([]Finding, 0, len(ps))
		for _, p := range ps {
			out = append(out, at(LevelError, CodeFacts, pathOf(l.cat, p.Field), "%s", p.Msg))
		}
		return out, nil
	}
	d, err := l.cat.Evaluate(a)
	switch {
	case rules.AsProblems(err) != nil:
		return nil, err
	case err != nil:
		return []Finding{at(LevelError, CodeEngine, nil, "%v", err)}, nil
	}
	out := l.choiceFindings(d, c, at)
	out = append(out, l.budgetFindings(d, c, at)...)
	return append(out, l.soundness(c, at)...), nil
}

type findingAt func(level, code string, path []string, format string, args ...any) Finding

// choiceFindings compares the contract's mechanism and pattern with the engine's ranking.
func (l *Linter) choiceFindings(d *rules.Decision, c Contract, at findingAt) []Finding {
	rec := d.Recommendation
	idx := slices.IndexFunc(d.Ranking, func(r rules.Ranked) bool { return r.Mechanism == c.Mechanism })
	if idx < 0 {
		return nil // the schema already refused an unknown mechanism
	}
	mine := d.Ranking[idx]
	why := topReason(d.Ranking[0])
	mechanism := []string{"mechanism"} // where the findings about the choice point
	var out []Finding
	switch {
	case !mine.Viable:
		out = append(out, at(LevelError, CodeEngine, mechanism,
			"%s does not fit this contract's facts: %s The engine recommends %s (%s): %s",
			mine.Name, mine.ExcludedBecause[0], rec.MechanismName, rec.PatternName, why))
	case idx > 0 && mine.Score < l.cat.Knowledge.Confidence.MinScore:
		out = append(out, at(LevelError, CodeEngine, mechanism,
			"%s has more against it than for it on these facts (score %d): %s The engine recommends %s (%s, score %d): %s",
			mine.Name, mine.Score, mine.WhyNot, rec.MechanismName, rec.PatternName, rec.Score, why))
	case idx > 0:
		out = append(out, at(LevelWarning, CodeEngine, mechanism,
			"the engine prefers %s (score %d) to %s (score %d) for these facts: %s",
			rec.MechanismName, rec.Score, mine.Name, mine.Score, why))
	}
	if mine.Viable && c.Pattern != mine.Pattern {
		out = append(out, at(LevelWarning, CodeEngine, []string{"pattern"},
			"%s on these facts implements %s (%s), not %s", mine.Name, mine.PatternName, mine.Pattern, c.Pattern))
	}
	return out
}

// topReason is the winner's strongest reason, for messages.
func topReason(r rules.Ranked) string {
	best := rules.Reason{}
	for _, reason := range r.Reasons {
		if reason.Points > best.Points {
			best = reason
		}
	}
	return best.Because
}

// budgetFindings recomputes the contract mechanism's limits budget at the contract's volume.
func (l *Linter) budgetFindings(d *rules.Decision, c Contract, at findingAt) []Finding {
	var out []Finding
	for _, row := range d.Capacity {
		if row.Mechanism != c.Mechanism {
			continue
		}
		path := []string{"limits_budget"}
		named := false // the contract lists the remedies it relies on
		if i := slices.IndexFunc(c.LimitsBudget, func(b Budget) bool { return b.Limit == row.Limit }); i >= 0 {
			named = len(c.LimitsBudget[i].Remedies) > 0
			path = append(path, fmt.Sprint(i))
			if b := c.LimitsBudget[i]; b.Verdict1x != row.Verdict1x || b.Verdict10x != row.Verdict10x {
				out = append(out, at(LevelWarning, CodeBudget, path,
					"%s: the contract says %s / %s, the engine computes %s / %s at these volumes; regenerate the budget",
					row.Limit, b.Verdict1x, b.Verdict10x, row.Verdict1x, row.Verdict10x))
			}
		} else {
			out = append(out, at(LevelWarning, CodeBudget, path, "%s is missing from the limits budget", row.Limit))
		}
		switch {
		case row.Verdict1x == rules.VerdictExceeds && row.Kind == rules.KindWall:
			out = append(out, at(LevelError, CodeBudget, path, "%s: one message or transaction needs %s %s, and no more than %s is possible (%s)",
				row.Title, rules.FormatNumber(row.Usage1x), row.Unit, rules.FormatNumber(row.Allocation), rules.FormatPercent(row.Share1x)))
		case row.Verdict1x == rules.VerdictExceeds && row.Kind == rules.KindWindow:
			out = append(out, at(LevelWarning, CodeRecovery, path, "%s: the receiver may be down %s, longer than the %s Salesforce bridges; the recovery runbook must say how to catch up",
				row.Title, rules.FormatHours(row.Usage1x), rules.FormatHours(row.Allocation)))
		case row.Verdict1x == rules.VerdictExceeds && named:
			out = append(out, at(LevelWarning, CodeBudget, path, "%s: the stated volume needs %s %s, %s are available (%s): the design relies on one of the remedies listed",
				row.Title, rules.FormatNumber(row.OrgUsed+row.Usage1x), row.Unit, rules.FormatNumber(row.Allocation), rules.FormatPercent(row.Share1x)))
		case row.Verdict1x == rules.VerdictExceeds:
			out = append(out, at(LevelWarning, CodeBudget, path, "%s: the stated volume needs %s %s, %s are available (%s); list the remedy the design relies on%s",
				row.Title, rules.FormatNumber(row.OrgUsed+row.Usage1x), row.Unit, rules.FormatNumber(row.Allocation), rules.FormatPercent(row.Share1x), remedyHint(row)))
		case row.Verdict10x == rules.VerdictExceeds:
			out = append(out, at(LevelWarning, CodeStress, path, "%s: the %s-record stress test needs %s of %s (%s)",
				row.Title, rules.FormatNumber(float64(c.StressTest.VolumePerDay)), rules.FormatNumber(row.Usage10x),
				rules.FormatNumber(row.Allocation), rules.FormatPercent(row.Share10x)))
		}
	}
	return out
}

// remedyHint names the first listed remedy, for messages, or says that none is listed.
func remedyHint(row rules.CapacityRow) string {
	if len(row.Remedies) == 0 {
		return " (none of the knowledge base's remedies applies: the org needs more of this allocation than it has)"
	}
	return " (for example " + row.Remedies[0].Title + ")"
}

// notApplicable reports whether a contract value says the obligation does not apply.
func notApplicable(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "" || s == "none" || s == "n/a" || strings.HasPrefix(s, "not applicable")
}

// soundness checks the error path and delivery keys against what the mechanism needs (its
// contract defaults in the knowledge base say which obligations apply).
func (l *Linter) soundness(c Contract, at findingAt) []Finding {
	def := l.cat.Mechanism(c.Mechanism).Contract
	name := l.cat.Mechanism(c.Mechanism).Name
	var out []Finding
	if !notApplicable(def.DeadLetter) && notApplicable(c.ErrorPath.DeadLetter.Where) {
		out = append(out, at(LevelError, CodeErrorPath, []string{"error_path", "dead_letter", "where"},
			"no dead-letter queue: a %s integration loses every message that fails its retries without one", name))
	}
	if def.Retry.Attempts > 0 && c.ErrorPath.Retry.Attempts == 0 {
		out = append(out, at(LevelError, CodeErrorPath, []string{"error_path", "retry", "attempts"},
			"no retries: %s does not retry on its own; %s", name, def.Retry.Owner))
	}
	if !notApplicable(def.IdempotencyKey) && notApplicable(c.Delivery.IdempotencyKey) {
		out = append(out, at(LevelError, CodeDelivery, []string{"delivery", "idempotency_key"},
			"no idempotency key: %s delivers %s, so repeats must be harmless", name, def.Delivery))
	}
	if !notApplicable(def.ReplayPosition) && notApplicable(c.Delivery.ReplayPosition) {
		out = append(out, at(LevelError, CodeDelivery, []string{"delivery", "replay_position"},
			"no replay position: a %s subscriber must store where it is to resume after an outage", name))
	}
	if c.Payload.LimitKB > 0 && c.Payload.SizeKB > c.Payload.LimitKB {
		out = append(out, at(LevelError, CodePayload, []string{"payload", "size_kb"},
			"%d KB is above the %d KB limit of one %s message", c.Payload.SizeKB, c.Payload.LimitKB, name))
	}
	return out
}
