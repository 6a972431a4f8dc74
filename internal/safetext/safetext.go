// Package safetext keeps text that came from an input from acting on a terminal. A name in an
// answers file, a rule's sentence, a contract value or a file name may carry escape sequences
// that clear the screen, retitle the window or write to the clipboard (OSC 52), control
// characters, or bidi overrides and zero-width characters that make text read other than it is.
// Escape shows each of them visibly (\u001b, \u009b, \u202e, \xff for a byte that is not UTF-8)
// and leaves every other character alone; Writer does the same for everything written through
// it; Check names the first one, for validation messages.
package safetext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// unsafe reports whether r must not be written raw. Tabs and newlines are layout, not commands;
// every other C0 control, DEL, every C1 control, the bidi embeddings, overrides and isolates,
// and the zero-width characters are escaped.
func unsafe(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r >= 0x200b && r <= 0x200f, r == 0x2060, r == 0xfeff: // zero-width characters and marks
		return true
	}
	return false
}

// Escape returns s with every unsafe character written as a visible escape. Text without any is
// returned as it is, without allocating.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Name returns a file name or path fit to print on one line: Escape, and line breaks and tabs
// escaped too, so a file called "x\nsfpattern: all records current.md" cannot forge a line of
// output.
func Name(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return Escape(s)
	}
	return Escape(strings.NewReplacer("\n", `\u000a`, "\t", `\u0009`).Replace(s))
}

// firstUnsafe returns the byte offset of the first unsafe character or invalid byte, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' { // ASCII text: the common case
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || unsafe(r) {
			return i
		}
		i += size
	}
	return -1
}

// Check returns a description of the first character that plain one-line text must not hold
// (any control character but a tab, a bidi override or isolate, a zero-width character, a byte
// that is not UTF-8), or "" when there is none. Validation quotes it.
func Check(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return fmt.Sprintf("a byte that is not UTF-8 (\\x%02x) at character %d", s[i], utf8.RuneCountInString(s[:i])+1)
		case r == '\n' || (r != '\t' && unsafe(r)):
			return fmt.Sprintf("%s (\\u%04x) at character %d", describe(r), r, utf8.RuneCountInString(s[:i])+1)
		}
		i += size
	}
	return ""
}

func describe(r rune) string {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return "a bidi control character"
	case r >= 0x200b && r <= 0x200f, r == 0x2060, r == 0xfeff:
		return "a zero-width character"
	}
	return "a control character"
}

// Writer escapes everything written to it before passing it on. A character split across two
// writes is held back until the rest of it arrives, so escaping never tears one apart.
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer that writes escaped text to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it, reporting len(p) on success as io.Writer requires.
func (sw *Writer) Write(p []byte) (int, error) {
	data := p
	if len(sw.pending) > 0 {
		data = append(sw.pending, p...)
		sw.pending = nil
	}
	// Hold back an incomplete UTF-8 sequence at the end: the next write completes it.
	if cut := incompleteTail(data); cut < len(data) {
		sw.pending = append([]byte(nil), data[cut:]...)
		data = data[:cut]
	}
	if _, err := io.WriteString(sw.w, Escape(string(data))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap returns the writer underneath, so a caller can ask whether it is a terminal.
func (sw *Writer) Unwrap() io.Writer { return sw.w }

// Flush writes whatever incomplete sequence is still held back, escaped as bytes.
func (sw *Writer) Flush() error {
	if len(sw.pending) == 0 {
		return nil
	}
	_, err := io.WriteString(sw.w, Escape(string(sw.pending)))
	sw.pending = nil
	return err
}

// incompleteTail returns where an unfinished UTF-8 sequence at the end of b starts, or len(b).
func incompleteTail(b []byte) int {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return len(b) // ASCII: nothing pending
		}
		if c >= 0xc0 { // a leading byte: is its sequence complete?
			if !utf8.FullRune(b[len(b)-k:]) {
				return len(b) - k
			}
			return len(b)
		}
	}
	return len(b)
}
