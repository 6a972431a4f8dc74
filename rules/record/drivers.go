package record

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// drivers lists what decided it: the winner's reasons that weighed most, and how close the
// design comes to its tightest allocations.
func (r *madr) drivers() error {
	r.heading(2, "Decision Drivers")
	reasons := ByWeight(r.chosen().Reasons)
	for _, reason := range reasons[:min(len(reasons), maxDrivers)] {
		r.bullet(fmt.Sprintf("%s (%s for %s, `%s`)", mdInline(reason.Because), reason.Effect, r.chosen().Name, reason.Rule))
	}
	knockouts := r.knockouts()
	for _, k := range knockouts {
		r.bullet(fmt.Sprintf("Rules out %s: %s (`%s`)", joinNames(k.names), lowerFirst(mdInline(k.reason.Because)), k.reason.Rule))
	}
	rows := r.rowsOf(r.chosen().Mechanism)
	slices.SortStableFunc(rows, func(a, b rules.CapacityRow) int { return cmp.Compare(b.Share10x, a.Share10x) })
	for _, row := range rows[:min(len(rows), maxDriverRows)] {
		r.bullet(fmt.Sprintf("%s: %s of %s %s at the stated volume (%s, %s), %s at %s (%s, %s)",
			mdInline(row.Title), rules.FormatNumber(row.Usage1x), rules.FormatNumber(row.Allocation), row.Unit,
			rules.FormatPercent(row.Share1x), row.Verdict1x, rules.FormatNumber(row.Usage10x), r.stress(),
			rules.FormatPercent(row.Share10x), row.Verdict10x))
	}
	if len(reasons) == 0 && len(knockouts) == 0 && len(rows) == 0 {
		r.bullet("No rule weighed on " + r.chosen().Name + " for these answers; it leads because the others are ruled out or penalised.")
	}
	return nil
}

// knockout is a reason that ruled options out, with the options it ruled out.
type knockout struct {
	reason rules.Reason
	names  []string
}

// knockouts groups the options ruled out by the first reason that excluded each, in ranking
// order: the answers that left them no chance.
func (r *madr) knockouts() []knockout {
	var out []knockout
	for _, rk := range r.d.Ranking[1:] {
		i := slices.IndexFunc(rk.Reasons, func(x rules.Reason) bool { return x.Effect == rules.EffectExclude })
		if rk.Viable || i < 0 {
			continue
		}
		reason := rk.Reasons[i]
		j := slices.IndexFunc(out, func(k knockout) bool { return k.reason.Rule == reason.Rule && k.reason.Because == reason.Because })
		if j < 0 {
			out = append(out, knockout{reason: reason})
			j = len(out) - 1
		}
		out[j].names = append(out[j].names, rk.Name)
	}
	return out
}

// joinNames lists names as a sentence does: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// How many reasons and capacity rows the drivers list: the ones that weighed most, not all.
const (
	maxDrivers    = 5
	maxDriverRows = 2
)

// ByWeight returns a copy of reasons, the heaviest first: by the size of their points, a penalty
// weighing as much as a bonus of the same size, ties in the engine's order. It is the order of
// the Decision Drivers, and the advisor lists a recommendation's reasons in it too, so that the
// screen and the record agree on what weighed most.
func ByWeight(reasons []rules.Reason) []rules.Reason {
	out := slices.Clone(reasons)
	slices.SortStableFunc(out, func(a, b rules.Reason) int { return cmp.Compare(absPoints(b.Points), absPoints(a.Points)) })
	return out
}

func absPoints(n int) int { return max(n, -n) }
