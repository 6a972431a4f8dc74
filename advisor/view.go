package advisor

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// View draws the current screen from the model; it computes nothing that Update did not.
func (m *model) View() tea.View {
	var content string
	switch {
	case m.tooSmall():
		content = m.tooSmallView()
	case m.state == stateAsk:
		content = m.askView()
	case m.state == stateReview:
		content = m.reviewView()
	default:
		content = m.resultsView()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "sfpattern"
	return v
}

func (m *model) tooSmallView() string {
	msg := fmt.Sprintf("Terminal too small (need %d×%d, have %d×%d).\nEnlarge the window to continue; Ctrl-C quits.",
		minWidth, minHeight, m.width, m.height)
	return lipgloss.NewStyle().MaxWidth(max(1, m.width)).Render(msg)
}

func (m *model) header(step string) string {
	return m.styles.title.Render("sfpattern") + m.styles.subtle.Render("  "+step)
}

func (m *model) askView() string {
	asked := m.asked()
	pos := 0
	for i, q := range asked {
		if q == m.current {
			pos = i + 1
		}
	}
	step := fmt.Sprintf("question %d of %d", pos, len(asked))
	bar := m.progressBar(pos, len(asked), min(m.width-4, 60))
	if m.fromReview { // one answer out of order, perhaps one the file gave: no place in the count
		step, bar = "changing one answer; enter returns to the review", ""
	}
	wide := m.width >= panelWidth
	qWidth := min(m.width, 100) - 4
	if wide {
		qWidth = m.width - 42
	}
	body := m.field.view(m.styles, qWidth)
	if wide {
		body = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(qWidth+2).Render(body), m.panelView(36))
	} else if m.preview != nil {
		body += "\n" + m.styles.subtle.Render("Leading: ") + m.leading(false)
	}
	help := m.helpLine(m.keys.next, m.keys.back, m.keys.abort)
	if m.width >= 80 && m.field.isList() {
		help = m.helpLine(m.keys.next, m.keys.back, m.keys.up, m.keys.down, m.keys.abort)
	}
	return lipgloss.JoinVertical(lipgloss.Left, m.header(step), bar, "", body, "", help)
}

func (m *model) progressBar(done, total, width int) string {
	if total == 0 || width <= 0 {
		return ""
	}
	filled := done * width / total
	return m.styles.accent.Render(strings.Repeat("━", filled)) + m.styles.faint.Render(strings.Repeat("━", width-filled))
}

// leading names the preview's leading mechanism (and its pattern, where there is room), or says
// that nothing fits.
func (m *model) leading(withPattern bool) string {
	r := m.preview.Recommendation
	switch {
	case !m.preview.Feasible():
		return "nothing fits" + m.styles.subtle.Render(" (closest: "+m.cat.Mechanism(r.Closest).Name+")")
	case withPattern:
		return r.MechanismName + m.styles.subtle.Render(" ("+r.PatternName+")")
	}
	return r.MechanismName
}

// panelView shows the leading mechanism and the runner-up for the answers so far.
func (m *model) panelView(width int) string {
	var b strings.Builder
	b.WriteString(m.styles.panelTitle.Render("Leading so far") + "\n\n")
	if m.preview == nil {
		b.WriteString(m.styles.help.Width(width - 4).Render(m.previewNote))
		return m.styles.panel.Width(width).Render(b.String())
	}
	r := m.preview.Recommendation
	if !m.preview.Feasible() {
		b.WriteString(m.styles.verdict["exceeds"].Render("Nothing fits yet") + "\n")
		b.WriteString(m.styles.help.Width(width-4).Render("Every mechanism is ruled out by these answers.") + "\n\n")
		if closest := m.cat.Mechanism(r.Closest); closest != nil {
			b.WriteString(m.styles.subtle.Render("Closest") + "\n" + closest.Name + "\n")
		}
		return m.styles.panel.Width(width).Render(b.String())
	}
	b.WriteString(m.styles.selected.Render(r.MechanismName) + "\n")
	b.WriteString(m.styles.help.Width(width-4).Render(r.PatternName) + "\n")
	b.WriteString(m.styles.subtle.Render(fmt.Sprintf("score %d · %s", r.Score, r.Confidence)) + "\n\n")
	if r.RunnerUp != "" {
		runner := m.cat.Mechanism(r.RunnerUp)
		b.WriteString(m.styles.subtle.Render("Runner-up") + "\n" + runner.Name + "\n")
	}
	return m.styles.panel.Width(width).Render(b.String())
}

