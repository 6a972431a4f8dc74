package rules

import (
	"fmt"
	"strings"
)

// AnswersReference writes the answers-file reference as a Markdown table, generated from the
// question set so that the README cannot drift from what the engine accepts.
func (c *Catalog) AnswersReference() string {
	var b strings.Builder
	b.WriteString("| field | values | default | asked when | why we ask |\n|---|---|---|---|---|\n")
	for _, q := range c.Questions {
		def := "required"
		switch {
		case q.DefaultExpr != "":
			def = q.DefaultText
		case !q.Required:
			def = "`" + formatValue(q.DefaultValue()) + "`"
		}
		when := "always"
		if q.When != "" {
			when = "`" + q.When + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", q.ID, referenceValues(q), def, when, escapeCell(q.Help))
	}
	return b.String()
}

func referenceValues(q *Question) string {
	switch q.Kind {
	case KindSelect:
		vals := make([]string, len(q.Options))
		for i, o := range q.Options {
			vals[i] = fmt.Sprintf("`%s` (%s)", o.ID, strings.TrimSuffix(o.Help, "."))
		}
		return strings.Join(vals, " · ")
	case KindNumber:
		s := fmt.Sprintf("whole number, %s to %s", formatInt(q.Min.Value), formatInt(q.Max.Value))
		for _, chk := range q.Checks {
			s += "; " + chk.Expr
		}
		return s
	case KindBoolean:
		return "`true` · `false`"
	default: // KindText
		return fmt.Sprintf("text, %d to %d characters", q.MinLength, q.MaxLength)
	}
}

func escapeCell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", "\\|")
}
