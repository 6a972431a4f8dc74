package advisor

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/whatif"
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
	field       *field
	bg          tea.Msg // the terminal's background colour report, replayed into each new field
	fromReview  bool    // the question was opened from the review: return there after it
	preview     *rules.Decision
	previewNote string
	quitting    bool   // the quit prompt is open
	showKeys    bool   // the wizard's key help is open
	draft       string // the last draft saved, "" if none

	reviewCursor int
	reviewTop    int // the first review line shown, when the rows do not fit

	decision *rules.Decision
	tab      int
	tabs     [tabCount]string // rendered tab contents, redone on resize or a new decision
	record   string           // the Markdown record, rendered with glamour in a command
	whatIf   string           // the what-if analysis, wrapped to the width
	viewport viewport.Model
	status   string
	showHelp bool
	exported []string
	// exportedAs maps each decision exported in this session (its record's text) to the record
	// written, "" while the export runs, so one decision is never exported twice.
	exportedAs map[string]string
	aborted    bool
	exportForm *exportForm // open while `e` asks for the record's status and decision makers
	startCmd   tea.Cmd     // the first field's focus command, for Init

	// whatIfFound is the what-if search's result for the decision, nil while it runs; search
	// runs it (whatif.Search outside tests).
	whatIfFound *whatIfFoundMsg
	search      whatIfSearch
}

func newModel(o Options) *model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ExportDir == "" {
		o.ExportDir = config.DefaultDecisionsDir
	}
	if o.RecordMeta == nil {
		o.RecordMeta = config.DefaultRecord().Meta
	}
	m := &model{
		o: o, cat: o.Catalog, styles: newStyles(startsDark()), keys: newKeymap(), width: 80, height: 24,
		answers: rules.NewAnswers(), prefilled: map[string]bool{}, exportedAs: map[string]string{}, viewport: viewport.New(),
		search: func(ctx context.Context, a rules.Answers, org *rules.Org) (*whatif.Result, error) {
			return whatif.Search(ctx, o.Catalog, a, org)
		},
	}
	for _, q := range o.Catalog.Questions {
		if v, ok := o.Prefill.Get(q.ID); ok {
			m.answers.Put(q.ID, v)
			m.prefilled[q.ID] = true
		}
	}
	m.startCmd = m.advance()
	return m
}

// Init asks the terminal for its background colour without waiting for it: the first frame
// uses the styles COLORFGBG suggests (dark without it) and the answer restyles the screen. It
// also starts the first field's cursor.
func (m *model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.startCmd)
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.field != nil {
			m.field.resize(m.questionWidth(), m.styles)
		}
		if m.state == stateReview {
			m.scrollReview()
		}
		return m, m.layout()
	case tea.BackgroundColorMsg:
		m.styles, m.bg = newStyles(msg.IsDark()), msg
		var cmd tea.Cmd
		if m.field != nil {
			cmd = m.field.update(msg)
		}
		if m.exportForm != nil {
			m.exportForm.pass(msg)
		}
		return m, tea.Batch(cmd, m.layout())
	case draftSavedMsg:
		return m, m.draftSaved(msg)
	case recordRenderedMsg:
		if msg.width == m.contentWidth() && msg.decision == m.decision {
			m.record = msg.text
			m.refreshViewport()
		}
		return m, nil
	case whatIfFoundMsg:
		m.foundWhatIf(msg)
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
	if m.state == stateAsk && m.field != nil {
		return m, m.field.update(msg) // the cursor's blink, and huh's own messages
	}
	if m.exportForm != nil {
		return m, m.exportForm.pass(msg)
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

// advance opens the first unanswered question, or the review when there is none.
func (m *model) advance() tea.Cmd {
	if next := m.pending(); len(next) > 0 {
		return m.open(next[0])
	}
	m.toReview()
	m.reviewCursor = m.reviewRows() // land on "See the recommendation"
	m.scrollReview()
	return nil
}

// toReview closes the question and shows the review.
func (m *model) toReview() {
	m.current, m.field, m.fromReview, m.showKeys = nil, nil, false, false
	m.state = stateReview
	m.refreshPreview()
	m.scrollReview()
}

// open asks q, showing its current answer if it has one.
func (m *model) open(q *rules.Question) tea.Cmd {
	v, _ := m.answers.Get(q.ID)
	m.current = q
	var cmd tea.Cmd
	m.field, cmd = newField(q, v, startValue(m.cat, m.o.Defaults, q, m.answers),
		fieldSetup{styles: m.styles, width: m.questionWidth(), bg: m.bg})
	m.state = stateAsk
	m.refreshPreview()
	return cmd
}
