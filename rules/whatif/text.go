package whatif

import (
	"fmt"
	"io"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/internal/textout"
)

// WriteText writes a what-if as plain text wrapped at width columns: the current
// recommendation, where the advice changes for each number (thresholds nearest first, below
// then above), what the other choices would recommend (the ones that change nothing listed
// compactly), and the notes on how the search treated the answers' checks.
func WriteText(w io.Writer, c *rules.Catalog, wi *Result, width int) error {
	t := &textOut{textout.New(width)}
	name, _ := wi.Answers.Role(rules.RoleTitle).(string)
	t.Heading("What-if for " + name)
	now := wi.Recommendation.MechanismName + ", " + wi.Recommendation.PatternName
	if !wi.Recommendation.Viable {
		now = "No mechanism meets these requirements"
	}
	t.Wrap("  Now  ", "       ", now)
	t.Blank()
	t.thresholds(c, wi)
	t.choices(wi)
	if len(wi.Notes) > 0 {
		t.Heading("How the search treated the answers")
		for _, n := range wi.Notes {
			t.Wrap("  · ", "    ", n)
		}
		t.Blank()
	}
	t.Wrap("", "", "Thresholds are exact: each is the value at which the engine's advice differs from the value next to it. Run with --format json for the data.")
	_, err := io.WriteString(w, t.String())
	return err
}

// textOut is a what-if report being written.
type textOut struct{ *textout.Writer }

// thresholds writes one block per number that has thresholds, then the numbers without any.
func (t *textOut) thresholds(c *rules.Catalog, wi *Result) {
	t.Heading("Where the advice changes")
	var quiet []string
	for _, e := range wi.Explored {
		q := c.Question(e.Field)
		searched := fmt.Sprintf("%s to %s", rules.FormatNumber(float64(e.Low)), rules.FormatNumber(float64(e.High)))
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
		t.Wrap("  ", "    ", fmt.Sprintf("%s, now %s (searched %s)", e.Field, q.Quantity(e.Value), searched))
		for _, th := range lines {
			arrow := "↑ "
			if th.Direction == DirectionBelow {
				arrow = "↓ "
			}
			t.Wrap("    "+arrow, "      ", th.Sentence)
		}
	}
	if len(quiet) > 0 {
		t.Wrap("  No change over the whole range: ", "    ", strings.Join(quiet, ", ")+".")
	}
	t.Blank()
}

// choices writes the other values that change the advice, one a line, and the others compactly
// by field.
func (t *textOut) choices(wi *Result) {
	t.Heading("Other choices")
	var same []string
	field, values := "", []string(nil)
	flush := func() {
		if field != "" {
			same = append(same, field+"="+strings.Join(values, "|"))
		}
	}
	for _, a := range wi.Alternatives {
		if a.Changed {
			t.Wrap("  · ", "    ", a.Sentence)
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
		t.Wrap("  No change with ", "    ", strings.Join(same, ", ")+".")
	}
	t.Blank()
}
