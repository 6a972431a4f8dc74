package safetext

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Order events":            "Order events",
		"tab\tand\nnewline":       "tab\tand\nnewline",
		"\x1b]52;c;aGVsbG8=\x07":  `\u001b]52;c;aGVsbG8=\u0007`, // OSC 52, clipboard
		"\x1b[2J\x1b]0;owned\x07": `\u001b[2J\u001b]0;owned\u0007`,
		"\u009b31mred":            `\u009b31mred`, // C1 CSI
		"abc\u202edcba":           `abc\u202edcba`,
		"zero\u200bwidth\ufeff":   `zero\u200bwidth\ufeff`,
		"nul\x00del\x7f":          `nul\u0000del\u007f`,
		"bad \xff byte":           `bad \xff byte`,
		"naïve — 10× ok":          "naïve — 10× ok",
		"isolate\u2066x\u2069":    `isolate\u2066x\u2069`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"docs/decisions/0001-use-rest.md": "docs/decisions/0001-use-rest.md",
		"0001-x\nsfpattern: ok.md":        `0001-x\u000asfpattern: ok.md`,
		"a\tb\x1b.md":                     `a\u0009b\u001b.md`,
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for in, want := range map[string]string{
		"Order events": "",
		"with\ttab":    "",
		"a\x1bb":       `a control character (\u001b) at character 2`,
		"line\nbreak":  `a control character (\u000a) at character 5`,
		"x\u202ey":     `a bidi control character (\u202e) at character 2`,
		"\u200b":       `a zero-width character (\u200b) at character 1`,
		"é\xfe":        `a byte that is not UTF-8 (\xfe) at character 2`,
	} {
		if got := Check(in); got != want {
			t.Errorf("Check(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriterSplitsNothing: a character split across writes arrives whole; a control split from
// its neighbours is still escaped.
func TestWriterSplitsNothing(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	text := "10× — \x1b[31m\u202e"
	for i := 0; i < len(text); i++ { // one byte at a time
		w.Write([]byte{text[i]})
	}
	w.Flush()
	if got, want := out.String(), `10× — \u001b[31m\u202e`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	out.Reset()
	w.Write([]byte("\xe2\x82")) // a truncated €, then nothing more
	w.Flush()
	if got := out.String(); strings.ContainsRune(got, 0xfffd) || got != `\xe2\x82` {
		t.Errorf("truncated sequence: %q", got)
	}
}

// FuzzEscape: nothing Escape returns holds a character it should have escaped.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;x\x07", "\u009b", "a\u202eb", "\xff\xfe", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if i := firstUnsafe(Escape(s)); i >= 0 {
			t.Fatalf("Escape(%q) still holds an unsafe character at %d", s, i)
		}
	})
}
