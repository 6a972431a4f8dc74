package advisor

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// The result tabs are pure functions of the decision, the styles and the width.

func recommendationTab(d *rules.Decision, s styles, width int) string {
	r := d.Recommendation
	var b strings.Builder
	if !d.Feasible() {
		return noFitTab(d, s, width)
	}
	b.WriteString(s.title.Render(r.MechanismName) + s.subtle.Render("  ·  "+r.PatternName) + "\n")
	b.WriteString(s.help.Width(width).Render(r.Variant) + "\n\n")
	b.WriteString(fmt.Sprintf("Confidence %s", s.accent.Render(r.Confidence)) + "\n")
	b.WriteString(lipgloss.NewStyle().Width(width).Render(r.Summary) + "\n\n")
	b.WriteString(s.question.Render("Why") + "\n")
	for _, reason := range record.ByWeight(d.Ranking[0].Reasons) {
		b.WriteString(reasonLine(reason, s, width))
	}
	if len(d.Warnings) > 0 {
		b.WriteString("\n" + s.question.Render("Warnings") + "\n")
		for _, w := range d.Warnings {
			b.WriteString(hanging(s.verdict["warn"].Render("! "), w.Message, width))
		}
	}
	return b.String()
}

// noFitTab says plainly that no mechanism meets the requirements, why each is ruled out, and
// which single change of answer would allow a design.
func noFitTab(d *rules.Decision, s styles, width int) string {
	r := d.Recommendation
	var b strings.Builder
	b.WriteString(s.title.Render("No mechanism meets these requirements") + "\n\n")
	b.WriteString(lipgloss.NewStyle().Width(width).Render(r.Summary) + "\n")
	if len(r.WouldChange) > 0 {
		b.WriteString("\n" + s.question.Render("Any one of these changes would allow a design") + "\n")
		for _, ch := range r.WouldChange {
			b.WriteString(hanging(s.accent.Render("→ "), fmt.Sprintf("%s = %v: %s", ch.Field, ch.Value, ch.MechanismName), width))
		}
	}
	b.WriteString("\n" + s.question.Render("Why each is ruled out") + "\n")
	for _, rk := range d.Ranking {
		b.WriteString(hanging(s.verdict["exceeds"].Render(fmt.Sprintf("%-22s", rk.Name)), strings.TrimPrefix(rk.WhyNot, "Ruled out: "), width))
	}
	return b.String()
}

func reasonLine(r rules.Reason, s styles, width int) string {
	label := fmt.Sprintf("%-8s", r.Effect)
	style := s.verdict["ok"]
	if r.Points < 0 || r.Effect == "exclude" {
		style = s.verdict["exceeds"]
	}
	return hanging(style.Render(label), r.Because, width)
}

// hanging writes a label and text wrapped under itself, indented past the label.
func hanging(label, text string, width int) string {
	indent := lipgloss.Width(label)
	body := lipgloss.NewStyle().Width(max(10, width-indent)).Render(text)
	lines := strings.Split(body, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i == 0 {
			b.WriteString(label + line + "\n")
			continue
		}
		b.WriteString(strings.Repeat(" ", indent) + line + "\n")
	}
	return b.String()
}

// listBelow is the width under which the alternatives are a list: five columns in 80 would
// leave the points and the pattern a few letters each.
const listBelow = 100

// alternativesTab ranks every mechanism with its pattern, its points and why it lost: a table
// where there is room for one, a list below that.
func alternativesTab(d *rules.Decision, s styles, width int) string {
	if width < listBelow {
		return alternativesList(d, s, width)
	}
	return alternativesTable(d, s, width)
}

// standing is a mechanism's points, or that it is ruled out.
func standing(r rules.Ranked) string {
	if !r.Viable {
		return "out"
	}
	return fmt.Sprint(r.Score)
}

// whyLost is the sentence on why a mechanism lost; the winner has none.
func whyLost(d *rules.Decision, i int) string {
	if i == 0 && d.Feasible() {
		return "Recommended."
	}
	return d.Ranking[i].WhyNot
}

