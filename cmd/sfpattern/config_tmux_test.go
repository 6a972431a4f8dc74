package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWizardExportsToConfiguredFolder: in a real terminal, `e` on the results writes the record
// and the contract to the folder the project's .sfpattern.yaml names, and says so with the
// paths as typed from the working folder.
func TestWizardExportsToConfiguredFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("real-terminal test skipped in -short mode")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed; .ci/run installs it with apt-get")
	}
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	bin := binary(t)
	project(t, map[string]string{".sfpattern.yaml": "decisions_dir: architecture/adr\n"})
	src, _ := os.Getwd()
	socket := filepath.Join(t.TempDir(), "tmux.sock")
	tm := func(args ...string) string {
		out, err := exec.Command(tmux, append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tm("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "-c", src, bin+" --answers "+answers)
	defer exec.Command(tmux, "-S", socket, "kill-server").Run()
	screen := func() string { return tm("capture-pane", "-p", "-t", "t") }
	// The file leaves one question open (external consumers): take its default, see the
	// results, export with the form's status and decision makers as they are.
	for _, step := range []struct{ waitFor, key string }{
		{"consumers subscribe from outside", "Enter"},
		{"See the recommendation", "Enter"},
		{"7 What-if", "e"},
		{"Status of the decision", "Enter"},
		{"Who decides?", "Enter"},
		{"Wrote ../architecture/adr/0001-", "q"},
	} {
		waitFor(t, screen, step.waitFor)
		tm("send-keys", "-t", "t", step.key)
	}
	const name = "0001-use-platform-events-for-order-status-to-fulfilment-systems"
	for _, file := range []string{name + ".md", name + ".contract.yaml"} {
		if _, err := os.Stat(filepath.Join("..", "architecture", "adr", file)); err != nil {
			t.Errorf("the export is not in the configured folder: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "docs")); err == nil {
		t.Errorf("the wizard made the default docs folder as well")
	}
}
