package config

import (
	"os"
	"path/filepath"
	"strings"
)

// FileName is the project configuration file, looked for from the working directory up to the
// repository root.
const FileName = ".sfpattern.yaml"

// project is where the command runs and what the walk up from there found.
type project struct {
	cwd string // the working directory, absolute
	// root is the repository root (the first folder holding .git); outside a repository, the
	// folder of the .sfpattern.yaml found, else the working directory.
	root string
	file string // the project's .sfpattern.yaml, absolute; "" when there is none
}

// findProject walks up from cwd. It stops at the first folder holding .git, a folder in a
// clone and a file in a worktree or submodule, so a configuration above the repository (in the
// home folder, say) never applies to it; outside a repository it goes on to the filesystem root.
func findProject(cwd string) project {
	p := project{cwd: cwd}
	for dir := cwd; ; {
		if p.file == "" && exists(filepath.Join(dir, FileName)) {
			p.file = filepath.Join(dir, FileName)
		}
		if exists(filepath.Join(dir, ".git")) {
			p.root = dir
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	p.root = cwd
	if p.file != "" {
		p.root = filepath.Dir(p.file)
	}
	return p
}

// exists reports whether anything, even a broken link, stands at path: a .sfpattern.yaml that
// cannot be read is then reported rather than silently passed over. A path that cannot even be
// looked at (a folder without permission on the way) counts as absent.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// display writes an absolute path as the user would type it from the working directory:
// relative when it lies inside the project or below the working directory, absolute otherwise
// (a folder in the user's home is clearer as /home/ana/adr than as ../../../home/ana/adr).
func (p project) display(abs string) string {
	if !within(p.root, abs) && !within(p.cwd, abs) {
		return abs
	}
	rel, err := filepath.Rel(p.cwd, abs)
	if err != nil {
		return abs
	}
	return rel
}

// within reports whether path is dir or lies below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
