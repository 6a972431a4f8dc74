package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestMarkdownOnTerminal runs `recommend --format markdown` in tmux: on a terminal the record is
// rendered with glamour (no front matter, no raw "# " title, colours, at most 120 columns on a
// 160-column terminal), plain under NO_COLOR, and redirected to a file it is the Markdown byte for
// byte.
func TestMarkdownOnTerminal(t *testing.T) {
	tm := newTmux(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1796169600") // one date for the terminal, the file and runCmd
	dir := t.TempDir()
	bin, answers := binary(t), "../../testdata/answers/order-events.yaml"
	// screen runs one command line in a new window and returns everything it printed, with the
	// escape sequences when raw is set.
	screen := func(name string, width int, env, redirect string, raw bool) string {
		tm("new-session", "-d", "-s", name, "-x", fmt.Sprint(width), "-y", "50",
			"env -u NO_COLOR "+env+" "+bin+" recommend --answers "+answers+" --format markdown"+redirect+"; echo END-OF-RUN; sleep 60")
		capture := []string{"capture-pane", "-p", "-J", "-S", "-", "-t", name}
		if raw {
			capture = append(capture, "-e")
		}
		return waitFor(t, func() string { return tm(capture...) }, "END-OF-RUN")
	}

	rendered := screen("colour", 160, "", "", true)
	plain := ansi.Strip(rendered)
	if strings.Contains(plain, "status: proposed") || strings.Contains(plain, "\n# Use ") || !strings.Contains(plain, "Use Platform Events for Order status") {
		t.Errorf("not rendered (front matter or a raw title):\n%.600s", plain)
	}
	if !strings.Contains(rendered, "\x1b[") {
		t.Error("rendered without colour on a colour terminal")
	}
	for _, line := range strings.Split(plain, "\n") {
		if w := ansi.StringWidth(strings.TrimRight(line, " ")); w > 120 {
			t.Errorf("a line of %d columns on a 160-column terminal, more than 120: %q", w, line)
			break
		}
	}

	noColour := screen("nocolour", 100, "NO_COLOR=1", "", true)
	if strings.Contains(noColour, "\x1b[38") || strings.Contains(noColour, "status: proposed") || !strings.Contains(noColour, "## Decision Drivers") {
		t.Errorf("NO_COLOR: want glamour's plain style, without colours:\n%.600q", noColour)
	}

	file := filepath.Join(dir, "record.md")
	screen("file", 100, "", " > "+file, false)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, want, _ := runCmd(t, "", "recommend", "--answers", answers, "--format", "markdown"); string(data) != want {
		t.Errorf("redirected to a file, the record differs from the piped Markdown (%d and %d bytes)", len(data), len(want))
	}
}
