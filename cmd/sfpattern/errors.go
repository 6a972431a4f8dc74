package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// Exit codes. Only this package knows them.
const (
	exitOK      = 0
	exitFailure = 1
	exitInput   = 2   // bad usage or bad input; the message names the field or line
	exitAborted = 130 // interrupted by the user
)

// inputError marks a problem with what the user gave us: flags, arguments, files.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// badInput wraps err as an input error (exit 2).
func badInput(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ie inputError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitAborted
	case errors.Is(err, errFindings):
		return exitFailure
	case errors.As(err, &ie), rules.AsProblems(err) != nil, isUsage(err):
		return exitInput
	}
	return exitFailure
}

// isUsage recognises cobra's own usage errors, which come as plain errors.
func isUsage(err error) bool {
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(err.Error(), prefix) {
			return true
		}
	}
	return false
}

// printError writes an error for people: one line per problem, no stack, and a hint for usage.
// Errors quote inputs, so each is escaped: fang calls this with the raw stream.
func printError(w io.Writer, err error) {
	lines, usage := errorLines(err)
	for _, l := range lines {
		notef(w, "sfpattern: %s\n", l)
	}
	if usage {
		notef(w, "Run 'sfpattern --help' for usage.\n")
	}
}

// printStyledError is printError for a person at a terminal, in fang's error style: a header,
// then the problems, one a paragraph. The lines are escaped before they are styled, so the only
// escape sequences written are the style's own. fang's capital on the first word is left off:
// here the first word is usually a file name, which must read as it is spelt.
func printStyledError(w io.Writer, st fang.Styles, err error) {
	lines, usage := errorLines(err)
	if len(lines) == 0 {
		return
	}
	text := st.ErrorText.UnsetTransform()
	notef(w, "%s\n", st.ErrorHeader.String())
	for _, l := range lines {
		notef(w, "%s\n\n", text.Render(l))
	}
	if usage {
		notef(w, "%s\n\n", lipgloss.JoinHorizontal(lipgloss.Left,
			st.ErrorText.UnsetWidth().Render("Try"),
			st.Program.Flag.Render(" --help "),
			st.ErrorText.UnsetWidth().UnsetMargins().UnsetTransform().Render("for usage.")))
	}
}

// errorLines are the lines that tell err, escaped, and whether it was a usage error, which
// deserves a pointer to the help. Findings and an interruption tell nothing: the findings are
// the message, and after Ctrl-C the user knows.
func errorLines(err error) (lines []string, usage bool) {
	if errors.Is(err, errFindings) || errors.Is(err, context.Canceled) {
		return nil, false
	}
	if ps := rules.AsProblems(err); ps != nil {
		for _, p := range ps {
			lines = append(lines, safetext.Escape(p.Error()))
		}
		return lines, false
	}
	// One error is one line: a path with a line break in it cannot forge a second.
	return []string{safetext.Name(err.Error())}, isUsage(err)
}

// notef writes a note for people on standard error: an error, a file skipped or written, a
// draft saved. Its own error is dropped: standard error is where failures are told, so a note
// that cannot be written there has nowhere else to go, and the exit code still tells the outcome.
func notef(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, format, args...)
}
