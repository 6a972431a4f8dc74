package config

import (
	"path/filepath"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"
)

// TestProjectWalk: which .sfpattern.yaml applies and where the decisions folder is, from
// folders nested in a repository, outside one, and with adr-tools' and MADR's conventions.
func TestProjectWalk(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		cwd   string // relative to the tree
		// file is the configuration found, relative to the tree ("" for none); dir the
		// decisions folder as Load reports it.
		file, dir string
	}{
		{"nothing at all", map[string]string{"work/": ""}, "work", "", "docs/decisions"},
		{"a repository, at its root", map[string]string{"repo/.git/": ""}, "repo", "", "docs/decisions"},
		{"a repository, two folders down", map[string]string{"repo/.git/": "", "repo/a/b/": ""}, "repo/a/b", "", "../../docs/decisions"},
		{"a worktree: .git is a file", map[string]string{"wt/.git": "gitdir: /elsewhere\n", "wt/a/": ""}, "wt/a", "", "../docs/decisions"},
		{
			"the config at the root",
			map[string]string{"repo/.git/": "", "repo/.sfpattern.yaml": "status: accepted\n", "repo/a/b/": ""},
			"repo/a/b", "repo/.sfpattern.yaml", "../../docs/decisions",
		},
		{"the nearest config wins", map[string]string{
			"repo/.git/": "", "repo/.sfpattern.yaml": "decisions_dir: top\n",
			"repo/svc/.sfpattern.yaml": "decisions_dir: adr\n", "repo/svc/x/": "",
		}, "repo/svc/x", "repo/svc/.sfpattern.yaml", "../adr"},
		{
			"the walk stops at the repository",
			map[string]string{".sfpattern.yaml": "decisions_dir: outside\n", "repo/.git/": "", "repo/a/": ""},
			"repo/a", "", "../docs/decisions",
		},
		{"a submodule is its own repository", map[string]string{
			"repo/.git/": "", "repo/.sfpattern.yaml": "decisions_dir: top\n",
			"repo/sub/.git": "gitdir: ../.git/modules/sub\n", "repo/sub/src/": "",
		}, "repo/sub/src", "", "../docs/decisions"},
		{
			"outside a repository, up to the filesystem root",
			map[string]string{"proj/.sfpattern.yaml": "status: accepted\n", "proj/a/b/": ""},
			"proj/a/b", "proj/.sfpattern.yaml", "../../docs/decisions",
		},
		{
			"a relative decisions_dir is the file's",
			map[string]string{"repo/.git/": "", "repo/.sfpattern.yaml": "decisions_dir: architecture/decisions\n", "repo/a/": ""},
			"repo/a", "repo/.sfpattern.yaml", "../architecture/decisions",
		},
		{
			"a config that only marks the project",
			map[string]string{"proj/.sfpattern.yaml": "# sfpattern's project\n", "proj/docs/adr/": "", "proj/a/": ""},
			"proj/a", "proj/.sfpattern.yaml", "../docs/adr",
		},
		{
			".adr-dir at the root",
			map[string]string{"repo/.git/": "", "repo/.adr-dir": "doc/architecture\n", "repo/docs/decisions/": "", "repo/a/": ""},
			"repo/a", "", "../doc/architecture",
		},
		{
			".adr-dir with Windows line ends and a byte-order mark",
			map[string]string{"repo/.git/": "", "repo/.adr-dir": "\ufeffdoc/adr\r\n"},
			"repo", "", "doc/adr",
		},
		{
			".adr-dir below the root is not the project's",
			map[string]string{"repo/.git/": "", "repo/a/.adr-dir": "doc/adr\n"},
			"repo/a", "", "../docs/decisions",
		},
		{
			"the config names the folder, not .adr-dir",
			map[string]string{"repo/.git/": "", "repo/.adr-dir": "doc/adr\n", "repo/.sfpattern.yaml": "decisions_dir: records\n"},
			"repo", "repo/.sfpattern.yaml", "records",
		},
		{"an existing docs/adr", map[string]string{"repo/.git/": "", "repo/docs/adr/": "", "repo/a/": ""}, "repo/a", "", "../docs/adr"},
		{"docs/decisions before docs/adr", map[string]string{"repo/.git/": "", "repo/docs/adr/": "", "repo/docs/decisions/": ""}, "repo", "", "docs/decisions"},
		{"a file called docs/adr is no folder", map[string]string{"repo/.git/": "", "repo/docs/adr": "x"}, "repo", "", "docs/decisions"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			root := t.TempDir()
			testtree.Write(t, root, tc.files)
			cwd := filepath.Join(root, filepath.FromSlash(tc.cwd))
			p := findProject(cwd)
			want := ""
			if tc.file != "" {
				want = filepath.Join(root, filepath.FromSlash(tc.file))
			}
			if p.file != want {
				t.Errorf("config file %q, want %q", p.file, want)
			}
			if cfg := load(t, root, tc.cwd, Settings{}); cfg.DecisionsDir != filepath.FromSlash(tc.dir) {
				t.Errorf("decisions folder %q, want %q", cfg.DecisionsDir, tc.dir)
			}
		})
	}
}

// TestDisplay: a folder outside both the project and the working directory is written in full.
func TestDisplay(t *testing.T) {
	p := project{cwd: "/home/ana/repo/a", root: "/home/ana/repo"}
	for abs, want := range map[string]string{
		"/home/ana/repo/a/docs":     "docs",
		"/home/ana/repo/docs/adr":   "../docs/adr",
		"/home/ana/repo":            "..",
		"/home/ana/records":         "/home/ana/records",
		"/home/ana/repository/docs": "/home/ana/repository/docs", // a sibling whose name starts alike
	} {
		if got := p.display(filepath.FromSlash(abs)); got != filepath.FromSlash(want) {
			t.Errorf("display(%s) = %q, want %q", abs, got, want)
		}
	}
}
