package record

import (
	"fmt"
	"slices"

	"github.com/sfpattern/sfpattern/rules"
)

// Result is what replaying one decision record under the current knowledge base found.
type Result struct {
	File string `json:"file"`
	// Stale is true when today's engine would decide differently: another mechanism or pattern,
	// or another capacity verdict.
	Stale bool `json:"stale"`
	// Differences say what changed, one sentence each: "recommendation: bulk_api → rest_api".
	Differences []string `json:"differences"`
	// KnowledgeThen is the knowledge base version the record was written with; KnowledgeNow is
	// the one it was checked with.
	KnowledgeThen string `json:"knowledge_then"`
	KnowledgeNow  string `json:"knowledge_now"`
	// OrgDifferences say what changes when the record is also replayed against the org as it is
	// now (check --org-limits): the org moved, not the rules. The record is stale then too.
	OrgDifferences []string `json:"org_differences,omitempty"`
}

// Check replays a decision record's answers under cat, against the org figures the record
// stored, and compares the recommendation and every stored capacity verdict with what the engine
// decides today: a difference there is a change of rules or limits, and the rule that moved the
// recommendation is named. With now, the org as it is today (a new snapshot, new add-ons), the
// record is replayed against it as well and what that changes is reported apart, as a change of
// the org. A record without an answers block gives an error wrapping ErrNoAnswers; a corrupted
// block, or answers the current question set refuses, give rules.Problems at the record's lines.
func Check(cat *rules.Catalog, file string, data []byte, now *rules.Org) (Result, error) {
	res := Result{File: file, Differences: []string{}, KnowledgeNow: cat.Knowledge.Version}
	in, err := readRecord(cat, file, data, ReadOptions{})
	if err != nil {
		return res, err
	}
	a, s := in.Answers, in.Stored
	res.KnowledgeThen = s.Knowledge.Version
	if s.Decision.Mechanism == "" || s.Decision.Pattern == "" {
		return res, rules.Problems{{File: file, Line: s.Line, Msg: "answers block: the decision needs its mechanism and pattern, to compare against"}}
	}
	d, err := cat.EvaluateOrg(a, s.Org)
	if err != nil {
		return res, err
	}
	stress := fmt.Sprintf("%d×", cat.Knowledge.Capacity.StressFactor)
	res.Differences = append(differences(s.Decision, d, stress), ruleChanges(s.Decision, d)...)
	if now != nil {
		today, err := cat.EvaluateOrg(a, now)
		if err != nil {
			return res, err
		}
		res.OrgDifferences = differences(storedOf(d), today, stress)
	}
	res.Stale = len(res.Differences) > 0 || len(res.OrgDifferences) > 0
	return res, nil
}

// storedOf is a decision as a record stores it, to compare two of today's decisions.
func storedOf(d *rules.Decision) StoredDecision {
	s := StoredDecision{Mechanism: d.Recommendation.Mechanism, Pattern: d.Recommendation.Pattern, Rules: decidingRules(d)}
	for _, row := range d.Capacity {
		s.Capacity = append(s.Capacity, StoredVerdict{Mechanism: row.Mechanism, Limit: row.Limit, Verdict1x: row.Verdict1x, Verdict10x: row.Verdict10x})
	}
	return s
}

// ruleChanges names the rules behind a changed decision: why the mechanism the record chose
// lost today, and, for a record that stored its deciding rules, which of them no longer weigh
// on the chosen mechanism and which now do.
func ruleChanges(then StoredDecision, now *rules.Decision) []string {
	var out []string
	if then.Mechanism != now.Recommendation.Mechanism {
		for _, r := range now.Ranking {
			if r.Mechanism == then.Mechanism {
				out = append(out, fmt.Sprintf("why %s lost: %s", then.Mechanism, lostBecause(r)))
			}
		}
		return out
	}
	if then.Rules == nil {
		return nil // an older record: it did not store its rules
	}
	today := decidingRules(now)
	for _, id := range then.Rules {
		if !slices.Contains(today, id) {
			out = append(out, "rule "+id+": no longer weighs on "+then.Mechanism)
		}
	}
	for _, id := range today {
		if !slices.Contains(then.Rules, id) {
			out = append(out, "rule "+id+": now weighs on "+then.Mechanism)
		}
	}
	return out
}

// lostBecause names the rule that ruled a mechanism out, or the one that cost it most.
func lostBecause(r rules.Ranked) string {
	var worst *rules.Reason
	for i := range r.Reasons {
		x := &r.Reasons[i]
		if x.Effect == rules.EffectExclude {
			return "rule " + x.Rule + " rules it out: " + x.Because
		}
		if x.Points < 0 && (worst == nil || x.Points < worst.Points) {
			worst = x
		}
	}
	if worst == nil {
		return r.WhyNot
	}
	return fmt.Sprintf("rule %s costs it %d: %s", worst.Rule, -worst.Points, worst.Because)
}

// differences compares a stored decision with today's, in a stable order: the recommendation,
// then the stored capacity rows in their order, then rows the record does not know.
func differences(then StoredDecision, now *rules.Decision, stress string) []string {
	diffs := []string{}
	if rec := now.Recommendation; then.Mechanism != rec.Mechanism {
		diffs = append(diffs, fmt.Sprintf("recommendation: %s → %s", then.Mechanism, rec.Mechanism))
	}
	if rec := now.Recommendation; then.Pattern != rec.Pattern {
		diffs = append(diffs, fmt.Sprintf("pattern: %s → %s", then.Pattern, rec.Pattern))
	}
	type key struct{ mechanism, limit string }
	stored := map[key]bool{}
	current := map[key]*rules.CapacityRow{}
	for i := range now.Capacity {
		row := &now.Capacity[i]
		current[key{row.Mechanism, row.Limit}] = row
	}
	for _, v := range then.Capacity {
		k := key{v.Mechanism, v.Limit}
		stored[k] = true
		row := current[k]
		if row == nil {
			diffs = append(diffs, fmt.Sprintf("capacity %s/%s: no longer evaluated", v.Mechanism, v.Limit))
			continue
		}
		if v.Verdict1x != row.Verdict1x {
			diffs = append(diffs, fmt.Sprintf("capacity %s/%s at 1×: %s → %s", v.Mechanism, v.Limit, v.Verdict1x, row.Verdict1x))
		}
		if v.Verdict10x != row.Verdict10x {
			diffs = append(diffs, fmt.Sprintf("capacity %s/%s at %s: %s → %s", v.Mechanism, v.Limit, stress, v.Verdict10x, row.Verdict10x))
		}
	}
	for _, row := range now.Capacity {
		if !stored[key{row.Mechanism, row.Limit}] {
			diffs = append(diffs, fmt.Sprintf("capacity %s/%s: newly evaluated (1× %s, %s %s)", row.Mechanism, row.Limit, row.Verdict1x, stress, row.Verdict10x))
		}
	}
	return diffs
}
