package rules

import (
	"fmt"
	"io"
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
	name, _ := d.Answers.Get("name").(string)
	t.heading("Recommendation for " + name)
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
	t.heading("Why " + d.Recommendation.MechanismName)
	for _, reason := range d.Ranking[0].Reasons {
		prefix := fmt.Sprintf("  %-8s ", reason.Effect)
		t.wrap(prefix, strings.Repeat(" ", len(prefix)), reason.Because+" ["+reason.Rule+"]")
	}
	t.b.WriteString("\n")
}

func (t *textOut) alternatives(d *Decision) {
	t.heading("Alternatives")
	for i, r := range d.Ranking[1:] {
		status := fmt.Sprintf("score %d", r.Score)
		if !r.Viable {
			status = "ruled out"
		}
		t.wrap(fmt.Sprintf("  %d. ", i+2), "     ", fmt.Sprintf("%s (%s), %s", r.Name, r.PatternName, status))
		t.wrap("     ", "     ", r.WhyNot)
	}
	t.b.WriteString("\n")
}

// capacity shows the rows of the recommendation and of the best viable runner-up (the JSON
// output carries every mechanism's rows): the limit with its allocation, then the usage.
func (t *textOut) capacity(d *Decision) {
	t.heading("Capacity at the stated volume and at 10×")
	for _, r := range d.Ranking {
		if r.Mechanism != d.Recommendation.Mechanism && r.Mechanism != d.Recommendation.RunnerUp {
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
	t.wrap("    ", "      ", fmt.Sprintf("%s: %s %s", row.Title, FormatNumber(row.Allocation), row.Unit))
	t.wrap("      ", "      ", "1×: "+usageCell(row.Usage1x, row.Share1x, row.Verdict1x)+
		" · 10×: "+usageCell(row.Usage10x, row.Share10x, row.Verdict10x))
}

func usageCell(usage, share float64, verdict string) string {
	return fmt.Sprintf("%s (%s %s)", FormatNumber(usage), FormatPercent(share), verdict)
}

func (t *textOut) failureModes(d *Decision) {
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
