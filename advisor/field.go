package advisor

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// field asks one question with a huh field: a Select for select and boolean questions, an Input
// for text and number questions. The model owns navigation: it handles confirm, back, quit and
// help itself, so huh's rule that a group cannot be left while a value is invalid never
// applies, and an answer is stored only when the user confirms it. Confirming is decided in
// the key's own update rather than on huh's NextField message, which arrives later: keys typed
// ahead (a paste, a script) would otherwise reach the field they were not meant for.
type field struct {
	q   *rules.Question
	def any // the default, shown as the input's placeholder or the select's first position

	choice *huh.Select[string]
	input  *huh.Input
	raw    *string // the value huh is bound to: the highlighted option id or the typed text
}

// The types of huh's NextField and PrevField messages, which are unexported: the model
// navigates itself, so they are dropped.
var (
	nextFieldType = reflect.TypeOf(huh.NextField())
	prevFieldType = reflect.TypeOf(huh.PrevField())
)

// choices lists a field's options as id and label; booleans read as Yes and No.
func choices(q *rules.Question) []rules.Option {
	if q.Kind == rules.KindBoolean {
		return []rules.Option{{ID: "true", Label: "Yes"}, {ID: "false", Label: "No"}}
	}
	return q.Options
}

// fieldSetup is what every new field needs from the model.
type fieldSetup struct {
	styles styles
	width  int
	bg     tea.Msg // the terminal's last background colour report, replayed into the field
}

// newField opens a field on the current answer. A select starts on the current answer or the
// default; an input holds the current answer as text, and shows the default only as a
// placeholder, so typing replaces it and Enter on an empty input takes it.
func newField(q *rules.Question, current, def any, s fieldSetup) (*field, tea.Cmd) {
	f := &field{q: q, def: def, raw: new(string)}
	var hf huh.Field
	if f.isList() {
		hf = f.newSelect(current, s)
	} else {
		hf = f.newInput(current, s)
	}
	keys := huh.NewDefaultKeyMap()
	keys.Select.Filter.SetEnabled(false) // seven options at most: nothing to filter
	hf = hf.WithTheme(huhTheme()).WithKeyMap(keys).WithWidth(s.width)
	cmd := hf.Focus()
	if s.bg != nil {
		f.update(s.bg)
	}
	return f, f.tag(cmd)
}

// newSelect makes the field a list of the question's options, on the current answer, else on
// the default.
func (f *field) newSelect(current any, s fieldSetup) huh.Field {
	*f.raw = formatAnswer(f.def)
	if current != nil {
		*f.raw = formatAnswer(current)
	}
	f.choice = huh.NewSelect[string]().Title(f.q.Title).Description(wordWrap(f.q.Help, s.width) + "\n").Value(f.raw).
		Options(selectOptions(f.q, s.styles, s.width)...)
	return f.choice
}

// newInput makes the field a text input holding the current answer, with the default as its
// placeholder.
func (f *field) newInput(current any, s fieldSetup) huh.Field {
	if current != nil {
		*f.raw = formatAnswer(current)
	}
	f.input = huh.NewInput().Title(f.q.Title).Description(wordWrap(inputDescription(f.q), s.width) + "\n").Value(f.raw).
		Prompt("› ").CharLimit(charLimit(f.q)).Validate(func(string) error {
		if _, msg := f.value(); msg != "" {
			return errors.New(msg)
		}
		return nil
	})
	if f.def != nil { // "(default)" tells it from typed text where there is no colour
		f.input.Placeholder(displayAnswer(f.q, f.def) + " (default)")
	}
	return f.input
}

