package content_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// otherVocabulary are literals that equal a question id by coincidence: a word of another format
// or vocabulary that happens to be spelt like a question. Each is one file and one word, with the
// reason; an entry no longer needed fails the test, so the list cannot grow stale.
var otherVocabulary = map[string]string{
	"rules/remedy.go edition": "the remedy kind for a larger edition: limits.yaml's remedy vocabulary and the decision JSON's",
	"rules/org.go name":       "the key naming a limit in the JSON of `sf org list limits --json`",
}

// TestNoQuestionIDsInGo: question ids are the answers' field names and exist only in
// questions.yaml; Go code finds a question by its role (Catalog.Role) and states an answer in the
// contract at the place questions.yaml names. The test reads every non-test Go file of the
// module and fails on each string literal that is a question id, or holds one as a placeholder
// ({id}, {id:hours}) or an assignment (id=value), naming file and line. Struct tags are not
// literals here: a YAML or JSON key is a format's name for a field, whatever it is spelt like.
func TestNoQuestionIDsInGo(t *testing.T) {
	var ids []string
	for _, q := range shipped.Catalog(t).Questions {
		ids = append(ids, q.ID)
	}
	used := map[string]bool{}
	for _, file := range goFiles(t, "..") {
		for _, lit := range stringLiterals(t, "..", file) {
			id := spelledID(lit.value, ids)
			switch {
			case id == "":
			case otherVocabulary[file+" "+lit.value] != "":
				used[file+" "+lit.value] = true
			default:
				t.Errorf("%s:%d: %s spells the question id %s; find the question by its role (Catalog.Role)", file, lit.line, strconv.Quote(lit.value), id)
			}
		}
	}
	for entry := range otherVocabulary {
		if !used[entry] {
			t.Errorf("otherVocabulary lists %q, which no longer occurs: remove it", entry)
		}
	}
}

// spelledID returns the question id a literal spells, or "".
func spelledID(s string, ids []string) string {
	for _, id := range ids {
		if s == id || strings.Contains(s, "{"+id+"}") || strings.Contains(s, "{"+id+":") || assigns(s, id) {
			return id
		}
	}
	return ""
}

// assigns reports whether s holds "id=" with id a whole word: "filename=" is not "name=".
func assigns(s, id string) bool {
	for i := 0; ; i++ {
		j := strings.Index(s[i:], id+"=")
		if j < 0 {
			return false
		}
		i += j
		if i == 0 || !isWordByte(s[i-1]) {
			return true
		}
	}
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// goFiles lists the module's non-test Go files, slash-separated from root, leaving out test data
// and hidden folders.
func goFiles(t *testing.T, root string) []string {
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
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d Go files under %s: is the walk looking in the module?", len(files), root)
	}
	return files
}

// literal is one string literal's value and line.
type literal struct {
	value string
	line  int
}

// stringLiterals are a Go file's string literals, struct tags left out.
func stringLiterals(t *testing.T, root, file string) []literal {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(root, filepath.FromSlash(file)), nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	tags := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if field, ok := n.(*ast.Field); ok && field.Tag != nil {
			tags[field.Tag] = true
		}
		return true
	})
	var out []literal
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && !tags[lit] {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, literal{s, fset.Position(lit.Pos()).Line})
			}
		}
		return true
	})
	return out
}
