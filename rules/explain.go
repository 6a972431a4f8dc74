package rules

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/textout"
)

// DefaultTextWidth is the width of the plain-text explanation on a pipe; a terminal's width is
// used otherwise, down to textout.MinWidth.
const DefaultTextWidth = 96

// WriteText writes a decision as plain text, wrapped at width columns (a pipe gets
// DefaultTextWidth): the recommendation, why it won, why each alternative lost, the capacity of
// the leading designs at 1× and 10×, the failure modes to design for, and the warnings. It writes
// the data it is given and decides nothing.
func WriteText(w io.Writer, d *Decision, width int) error {
	t := &textOut{textout.New(width)}
	t.recommendation(d)
	t.reasons(d)
	t.alternatives(d)
	t.capacity(d)
	t.failureModes(d)
	t.warnings(d)
	t.Wrap("", "", fmt.Sprintf("Knowledge %s; limits as of %s. Run with --format json for the full trace.",
		d.Knowledge.Version, d.Knowledge.LimitsRelease))
	_, err := io.WriteString(w, t.String())
	return err
}

// textOut accumulates the explanation at one width.
type textOut struct{ *textout.Writer }

func (t *textOut) recommendation(d *Decision) {
	r := d.Recommendation
	name, _ := d.Answers.Role(RoleTitle).(string)
	t.Heading("Recommendation for " + name)
	if !d.Feasible() {
		t.Wrap("  Mechanism   ", "              ", "none meets these requirements")
		t.WriteString("\n")
		t.Wrap("  ", "  ", r.Summary)
		t.WriteString("\n")
		return
	}
	t.Wrap("  Mechanism   ", "              ", r.MechanismName)
	t.Wrap("  Pattern     ", "              ", r.PatternName)
	t.Wrap("  Variant     ", "              ", r.Variant)
	conf := r.Confidence
	if r.RunnerUp != "" {
		conf = fmt.Sprintf("%s (score %d, %d ahead of the runner-up)", r.Confidence, r.Score, r.Margin)
	}
	t.Wrap("  Confidence  ", "              ", conf)
	t.WriteString("\n")
	t.Wrap("  ", "  ", r.Summary)
	t.WriteString("\n")
}

func (t *textOut) reasons(d *Decision) {
	if !d.Feasible() {
		return // the alternatives say why each is ruled out
	}
	t.Heading("Why " + d.Recommendation.MechanismName)
	for _, reason := range d.Ranking[0].Reasons {
		prefix := fmt.Sprintf("  %-8s ", reason.Effect)
		t.Wrap(prefix, strings.Repeat(" ", len(prefix)), reason.Because+" ["+reason.Rule+"]")
	}
	t.WriteString("\n")
}

func (t *textOut) alternatives(d *Decision) {
	t.Heading("Alternatives")
	first := 1
	if !d.Feasible() {
		first = 0 // nothing was chosen: every mechanism is an alternative that failed
	}
	for i, r := range d.Ranking[first:] {
		status := fmt.Sprintf("score %d", r.Score)
		if !r.Viable {
			status = "ruled out"
		}
		t.Wrap(fmt.Sprintf("  %d. ", i+first+1), "     ", fmt.Sprintf("%s (%s), %s", r.Name, r.PatternName, status))
		t.Wrap("     ", "     ", r.WhyNot)
	}
	t.WriteString("\n")
}

// capacity shows the rows of the recommendation and of the best viable runner-up (the JSON
// output carries every mechanism's rows): the limit with its allocation, then the usage.
func (t *textOut) capacity(d *Decision) {
	t.Heading("Capacity at the stated volume and at 10×")
	if note := orgNote(d.Org); note != "" {
		t.Wrap("  ", "  ", note)
	}
	for _, r := range d.Ranking {
		rec := d.Recommendation
		if r.Mechanism != rec.Mechanism && r.Mechanism != rec.RunnerUp && r.Mechanism != rec.Closest {
			continue
		}
		t.WriteString("  " + r.Name + "\n")
		for _, row := range d.Capacity {
			if row.Mechanism == r.Mechanism {
				t.capacityRow(row)
			}
		}
	}
	t.WriteString("\n")
}

