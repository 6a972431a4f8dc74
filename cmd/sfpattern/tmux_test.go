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
		if !strings.HasPrefix(line, "latency:") && !strings.HasPrefix(line, "records_per_day:") {
			kept = append(kept, line)
		}
	}
	draft := filepath.Join(dir, "draft.yaml")
	if err := os.WriteFile(draft, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	want := expectedMechanism(t, strings.Join(kept, "\n")+"\nlatency: minutes\nrecords_per_day: 6000\n")

	run("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", bin+" --answers "+draft+" > "+filepath.Join(dir, "record.md"))

	capture := func() string { return run("capture-pane", "-p", "-t", "t") }
	waitFor(t, capture, "How soon must the other side see it?")
	// The panel comes with the frame drawn for the terminal's size, which may follow the first.
	waitFor(t, capture, "Leading so far")
	run("send-keys", "-t", "t", "Down", "Down", "Enter") // latency: minutes
	waitFor(t, capture, "How many records cross per day?")
	// A refused value keeps its message: still on screen well after the cursor has blinked.
	run("send-keys", "-t", "t", "12k5", "Enter")
	waitFor(t, capture, "✗ expected a whole number")
	time.Sleep(1500 * time.Millisecond)
	if screen := capture(); !strings.Contains(screen, "✗ expected a whole number") {
		t.Errorf("the error went away:\n%s", screen)
	}
	// Back, then Enter on the previous question: the unanswered question comes back, empty.
	run("send-keys", "-t", "t", "BTab")
	waitFor(t, capture, "How soon must the other side see it?")
	run("send-keys", "-t", "t", "Enter")
	screen := waitFor(t, capture, "How many records cross per day?")
	if strings.Contains(screen, "12k5") {
		t.Errorf("the refused value came back:\n%s", screen)
	}
	run("send-keys", "-t", "t", "6000", "Enter")
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
	for _, answer := range []string{"latency: minutes", "records_per_day: 6000"} {
		if !strings.Contains(record, answer) {
			t.Errorf("the record lacks %q", answer)
		}
	}
}

// TestRealTerminalResizeAndAbort: the wizard draws, survives 60×20 and back, and Ctrl-C leaves
// with exit 130 and no file.
func TestRealTerminalResizeAndAbort(t *testing.T) {
	if testing.Short() {
		t.Skip("real-terminal test skipped in -short mode")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed; .ci/run installs it with apt-get")
	}
	dir := t.TempDir()
	socket := filepath.Join(dir, "tmux.sock")
	run := func(args ...string) string {
		out, err := exec.Command(tmux, append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	exit := filepath.Join(dir, "exit")
	run("new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
		"cd "+dir+" && "+binary(t)+" > out.md; echo $? > "+exit)
	defer exec.Command(tmux, "-S", socket, "kill-server").Run()
	capture := func() string { return run("capture-pane", "-p", "-t", "t") }
	waitFor(t, capture, "What is this integration called?")
	run("send-keys", "-t", "t", "Orders", "Enter")
	waitFor(t, capture, "Who starts the exchange?")
	run("resize-window", "-t", "t", "-x", "60", "-y", "20")
	waitFor(t, capture, "Who starts the exchange?")
	run("resize-window", "-t", "t", "-x", "50", "-y", "15")
	waitFor(t, capture, "too small")
	run("resize-window", "-t", "t", "-x", "80", "-y", "24")
	waitFor(t, capture, "Who starts the exchange?")
	run("send-keys", "-t", "t", "C-c")
	if code := strings.TrimSpace(waitForFile(t, exit, "\n")); code != "130" {
		t.Errorf("exit %s after Ctrl-C, want 130", code)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "out.md")); len(data) > 0 {
		t.Errorf("Ctrl-C wrote a record:\n%s", data)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*draft*")); len(files) > 0 {
		t.Errorf("files left: %v", files)
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
