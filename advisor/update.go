package advisor

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

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
	if m.quitting {
		return m.updateQuitPrompt(msg)
	}
	rows := m.reviewRows()
	m.status = ""
	switch {
	case key.Matches(msg, m.keys.up):
		m.reviewCursor = max(0, m.reviewCursor-1)
	case key.Matches(msg, m.keys.down):
		m.reviewCursor = min(rows, m.reviewCursor+1)
	case msg.String() == "home" || msg.String() == "g":
		m.reviewCursor = 0
	case msg.String() == "end" || msg.String() == "G":
		m.reviewCursor = rows
	case key.Matches(msg, m.keys.quit), key.Matches(msg, m.keys.leave):
		m.quitting = true
	case key.Matches(msg, m.keys.draft):
		return m, m.saveDraft(false)
	case key.Matches(msg, m.keys.edit):
		if m.reviewCursor == rows {
			return m, m.showResults()
		}
		q := m.visibleQuestions()[m.reviewCursor]
		cmd := m.open(q)
		m.fromReview = true
		return m, cmd
	}
	m.scrollReview()
	return m, nil
}

func (m *model) updateResults(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.fitViewport() // to the status as the user sees it, which an export may have changed since
	defer m.fitViewport()
	if m.exportForm != nil {
		return m, m.updateExportForm(msg)
	}
	switch {
	case key.Matches(msg, m.keys.quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.nextTab):
		m.selectTab((m.tab + 1) % tabCount)
		return m, nil
	case key.Matches(msg, m.keys.prevTab):
		m.selectTab((m.tab + tabCount - 1) % tabCount)
		return m, nil
	case key.Matches(msg, m.keys.ret):
		m.toReview()
		m.status = ""
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
		m.selectTab(n - 1)
		return m, nil
	}
	var cmd tea.Cmd
	m.viewport, cmd = m.viewport.Update(msg)
	return m, cmd
}
