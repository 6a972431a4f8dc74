package record

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// moreInformation holds the evidence: warnings, capacity, failure modes, the on-call runbook,
// the pattern's sequence, the sources, and last the answers block that makes the record
// replayable.
func (r *madr) moreInformation() error {
	r.heading(2, "More Information")
	r.capacity()
	r.failureModes()
	r.runbook()
	r.sequence()
	r.sources()
	return r.answers()
}

// warnings lists what the engine warns about, apart from the stress test (a consequence).
func (r *madr) warnings() {
	var rest []rules.Warning
	for _, w := range r.d.Warnings {
		if !isStressWarning(w) {
			rest = append(rest, w)
		}
	}
	if len(rest) == 0 {
		return
	}
	r.printf("\nWarnings:\n\n")
	for _, w := range rest {
		r.bullet(fmt.Sprintf("%s (`%s`)", mdInline(w.Message), w.ID))
	}
}

// capacity tabulates the governing allocations of the chosen mechanism and of the runner-up.
func (r *madr) capacity() {
	rec := r.d.Recommendation
	k := r.cat.Knowledge.Capacity
	r.printf("### Capacity at 1× and %s\n\n", r.stress())
	r.printf("How the design consumes each governing limit at the stated volume and at %s it: ok below %s of the allocation, warn up to 100%%, exceeds above.", r.stress(), rules.FormatPercent(k.WarnShare))
	r.printf(" The answers block below keeps every option's verdicts.\n\n")
	r.printf("| option | limit | allocation | at 1× | at %s | how it is counted |\n|---|---|---|---|---|---|\n", r.stress())
	for _, mech := range []string{rec.Mechanism, rec.RunnerUp} {
		if mech == "" {
			continue
		}
		name := mech
		if m := r.cat.Mechanism(mech); m != nil {
			name = m.Name
		}
		for _, row := range r.rowsOf(mech) {
			r.printf("| %s | %s | %s %s | %s | %s | %s |\n", mdCell(name), mdCell(row.Title),
				rules.FormatNumber(row.Allocation), mdCell(row.Unit),
				capacityUsage(row.Usage1x, row.Share1x, row.Verdict1x), capacityUsage(row.Usage10x, row.Share10x, row.Verdict10x),
				mdCell(row.Note))
		}
	}
	r.printf("\n")
}

func capacityUsage(n, share float64, verdict string) string {
	return fmt.Sprintf("%s (%s, %s)", rules.FormatNumber(n), rules.FormatPercent(share), verdict)
}

func (r *madr) failureModes() {
	if len(r.d.FailureModes) == 0 {
		return
	}
	r.printf("### Failure modes\n\n")
	for i, fm := range r.d.FailureModes {
		r.printf("%d. **%s.** %s\n", i+1, mdInline(strings.TrimSuffix(fm.Title, ".")), mdInline(fm.HowItHappens))
		r.printf("   * Detection: %s\n", mdInline(fm.Detection))
		r.printf("   * Mitigation: %s\n", mdInline(fm.Mitigation))
	}
	r.printf("\n")
}

// runbook is the on-call's steps when the integration breaks, short enough to read in 30 seconds.
func (r *madr) runbook() {
	m := r.cat.Mechanism(r.d.Recommendation.Mechanism)
	if m == nil || len(m.Runbook) == 0 {
		return
	}
	r.printf("### Recovery runbook\n\nWhen the %s integration fails, on call:\n\n", m.Name)
	for i, step := range m.Runbook {
		r.printf("%d. %s\n", i+1, mdInline(step))
	}
	r.printf("\n")
}

func (r *madr) sequence() {
	p := r.cat.Pattern(r.d.Recommendation.Pattern)
	if p == nil || strings.TrimSpace(p.Sequence) == "" {
		return
	}
	r.printf("### Sequence diagram\n\nThe %s pattern, step by step:\n\n```mermaid\n%s\n```\n\n", p.Name, strings.TrimRight(p.Sequence, "\n"))
}

func (r *madr) sources() {
	r.printf("### Sources\n\nLimits as of %s; sfpattern knowledge base %s.\n\n", r.d.Knowledge.LimitsRelease, r.d.Knowledge.Version)
	for _, s := range r.d.Sources {
		r.bullet(fmt.Sprintf("%s: [%s](%s), %s", s.ID, strings.ReplaceAll(mdInline(s.Title), "]", `\]`), s.URL, s.Release))
	}
	r.printf("\n")
}

// answers writes the replayable block, which must stay the record's last fenced block.
func (r *madr) answers() error {
	block, err := encodeAnswersBlock(r.d)
	if err != nil {
		return err
	}
	r.printf("### Answers\n\n")
	r.printf("`sfpattern check` replays this block against the current rules and limits, and `sfpattern recommend --answers` reads this file as an answers file. Change an answer here only to record a changed decision.\n\n")
	r.printf("```%s\n%s```\n", AnswersInfo, block)
	return nil
}
