//go:build unix

package atomicfile

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModeUnderUmask: files come out 0644 under the usual umask 022 and 0600 under 077, as any
// file the user's tools create would, whether written by name, forced over a file, or numbered.
func TestModeUnderUmask(t *testing.T) {
	for umask, want := range map[int]fs.FileMode{0o022: 0o644, 0o077: 0o600, 0o002: 0o644} {
		old := syscall.Umask(umask)
		dir := t.TempDir()
		ctx := context.Background()
		named := filepath.Join(dir, "choice.md")
		os.WriteFile(named, nil, 0o600)
		errs := []error{
			Write(ctx, filepath.Join(dir, "new.md"), []byte("x"), Options{}),
			Write(ctx, named, []byte("x"), Options{Force: true}),
		}
		paths, err := CreateNumbered(ctx, dir, series, []Part{part("a", "x"), {Name: func(n int) string { return "0001-a.contract.yaml" }}}, Options{})
		syscall.Umask(old)
		for _, err := range append(errs, err) {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range append(paths, filepath.Join(dir, "new.md"), named) {
			info, err := os.Stat(p)
			if err != nil || info.Mode().Perm() != want {
				t.Errorf("umask %03o: %s has mode %v, want %v (%v)", umask, filepath.Base(p), info.Mode().Perm(), want, err)
			}
		}
	}
}
