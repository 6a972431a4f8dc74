package config

import (
	"path/filepath"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"
)

// envKeys are the keys the environment can set: every key but defaults, whose flag is --set.
var envKeys = []string{keyDecisions, keyDecisionsDir, keyStatus, keyDecisionMakers, keyConsulted, keyInformed, keyRules, keyAddons, keyOrgLimits}

// isolate keeps the test's configuration its own: no SFPATTERN_* variable from the machine (an
// empty one counts as unset), and a user configuration folder of the test's own, returned.
func isolate(t *testing.T) string {
	t.Helper()
	for _, key := range envKeys {
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

// inRepo isolates the test (see isolate), sets the environment, and lays out a repository
// holding files under a new temporary folder, which it returns with the user's configuration
// folder. The repository is repo/, with a .git folder and a src/ folder to work in.
func inRepo(t *testing.T, env, files map[string]string) (root, userDir string) {
	t.Helper()
	userDir = isolate(t)
	for k, v := range env {
		t.Setenv(k, v)
	}
	root = t.TempDir()
	testtree.Write(t, root, map[string]string{"repo/.git/": "", "repo/src/": ""})
	testtree.Write(t, root, files)
	return root, userDir
}
