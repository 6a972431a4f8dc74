package record

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
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
		if !isStressWarning(w) && w.ID != "no-viable-mechanism" { // the outcome says that one
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
	var remedied []rules.CapacityRow
	for _, mech := range []string{rec.Mechanism, rec.RunnerUp, rec.Closest} {
		if mech == "" || r.cat.Mechanism(mech) == nil {
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
				mdCell(rowNote(row)))
			if len(row.Remedies) > 0 && mech == r.chosen().Mechanism {
				remedied = append(remedied, row)
			}
		}
	}
	r.printf("\n")
	r.remedies(remedied)
	r.orgSnapshot()
}

// rowNote is a capacity row's note, with what the org already uses and what it bought.
func rowNote(row rules.CapacityRow) string {
	note := row.Note
	if row.OrgUsed > 0 {
		note = strings.TrimSpace(note + " The org already uses " + rules.FormatNumber(row.OrgUsed) + " (counted in the shares).")
	}
	if row.Addon > 0 {
		note = strings.TrimSpace(note + " Includes " + rules.FormatNumber(row.Addon) + " bought as an add-on.")
	}
	return note
}

// remedies lists, for each of the chosen design's rows over (or near) its allocation or past
// its window, what buys the headroom or recovers, with the figure each reaches.
func (r *madr) remedies(rows []rules.CapacityRow) {
	if len(rows) == 0 {
		return
	}
	r.printf("Remedies for the limits the design strains:\n\n")
	for _, row := range rows {
		r.bullet(mdInline(row.Title) + ":")
		for _, rem := range row.Remedies {
			r.printf("  * %s\n", mdInline(contract.RemedyText(rem)))
		}
	}
	r.printf("\n")
}

// orgSnapshot says which org figures the decision was made with, so that `check` can tell a
// change of the org from a change of the rules.
func (r *madr) orgSnapshot() {
	org := r.d.Org
	if org == nil {
		return
	}
	if s := org.Snapshot; s != nil {
		taken := ""
		if s.Taken != "" {
			taken = ", taken " + mdInline(s.Taken)
		}
		r.printf("The allocations come from the org-limits snapshot `%s`%s:\n\n", mdInline(s.File), taken)
		for _, f := range s.Limits {
			r.bullet(fmt.Sprintf("%s: maximum %s, %s remaining, so %s already used", mdInline(f.Name),
				rules.FormatNumber(f.Max), rules.FormatNumber(f.Remaining), rules.FormatNumber(f.Used())))
		}
		if s.Ignored > 0 {
			r.bullet(fmt.Sprintf("%d other limits in the snapshot are not ones the advisor models", s.Ignored))
		}
		r.printf("\n")
	}
	if len(org.Addons) > 0 {
		r.printf("Bought as add-ons:\n\n")
		for _, lim := range r.cat.Limits {
			if v, ok := org.Addons[lim.ID]; ok {
				r.bullet(fmt.Sprintf("%s: %s %s", mdInline(lim.Title), rules.FormatNumber(v), lim.Unit))
			}
		}
		r.printf("\n")
	}
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
	for i, step := range contract.RecoveryRunbook(m.Runbook, r.d) {
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
