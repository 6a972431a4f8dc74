package rules

import (
	"fmt"
	"io"
	"strings"
)

// textWidth is the column at which the plain-text explanation wraps.
const textWidth = 96

// WriteText writes a decision as plain text for a terminal or a pipe: the recommendation, why it
// won, why each alternative lost, the capacity of the leading designs at 1× and 10×, the failure
// modes to design for, and the warnings. It writes data it is given and decides nothing.
func WriteText(w io.Writer, d *Decision) error {
	var b strings.Builder
	writeRecommendation(&b, d)
	writeReasons(&b, d)
	writeAlternatives(&b, d)
	writeCapacity(&b, d)
	writeFailureModes(&b, d)
	writeWarnings(&b, d)
	fmt.Fprintf(&b, "Knowledge %s; limits as of %s. Run with --format json for the full trace.\n",
		d.Knowledge.Version, d.Knowledge.LimitsRelease)
	_, err := io.WriteString(w, b.String())
	return err
}

func heading(b *strings.Builder, title string) {
	b.WriteString(title + "\n" + strings.Repeat("─", len([]rune(title))) + "\n")
}

func writeRecommendation(b *strings.Builder, d *Decision) {
	r := d.Recommendation
	name, _ := d.Answers.Get("name").(string)
	heading(b, "Recommendation for "+name)
	fmt.Fprintf(b, "  Mechanism   %s\n  Pattern     %s\n", r.MechanismName, r.PatternName)
	wrapInto(b, "  Variant     ", "              ", r.Variant)
	conf := r.Confidence
	if r.RunnerUp != "" {
		conf = fmt.Sprintf("%s (score %d, %d ahead of the runner-up)", r.Confidence, r.Score, r.Margin)
	}
	fmt.Fprintf(b, "  Confidence  %s\n\n", conf)
	wrapInto(b, "  ", "  ", r.Summary)
	b.WriteString("\n")
}

func writeReasons(b *strings.Builder, d *Decision) {
	heading(b, "Why "+d.Recommendation.MechanismName)
	for _, reason := range d.Ranking[0].Reasons {
		writeReason(b, reason)
	}
	b.WriteString("\n")
}

func writeReason(b *strings.Builder, r Reason) {
	prefix := fmt.Sprintf("  %-8s ", r.Effect)
	wrapInto(b, prefix, strings.Repeat(" ", len(prefix)), r.Because+" ["+r.Rule+"]")
}

func writeAlternatives(b *strings.Builder, d *Decision) {
	heading(b, "Alternatives")
	for i, r := range d.Ranking[1:] {
		status := fmt.Sprintf("score %d", r.Score)
		if !r.Viable {
			status = "ruled out"
		}
		fmt.Fprintf(b, "  %d. %s (%s), %s\n", i+2, r.Name, r.PatternName, status)
		wrapInto(b, "     ", "     ", r.WhyNot)
	}
	b.WriteString("\n")
}

// writeCapacity shows the rows of the recommendation and of the best viable runner-up; the JSON
// output carries every mechanism's rows.
func writeCapacity(b *strings.Builder, d *Decision) {
	heading(b, "Capacity at the stated volume and at 10×")
	for _, r := range d.Ranking {
		if r.Mechanism != d.Recommendation.Mechanism && r.Mechanism != d.Recommendation.RunnerUp {
			continue
		}
		fmt.Fprintf(b, "  %s\n    %-38s %13s  %-22s %s\n", r.Name, "limit", "allocation", "at 1×", "at 10×")
		for _, row := range d.Capacity {
			if row.Mechanism == r.Mechanism {
				fmt.Fprintf(b, "    %-38s %13s  %-22s %s\n", clip(row.Title, 38), FormatNumber(row.Allocation),
					usageCell(row.Usage1x, row.Share1x, row.Verdict1x), usageCell(row.Usage10x, row.Share10x, row.Verdict10x))
			}
		}
	}
	b.WriteString("\n")
}

func usageCell(usage, share float64, verdict string) string {
	return fmt.Sprintf("%s (%s %s)", FormatNumber(usage), FormatPercent(share), verdict)
}

func writeFailureModes(b *strings.Builder, d *Decision) {
	heading(b, "Failure modes to design for")
	for i, fm := range d.FailureModes {
		fmt.Fprintf(b, "  %d. %s\n", i+1, fm.Title)
		wrapInto(b, "     How:      ", "               ", fm.HowItHappens)
		wrapInto(b, "     Detect:   ", "               ", fm.Detection)
		wrapInto(b, "     Mitigate: ", "               ", fm.Mitigation)
	}
	b.WriteString("\n")
}

func writeWarnings(b *strings.Builder, d *Decision) {
	if len(d.Warnings) == 0 {
		return
	}
	heading(b, "Warnings")
	for _, w := range d.Warnings {
		wrapInto(b, "  ! ", "    ", w.Message+" ["+w.ID+"]")
	}
	b.WriteString("\n")
}

// wrapInto writes text wrapped at textWidth, the first line after first and the rest after rest.
func wrapInto(b *strings.Builder, first, rest, text string) {
	prefix := first
	var line strings.Builder
	width := 0
	flush := func() {
		b.WriteString(prefix + line.String() + "\n")
		prefix, width = rest, 0
		line.Reset()
	}
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		if width > 0 && width+1+n > textWidth-len([]rune(prefix)) {
			flush()
		}
		if width > 0 {
			line.WriteByte(' ')
			width++
		}
		line.WriteString(word)
		width += n
	}
	flush()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
