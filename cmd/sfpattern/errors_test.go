package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// TestStyledErrorEscapes: the styled error escapes what came from input before styling it, and
// keeps the file name as spelt; findings print nothing.
func TestStyledErrorEscapes(t *testing.T) {
	st := fang.Styles{ErrorHeader: lipgloss.NewStyle().SetString("ERROR")}
	var b bytes.Buffer
	printStyledError(&b, st, rules.Problems{
		{File: "Orders/Draft.yaml", Line: 2, Field: "name", Msg: "bad \x1b]52;c;aGk=\x07 name"},
		{File: "Orders/Draft.yaml", Line: 3, Field: "ack", Msg: "missing"},
	})
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("raw control characters reached the terminal: %q", out)
	}
	for _, want := range []string{"ERROR\n", "Orders/Draft.yaml:2: name: bad ", "Orders/Draft.yaml:3: ack: missing"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in %q", want, out)
		}
	}
	b.Reset()
	printStyledError(&b, st, errors.New("unknown flag: --bogus"))
	if !strings.Contains(b.String(), "--help") {
		t.Errorf("a usage error without the pointer to help: %q", b.String())
	}
	b.Reset()
	printStyledError(&b, st, errFindings)
	if b.Len() != 0 {
		t.Errorf("findings printed %q", b.String())
	}
}
