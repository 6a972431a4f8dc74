package advisor

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// updateAsk handles keys while a question is open.
func (m *model) updateAsk(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.next):
		return m.submit()
	case key.Matches(msg, m.keys.back):
		m.goBack()
		return m, nil
	case m.field.isList() && key.Matches(msg, m.keys.up):
		m.field = m.field.moveCursor(-1)
		m.refreshPreview()
		return m, nil
	case m.field.isList() && key.Matches(msg, m.keys.down):
		m.field = m.field.moveCursor(1)
		m.refreshPreview()
		return m, nil
	}
	var cmd tea.Cmd
	m.field, cmd = m.field.update(msg)
	m.refreshPreview()
	return m, cmd
}

// submit saves a valid answer and moves on; an invalid one stays with its message.
func (m *model) submit() (tea.Model, tea.Cmd) {
	v, msg := m.field.value(m.cat)
	if msg != "" {
		m.field.err = msg
		return m, nil
	}
	m.answers.Put(m.current.ID, v)
	m.dropHidden()
	if m.fromReview {
		if len(m.pending()) > 0 { // the change made a new question apply: ask it first
			m.advance()
			return m, nil
		}
		m.fromReview = false
		m.current = nil
		m.state = stateReview
		m.refreshPreview()
		return m, nil
	}
	m.advance()
	return m, nil
}

// goBack returns to the previous question, keeping the current value when it is valid. It works
// from an invalid field too: leaving never requires fixing the value first.
func (m *model) goBack() {
	if v, msg := m.field.value(m.cat); msg == "" {
		m.answers.Put(m.current.ID, v)
		m.dropHidden()
	}
	if m.fromReview {
		m.fromReview = false
		m.current = nil
		m.state = stateReview
		m.refreshPreview()
		return
	}
	asked := m.asked()
	for i, q := range asked {
		if q == m.current && i > 0 {
			m.open(asked[i-1])
			return
		}
	}
}

// dropHidden forgets answers to questions that no longer apply, so they are never evaluated.
func (m *model) dropHidden() {
	for _, q := range m.cat.Questions {
		if _, set := m.answers.Get(q.ID); set && !q.Visible(m.answers) {
			m.answers.Delete(q.ID)
		}
	}
}

// reviewRows are the questions that apply, in order; the row after them shows the results.
func (m *model) reviewRows() int {
	n := 0
	for _, q := range m.cat.Questions {
		if q.Visible(m.answers) {
			n++
		}
	}
	return n
}

func (m *model) updateReview(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	rows := m.reviewRows()
	switch {
	case key.Matches(msg, m.keys.up):
		m.reviewCursor = max(0, m.reviewCursor-1)
	case key.Matches(msg, m.keys.down):
		m.reviewCursor = min(rows, m.reviewCursor+1)
	case key.Matches(msg, m.keys.quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.edit):
		if m.reviewCursor == rows {
			return m, m.showResults()
		}
		m.fromReview = true
		m.open(m.visibleQuestions()[m.reviewCursor])
	}
	return m, nil
}

func (m *model) updateResults(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.fitViewport() // to the status as the user sees it, which an export may have changed since
	defer m.fitViewport()
	switch {
	case key.Matches(msg, m.keys.quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.nextTab):
		return m, m.selectTab((m.tab + 1) % tabCount)
	case key.Matches(msg, m.keys.prevTab):
		return m, m.selectTab((m.tab + tabCount - 1) % tabCount)
	case key.Matches(msg, m.keys.ret):
		m.state, m.status = stateReview, ""
		return m, nil
	case key.Matches(msg, m.keys.export):
		return m, m.export()
	case key.Matches(msg, m.keys.copyTab):
		return m, m.copyTab()
	case key.Matches(msg, m.keys.open):
		return m, m.openRecord()
	case key.Matches(msg, m.keys.help):
		m.showHelp = !m.showHelp
		return m, m.layout()
	case key.Matches(msg, m.keys.top):
		m.viewport.GotoTop()
		return m, nil
	case key.Matches(msg, m.keys.bottom):
		m.viewport.GotoBottom()
		return m, nil
	}
	if n, err := strconv.Atoi(msg.String()); err == nil && n >= 1 && n <= tabCount {
		return m, m.selectTab(n - 1)
	}
	var cmd tea.Cmd
	m.viewport, cmd = m.viewport.Update(msg)
	return m, cmd
}
