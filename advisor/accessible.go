package advisor

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// ErrInputEnded reports that accessible input ran out before every question was answered.
var ErrInputEnded = errors.New("input ended before every question was answered")

// AskAccessible asks every question that applies and is not prefilled as one plain line prompt
// on out, reading one answer per line from in: numbered options, no styling, no redrawing, so
// screen readers and scripts get the same interview as the wizard. Each question offers the
// configuration's default when defaults has one, else the question set's. One reader serves
// every question, so no answer is lost to read-ahead.
func AskAccessible(cat *rules.Catalog, prefill, defaults rules.Answers, in io.Reader, out io.Writer) (rules.Answers, error) {
	answers := prefill.Clone()
	lines := bufio.NewScanner(in)
	for {
		q := nextQuestion(cat, answers)
		if q == nil {
			return answers, nil
		}
		v, err := askOne(q, startValue(cat, defaults, q, answers), lines, out)
		if err != nil {
			return answers, err
		}
		answers.Put(q.ID, v)
	}
}

func nextQuestion(cat *rules.Catalog, a rules.Answers) *rules.Question {
	for _, q := range cat.Questions {
		if _, set := a.Get(q.ID); !set && q.Visible(a) {
			return q
		}
	}
	return nil
}

func askOne(q *rules.Question, def any, lines *bufio.Scanner, out io.Writer) (any, error) {
	sayf(out, "\n%s\n%s\n", q.Title, q.Help)
	opts := choices(q)
	if q.Kind == rules.KindSelect || q.Kind == rules.KindBoolean {
		for i, o := range opts {
			line := fmt.Sprintf("  %d. %s", i+1, o.Label)
			if o.Help != "" {
				line += ": " + o.Help
			}
			sayf(out, "%s\n", line)
		}
	}
	// Ask again for as long as input remains: a person correcting a typo must not lose the
	// answers given so far, and a script that runs out of lines ends with ErrInputEnded.
	for {
		sayf(out, "%s", prompt(q, def))
		if !lines.Scan() {
			return nil, ErrInputEnded
		}
		text := strings.TrimSpace(lines.Text())
		v, msg := accessibleValue(q, def, opts, text)
		if msg == "" {
			return v, nil
		}
		sayf(out, "Not accepted: %s. Try again.\n", msg)
	}
}

// sayf writes the interview's text on out. Its error is dropped: the answers come from in, so
// a prompt that cannot be shown (a script that closed standard error) does not stop an
// interview that can still be answered, and the caller reports how it ends.
func sayf(out io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(out, format, args...)
}

func prompt(q *rules.Question, def any) string {
	if def != nil {
		return fmt.Sprintf("Answer (Enter for %s): ", displayAnswer(q, def))
	}
	return "Answer: "
}

// accessibleValue reads a typed answer: an option number or id, a number, text, or nothing for
// the default.
func accessibleValue(q *rules.Question, def any, opts []rules.Option, text string) (any, string) {
	if text == "" {
		if def != nil {
			return def, ""
		}
		return nil, "this question needs an answer"
	}
	if len(opts) > 0 {
		if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(opts) {
			text = opts[n-1].ID
		}
		for _, o := range opts {
			if strings.EqualFold(text, o.Label) {
				text = o.ID
			}
		}
	}
	if len(opts) > 0 && !slices.ContainsFunc(opts, func(o rules.Option) bool { return o.ID == text }) {
		return nil, fmt.Sprintf("choose 1 to %d", len(opts))
	}
	return parseAnswer(q, text)
}
