package rules

import (
	"fmt"
	"strings"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// template is a sentence with placeholders, parsed once at load so that rendering during
// evaluation is a few appends. Placeholders: {field} (an answer, fact or rule variable),
// {field:label} (a select answer's label), {field:percent} (a share as a percentage),
// {field:hours} (a number of hours with its unit, "1 hour" or "12 hours") and {limit.id} (a
// limit's value for the answers' edition and licences).
type template struct {
	parts []part
	size  int    // a guess at the rendered length, to allocate once
	fixed string // the whole text when there are no placeholders: rendering it allocates nothing
}

// The formats a placeholder may ask for after its name ({field:format}).
const (
	asLabel   = "label"
	asPercent = "percent"
	asHours   = "hours"
)

type part struct {
	text   string    // literal text, when ref is empty
	ref    string    // variable name, or tableLimit
	slot   cond.Slot // ref's place in the environment
	key    string    // limit id, for ref tableLimit
	format string    // "", asLabel, asPercent or asHours
	// row is set for the per-mechanism capacity figures (worst_*, budget_*…): render reads them
	// straight from the mechanism's tightest rows rather than from the environment, which spares
	// boxing dozens of values per mechanism on every evaluation.
	row *rowField
}

// parseTemplate parses s and checks every placeholder against the shape.
func (c *Catalog) parseTemplate(shape cond.Shape, s string) (template, error) {
	var t template
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			t.parts = append(t.parts, part{text: s})
			break
		}
		closing := strings.IndexByte(s[open:], '}')
		if closing < 0 {
			return t, fmt.Errorf("unclosed { in %q", s)
		}
		if open > 0 {
			t.parts = append(t.parts, part{text: s[:open]})
		}
		p, err := c.parsePlaceholder(shape, s[open+1:open+closing])
		if err != nil {
			return t, err
		}
		t.parts = append(t.parts, p)
		s = s[open+closing+1:]
	}
	for _, p := range t.parts {
		t.size += len(p.text) + 12
	}
	if len(t.parts) == 1 && t.parts[0].ref == "" {
		t.fixed = t.parts[0].text
	}
	return t, nil
}

func (c *Catalog) parsePlaceholder(shape cond.Shape, inner string) (part, error) {
	name, format, _ := strings.Cut(inner, ":")
	p := part{ref: name, format: format, row: rowFieldOf(name)}
	if ref, key, ok := strings.Cut(name, "."); ok && ref == tableLimit {
		p.ref, p.key = ref, key
		p.slot, _ = shape.Slot(tableLimit)
		if c.limitByID[key] == nil {
			return p, fmt.Errorf("placeholder {%s}: unknown limit %q", inner, key)
		}
	} else if _, ok := shape.Sample(name); !ok || name == tableLimit || name == tableModel {
		return p, fmt.Errorf("placeholder {%s}: unknown variable %q", inner, name)
	}
	p.slot, _ = shape.Slot(p.ref)
	switch format {
	case "", asPercent:
	case asHours:
		sample, _ := shape.Sample(name)
		if _, number := cond.Float(sample); !number && p.ref != tableLimit {
			return p, fmt.Errorf("placeholder {%s}: only numbers are hours", inner)
		}
	case asLabel:
		if q := c.questionByID[name]; q == nil || q.Kind != KindSelect {
			return p, fmt.Errorf("placeholder {%s}: only select answers have labels", inner)
		}
	default:
		return p, fmt.Errorf("placeholder {%s}: unknown format %q (label, percent or hours)", inner, format)
	}
	return p, nil
}

// render fills the placeholders from an evaluation environment.
func (t template) render(env *cond.Vars, c *Catalog) string {
	return t.renderFor(env, c, nil)
}

// renderFor fills the placeholders, taking per-mechanism figures from w when it is given.
func (t template) renderFor(env *cond.Vars, c *Catalog, w *mechRows) string {
	if t.fixed != "" {
		return t.fixed
	}
	var b strings.Builder
	b.Grow(t.size)
	var tmp [48]byte
	for _, p := range t.parts {
		switch {
		case p.ref == "":
			b.WriteString(p.text)
		case p.row != nil && w != nil:
			b.Write(appendRowField(tmp[:0], w, p))
		case p.ref == tableLimit:
			b.Write(appendFigure(tmp[:0], env.Table(p.slot)[p.key], p.format))
		case p.format == asPercent || p.format == asHours:
			f, _ := env.Number(p.slot)
			b.Write(appendFigure(tmp[:0], f, p.format))
		case p.format == asLabel:
			id, _ := env.Text(p.slot)
			if o := c.questionByID[p.ref].Option(id); o != nil {
				b.WriteString(o.Label)
			} else {
				b.WriteString(id)
			}
		default:
			b.Write(appendValue(tmp[:0], env.Value(p.slot)))
		}
	}
	return b.String()
}

// appendRowField writes one figure of a mechanism's tightest row of a group. This
// integration's usage is followed by what the org already uses, when a snapshot says so.
func appendRowField(dst []byte, w *mechRows, p part) []byte {
	g := p.row.group
	row := w.row[g]
	if row == nil {
		return append(dst, "(none)"...)
	}
	usage, sh := w.figures(g)
	switch p.row.field {
	case fieldLimit:
		return append(dst, row.Title...)
	case fieldUnit:
		return append(dst, row.Unit...)
	case fieldRemedy:
		remedy := w.remedy(g)
		if remedy == "" {
			return append(dst, "none of the listed remedies applies to these answers"...)
		}
		return append(dst, remedy...)
	case fieldUsage:
		if p.format == asPercent {
			return appendPercent(dst, usage)
		}
		dst = appendFigure(dst, usage, p.format)
		if row.OrgUsed > 0 {
			dst = append(dst, " (on top of the "...)
			dst = appendNumber(dst, row.OrgUsed)
			dst = append(dst, " the org already uses)"...)
		}
		return dst
	case fieldAllocation:
		return appendFigure(dst, row.Allocation, p.format)
	}
	return appendFigure(dst, sh, p.format)
}

// appendFigure writes a number in a placeholder's format: a percentage, hours, or plain.
func appendFigure(dst []byte, f float64, format string) []byte {
	switch format {
	case asPercent:
		return appendPercent(dst, f)
	case asHours:
		return appendHours(dst, f)
	}
	return appendNumber(dst, f)
}