// selectOptions are a question's options, each with its help after the label: in a column
// after the longest label when the width allows, wrapped under itself, else on lines of its own.
func selectOptions(q *rules.Question, s styles, width int) []huh.Option[string] {
	opts := choices(q)
	labelWidth := 0
	for _, o := range opts {
		labelWidth = max(labelWidth, lipgloss.Width(o.Label))
	}
	// What the field leaves for an option: huh's border and padding, then the cursor.
	room := width - 2 - 2
	helpWidth := room - labelWidth - 2
	out := make([]huh.Option[string], 0, len(opts))
	for _, o := range opts {
		label := o.Label
		switch {
		case o.Help == "":
		case helpWidth >= 20:
			help := lipgloss.NewStyle().Width(helpWidth).Render(o.Help)
			help = strings.ReplaceAll(strings.TrimRight(help, " "), "\n", "\n"+strings.Repeat(" ", labelWidth+2))
			label += strings.Repeat(" ", labelWidth-lipgloss.Width(o.Label)) + s.optionHelp.Render("  "+help)
		default:
			help := lipgloss.NewStyle().Width(max(10, room-2)).Render(o.Help)
			label += "\n" + s.optionHelp.Render("  "+strings.ReplaceAll(help, "\n", "\n  "))
		}
		out = append(out, huh.NewOption(label, o.ID))
	}
	return out
}

// inputDescription is a question's help and, for a number, its unit and range, with a hint on
// how to type large numbers where the range has them.
func inputDescription(q *rules.Question) string {
	if q.Kind != rules.KindNumber {
		return q.Help
	}
	d := q.Help + "\n\n" + numberRange(q)
	if q.Max.Set && q.Max.Value >= 1_000_000 {
		d += ". Accepts 2000000, 2,000,000, 2M or 500k."
	} else if q.Max.Set && q.Max.Value >= 10_000 {
		d += ". Accepts 5000, 5,000 or 5k."
	}
	return d
}

// wordWrap wraps text for a field of the given width at spaces only: huh's own wrapping also
// breaks at commas, which would split 2,000,000. Text wrapped here already fits, so huh leaves it.
func wordWrap(text string, width int) string {
	w := max(10, width-2) // huh's border and padding
	paras := strings.Split(text, "\n")
	out := make([]string, 0, len(paras))
	for _, para := range paras {
		out = append(out, strings.TrimRight(lipgloss.NewStyle().Width(w).Render(para), " "))
	}
	return strings.Join(out, "\n")
}

