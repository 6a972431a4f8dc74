package content_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/gosource"
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
	for _, file := range gosource.Files(t, "..") {
		for _, lit := range gosource.Literals(t, "..", file) {
			id := spelledID(lit.Value, ids)
			switch {
			case id == "":
			case otherVocabulary[file+" "+lit.Value] != "":
				used[file+" "+lit.Value] = true
			default:
				t.Errorf("%s:%d: %s spells the question id %s; find the question by its role (Catalog.Role)", file, lit.Line, strconv.Quote(lit.Value), id)
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
