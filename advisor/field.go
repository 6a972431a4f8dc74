package advisor

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// field edits the answer to one question: a list of options for select and boolean questions,
// a text input for text and number questions. It never blocks leaving: an invalid value is shown
// with its message and simply not saved.
type field struct {
	q      *rules.Question
	cursor int
	input  textinput.Model
	err    string
}

// choices lists a field's options as id and label; booleans read as Yes and No.
func choices(q *rules.Question) []rules.Option {
	if q.Kind == rules.KindBoolean {
		return []rules.Option{{ID: "true", Label: "Yes"}, {ID: "false", Label: "No"}}
	}
	return q.Options
}

// newField opens a field on the current answer, or on the default when there is none.
func newField(q *rules.Question, current, def any) field {
	f := field{q: q}
	switch q.Kind {
	case rules.KindSelect, rules.KindBoolean:
		want := fmt.Sprint(current)
		if current == nil {
			want = fmt.Sprint(def)
		}
		for i, o := range choices(q) {
			if o.ID == want {
				f.cursor = i
			}
		}
	default:
		f.input = textinput.New()
		f.input.Prompt = "› "
		f.input.CharLimit = 200
		if current != nil {
			f.input.SetValue(formatAnswer(current))
		} else if def != nil {
			f.input.SetValue(formatAnswer(def))
		}
		f.input.Focus()
	}
	return f
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

func (f field) isList() bool {
	return f.q.Kind == rules.KindSelect || f.q.Kind == rules.KindBoolean
}

// raw is the field's current text: the highlighted option id or the typed value.
func (f field) raw() string {
	if f.isList() {
		return choices(f.q)[f.cursor].ID
	}
	return strings.TrimSpace(f.input.Value())
}

// value parses the field into an answer, or returns the message that says what is allowed.
func (f field) value(cat *rules.Catalog) (any, string) {
	probe := rules.NewAnswers()
	if err := cat.Set(probe, f.q.ID+"="+f.raw()); err != nil {
		msg := err.Error()
		if ps := rules.AsProblems(err); len(ps) > 0 {
			msg = ps[0].Msg
		}
		return nil, msg
	}
	v, _ := probe.Get(f.q.ID)
	return v, ""
}

func (f field) moveCursor(delta int) field {
	n := len(choices(f.q))
	f.cursor = (f.cursor + delta + n) % n
	return f
}

func (f field) update(msg tea.Msg) (field, tea.Cmd) {
	if f.isList() {
		return f, nil
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	f.err = ""
	return f, cmd
}

// view draws the question, its help, and the options or the input, within width columns.
func (f field) view(s styles, width int) string {
	var b strings.Builder
	b.WriteString(s.question.Width(width).Render(f.q.Title) + "\n")
	b.WriteString(s.help.Width(width).Render(f.q.Help) + "\n\n")
	if f.isList() {
		for i, o := range choices(f.q) {
			label, style := "  "+o.Label, s.option
			if i == f.cursor {
				label, style = "› "+o.Label, s.selected
			}
			line := style.Render(label)
			if o.Help != "" {
				if lipgloss.Width(label)+2+lipgloss.Width(o.Help) <= width {
					line += s.optionHelp.Render("  " + o.Help)
				} else { // too narrow for one line: the help goes under the label
					line += "\n" + s.optionHelp.Width(width).PaddingLeft(4).Render(o.Help)
				}
			}
			b.WriteString(line + "\n")
		}
	} else {
		f.input.SetWidth(max(10, width-4))
		b.WriteString(f.input.View() + "\n")
		if f.q.Kind == rules.KindNumber {
			b.WriteString(s.subtle.Width(width).Render("Accepts 2000000, 2,000,000, 2M or 500k.") + "\n")
		}
	}
	if f.err != "" {
		b.WriteString("\n" + s.errText.Width(width).Render("✗ "+f.err) + "\n")
	}
	return b.String()
}
