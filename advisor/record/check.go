package record

import (
	"fmt"

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
}

// Check replays a decision record's answers under cat and compares the recommendation and every
// stored capacity verdict with what the engine decides today. A record without an answers block
// gives an error wrapping ErrNoAnswers; a corrupted block, or answers the current question set
// refuses, give rules.Problems at the record's lines.
func Check(cat *rules.Catalog, file string, data []byte) (Result, error) {
	res := Result{File: file, Differences: []string{}, KnowledgeNow: cat.Knowledge.Version}
	a, _, s, err := ReadAnswers(cat, file, data, nil)
	if err != nil {
		return res, err
	}
	res.KnowledgeThen = s.Knowledge.Version
	if s.Decision.Mechanism == "" || s.Decision.Pattern == "" {
		return res, rules.Problems{{File: file, Line: s.Line, Msg: "answers block: the decision needs its mechanism and pattern, to compare against"}}
	}
	d, err := cat.Evaluate(a)
	if err != nil {
		return res, err
	}
	res.Differences = differences(s.Decision, d, fmt.Sprintf("%d×", cat.Knowledge.Capacity.StressFactor))
	res.Stale = len(res.Differences) > 0
	return res, nil
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