// numberRange names what a number question counts and its bounds: "hours of downtime, 0 to 8,760".
func numberRange(q *rules.Question) string {
	unit := cmpOr(q.Unit, "a whole number")
	switch {
	case q.Min.Set && q.Max.Set:
		return fmt.Sprintf("%s, %s to %s", upperFirst(unit), rules.FormatNumber(float64(q.Min.Value)), rules.FormatNumber(float64(q.Max.Value)))
	case q.Min.Set:
		return fmt.Sprintf("%s, at least %s", upperFirst(unit), rules.FormatNumber(float64(q.Min.Value)))
	}
	return upperFirst(unit)
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// charLimit bounds typing: a name to its maximum length, a number to what any valid one needs.
func charLimit(q *rules.Question) int {
	if q.Kind == rules.KindText && q.MaxLength > 0 {
		return q.MaxLength + 20 // room to see the length error rather than be cut silently
	}
	return 40
}

// formatAnswer writes an answer the way a person would type it back.
func formatAnswer(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func (f *field) isList() bool {
	return f.q.Kind == rules.KindSelect || f.q.Kind == rules.KindBoolean
}

// huh returns the huh field.
func (f *field) huh() huh.Field {
	if f.choice != nil {
		return f.choice
	}
	return f.input
}

// text is the field's current text: the highlighted option id, or the typed value (the
// default's, when nothing is typed).
func (f *field) text() string {
	if f.choice != nil {
		if id, ok := f.choice.Hovered(); ok {
			return id
		}
		return *f.raw
	}
	typed := strings.TrimSpace(*f.raw)
	if typed == "" && f.def != nil {
		return formatAnswer(f.def)
	}
	return typed
}

// value parses the field into an answer, or returns the message that says what is allowed.
func (f *field) value() (any, string) {
	return parseAnswer(f.q, f.text())
}

// parseAnswer reads text as the answer to q with the parser --set uses, returning its message
// on its own when the text is refused.
func parseAnswer(q *rules.Question, text string) (any, string) {
	v, err := q.Parse(text)
	if err != nil {
		return nil, err.Error()
	}
	return v, ""
}

// update passes a message to the huh field, without the navigation messages it answers with.
func (f *field) update(msg tea.Msg) tea.Cmd {
	m, cmd := f.huh().Update(msg)
	switch hf := m.(type) {
	case *huh.Select[string]:
		f.choice = hf
	case *huh.Input:
		f.input = hf
	}
	return f.tag(cmd)
}

// quietFields makes fields return no commands at all. Tests set it: besides the navigation
// messages dropped here, a field's only commands are its cursor's blink timers, which a test
// that runs commands one by one would otherwise wait half a second for.
var quietFields = false

// tag drops huh's NextField and PrevField wherever they sit in a command's messages: moving on
// and going back are the model's decisions, taken when the key is pressed.
func (f *field) tag(cmd tea.Cmd) tea.Cmd {
	if cmd == nil || quietFields {
		return nil
	}
	var wrap func(tea.Cmd) tea.Cmd
	wrap = func(c tea.Cmd) tea.Cmd {
		if c == nil {
			return nil
		}
		return func() tea.Msg {
			msg := c()
			switch m := msg.(type) {
			case tea.BatchMsg:
				out := make(tea.BatchMsg, len(m))
				for i, inner := range m {
					out[i] = wrap(inner)
				}
				return out
			case nil:
				return nil
			}
			if t := reflect.TypeOf(msg); t == nextFieldType || t == prevFieldType {
				return nil
			}
			return msg
		}
	}
	return wrap(cmd)
}

// err is the field's validation message, kept until the next key press (huh clears it then).
func (f *field) err() string {
	if e := f.huh().Error(); e != nil {
		return e.Error()
	}
	return ""
}

// resize fits the field to a new width; a select's options are wrapped again for it.
func (f *field) resize(width int, s styles) {
	if f.choice != nil {
		f.choice.Description(wordWrap(f.q.Help, width) + "\n").Options(selectOptions(f.q, s, width)...)
	} else {
		f.input.Description(wordWrap(inputDescription(f.q), width) + "\n")
	}
	f.huh().WithWidth(width)
}

// view draws the field and, under it, its validation message: huh draws errors in a group's
// footer, which a field shown alone does not have.
func (f *field) view(s styles, width int) string {
	out := f.huh().View()
	if e := f.err(); e != "" {
		out += "\n\n" + s.errText.Width(width).Render("✗ "+e)
	}
	return out
}

// huhTheme is huh's base theme in the advisor's colours, light or dark as the terminal is.
func huhTheme() huh.Theme {
	return huh.ThemeFunc(func(isDark bool) *huh.Styles {
		st := newStyles(isDark)
		t := huh.ThemeBase(isDark)
		accent := st.accent.GetForeground()
		t.Focused.Base = t.Focused.Base.BorderForeground(st.subtle.GetForeground())
		t.Focused.Title = t.Focused.Title.Foreground(accent).Bold(true)
		t.Focused.Description = t.Focused.Description.Foreground(st.subtle.GetForeground())
		t.Focused.ErrorIndicator = t.Focused.ErrorIndicator.Foreground(st.errText.GetForeground())
		t.Focused.ErrorMessage = lipgloss.NewStyle().Foreground(st.errText.GetForeground())
		t.Focused.SelectSelector = lipgloss.NewStyle().Foreground(accent).SetString("› ")
		t.Focused.SelectedOption = lipgloss.NewStyle().Foreground(accent).Bold(true)
		t.Focused.TextInput.Prompt = lipgloss.NewStyle().Foreground(accent)
		t.Focused.TextInput.Cursor = lipgloss.NewStyle().Foreground(accent)
		t.Focused.TextInput.Placeholder = lipgloss.NewStyle().Foreground(st.subtle.GetForeground())
		t.Blurred = t.Focused
		return t
	})
}
