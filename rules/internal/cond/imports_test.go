package cond

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyImporterOfExpr: no other file of the module, tests included, imports expr-lang. A
// program built elsewhere would escape the bounds and the guard that every expression from an
// organisation's rule file is held to here.
func TestOnlyImporterOfExpr(t *testing.T) {
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..", "..")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			if abs, _ := filepath.Abs(path); abs == here || (path != root && strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
		case strings.HasSuffix(path, ".go"):
			return checkImports(t, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkImports reports a file's imports of expr-lang.
func checkImports(t *testing.T, path string) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		return err
	}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(p, "github.com/expr-lang/") {
			t.Errorf("%s imports %s: only rules/internal/cond may", path, p)
		}
	}
	return nil
}
