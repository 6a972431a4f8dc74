package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

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
	if errors.Is(err, errFindings) || errors.Is(err, context.Canceled) {
		return // the findings are the message; after Ctrl-C the user knows
	}
	if ps := rules.AsProblems(err); ps != nil {
		for _, p := range ps {
			notef(w, "sfpattern: %s\n", safetext.Escape(p.Error()))
		}
		return
	}
	// One error is one line: a path with a line break in it cannot forge a second.
	notef(w, "sfpattern: %s\n", safetext.Name(err.Error()))
	if isUsage(err) {
		notef(w, "Run 'sfpattern --help' for usage.\n")
	}
}

// notef writes a note for people on standard error: an error, a file skipped or written, a
// draft saved. Its own error is dropped: standard error is where failures are told, so a note
// that cannot be written there has nowhere else to go, and the exit code still tells the outcome.
func notef(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, format, args...)
}
