package rules

import (
	"math"
	"slices"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// remedies works out, for a budget or window row that is not ok, what each of its limit's
// remedies reaches at each scale, and for a budget the points the row costs after the cheapest.
//
// Deciding without explaining prices the rows alike but keeps no remedy, unless some
// per-mechanism rule reads the remedies' sentences.
func (ev *evaluation) remedies(row *CapacityRow, lim *Limit) {
	if ev.mode == modeProbe || (lim.Kind != KindBudget && lim.Kind != KindWindow) {
		return
	}
	explain, keep := ev.explaining(), ev.explaining() || ev.c.eachNeedsDetails
	if !keep && lim.Kind == KindWindow {
		return // a window's remedies are designs: nothing to price, nothing kept
	}
	verdicts := [2]string{row.Verdict1x, row.Verdict10x}
	envs := [2]*cond.Vars{ev.env, ev.envX}
	var best [2]float64
	for s := range 2 {
		best[s] = ev.budgetPoints(row.Share(s))
	}
	// The effects and applied remedies gather in the scratch's buffers, and the row keeps exact
	// copies: few of a limit's remedies apply to any one row.
	effects, applied := ev.effectBuf[:0], [2][]appliedRemedy{ev.appliedBuf[0][:0], ev.appliedBuf[1][:0]}
	for _, r := range lim.Remedies {
		var eff *RemedyEffect
		var figs *[6]float64 // the effect's figures, in one allocation
		for s := range 2 {
			if verdicts[s] == VerdictOK || (!keep && best[s] == 0) { // nothing cheaper than free
				continue
			}
			fig, ok := ev.remedyAt(r, row, s, envs[s])
			if !ok {
				continue
			}
			if explain && eff == nil {
				eff = &RemedyEffect{
					ID: r.ID, Title: r.title(fig), Kind: r.Kind, Note: r.note,
					Source: r.cited.url, SourceIDs: r.cited.ids,
				}
				ev.cite(r.cited)
				figs = new([6]float64)
			}
			if explain {
				eff.record(s, fig, ev.verdict(fig.share), figs)
			}
			if fig.changesAllocation || fig.changesUsage {
				// After a remedy the row costs what its usage then costs: nothing once it is back
				// below the warn share, in proportion to what is left over otherwise.
				if cost := ev.budgetPoints(fig.share); cost < best[s] && lim.Kind == KindBudget {
					best[s] = cost
				}
			}
			if keep {
				applied[s] = append(applied[s], appliedRemedy{r, fig, ev.remedyRank(r, fig)})
			}
		}
		if eff != nil {
			effects = append(effects, *eff)
		}
	}
	row.Remedies = exact(effects)
	if len(applied[0])+len(applied[1]) > 0 {
		row.advice = &rowAdvice{applied: [2][]appliedRemedy{exact(applied[0]), exact(applied[1])}}
	}
	ev.effectBuf, ev.appliedBuf = effects[:0], [2][]appliedRemedy{applied[0][:0], applied[1][:0]}
	if lim.Kind == KindBudget {
		row.points = best
	}
}

// exact copies a buffer's contents into a slice of their own, nil when there are none.
func exact[T any](buf []T) []T {
	if len(buf) == 0 {
		return nil
	}
	return slices.Clone(buf)
}

// rowAdvice is a row's remedies that apply at each scale and, once written, their sentences.
type rowAdvice struct {
	applied [2][]appliedRemedy
	text    [2]string
	done    [2]bool
}

// appliedRemedy is a remedy that applies to a row at one scale, with what it reaches and its
// rank in the advice. The sentence is written only when something reads it.
type appliedRemedy struct {
	r    *Remedy
	fig  remedyFigures
	rank float64
}

// remedySentence lists the remedies that apply at a scale, best first, in one sentence ("" when
// none applies); it is built on first use, since most rows' sentences are never read.
func (row *CapacityRow) remedySentence(scale int) string {
	adv := row.advice
	if adv == nil {
		return ""
	}
	if adv.done[scale] {
		return adv.text[scale]
	}
	ps := make([]rankedPhrase, len(adv.applied[scale]))
	for i, a := range adv.applied[scale] {
		ps[i] = rankedPhrase{a.rank, remedyPhrase(a.r, a.fig, row)}
	}
	adv.text[scale], adv.done[scale] = joinPhrases(ps), true
	return adv.text[scale]
}

// Share returns the row's share at a scale (0 for the stated volume, 1 for the stress test).
func (row *CapacityRow) Share(scale int) float64 {
	if scale == 1 {
		return row.Share10x
	}
	return row.Share1x
}

// record stores a remedy's figures at one scale; the pointers point into figs, which holds the
// allocation, usage and share at each scale.
func (e *RemedyEffect) record(scale int, f remedyFigures, verdict string, figs *[6]float64) {
	if !f.changesAllocation && !f.changesUsage {
		return
	}
	at := figs[scale*3 : scale*3+3]
	at[0], at[1], at[2] = f.allocation, f.usage, f.share
	if scale == 0 {
		if f.changesAllocation {
			e.AllocationAfter = &at[0]
		}
		if f.changesUsage {
			e.UsageAfter = &at[1]
		}
		e.ShareAfter, e.VerdictAfter = &at[2], verdict
		return
	}
	if f.changesAllocation {
		e.AllocationAfter10x = &at[0]
	}
	if f.changesUsage {
		e.UsageAfter10x = &at[1]
	}
	e.ShareAfter10x, e.VerdictAfter10x = &at[2], verdict
}

// budgetPoints prices a share of an allocation: nothing below the warn share, rising to
// warn_points at 100 %, then over_points for every 100 % over, capped at max_points.
func (ev *evaluation) budgetPoints(s float64) float64 {
	b := ev.c.Knowledge.Budgets
	warn := ev.c.Knowledge.Capacity.WarnShare
	switch {
	case s < warn:
		return 0
	case s <= 1:
		return b.WarnPoints * (s - warn) / (1 - warn)
	}
	return math.Min(b.WarnPoints+b.OverPoints*(s-1), b.MaxPoints)
}

// rankedPhrase is a remedy's sentence with its rank, to name the best first.
type rankedPhrase struct {
	cost float64
	text string
}

// remedyRank orders remedies in the advice: those that bring the row back within the allocation
// first, then by kind (knowledge.yaml's remedy_order), then by what is left over.
func (ev *evaluation) remedyRank(r *Remedy, f remedyFigures) float64 {
	rank := float64(slices.Index(ev.c.Knowledge.Budgets.RemedyOrder, r.Kind))
	switch {
	case !f.changesAllocation && !f.changesUsage:
		return 2000 + rank
	case f.share > 1:
		return 1000 + rank + math.Min(f.share, 100)/1000
	}
	return rank
}

// remedyPhrase says what a remedy reaches: "one platform event add-on licence: 60,000 of
// 150,000 deliveries per 24 h (40 %)", or only its title when it changes no figure.
func remedyPhrase(r *Remedy, f remedyFigures, row *CapacityRow) string {
	t := r.title(f)
	if (!f.changesAllocation && !f.changesUsage) || row.Kind == KindWindow {
		return t // a window's remedy is a design; its hours say nothing more
	}
	var b strings.Builder
	var tmp [32]byte
	b.WriteString(t + ": ")
	b.Write(appendNumber(tmp[:0], row.OrgUsed+f.usage))
	b.WriteString(" of ")
	b.Write(appendNumber(tmp[:0], f.allocation))
	b.WriteString(" " + row.Unit + " (")
	b.Write(appendPercent(tmp[:0], f.share))
	b.WriteString(")")
	return b.String()
}

// joinPhrases lists remedies cheapest first (in content order among equals); "" when none applies.
func joinPhrases(ps []rankedPhrase) string {
	if len(ps) == 0 {
		return ""
	}
	sorted := make([]rankedPhrase, len(ps))
	copy(sorted, ps)
	for i := 1; i < len(sorted); i++ { // insertion sort: stable, and lists are a few entries long
		for j := i; j > 0 && sorted[j].cost < sorted[j-1].cost; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	texts := make([]string, len(sorted))
	for i, p := range sorted {
		texts[i] = p.text
	}
	return strings.Join(texts, "; or ")
}
