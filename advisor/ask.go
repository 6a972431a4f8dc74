package advisor

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// updateAsk handles keys while a question is open. The model's own keys come first (confirm,
// draft, back, leave, help); every other key goes to the huh field.
func (m *model) updateAsk(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.quitting {
		return m.updateQuitPrompt(msg)
	}
	list := m.field.isList()
	m.status = ""
	switch {
	case key.Matches(msg, m.keys.next):
		// The field validates first and keeps its message on screen when the value is refused.
		cmd := m.field.update(msg)
		if m.field.err() != "" {
			return m, cmd
		}
		return m, tea.Batch(cmd, m.commit())
	case key.Matches(msg, m.keys.draft):
		return m, m.saveDraft(false)
	case key.Matches(msg, m.keys.back):
		return m, m.goBack()
	case key.Matches(msg, m.keys.leave) && m.fromReview:
		m.toReview() // the change is cancelled: the review keeps the answer it had
		return m, nil
	case key.Matches(msg, m.keys.leave), list && key.Matches(msg, m.keys.quit):
		m.quitting = true
		return m, nil
	case key.Matches(msg, m.keys.help) && m.helpKeyFree():
		m.showKeys = !m.showKeys
		return m, nil
	}
	cmd := m.field.update(msg)
	m.refreshPreview()
	return m, cmd
}

// helpKeyFree reports whether ? opens the key help rather than typing: always on a choice or a
// number (neither holds a "?"), on a name only while nothing is typed, so a name may still
// contain one.
func (m *model) helpKeyFree() bool {
	return m.field.isList() || m.current.Kind == rules.KindNumber || strings.TrimSpace(*m.field.raw) == ""
}

// commit stores the answer the user confirmed and moves on: to the next question in order, or
// back to the review when the question was opened from there.
func (m *model) commit() tea.Cmd {
	v, msg := m.field.value()
	if msg != "" { // the field's own validation refused it already
		return nil
	}
	m.answers.Put(m.current.ID, v)
	m.dropHidden()
	if m.fromReview {
		if len(m.pending()) > 0 { // the change made a new question apply: ask it first
			return m.advance()
		}
		m.toReview()
		return nil
	}
	if next := m.after(m.current); next != nil {
		return m.open(next)
	}
	return m.advance()
}

// after returns the question asked after q, or nil when q is the last.
func (m *model) after(q *rules.Question) *rules.Question {
	asked := m.asked()
	for i, a := range asked {
		if a == q && i+1 < len(asked) {
			return asked[i+1]
		}
	}
	return nil
}

// goBack returns to the previous question without storing anything: what is highlighted or
// typed here is not an answer until the user confirms it. From a question opened on the review
// it returns to the review, the answer unchanged.
func (m *model) goBack() tea.Cmd {
	if m.fromReview {
		m.toReview()
		return nil
	}
	asked := m.asked()
	for i, q := range asked {
		if q == m.current && i > 0 {
			return m.open(asked[i-1])
		}
	}
	return nil // the first question: there is nothing before it
}

// updateQuitPrompt answers "leave the wizard?": save a draft and quit, quit, or keep going.
func (m *model) updateQuitPrompt(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.saveQuit):
		return m, m.saveDraft(true)
	case key.Matches(msg, m.keys.quitNow):
		return m, tea.Quit
	case key.Matches(msg, m.keys.stay):
		m.quitting = false
	}
	return m, nil
}

// answeredCount is how many answers the session holds, from the file or typed.
func (m *model) answeredCount() int { return len(m.cat.Values(m.answers)) }

// givenHere says how many answers were given in this session, which leaving would lose.
func (m *model) givenHere() string {
	n := 0
	for _, a := range m.cat.Values(m.answers) {
		if !m.prefilled[a.ID] {
			n++
		}
	}
	switch n {
	case 0:
		return "Nothing is answered here yet."
	case 1:
		return "1 answer given here; without a draft it is lost."
	}
	return fmt.Sprintf("%d answers given here; without a draft they are lost.", n)
}
