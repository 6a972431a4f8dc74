package cond

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/file"
)

// Reason is a run-time failure in plain words, for the author of the rule that failed:
// expr-lang's message and the position in the condition, without the source echoed and the
// caret drawn under it, or which of the evaluation's budgets ran out.
func Reason(err error) string {
	var fe *file.Error
	switch {
	case errors.As(err, &fe):
	case errors.Is(err, errTimeLimit):
		return errTimeLimit.Error()
	case errors.Is(err, errBudget):
		return errBudget.Error()
	default:
		return err.Error()
	}
	msg := fe.Message
	if msg == "memory budget exceeded" {
		msg = fmt.Sprintf("it needed more than the budget of %d list elements that one run of a rule expression may create", runBudget)
	}
	if fe.Snippet != "" {
		msg += fmt.Sprintf(" (at %d:%d)", fe.Line, fe.Column+1)
	}
	return msg
}

// brief shortens a source for a message: a refused expression may be a kilobyte of brackets.
func brief(src string) string {
	const most = 60
	if len(src) <= most {
		return src
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	return src[:cut] + "…"
}

// firstLine folds expr-lang's multi-line error (with its caret snippet) into one line.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(first)
}
