// Package gosource reads the module's own Go source for tests that guard what the code may
// spell: question ids, defaults defined once.
package gosource

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Files lists the module's non-test Go files below root, slash-separated and relative to it,
// leaving out test data and hidden folders. Fewer than 50 fails the test: the walk is then not
// looking at the module.
func Files(tb testing.TB, root string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) < 50 {
		tb.Fatalf("found only %d Go files under %s: is the walk looking in the module?", len(files), root)
	}
	return files
}

// Literal is one string literal's value and line.
type Literal struct {
	Value string
	Line  int
}

// Literals are the string literals of file (relative to root, as Files gives it), struct tags
// left out: a YAML or JSON key is a format's name for a field, not a value the code spells.
func Literals(tb testing.TB, root, file string) []Literal {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(root, filepath.FromSlash(file)), nil, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	tags := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if field, ok := n.(*ast.Field); ok && field.Tag != nil {
			tags[field.Tag] = true
		}
		return true
	})
	var out []Literal
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && !tags[lit] {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, Literal{s, fset.Position(lit.Pos()).Line})
			}
		}
		return true
	})
	return out
}
