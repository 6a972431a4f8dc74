package rules

import (
	"fmt"
	"io"
	"strings"
)

// WriteWhatIfText writes a what-if as plain text wrapped at width columns: the current
// recommendation, where the advice changes for each number (thresholds nearest first, below
// then above), what the other choices would recommend (the ones that change nothing listed
// compactly), and the notes on how the search treated the answers' checks.
func WriteWhatIfText(w io.Writer, c *Catalog, wi *WhatIf, width int) error {
	t := &textOut{width: max(width, minTextWidth)}
	name, _ := wi.Answers.Get("name").(string)
	t.heading("What-if for " + name)
	now := wi.Recommendation.MechanismName + ", " + wi.Recommendation.PatternName
	if !wi.Recommendation.Viable {
		now = "No mechanism meets these requirements"
	}
	t.wrap("  Now  ", "       ", now)
	t.b.WriteString("\n")
	t.thresholds(c, wi)
	t.choices(wi)
	if len(wi.Notes) > 0 {
		t.heading("How the search treated the answers")
		for _, n := range wi.Notes {
			t.wrap("  · ", "    ", n)
		}
		t.b.WriteString("\n")
	}
	t.wrap("", "", "Thresholds are exact: each is the value at which the engine's advice differs from the value next to it. Run with --format json for the data.")
	_, err := io.WriteString(w, t.b.String())
	return err
}

// thresholds writes one block per number that has thresholds, then the numbers without any.
func (t *textOut) thresholds(c *Catalog, wi *WhatIf) {
	t.heading("Where the advice changes")
	var quiet []string
	for _, e := range wi.Explored {
		q := c.Question(e.Field)
		searched := fmt.Sprintf("%s to %s", formatInt(e.Low), formatInt(e.High))
		if !e.Complete {
			searched += ", the search stopped early"
		}
		var lines []Threshold
		for _, th := range wi.Thresholds {
			if th.Field == e.Field {
				lines = append(lines, th)
			}
		}
		if len(lines) == 0 {
			quiet = append(quiet, fmt.Sprintf("%s (%s)", e.Field, searched))
			continue
		}
		t.wrap("  ", "    ", fmt.Sprintf("%s, now %s (searched %s)", e.Field, q.Quantity(e.Value), searched))
		for _, th := range lines {
			arrow := "↑ "
			if th.Direction == DirectionBelow {
				arrow = "↓ "
			}
			t.wrap("    "+arrow, "      ", th.Sentence)
		}
	}
	if len(quiet) > 0 {
		t.wrap("  No change over the whole range: ", "    ", strings.Join(quiet, ", ")+".")
	}
	t.b.WriteString("\n")
}

// choices writes the other values that change the advice, one a line, and the others compactly
// by field.
func (t *textOut) choices(wi *WhatIf) {
	t.heading("Other choices")
	var same []string
	field, values := "", []string(nil)
	flush := func() {
		if field != "" {
			same = append(same, field+"="+strings.Join(values, "|"))
		}
	}
	for _, a := range wi.Alternatives {
		if a.Changed {
			t.wrap("  · ", "    ", a.Sentence)
			continue
		}
		if a.Field != field {
			flush()
			field, values = a.Field, nil
		}
		values = append(values, fmt.Sprint(a.Value))
	}
	flush()
	if len(same) > 0 {
		t.wrap("  No change with ", "    ", strings.Join(same, ", ")+".")
	}
	t.b.WriteString("\n")
}
