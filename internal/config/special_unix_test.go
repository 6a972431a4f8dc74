//go:build unix

package config

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"
)

// TestNamedPipeIsNotRead: a named pipe called .sfpattern.yaml is refused at once, never opened
// for a read that would wait for a writer.
func TestNamedPipeIsNotRead(t *testing.T) {
	isolate(t)
	root := t.TempDir()
	testtree.Write(t, root, map[string]string{".git/": ""})
	if err := syscall.Mkfifo(filepath.Join(root, FileName), 0o644); err != nil {
		t.Skip(err)
	}
	t.Chdir(root)
	_, err := Load(Settings{})
	requireProblems(t, err, []string{".sfpattern.yaml: is not a regular file"})
}

// TestBrokenLinkIsReported: a .sfpattern.yaml that links to nothing stops the walk like any
// other, so it is reported rather than read as no configuration.
func TestBrokenLinkIsReported(t *testing.T) {
	root, _ := inRepo(t, nil, nil)
	if err := os.Symlink(filepath.Join(root, "gone.yaml"), filepath.Join(root, "repo", FileName)); err != nil {
		t.Skip(err)
	}
	t.Chdir(filepath.Join(root, "repo"))
	_, err := Load(Settings{})
	requireProblems(t, err, []string{".sfpattern.yaml: is a link to something that does not exist"})
}
