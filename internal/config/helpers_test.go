package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree creates files under root: a name ending in / is a folder, anything else a file holding
// its value.
func tree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// isolate keeps the test's configuration its own: no SFPATTERN_* variable from the machine (an
// empty one counts as unset), and a user configuration folder of the test's own, returned.
func isolate(t *testing.T) string {
	t.Helper()
	for _, key := range keys {
		t.Setenv(envName(key), "")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "xdg"))
	return filepath.Join(home, "xdg", "sfpattern")
}

// load runs Load from dir (relative to root) and fails the test on an error.
func load(t *testing.T, root, dir string, flags Settings) Config {
	t.Helper()
	t.Chdir(filepath.Join(root, filepath.FromSlash(dir)))
	cfg, err := Load(flags)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return cfg
}

func ptr[T any](v T) *T { return &v }
