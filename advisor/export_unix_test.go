//go:build unix

package advisor

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestExportMode: the exported record and contract are 0644 under the usual umask 022, like the
// files `record` writes, not the 0600 of a temporary file.
func TestExportMode(t *testing.T) {
	c := shipped.Catalog(t)
	dir := t.TempDir()
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: dir})
	send(m, press(tea.KeyEnter))
	old := syscall.Umask(0o022)
	exportKey(t, m)
	syscall.Umask(old)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 2 {
		t.Fatalf("files %v, status %q", files, m.status)
	}
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644 (%v)", filepath.Base(f), info.Mode().Perm(), err)
		}
	}
}
