//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCheckSkipsFIFOAndDevices plants a named pipe and a device (a link to /dev/null) named like
// records next to a current record: check neither blocks nor reads them, reports each as
// skipped with the reason, and exits 0 as for any skipped file. Named on the command line, the
// pipe is skipped the same way.
func TestCheckSkipsFIFOAndDevices(t *testing.T) {
	dir := t.TempDir()
	current, err := os.ReadFile(filepath.Join(decisions, "0001-use-platform-events-for-order-status-to-fulfilment-systems.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "0001-good.md"), current, 0o644)
	fifo := filepath.Join(dir, "0002-pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	device := filepath.Join(dir, "0003-null.md")
	if err := os.Symlink("/dev/null", device); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code        int
		out, errOut string
	}
	check := func(args ...string) result {
		t.Helper()
		done := make(chan result, 1)
		go func() {
			code, out, errOut := runCmd(t, "", append([]string{"check"}, args...)...)
			done <- result{code, out, errOut}
		}()
		select {
		case r := <-done:
			return r
		case <-time.After(10 * time.Second):
			// Unblock the reader so the test binary can finish, then fail.
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			t.Fatalf("check %v blocked on the named pipe", args)
			return result{}
		}
	}
	r := check(dir)
	wantErr := "sfpattern: " + fifo + ": skipped: not a regular file (a named pipe)\n" +
		"sfpattern: " + device + ": skipped: not a regular file (a character device)\n"
	if r.code != 0 || r.out != "1 checked, 0 stale, 2 skipped\n" || r.errOut != wantErr {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	r = check(fifo, "--format", "json")
	var report struct {
		Records []struct{ Status, Note string } `json:"records"`
	}
	if err := json.Unmarshal([]byte(r.out), &report); err != nil || r.code != 0 || len(report.Records) != 1 ||
		report.Records[0].Status != "skipped" || !strings.Contains(report.Records[0].Note, "named pipe") {
		t.Errorf("the pipe named on the command line: exit %d, %v, %s", r.code, err, r.out)
	}
}

// TestRecordModeUnderUmask: `record` writes 0644 under the usual umask 022, and honours a
// stricter one (077 gives 0600), numbered or named, forced or not.
func TestRecordModeUnderUmask(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	for umask, want := range map[int]os.FileMode{0o022: 0o644, 0o077: 0o600} {
		dir := t.TempDir()
		named := filepath.Join(dir, "named.md")
		old := syscall.Umask(umask)
		var codes []int
		for _, args := range [][]string{{"-o", dir}, {"-o", named}, {"-o", named, "--force"}} {
			code, _, _ := runCmd(t, "", append([]string{"record", "-a", answers, "--date", pinnedDate}, args...)...)
			codes = append(codes, code)
		}
		syscall.Umask(old)
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) != 2 || codes[0]+codes[1]+codes[2] != 0 {
			t.Fatalf("umask %03o: exits %v, files %v", umask, codes, files)
		}
		for _, f := range files {
			if info, err := os.Stat(f); err != nil || info.Mode().Perm() != want {
				t.Errorf("umask %03o: %s has mode %v, want %v", umask, filepath.Base(f), info.Mode().Perm(), want)
			}
		}
	}
}
