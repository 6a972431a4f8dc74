// Package testtree lays out folders and files for tests that walk a file tree (a repository
// with its .git, configuration files, decision folders), from one literal map.
package testtree

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Write creates files under root, failing the test when it cannot. Each key is a slash-separated
// path: one ending in / is a folder, any other a file holding its value. Missing parent folders
// are created.
func Write(tb testing.TB, root string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		dir := path
		if !strings.HasSuffix(name, "/") {
			dir = filepath.Dir(path)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		if dir == path {
			continue
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
