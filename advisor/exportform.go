package advisor

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules/record"
)

// exportForm asks, before `e` writes, for the two things a record carries that the answers do
// not: its status and who decides. Both start from the project's configuration. Like the
// questions, it is huh fields driven by the model: enter moves on (and exports after the last),
// shift+tab goes back, esc cancels without writing.
type exportForm struct {
	status *huh.Select[string]
	makers *huh.Input
	focus  int // 0: status, 1: decision makers

	statusValue, makersValue string
	meta                     record.Meta // the rest of the record's metadata, as configured
}

// newExportForm opens the form on meta's status and decision makers.
func newExportForm(meta record.Meta, s fieldSetup) (*exportForm, tea.Cmd) {
	f := &exportForm{meta: meta, statusValue: meta.Status, makersValue: strings.Join(meta.DecisionMakers, ", ")}
	keys := huh.NewDefaultKeyMap()
	keys.Select.Filter.SetEnabled(false)
	statuses := slices.Clone(record.Statuses)
	if !slices.Contains(statuses, meta.Status) { // "superseded by ADR-0012" from the configuration
		statuses = append(statuses, meta.Status)
	}
	options := make([]huh.Option[string], 0, len(statuses))
	for _, st := range statuses {
		options = append(options, huh.NewOption(st, st))
	}
	f.status = huh.NewSelect[string]().Title("Status of the decision").
		Description("MADR's status: a new decision is usually proposed until it is reviewed.\n").
		Value(&f.statusValue).Options(options...)
	f.makers = huh.NewInput().Title("Who decides?").
		Description("The decision makers, separated by commas; may be left empty.\n").
		Prompt("› ").Placeholder("for example Ana, Raj").Value(&f.makersValue).CharLimit(300).Validate(checkNames)
	for _, hf := range []huh.Field{f.status, f.makers} {
		hf.WithTheme(huhTheme()).WithKeyMap(keys).WithWidth(s.width)
		if s.bg != nil {
			hf.Update(s.bg)
		}
	}
	return f, dropNavigation(f.status.Focus())
}

// checkNames refuses a name that could not sit in a record's front matter.
func checkNames(list string) error {
	for _, name := range splitNames(list) {
		if bad := safetext.Check(name); bad != "" {
			return errors.New(name + " contains " + bad)
		}
	}
	return nil
}

// splitNames turns "Ana, Raj" into names, dropping empty ones.
func splitNames(list string) []string {
	var out []string
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// pass gives a message that is not a key (the cursor's blink, the background colour) to both
// fields.
func (f *exportForm) pass(msg tea.Msg) tea.Cmd {
	fields := []huh.Field{f.status, f.makers}
	cmds := make([]tea.Cmd, 0, len(fields))
	for _, hf := range fields {
		_, cmd := hf.Update(msg)
		cmds = append(cmds, dropNavigation(cmd))
	}
	return tea.Batch(cmds...)
}

func (f *exportForm) current() huh.Field {
	if f.focus == 0 {
		return f.status
	}
	return f.makers
}

// result is the record's metadata as the form has it.
func (f *exportForm) result() record.Meta {
	m := f.meta
	m.Status = f.statusValue
	if id, ok := f.status.Hovered(); ok {
		m.Status = id
	}
	m.DecisionMakers = splitNames(f.makersValue)
	return m
}

// updateExportForm handles a key while the form is open: it may move between the fields, cancel,
// or return the metadata to export with (done).
func (m *model) updateExportForm(msg tea.KeyPressMsg) tea.Cmd {
	f := m.exportForm
	switch {
	case key.Matches(msg, m.keys.leave):
		m.exportForm, m.status = nil, "Export cancelled; nothing written."
		return nil
	case key.Matches(msg, m.keys.back):
		if f.focus > 0 {
			f.focus--
			return dropNavigation(f.current().Focus())
		}
		return nil
	}
	updated, cmd := f.current().Update(msg)
	if f.focus == 0 {
		f.status = updated.(*huh.Select[string])
	} else {
		f.makers = updated.(*huh.Input)
	}
	if !key.Matches(msg, m.keys.next) || f.current().Error() != nil {
		return dropNavigation(cmd)
	}
	if f.focus == 0 {
		f.focus = 1
		return tea.Batch(dropNavigation(cmd), dropNavigation(f.makers.Focus()))
	}
	meta := f.result()
	m.exportForm = nil
	return tea.Batch(dropNavigation(cmd), m.exportWith(meta))
}

// dropNavigation removes huh's NextField and PrevField from a field's command: the form moves
// between its fields itself.
func dropNavigation(cmd tea.Cmd) tea.Cmd { return (&field{}).tag(cmd) }

// exportFormView draws the open form under the results' tabs.
func (m *model) exportFormView() string {
	f := m.exportForm
	var b strings.Builder
	b.WriteString(m.styles.question.Render("Export the decision record and its contract") + "\n")
	b.WriteString(m.styles.help.Width(m.contentWidth()).Render("Into "+safetext.Escape(m.o.ExportDir)+", under the next free number.") + "\n\n")
	b.WriteString(f.current().View())
	if e := f.current().Error(); e != nil {
		b.WriteString("\n\n" + m.styles.errText.Width(m.contentWidth()).Render("✗ "+e.Error()))
	}
	step := "1 of 2"
	if f.focus == 1 {
		step = "2 of 2"
	}
	b.WriteString("\n\n" + m.helpLine(
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", map[bool]string{true: "export", false: "next"}[f.focus == 1])),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	) + m.styles.subtle.Render("   "+step))
	return b.String()
}