func (t *textOut) capacityRow(row CapacityRow) {
	t.Wrap("    ", "      ", fmt.Sprintf("%s (%s): %s %s", row.Title, kindWord(row.Kind), FormatNumber(row.Allocation), row.Unit))
	switch {
	case row.Kind == KindWindow && row.Allocation == 0:
		t.Wrap("      ", "      ", "downtime "+FormatHours(row.Usage1x)+" ("+row.Verdict1x+": Salesforce holds nothing for the receiver), at any volume")
	case row.Kind == KindWindow:
		t.Wrap("      ", "      ", "downtime "+usageCell(row.Usage1x, row.Share1x, row.Verdict1x)+" at any volume")
	default:
		t.Wrap("      ", "      ", "1×: "+usageCell(row.Usage1x, row.Share1x, row.Verdict1x)+
			" · 10×: "+usageCell(row.Usage10x, row.Share10x, row.Verdict10x))
	}
	if row.OrgUsed > 0 || row.Addon > 0 {
		t.Wrap("      ", "        ", orgLine(row))
	}
	for _, rem := range row.Remedies {
		t.Wrap("      → ", "        ", RemedyLine(row, rem))
	}
}

// orgNote says which org figures the allocations come from, when not the edition's formula.
func orgNote(o *Org) string {
	if o.Empty() {
		return ""
	}
	var parts []string
	if s := o.Snapshot; s != nil {
		p := "Allocations from the org-limits snapshot " + s.File
		if s.Taken != "" {
			p += " (taken " + s.Taken + ")"
		}
		p += ", with what the org already uses counted"
		if s.Ignored > 0 {
			p += "; " + strconv.Itoa(s.Ignored) + " of its entries are limits the advisor does not model"
		}
		parts = append(parts, p)
	}
	if n := len(o.Addons); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" add-on(s) included")
	}
	return strings.Join(parts, "; ") + "."
}

// kindWord names a row's kind as the text output shows it.
func kindWord(kind string) string {
	switch kind {
	case KindBudget:
		return "org allocation"
	case KindWall:
		return "fixed limit"
	case KindWindow:
		return "window"
	}
	return kind
}

// orgLine says where an allocation came from: the org's snapshot and what it already uses, and
// what was bought.
func orgLine(row CapacityRow) string {
	var parts []string
	if row.OrgUsed > 0 {
		parts = append(parts, "the org already uses "+FormatNumber(row.OrgUsed)+" (from its snapshot), counted in the shares")
	}
	if row.Addon > 0 {
		parts = append(parts, "includes "+FormatNumber(row.Addon)+" bought as an add-on")
	}
	return strings.Join(parts, "; ")
}

// RemedyLine says what one remedy reaches for a row at 1× and at 10×: "one platform event
// add-on licence · 1×: 80,000 of 125,000 (64% ok) · 10×: 800,000 of 125,000 (640% exceeds)".
func RemedyLine(row CapacityRow, rem RemedyEffect) string {
	s := rem.Title
	if row.Kind == KindWindow {
		return s // a window's remedy is a design; its hours say nothing more
	}
	at := func(label string, usage float64, usageAfter, allocAfter, sh *float64, verdict string) {
		if sh == nil {
			return
		}
		alloc := row.Allocation
		if allocAfter != nil {
			alloc = *allocAfter
		}
		if usageAfter != nil {
			usage = *usageAfter
		}
		s += " · " + label + ": " + FormatNumber(row.OrgUsed+usage) + " of " + FormatNumber(alloc) +
			" (" + FormatPercent(*sh) + " " + verdict + ")"
	}
	at("1×", row.Usage1x, rem.UsageAfter, rem.AllocationAfter, rem.ShareAfter, rem.VerdictAfter)
	at("10×", row.Usage10x, rem.UsageAfter10x, rem.AllocationAfter10x, rem.ShareAfter10x, rem.VerdictAfter10x)
	if rem.Note != "" {
		s += ". " + rem.Note
	}
	return s
}

func (t *textOut) failureModes(d *Decision) {
	if len(d.FailureModes) == 0 {
		return
	}
	t.Heading("Failure modes to design for")
	for i, fm := range d.FailureModes {
		t.Wrap(fmt.Sprintf("  %d. ", i+1), "     ", fm.Title)
		t.Wrap("     How:      ", "               ", fm.HowItHappens)
		t.Wrap("     Detect:   ", "               ", fm.Detection)
		t.Wrap("     Mitigate: ", "               ", fm.Mitigation)
	}
	t.WriteString("\n")
}

func (t *textOut) warnings(d *Decision) {
	if len(d.Warnings) == 0 {
		return
	}
	t.Heading("Warnings")
	for _, w := range d.Warnings {
		t.Wrap("  ! ", "    ", w.Message+" ["+w.ID+"]")
	}
	t.WriteString("\n")
}

func usageCell(usage, share float64, verdict string) string {
	return fmt.Sprintf("%s (%s %s)", FormatNumber(usage), FormatPercent(share), verdict)
}