func (m *model) reviewView() string {
	var b strings.Builder
	b.WriteString(m.header("review your answers") + "\n\n")
	qs := m.visibleQuestions()
	labelWidth := 0
	for _, q := range qs {
		labelWidth = max(labelWidth, len(q.ID))
	}
	for i, q := range qs {
		v, _ := m.answers.Get(q.ID)
		line := fmt.Sprintf("%-*s  %s", labelWidth, q.ID, displayAnswer(q, v))
		if m.prefilled[q.ID] {
			line += m.styles.subtle.Render("  (from file)")
		}
		b.WriteString(m.row(i == m.reviewCursor, line) + "\n")
	}
	b.WriteString("\n" + m.row(m.reviewCursor == len(qs), "See the recommendation →") + "\n")
	if m.preview != nil {
		b.WriteString("\n" + m.styles.subtle.Render("Leading: ") + m.leading(true) + "\n")
	}
	if m.status != "" {
		b.WriteString(m.styles.errText.Render(safetext.Escape(m.status)) + "\n") // it may quote a path or an error
	}
	b.WriteString("\n" + m.helpLine(m.keys.up, m.keys.down, m.keys.edit, m.keys.quit, m.keys.abort))
	return lipgloss.NewStyle().MaxWidth(m.width).Render(b.String())
}

func (m *model) row(selected bool, text string) string {
	if selected {
		return m.styles.selected.Render("› " + text)
	}
	return "  " + text
}

// displayAnswer shows an answer as a person reads it: an option's label (Yes or No for a boolean),
// a number with thousands separators, or the text as given.
func displayAnswer(q *rules.Question, v any) string {
	if v == nil {
		return "—"
	}
	id := fmt.Sprint(v)
	for _, o := range choices(q) {
		if o.ID == id {
			return o.Label
		}
	}
	if n, ok := v.(int); ok {
		return rules.FormatNumber(float64(n))
	}
	return formatAnswer(v)
}

func (m *model) resultsView() string {
	tabs := make([]string, tabCount)
	for i, name := range tabNames {
		label := fmt.Sprintf("%d %s", i+1, shortTabNames[i])
		if m.width < 80 && i != m.tab {
			label = fmt.Sprint(i + 1) // narrow: numbers, and the open tab's name
		}
		if m.width >= 132 {
			label = fmt.Sprintf("%d %s", i+1, name)
		}
		if i == m.tab {
			tabs[i] = m.styles.activeTab.Render(label)
		} else {
			tabs[i] = m.styles.tab.Render(label)
		}
	}
	tabLine := lipgloss.NewStyle().MaxWidth(m.width).Render(lipgloss.JoinHorizontal(lipgloss.Top, tabs...))
	title := m.header(m.decision.Recommendation.MechanismName + " · " + m.decision.Recommendation.PatternName)
	// A copy sized for the status as it is now: an export that finished since the last key may
	// have lengthened it, and View changes nothing.
	vp := m.viewport
	vp.SetHeight(m.viewportHeight())
	parts := []string{lipgloss.NewStyle().MaxWidth(m.width).Render(title), tabLine, "", vp.View()}
	parts = append(parts, m.styles.subtle.Render(m.statusLines()))
	if m.showHelp {
		parts = append(parts, m.fullHelp())
	}
	parts = append(parts, m.helpLine(m.keys.nextTab, m.keys.export, m.keys.copyTab, m.keys.ret, m.keys.help, m.keys.quit))
	return strings.Join(parts, "\n")
}

func (m *model) helpLine(bindings ...key.Binding) string {
	items := make([]string, 0, len(bindings))
	for _, b := range bindings {
		h := b.Help()
		items = append(items, m.styles.keyHint.Render(h.Key)+" "+m.styles.keyDesc.Render(h.Desc))
	}
	return lipgloss.NewStyle().MaxWidth(m.width).Render(strings.Join(items, m.styles.faint.Render(" • ")))
}

// fullHelp lists every results key, one row each, wrapped under its description so that it
// reads whole at 80 columns.
func (m *model) fullHelp() string {
	k := m.keys
	rows := [][2]string{
		{"1–7, tab/shift+tab", "switch tabs"},
		{"↑/↓, pgup/pgdn", "scroll; " + k.top.Help().Key + " to the top, " + k.bottom.Help().Key + " to the bottom"},
		{k.export.Help().Key, "write the decision record and the contract to " + safetext.Escape(m.o.ExportDir) + " under a new number, once per decision"},
		{k.open.Help().Key, "open the exported record in $VISUAL or $EDITOR; the results return when it exits"},
		{k.copyTab.Help().Key, "copy the tab (the record's Markdown, the contract's YAML, else its text) through OSC 52"},
		{k.ret.Help().Key, "back to the review to change answers"},
		{"q, ctrl+c", "quit (printing the decision record when the output is redirected); abort"},
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(hanging(m.styles.keyHint.Render(fmt.Sprintf("%-20s", r[0])), m.styles.help.Render(r[1]), max(20, m.width-1)))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