func alternativesList(d *rules.Decision, s styles, width int) string {
	var b strings.Builder
	for i, r := range d.Ranking {
		name := s.question
		if i == 0 && d.Feasible() {
			name = s.selected
		}
		points := "ruled out"
		if r.Viable {
			points = fmt.Sprintf("%d points", r.Score)
		}
		b.WriteString(hanging(fmt.Sprintf("%d. ", i+1), name.Render(r.Name)+s.subtle.Render("  ·  "+points), width))
		b.WriteString(hanging("   ", s.subtle.Render(r.PatternName), width))
		b.WriteString(hanging("   ", strings.TrimPrefix(whyLost(d, i), "Ruled out: "), width)) // the heading says so
		if i < len(d.Ranking)-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// alternativesTable wraps each cell itself, the pattern to at most two fifths of the room the
// text columns share, so that the number, the name and the points always show whole.
func alternativesTable(d *rules.Decision, s styles, width int) string {
	headers := []string{"#", "Mechanism", "Pattern", "Points", "Why it lost"}
	natural := make([]int, len(headers))
	for c, h := range headers {
		natural[c] = lipgloss.Width(h)
	}
	for i, r := range d.Ranking {
		for c, cell := range []string{fmt.Sprint(i + 1), r.Name, r.PatternName, standing(r)} {
			natural[c] = max(natural[c], lipgloss.Width(cell))
		}
	}
	const overhead = 6 + 5*2 // six rules and a space either side of five cells
	rest := width - overhead - natural[0] - natural[1] - natural[3]
	pattern := min(natural[2], rest*2/5)
	why := rest - pattern
	rows := make([][]string, 0, len(d.Ranking))
	for i, r := range d.Ranking {
		rows = append(rows, []string{
			fmt.Sprint(i + 1), r.Name, ansi.Wrap(r.PatternName, pattern, ""), standing(r),
			ansi.Wrap(whyLost(d, i), why, ""),
		})
	}
	t := table.New().
		Border(lipgloss.NormalBorder()).
		BorderStyle(s.subtle).
		Headers(headers...).
		Rows(rows...).
		StyleFunc(func(row, col int) lipgloss.Style {
			st := lipgloss.NewStyle().Padding(0, 1)
			if w := [5]int{2: pattern, 4: why}[col]; w > 0 {
				st = st.Width(w + 2) // the wrapped columns keep their width, whatever their cells' length
			}
			if row == table.HeaderRow {
				return st.Bold(true)
			}
			if row == 0 && d.Feasible() {
				return st.Foreground(s.accent.GetForeground())
			}
			return st
		})
	return t.Render() + "\n"
}

// kindWords name a capacity row's kind on the capacity tab.
var kindWords = map[string]string{rules.KindBudget: "org allocation", rules.KindWall: "fixed limit", rules.KindWindow: "window"}

// barWidth is the length of a capacity bar at full allocation.
func barWidth(width int) int { return max(10, min(30, width-46)) }

func capacityTab(d *rules.Decision, s styles, width int) string {
	var b strings.Builder
	rec := d.Recommendation
	shown := map[string]bool{rec.Mechanism: true, rec.RunnerUp: true, rec.Closest: true}
	for _, r := range d.Ranking {
		if !shown[r.Mechanism] {
			continue
		}
		b.WriteString(s.question.Render(r.Name) + "\n")
		for _, row := range d.Capacity {
			if row.Mechanism != r.Mechanism {
				continue
			}
			// Padding, not leading spaces, so that a wrapped title keeps its indent.
			b.WriteString(lipgloss.NewStyle().Width(width).PaddingLeft(2).Render(fmt.Sprintf("%s — %s %s (%s)", row.Title,
				rules.FormatNumber(row.Allocation), row.Unit, kindWords[row.Kind])) + "\n")
			if row.Kind == rules.KindWindow {
				// A window does not scale with volume: one bar, the receiver's downtime.
				b.WriteString("    out " + bar(row.Share1x, row.Verdict1x, s, barWidth(width)) + "  " + usage(row.Usage1x, row.Share1x, row.Verdict1x, s) + "\n")
			} else {
				b.WriteString("    1×  " + bar(row.Share1x, row.Verdict1x, s, barWidth(width)) + "  " + usage(row.Usage1x, row.Share1x, row.Verdict1x, s) + "\n")
				b.WriteString("    10× " + bar(row.Share10x, row.Verdict10x, s, barWidth(width)) + "  " + usage(row.Usage10x, row.Share10x, row.Verdict10x, s) + "\n")
			}
			if row.OrgUsed > 0 {
				b.WriteString(hanging("    ", fmt.Sprintf("the org already uses %s (from its snapshot), counted above", rules.FormatNumber(row.OrgUsed)), width))
			}
			for _, rem := range row.Remedies {
				b.WriteString(hanging("    "+s.accent.Render("→ "), rules.RemedyLine(row, rem), width))
			}
			if row.Source != "" {
				// Truncated to fit, but still a whole link where the terminal supports OSC 8.
				b.WriteString("    " + s.faint.Hyperlink(row.Source).Render(ansi.Truncate(row.Source, width-4, "…")) + "\n")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// barFill is the glyph of a bar's filled part by verdict, so that warn and exceeds differ without
// colour too (NO_COLOR, a reader who cannot tell the colours apart): solid for ok, shaded for
// warn. An exceeds bar is full, its share being past 100 %, and ends in overflow.
var barFill = map[string]string{rules.VerdictOK: "█", rules.VerdictWarn: "▓", rules.VerdictExceeds: "█"}

// overflow ends an exceeds bar: the use runs past the allocation.
const overflow = "▶"

func bar(share float64, verdict string, s styles, width int) string {
	filled := int(min(share, 1)*float64(width) + 0.5)
	if share > 0 && filled == 0 {
		filled = 1
	}
	fill := strings.Repeat(barFill[verdict], filled)
	if verdict == rules.VerdictExceeds {
		fill = strings.Repeat(barFill[verdict], width-1) + overflow
		filled = width
	}
	on := lipgloss.NewStyle().Foreground(s.bar[verdict]).Render(fill)
	return on + s.faint.Render(strings.Repeat("░", width-filled))
}

func usage(u, share float64, verdict string, s styles) string {
	return fmt.Sprintf("%s (%s) %s", rules.FormatNumber(u), rules.FormatPercent(share), s.verdict[verdict].Render(verdict))
}

func failureModesTab(d *rules.Decision, s styles, width int) string {
	var b strings.Builder
	for i, fm := range d.FailureModes {
		b.WriteString(s.question.Width(width).Render(fmt.Sprintf("%d. %s", i+1, fm.Title)) + "\n")
		b.WriteString(hanging(s.subtle.Render("   How      "), fm.HowItHappens, width))
		b.WriteString(hanging(s.subtle.Render("   Detect   "), fm.Detection, width))
		b.WriteString(hanging(s.subtle.Render("   Mitigate "), fm.Mitigation, width))
		b.WriteString("\n")
	}
	return b.String()
}
