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
	// Wrapped rather than cut, so that a narrow terminal still says what it needs.
	return lipgloss.NewStyle().Width(max(1, m.width)).MaxHeight(max(1, m.height)).Render(msg)
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
		step, bar = "changing one answer: enter saves it, esc or shift+tab cancels", ""
	}
	qWidth := m.questionWidth()
	body := m.field.view(m.styles, qWidth)
	if m.width >= panelWidth {
		body = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(qWidth+gutter).Render(body), m.panelView(m.sidePanelWidth()))
	} else if m.preview != nil {
		body += "\n\n" + m.styles.subtle.Render("Leading: ") + m.leading(false)
	}
	parts := []string{m.header(step), bar, "", body, ""}
	switch {
	case m.quitting:
		parts = append(parts, m.quitPromptView())
	case m.showKeys:
		parts = append(parts, m.wizardKeysView())
	}
	if m.status != "" {
		parts = append(parts, m.styles.subtle.Width(m.width).Render(safetext.Escape(m.status)))
	}
	parts = append(parts, m.askHelpLine())
	return lipgloss.JoinVertical(lipgloss.Left, parts...)
}

// gutter is the space between the question and the live panel.
const gutter = 4

// sidePanelWidth is the live panel's width beside the question: a third of the screen, within
// bounds, so that at 160 columns the question and the panel share the room evenly.
func (m *model) sidePanelWidth() int { return min(56, max(36, m.width/3)) }

// questionWidth is the width the question's field is drawn in.
func (m *model) questionWidth() int {
	if m.width >= panelWidth {
		return min(88, m.width-m.sidePanelWidth()-gutter-2)
	}
	return max(20, min(m.width, 100)-4)
}

// askHelpLine is the one-line key help under a question; ? opens the full list.
func (m *model) askHelpLine() string {
	if m.quitting {
		return ""
	}
	next := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm"))
	leave := m.keys.leave
	if m.fromReview {
		leave = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	}
	bindings := []key.Binding{next, m.keys.back, leave}
	if m.helpKeyFree() {
		bindings = append(bindings, m.keys.help)
	}
	bindings = append(bindings, m.keys.draft)
	if m.field.isList() {
		bindings = append(bindings, key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")))
	}
	return m.helpLine(bindings...)
}

// wizardKeysView lists every key of the question step.
func (m *model) wizardKeysView() string {
	keys := [][2]string{
		{"enter", "confirm and go on; an empty field takes its default"},
		{"shift+tab", "back to the previous question; nothing here is stored"},
		{"↑/↓ j/k", "choose an option; home and end, the first and last"},
		{"ctrl+s", "save a draft; resume it with sfpattern --answers FILE"},
		{"esc", "quit: asks first and offers a draft; ctrl+c aborts at once"},
	}
	if m.fromReview {
		keys[1][1] = "back to the review; the answer keeps its old value"
		keys[4][1] = "back to the review without saving; ctrl+c aborts at once"
	}
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(hanging(m.styles.keyHint.Render(fmt.Sprintf("%-11s", k[0])), m.styles.help.Render(k[1]), m.width))
	}
	return b.String()
}

// quitPromptView asks whether to leave the wizard, and what becomes of the answers.
func (m *model) quitPromptView() string {
	var b strings.Builder
	b.WriteString(m.styles.question.Render("Leave the wizard?") + "\n")
	b.WriteString(m.styles.help.Width(m.width-4).Render(m.givenHere()) + "\n\n")
	b.WriteString(m.helpLine(m.keys.saveQuit, m.keys.quitNow, m.keys.stay))
	return m.styles.panel.Render(b.String())
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
	lines, _, _ := m.reviewLines()
	room := m.reviewRoom()
	top := min(m.reviewTop, max(0, len(lines)-room))
	shown := lines[top:min(len(lines), top+room)]
	if top > 0 {
		shown[0] = m.styles.subtle.Render(fmt.Sprintf("  ↑ %d more", top))
	}
	if below := len(lines) - top - len(shown); below > 0 {
		shown[len(shown)-1] = m.styles.subtle.Render(fmt.Sprintf("  ↓ %d more", below+1))
	}
	parts := append([]string{m.reviewHeader(), ""}, shown...)
	parts = append(parts, m.reviewFooter()...)
	return lipgloss.NewStyle().MaxWidth(m.width).Render(strings.Join(parts, "\n"))
}

// reviewHeader names the screen and, whole however the rows scroll, the integration: the name
// is the record's title, the answer people check first.
func (m *model) reviewHeader() string {
	h := m.header("review your answers")
	if name, ok := m.answers.Get(m.cat.Role(rules.RoleTitle).ID); ok {
		h += "\n" + m.styles.question.Width(m.width).Render(safetext.Escape(fmt.Sprint(name)))
	}
	return h
}

