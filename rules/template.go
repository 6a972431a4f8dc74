package rules

import (
	"fmt"
	"strings"
)

// template is a sentence with placeholders, parsed once at load so that rendering during
// evaluation is a few appends. Placeholders: {field} (an answer, fact or rule variable),
// {field:label} (a select answer's label), {field:percent} (a share as a percentage) and
// {limit.id} (a limit's value for the answers' edition and licences).
type template struct {
	parts []part
	size  int    // a guess at the rendered length, to allocate once
	fixed string // the whole text when there are no placeholders: rendering it allocates nothing
}

type part struct {
	text   string // literal text, when ref is empty
	ref    string // variable name, or "limit"
	key    string // limit id, for ref "limit"
	format string // "", "label" or "percent"
	// worst is set for the per-mechanism capacity figures (worst_*): render reads them straight
	// from the mechanism's tightest rows rather than from the environment, which spares boxing
	// ten values per mechanism on every evaluation.
	worst *worstField
}

// worstField locates a per-mechanism figure: the scale (0 for 1×, 1 for the stress scale) and
// the field of the tightest row.
type worstField struct {
	scale int
	field int // index into worstKeys[scale]
}

// worstFieldOf returns where a variable name points among the per-mechanism figures, or nil.
func worstFieldOf(name string) *worstField {
	for s, keys := range worstKeys {
		for f, k := range keys {
			if k == name && f > 0 { // field 0, the verdict, is always in the environment
				return &worstField{scale: s, field: f}
			}
		}
	}
	return nil
}

// parseTemplate parses s and checks every placeholder against the shape.
func (c *Catalog) parseTemplate(shape envShape, s string) (template, error) {
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

func (c *Catalog) parsePlaceholder(shape envShape, inner string) (part, error) {
	name, format, _ := strings.Cut(inner, ":")
	p := part{ref: name, format: format, worst: worstFieldOf(name)}
	if ref, key, ok := strings.Cut(name, "."); ok && ref == "limit" {
		p.ref, p.key = ref, key
		if c.limitByID[key] == nil {
			return p, fmt.Errorf("placeholder {%s}: unknown limit %q", inner, key)
		}
	} else if _, ok := shape.sample[name]; !ok || name == "limit" || name == "model" {
		return p, fmt.Errorf("placeholder {%s}: unknown variable %q", inner, name)
	}
	switch format {
	case "", "percent":
	case "label":
		if q := c.questionByID[name]; q == nil || q.Kind != KindSelect {
			return p, fmt.Errorf("placeholder {%s}: only select answers have labels", inner)
		}
	default:
		return p, fmt.Errorf("placeholder {%s}: unknown format %q (label or percent)", inner, format)
	}
	return p, nil
}

// render fills the placeholders from an evaluation environment.
func (t template) render(env map[string]any, c *Catalog) string {
	return t.renderFor(env, c, nil)
}

// renderFor fills the placeholders, taking per-mechanism figures from w when it is given.
func (t template) renderFor(env map[string]any, c *Catalog, w *worstRows) string {
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
		case p.worst != nil && w != nil:
			b.Write(appendWorst(tmp[:0], w, p))
		case p.ref == "limit":
			limits, _ := env["limit"].(map[string]float64)
			b.Write(appendNumber(tmp[:0], limits[p.key]))
		case p.format == "percent":
			f, _ := toFloat(env[p.ref])
			b.Write(appendPercent(tmp[:0], f))
		case p.format == "label":
			id, _ := env[p.ref].(string)
			if o := c.questionByID[p.ref].Option(id); o != nil {
				b.WriteString(o.Label)
			} else {
				b.WriteString(id)
			}
		default:
			b.Write(appendValue(tmp[:0], env[p.ref]))
		}
	}
	return b.String()
}

// isZero reports whether the template is empty.
func (t template) isZero() bool { return len(t.parts) == 0 }

// appendWorst writes one figure of a mechanism's tightest capacity row.
func appendWorst(dst []byte, w *worstRows, p part) []byte {
	row := w.at1
	if p.worst.scale == 1 {
		row = w.atX
	}
	if row == nil {
		return append(dst, "(none)"...)
	}
	usage, share := row.Usage1x, row.Share1x
	if p.worst.scale == 1 {
		usage, share = row.Usage10x, row.Share10x
	}
	var f float64
	switch p.worst.field {
	case 1:
		return append(dst, row.Title...)
	case 2:
		return append(dst, row.Unit...)
	case 3:
		f = usage
	case 4:
		f = row.Allocation
	default:
		f = share
	}
	if p.format == "percent" {
		return appendPercent(dst, f)
	}
	return appendNumber(dst, f)
}
