package rules

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Widths of the plain-text explanation: the default for pipes, and the narrowest it reflows to.
const (
	DefaultTextWidth = 96
	minTextWidth     = 40
)

// WriteText writes a decision as plain text, wrapped at width columns (a pipe gets
// DefaultTextWidth): the recommendation, why it won, why each alternative lost, the capacity of
// the leading designs at 1× and 10×, the failure modes to design for, and the warnings. It writes
// the data it is given and decides nothing.
func WriteText(w io.Writer, d *Decision, width int) error {
	t := &textOut{width: max(width, minTextWidth)}
	t.recommendation(d)
	t.reasons(d)
	t.alternatives(d)
	t.capacity(d)
	t.failureModes(d)
	t.warnings(d)
	t.wrap("", "", fmt.Sprintf("Knowledge %s; limits as of %s. Run with --format json for the full trace.",
		d.Knowledge.Version, d.Knowledge.LimitsRelease))
	_, err := io.WriteString(w, t.b.String())
	return err
}

// textOut accumulates the explanation at one width.
type textOut struct {
	b     strings.Builder
	width int
}

func (t *textOut) heading(title string) {
	t.wrap("", "", title)
	t.b.WriteString(strings.Repeat("─", min(len([]rune(title)), t.width)) + "\n")
}

func (t *textOut) recommendation(d *Decision) {
	r := d.Recommendation
	name, _ := d.Answers.Role(RoleTitle).(string)
	t.heading("Recommendation for " + name)
	if !d.Feasible() {
		t.wrap("  Mechanism   ", "              ", "none meets these requirements")
		t.b.WriteString("\n")
		t.wrap("  ", "  ", r.Summary)
		t.b.WriteString("\n")
		return
	}
	t.wrap("  Mechanism   ", "              ", r.MechanismName)
	t.wrap("  Pattern     ", "              ", r.PatternName)
	t.wrap("  Variant     ", "              ", r.Variant)
	conf := r.Confidence
	if r.RunnerUp != "" {
		conf = fmt.Sprintf("%s (score %d, %d ahead of the runner-up)", r.Confidence, r.Score, r.Margin)
	}
	t.wrap("  Confidence  ", "              ", conf)
	t.b.WriteString("\n")
	t.wrap("  ", "  ", r.Summary)
	t.b.WriteString("\n")
}

func (t *textOut) reasons(d *Decision) {
	if !d.Feasible() {
		return // the alternatives say why each is ruled out
	}
	t.heading("Why " + d.Recommendation.MechanismName)
	for _, reason := range d.Ranking[0].Reasons {
		prefix := fmt.Sprintf("  %-8s ", reason.Effect)
		t.wrap(prefix, strings.Repeat(" ", len(prefix)), reason.Because+" ["+reason.Rule+"]")
	}
	t.b.WriteString("\n")
}

func (t *textOut) alternatives(d *Decision) {
	t.heading("Alternatives")
	first := 1
	if !d.Feasible() {
		first = 0 // nothing was chosen: every mechanism is an alternative that failed
	}
	for i, r := range d.Ranking[first:] {
		status := fmt.Sprintf("score %d", r.Score)
		if !r.Viable {
			status = "ruled out"
		}
		t.wrap(fmt.Sprintf("  %d. ", i+first+1), "     ", fmt.Sprintf("%s (%s), %s", r.Name, r.PatternName, status))
		t.wrap("     ", "     ", r.WhyNot)
	}
	t.b.WriteString("\n")
}

// capacity shows the rows of the recommendation and of the best viable runner-up (the JSON
// output carries every mechanism's rows): the limit with its allocation, then the usage.
func (t *textOut) capacity(d *Decision) {
	t.heading("Capacity at the stated volume and at 10×")
	if note := orgNote(d.Org); note != "" {
		t.wrap("  ", "  ", note)
	}
	for _, r := range d.Ranking {
		rec := d.Recommendation
		if r.Mechanism != rec.Mechanism && r.Mechanism != rec.RunnerUp && r.Mechanism != rec.Closest {
			continue
		}
		t.b.WriteString("  " + r.Name + "\n")
		for _, row := range d.Capacity {
			if row.Mechanism == r.Mechanism {
				t.capacityRow(row)
			}
		}
	}
	t.b.WriteString("\n")
}

func (t *textOut) capacityRow(row CapacityRow) {
	t.wrap("    ", "      ", fmt.Sprintf("%s (%s): %s %s", row.Title, kindWord(row.Kind), FormatNumber(row.Allocation), row.Unit))
	switch {
	case row.Kind == KindWindow && row.Allocation == 0:
		t.wrap("      ", "      ", "downtime "+FormatHours(row.Usage1x)+" ("+row.Verdict1x+": Salesforce holds nothing for the receiver), at any volume")
	case row.Kind == KindWindow:
		t.wrap("      ", "      ", "downtime "+usageCell(row.Usage1x, row.Share1x, row.Verdict1x)+" at any volume")
	default:
		t.wrap("      ", "      ", "1×: "+usageCell(row.Usage1x, row.Share1x, row.Verdict1x)+
			" · 10×: "+usageCell(row.Usage10x, row.Share10x, row.Verdict10x))
	}
	if row.OrgUsed > 0 || row.Addon > 0 {
		t.wrap("      ", "        ", orgLine(row))
	}
	for _, rem := range row.Remedies {
		t.wrap("      → ", "        ", RemedyLine(row, rem))
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
	t.heading("Failure modes to design for")
	for i, fm := range d.FailureModes {
		t.wrap(fmt.Sprintf("  %d. ", i+1), "     ", fm.Title)
		t.wrap("     How:      ", "               ", fm.HowItHappens)
		t.wrap("     Detect:   ", "               ", fm.Detection)
		t.wrap("     Mitigate: ", "               ", fm.Mitigation)
	}
	t.b.WriteString("\n")
}

func (t *textOut) warnings(d *Decision) {
	if len(d.Warnings) == 0 {
		return
	}
	t.heading("Warnings")
	for _, w := range d.Warnings {
		t.wrap("  ! ", "    ", w.Message+" ["+w.ID+"]")
	}
	t.b.WriteString("\n")
}

// wrap writes text wrapped at the width, the first line after first and the rest after rest.
// A word longer than the line is written whole rather than broken.
func (t *textOut) wrap(first, rest, text string) {
	prefix := first
	var line strings.Builder
	used := 0
	flush := func() {
		t.b.WriteString(prefix + line.String() + "\n")
		prefix, used = rest, 0
		line.Reset()
	}
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		if used > 0 && used+1+n > t.width-len([]rune(prefix)) {
			flush()
		}
		if used > 0 {
			line.WriteByte(' ')
			used++
		}
		line.WriteString(word)
		used += n
	}
	flush()
}

func usageCell(usage, share float64, verdict string) string {
	return fmt.Sprintf("%s (%s %s)", FormatNumber(usage), FormatPercent(share), verdict)
}
