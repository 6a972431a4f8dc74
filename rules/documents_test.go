package rules

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"go.yaml.in/yaml/v3"
)

// TestSecondDocument: only a marker at the start of a line after content, or content after the
// end marker, starts a second document; the markers a single document may carry are fine.
func TestSecondDocument(t *testing.T) {
	for text, want := range map[string]int{
		"a: 1\n":                           0,
		"---\na: 1\n":                      0,
		"--- # answers\na: 1\n":            0,
		"%YAML 1.2\n---\na: 1\n...\n":      0,
		"a: 1\n...\n# the end\n\n":         0,
		"a: |\n  ---\n  text\n":            0, // indented: part of the block scalar
		"a: '---'\nb: ---x\n":              0,
		"---a: 1\n":                        0, // not a marker: no space after it
		"a: 1\r\n---\r\nb: 2\r\n":          2,
		"---\na: 1\n---\nb: 2\n":           3,
		"---\n---\n":                       2,
		"a: 1\n--- {b: 2}\n":               2,
		"a: 1\n...\nb: 2\n":                3,
		"a: 1\n...\n---\nb: 2\n":           3,
		"--- {a: 1}\n---\n":                2,
		"# only a comment\n---\na: 1\n---": 4,
	} {
		if got, _ := secondDocument([]byte(text)); got != want {
			t.Errorf("secondDocument(%q) = %d, want %d", text, got, want)
		}
		// yaml.v3 agrees: after the first document, the stream ends only when we see one.
		dec := yaml.NewDecoder(strings.NewReader(text))
		var first, second yaml.Node
		if dec.Decode(&first) == nil && errors.Is(dec.Decode(&second), io.EOF) != (want == 0) {
			t.Errorf("%q: yaml.v3 finds more after the first document: %v, we say line %d", text, want == 0, want)
		}
	}
}

// TestEveryReaderRefusesASecondDocument: answers files, rule files, org-limit snapshots,
// portfolios and contracts (through ParseYAML) all go through the same guard.
func TestEveryReaderRefusesASecondDocument(t *testing.T) {
	c := shippedCatalog(t)
	two := func(doc string) []byte { return []byte(doc + "---\nmore: 1\n") }
	lineOf := func(doc string) string { return ":" + strconv.Itoa(strings.Count(doc, "\n")+1) + ":" }
	answers := "name: Invoices\ndirection: inbound\n"
	rulesDoc := "rules:\n  - {id: r, when: 'true', because: x, effects: {rest_api: 1}}\n"
	limits := `{"DailyApiRequests": {"Max": 100000, "Remaining": 90000}}` + "\n"
	for what, check := range map[string]func() error{
		"answers": func() error { _, _, err := c.ReadAnswers("a.yaml", two(answers), nil); return err },
		"rules": func() error {
			_, err := Load(os.DirFS("../content"), RuleFile{Name: "r.yaml", Data: two(rulesDoc)})
			return err
		},
		"org":  func() error { _, err := c.ParseOrgLimits("l.json", two(limits)); return err },
		"yaml": func() error { _, err := ParseYAMLLimit("p.yaml", two(answers), MaxFileSize); return err },
	} {
		err := check()
		doc := map[string]string{"answers": answers, "rules": rulesDoc, "org": limits, "yaml": answers}[what]
		if err == nil || !strings.Contains(err.Error(), "one YAML document") || !strings.Contains(err.Error(), lineOf(doc)) {
			t.Errorf("%s: want the second document refused at %s, got %v", what, lineOf(doc), err)
		}
	}
}

// TestUTF16 reads UTF-16 with a byte-order mark, either order, as the same text.
func TestUTF16(t *testing.T) {
	text := "name: Café ✓\ndirection: inbound\n"
	units := utf16.Encode([]rune(text))
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	for name, data := range map[string][]byte{"le": le, "be": be} {
		got, err := ToUTF8(data)
		if err != nil || string(got) != text {
			t.Errorf("%s: got %q, %v", name, got, err)
		}
	}
	if _, err := ToUTF8(le[:len(le)-1]); err == nil {
		t.Error("odd UTF-16 accepted")
	}
}

// TestAliasBomb: a bomb that stays small as a node tree is refused before anything expands it.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x]\n")
	for i := 'b'; i <= 'i'; i++ {
		prev := string(i - 1)
		b.WriteString(string(i) + ": &" + string(i) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n")
	}
	_, err := ParseYAML("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "alias bomb") {
		t.Fatalf("want an alias bomb refused, got %v", err)
	}
	// A few honest aliases still read.
	if _, err := ParseYAML("ok.yaml", []byte("base: &b {x: 1}\none: *b\ntwo: *b\n")); err != nil {
		t.Fatal(err)
	}
}
