package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/rules/record"
)

// TestDefaultsDefinedOnce: the default decisions folder and a new record's default status are
// each spelled once in the program's code, as DefaultDecisionsDir and record.Statuses[0]; every
// other default (DefaultRecord, the wizard's, the commands') is built from them. Tests and help
// texts may name them.
func TestDefaultsDefinedOnce(t *testing.T) {
	want := map[string]string{
		DefaultDecisionsDir: "internal/config/decisions.go",
		record.Statuses[0]:  "rules/record/madr.go",
	}
	found := map[string][]string{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata"):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		for _, lit := range stringLiterals(t, path) {
			if _, ok := want[lit]; ok {
				found[lit] = append(found[lit], filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for lit, file := range want {
		if got := found[lit]; len(got) != 1 || got[0] != file {
			t.Errorf("%q is spelled in %v; want it only in %s, and its name used elsewhere", lit, got, file)
		}
	}
}

// stringLiterals lists the values of the string literals in a Go file.
func stringLiterals(t *testing.T, path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}
