package advisor

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// Minimum terminal size; smaller shows a notice until the terminal grows.
const (
	minWidth  = 60
	minHeight = 20
	// panelWidth is the width from which the live panel sits beside the question.
	panelWidth = 100
)

type state int

const (
	stateAsk state = iota
	stateReview
	stateResults
)

// model is the whole session. Update changes it; View only reads it.
type model struct {
	o      Options
	cat    *rules.Catalog
	styles styles
	keys   keymap
	width  int
	height int
	state  state

	answers     rules.Answers
	prefilled   map[string]bool
	current     *rules.Question // the question being asked
	field       field
	fromReview  bool // the question was opened from the review: return there after it
	preview     *rules.Decision
	previewNote string

	reviewCursor int

	decision *rules.Decision
	tab      int
	tabs     [tabCount]string // rendered tab contents, redone on resize or a new decision
	record   string           // the Markdown record, rendered with glamour in a command
	whatIf   string           // the what-if analysis, computed in a command
	viewport viewport.Model
	status   string
	showHelp bool
	exported []string
	// exportedAs maps each decision exported in this session (its record's text) to the record
	// written, "" while the export runs, so one decision is never exported twice.
	exportedAs map[string]string
	aborted    bool
}

func newModel(o Options) *model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ExportDir == "" {
		o.ExportDir = "docs/decisions"
	}
	m := &model{o: o, cat: o.Catalog, styles: newStyles(startsDark()), keys: newKeymap(), width: 80, height: 24,
		answers: rules.NewAnswers(), prefilled: map[string]bool{}, exportedAs: map[string]string{}, viewport: viewport.New()}
	for _, q := range o.Catalog.Questions {
		if v, ok := o.Prefill.Get(q.ID); ok {
			m.answers.Put(q.ID, v)
			m.prefilled[q.ID] = true
		}
	}
	m.advance()
	return m
}

// Init asks the terminal for its background colour without waiting for it: the first frame
// uses dark styles and the answer restyles the screen.
func (m *model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.layout()
	case tea.BackgroundColorMsg:
		m.styles = newStyles(msg.IsDark())
		return m, m.layout()
	case recordRenderedMsg:
		if msg.width == m.contentWidth() && msg.decision == m.decision {
			m.record = msg.text
			m.refreshViewport()
		}
		return m, nil
	case whatIfRenderedMsg:
		if msg.width == m.contentWidth() && msg.decision == m.decision {
			m.whatIf = msg.text
			m.refreshViewport()
		}
		return m, nil
	case exportedMsg:
		m.status = msg.message()
		if msg.err != nil {
			delete(m.exportedAs, msg.key) // nothing was written: the user may try again
			return m, nil
		}
		m.exportedAs[msg.key] = msg.paths[0]
		m.exported = append(m.exported, msg.paths...)
		return m, nil
	case editorClosedMsg:
		m.status = msg.message()
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.abort) {
			m.aborted = true
			return m, tea.Interrupt
		}
		if m.tooSmall() {
			return m, nil
		}
		switch m.state {
		case stateAsk:
			return m.updateAsk(msg)
		case stateReview:
			return m.updateReview(msg)
		default:
			return m.updateResults(msg)
		}
	}
	if m.state == stateAsk {
		var cmd tea.Cmd
		m.field, cmd = m.field.update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// pending lists the questions still to ask, in order: visible and neither prefilled nor answered.
func (m *model) pending() []*rules.Question {
	var out []*rules.Question
	for _, q := range m.cat.Questions {
		if _, answered := m.answers.Get(q.ID); !answered && q.Visible(m.answers) {
			out = append(out, q)
		}
	}
	return out
}

// asked lists every question the user answers in this session, in order, for the step indicator.
func (m *model) asked() []*rules.Question {
	var out []*rules.Question
	for _, q := range m.cat.Questions {
		if !m.prefilled[q.ID] && q.Visible(m.answers) {
			out = append(out, q)
		}
	}
	return out
}

// advance opens the next unanswered question, or the review when there is none.
func (m *model) advance() {
	if next := m.pending(); len(next) > 0 {
		m.open(next[0])
		return
	}
	m.current = nil
	m.state = stateReview
	m.reviewCursor = m.reviewRows() // land on "See the recommendation"
	m.refreshPreview()
}

func (m *model) open(q *rules.Question) {
	v, _ := m.answers.Get(q.ID)
	m.current = q
	m.field = newField(q, v, m.cat.DefaultFor(q, m.answers))
	m.state = stateAsk
	m.refreshPreview()
}
