package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binDir holds the sfpattern binary the whole-process tests share, built once.
var binDir string

func TestMain(m *testing.M) {
	restore := isolateConfig()
	code := m.Run()
	restore()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var buildOnce struct {
	sync.Once
	path string
	err  error
	out  []byte
}

// binary builds the command once per test run and returns its path.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildOnce.err = os.MkdirTemp("", "sfpattern-bin-")
		if buildOnce.err != nil {
			return
		}
		buildOnce.path = filepath.Join(binDir, "sfpattern")
		buildOnce.out, buildOnce.err = exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
	})
	if buildOnce.err != nil {
		t.Fatalf("build: %v\n%s", buildOnce.err, buildOnce.out)
	}
	return buildOnce.path
}

// bigPortfolio writes a portfolio of n copies of the sample integration.
func bigPortfolio(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var entry []string
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "edition:") || strings.HasPrefix(l, "licenses:") {
			continue
		}
		entry = append(entry, l)
	}
	var b strings.Builder
	b.WriteString("org: {edition: enterprise, licenses: 300}\nintegrations:\n")
	for i := range n {
		for j, l := range entry {
			if strings.HasPrefix(l, "name:") {
				l = fmt.Sprintf("name: Integration %d", i)
			}
			b.WriteString(map[bool]string{true: "  - ", false: "    "}[j == 0] + l + "\n")
		}
	}
	p := filepath.Join(t.TempDir(), "portfolio.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestInterrupt sends SIGINT to commands at work: each stops with exit 130 well within a second,
// prints nothing on standard output and writes no file, whether it was evaluating (and notices
// at its next step) or blocked where no check can run (opening a FIFO nobody writes to).
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and signals the binary")
	}
	bin := binary(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "answers.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	out := filepath.Join(dir, "decisions")
	records := manyRecords(t, 2500)
	cases := []struct {
		name string
		args []string
		wait time.Duration // before the signal
	}{
		{"portfolio evaluating", []string{"portfolio", bigPortfolio(t, 14000)}, 150 * time.Millisecond},
		{"check replaying", []string{"check", records}, 200 * time.Millisecond},
		{"recommend opening a FIFO", []string{"recommend", "--answers", fifo}, 200 * time.Millisecond},
		{"record opening a FIFO", []string{"record", "--answers", fifo, "-o", out}, 200 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(tc.wait)
			if cmd.ProcessState != nil {
				t.Fatalf("finished before the signal: %s", stderr.String())
			}
			sent := time.Now()
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			took := time.Since(sent)
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit %d (%v), want 130; stderr: %s", code, err, stderr.String())
			}
			if took > 1500*time.Millisecond {
				t.Errorf("took %v to stop", took)
			}
			if stdout.Len() > 0 || strings.Contains(stderr.String(), "goroutine ") {
				t.Errorf("wrote %q / %q", stdout.String(), stderr.String())
			}
			t.Logf("stopped %v after the signal", took.Round(time.Millisecond))
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("left %d file(s) in %s", len(entries), out)
	}
}

// manyRecords writes n copies of a sample decision record into a folder of their own.
func manyRecords(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/decisions/0001-use-platform-events-for-order-status-to-fulfilment-systems.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d-order-status.md", i+1)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
