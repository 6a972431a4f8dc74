package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestStyledErrorOnTerminal: on a terminal a bad input is told in fang's style, exit 2, the file
// name as spelt; piped (every other test) it stays one plain "sfpattern: …" line.
func TestStyledErrorOnTerminal(t *testing.T) {
	run := newTmux(t)
	exit := filepath.Join(t.TempDir(), "exit")
	run("new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
		binary(t)+" recommend --answers Missing-File.yaml; echo $? > "+exit+"; sleep 30")
	screen := waitFor(t, func() string { return run("capture-pane", "-p", "-t", "t") }, "ERROR")
	if !strings.Contains(screen, "Missing-File.yaml: no such file") || strings.Contains(screen, "sfpattern:") {
		t.Errorf("not the styled error, or the file name changed:\n%s", screen)
	}
	if code := strings.TrimSpace(waitForFile(t, exit, "\n")); code != "2" {
		t.Errorf("exit %s, want 2", code)
	}
}