// reviewLines lays the review out: one row per answer (a long value wraps under itself), a blank
// line and the row that opens the results; it returns the lines and the cursor row's first and
// last line.
func (m *model) reviewLines() (lines []string, cursorFirst, cursorLast int) {
	qs := m.visibleQuestions()
	labelWidth := 0
	for _, q := range qs {
		labelWidth = max(labelWidth, len(q.ID))
	}
	valueWidth := max(10, m.width-labelWidth-6)
	for i, q := range qs {
		v, _ := m.answers.Get(q.ID)
		value := safetext.Escape(displayAnswer(q, v))
		if m.prefilled[q.ID] {
			value += m.styles.subtle.Render("  (from file)")
		}
		wrapped := strings.Split(lipgloss.NewStyle().Width(valueWidth).Render(value), "\n")
		if i == m.reviewCursor {
			cursorFirst, cursorLast = len(lines), len(lines)+len(wrapped)-1
		}
		for j, w := range wrapped {
			line := fmt.Sprintf("%-*s  %s", labelWidth, q.ID, strings.TrimRight(w, " "))
			if j > 0 { // a wrapped value continues under itself, without a second cursor
				line = strings.Repeat(" ", labelWidth+2) + strings.TrimRight(w, " ")
			}
			lines = append(lines, m.rowPart(i == m.reviewCursor, j == 0, line))
		}
	}
	lines = append(lines, "")
	if m.reviewCursor == len(qs) {
		cursorFirst, cursorLast = len(lines), len(lines)
	}
	lines = append(lines, m.row(m.reviewCursor == len(qs), "See the recommendation →"))
	return lines, cursorFirst, cursorLast
}

// reviewFooter is what stays under the rows however far they scroll: the leading mechanism, the
// status, the quit prompt and the key help.
func (m *model) reviewFooter() []string {
	var out []string
	if m.preview != nil {
		out = append(out, "", lipgloss.NewStyle().Width(m.width).Render(m.styles.subtle.Render("Leading: ")+m.leading(true)))
	}
	if m.status != "" {
		out = append(out, m.styles.errText.Width(m.width).Render(safetext.Escape(m.status))) // it may quote a path or an error
	}
	if m.quitting {
		return append(out, "", m.quitPromptView())
	}
	return append(out, "", m.helpLine(m.keys.edit, m.keys.up, m.keys.down, m.keys.quit, m.keys.draft, m.keys.abort))
}

// reviewRoom is how many lines of rows fit between the header and the footer.
func (m *model) reviewRoom() int {
	footer := lipgloss.Height(strings.Join(m.reviewFooter(), "\n"))
	return max(3, m.height-1-lipgloss.Height(m.reviewHeader())-footer)
}

// scrollReview moves the review's window just enough to show the cursor's row whole.
func (m *model) scrollReview() {
	lines, first, last := m.reviewLines()
	room := m.reviewRoom()
	switch {
	case first-1 < m.reviewTop: // one line of margin, where "↑ more" may be drawn
		m.reviewTop = max(0, first-1)
	case last+1 >= m.reviewTop+room:
		m.reviewTop = last + 2 - room
	}
	m.reviewTop = max(0, min(m.reviewTop, len(lines)-room))
}

// rowPart draws one line of a row: the cursor on the first line of the selected row only.
func (m *model) rowPart(selected, first bool, text string) string {
	switch {
	case selected && first:
		return m.styles.selected.Render("› " + text)
	case selected:
		return m.styles.selected.Render("  " + text)
	}
	return "  " + text
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
	if m.exportForm != nil { // the form has the screen below the tabs, with its own keys
		form := lipgloss.NewStyle().Height(m.height - 3).MaxHeight(m.height - 3).Render(m.exportFormView())
		return strings.Join([]string{lipgloss.NewStyle().MaxWidth(m.width).Render(title), tabLine, "", form}, "\n")
	}
	parts := []string{lipgloss.NewStyle().MaxWidth(m.width).Render(title), tabLine, "", vp.View()}
	parts = append(parts, m.styles.subtle.Render(m.statusLines()))
	if m.showHelp {
		parts = append(parts, m.fullHelp())
	}
	parts = append(parts, m.helpLine(m.keys.nextTab, m.keys.export, m.keys.copyTab, m.keys.ret, m.keys.help, m.keys.quit))
	return strings.Join(parts, "\n")
}

// helpLine shows the bindings, in the order given, as many as fit the width whole: a key
// never loses half its description to the edge of the screen.
func (m *model) helpLine(bindings ...key.Binding) string {
	sep := m.styles.faint.Render(" • ")
	var line string
	for _, b := range bindings {
		h := b.Help()
		item := m.styles.keyHint.Render(h.Key) + " " + m.styles.keyDesc.Render(h.Desc)
		next := item
		if line != "" {
			next = line + sep + item
		}
		if lipgloss.Width(next) > m.width {
			break
		}
		line = next
	}
	return line
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
