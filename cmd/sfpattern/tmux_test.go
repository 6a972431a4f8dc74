package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestRealTerminal runs the built binary in tmux, answers the open question with keys, and finds
// the engine's recommendation on the captured screen. It skips when tmux is not installed
// (.ci/run installs it).
func TestRealTerminal(t *testing.T) {
	run := newTmux(t)
	dir := t.TempDir()
	bin := binary(t)
	// The sample answers without latency: the wizard asks that question, and the one the file
	// leaves to its default (how many consumers are external).
	data, err := os.ReadFile("../../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "latency:") {
			kept = append(kept, line)
		}
	}
	draft := filepath.Join(dir, "draft.yaml")
	if err := os.WriteFile(draft, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	want := expectedMechanism(t, strings.Join(kept, "\n")+"\nlatency: minutes\n")

	run("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", bin+" --answers "+draft+" > "+filepath.Join(dir, "record.md"))

	screen := waitFor(t, func() string { return run("capture-pane", "-p", "-t", "t") }, "How soon must the other side see it?")
	if !strings.Contains(screen, "Leading so far") {
		t.Errorf("no live panel at 100 columns:\n%s", screen)
	}
	run("send-keys", "-t", "t", "Down", "Down", "Enter") // latency: minutes
	// The file leaves external_clients open too: Enter takes its default, one per subscriber.
	waitFor(t, func() string { return run("capture-pane", "-p", "-t", "t") }, "consumers subscribe from outside")
	run("send-keys", "-t", "t", "Enter")
	waitFor(t, func() string { return run("capture-pane", "-p", "-t", "t") }, "See the recommendation")
	run("send-keys", "-t", "t", "Enter")
	screen = waitFor(t, func() string { return run("capture-pane", "-p", "-t", "t") }, "7 What-if")
	if !strings.Contains(screen, want) {
		t.Errorf("the screen does not name %s:\n%s", want, screen)
	}
	run("send-keys", "-t", "t", "q")
	record := waitForFile(t, filepath.Join(dir, "record.md"), "Chosen option")
	if !strings.Contains(record, want) {
		t.Errorf("the record written to stdout does not name %s", want)
	}
}

// newTmux returns a runner of tmux commands on a private server, which is killed when the test
// ends. It skips the test in -short mode and when tmux is not installed (.ci/run installs it).
func newTmux(t *testing.T) func(args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("real-terminal test skipped in -short mode")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed; .ci/run installs it with apt-get")
	}
	socket := filepath.Join(t.TempDir(), "tmux.sock")
	t.Cleanup(func() { _ = exec.Command(tmux, "-S", socket, "kill-server").Run() })
	return func(args ...string) string {
		t.Helper()
		out, err := exec.Command(tmux, append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
}

func expectedMechanism(t *testing.T, answers string) string {
	t.Helper()
	cat := shipped.Catalog(t)
	a, _, err := cat.ReadAnswers("draft.yaml", []byte(answers), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	return d.Recommendation.MechanismName
}

// waitFor polls the screen until it shows text, for at most ten seconds.
func waitFor(t *testing.T, capture func() string, text string) string {
	t.Helper()
	var screen string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if screen = capture(); strings.Contains(screen, text) {
			return screen
		}
	}
	t.Fatalf("the screen never showed %q:\n%s", text, screen)
	return ""
}

func waitForFile(t *testing.T, path, text string) string {
	t.Helper()
	return waitFor(t, func() string { data, _ := os.ReadFile(path); return string(data) }, text)
}
