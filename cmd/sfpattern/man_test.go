package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestManPage: `sfpattern man` prints a roff page of section 1 that names every command with
// its flags as they are typed, and the exit statuses.
func TestManPage(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01
	code, out, errOut := runCmd(t, "", "man")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if first, _, _ := strings.Cut(out, "\n"); first != `.TH SFPATTERN 1 "2026-01-01" "sfpattern" "Salesforce integration architecture advisor"` {
		t.Errorf("title line %q", first)
	}
	for _, section := range []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS", ".SH EXIT STATUS"} {
		if !strings.Contains(out, "\n"+section+"\n") {
			t.Errorf("no %s section", section)
		}
	}
	root := newRoot(streams{}, streams{})
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() && !strings.Contains(out, `\fB`+c.Name()+`\fP`) {
			t.Errorf("the page does not list %s", c.Name())
		}
	}
	for _, want := range []string{`\fB-f --format\fP`, `\fB-a --answers\fP`, `\fB--set\fP`, "\n2  bad usage or bad input"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if regexp.MustCompile(`--[a-z] --`).MatchString(out) || strings.Contains(out, `\fB--help\fP`) {
		t.Errorf("a shorthand written as a long flag, or --help listed:\n%s", out)
	}
	// The description is filled by roff, not broken where the help text wraps.
	if !strings.Contains(out, "sfpattern recommends the Salesforce integration pattern and mechanism for one integration, explains why") {
		t.Errorf("the description keeps the help's line breaks")
	}
}

// TestManPageDate: without SOURCE_DATE_EPOCH the page carries no clock time (a test binary has
// no commit stamped); a bad one is bad input.
func TestManPageDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if code, out, _ := runCmd(t, "", "man"); code != 0 || !strings.HasPrefix(out, `.TH SFPATTERN 1 "" `) {
		t.Errorf("exit %d, title %q", code, strings.SplitN(out, "\n", 2)[0])
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, errOut := runCmd(t, "", "man"); code != 2 || !strings.Contains(errOut, "SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestManParagraphs(t *testing.T) {
	got := manParagraphs("One line\nwrapped here.\n\n    # an example\n    kept: as is\n\nLast.\n")
	want := "One line wrapped here.\n    # an example\n    kept: as is\nLast."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
