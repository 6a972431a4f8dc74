package portfolio

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"
)

// quickSeeds are entries the quick reader takes and entries it must leave to yaml.v3.
var quickSeeds = []string{
	"  - name: Order sync\n    direction: outbound\n    records_per_day: 20000\n",
	"- name: A\n  latency: seconds\n",
	"  - name: O'Brien & sons, (EU)\n    payload_kb: -4\n    flag: true\n    n: 0x1F\n    f: 1.5e3\n    z: null\n    y: yes\n",
	"  - name: A\n    direction: outbound", // no final newline
	"  - name: A # comment\n",
	"  - name: \"quoted\"\n",
	"  - name: a: b\n",
	"  - name:  two spaces\n",
	"  - name: trailing \n",
	"  - name: A\n\n    latency: seconds\n",
	"  - name: A\n      latency: seconds\n",
	"  -  name: A\n",
	"  - Name: A\n",
	"  - name: Überweisung\n",
	"  - name: -\n",
	"  - name: &a x\n",
	"  - name: A\n    name: B\n",
	"  - name: A   # the first\n    subscribers: 3              # warehouse, billing, × portal\n\n\n",
	"  - name: A\n\n    latency: seconds #x\n  \n",
	"  - name: A #\n",
	"  - name: A#b\n",
	"  - name: A # trailing \n",
	"  - name: A\n    # a comment line\n",
	"  - name: A\t# tab\n",
}

// TestQuickEntryMatchesYAML: whatever the quick reader builds is the tree yaml.v3 builds for the
// same text, node for node (kind, style, tag, value, comments, line and column).
func TestQuickEntryMatchesYAML(t *testing.T) {
	for _, s := range quickSeeds {
		checkQuick(t, []byte(s), indentOf(s))
	}
}

// TestQuickEntryTakesGenerated: the quick reader takes every entry of a generated portfolio and
// of the samples written in the usual style, so the speed it is for is not lost to a fallback.
func TestQuickEntryTakesGenerated(t *testing.T) {
	files := map[string][]byte{"generated": generated(t, 200)}
	for _, name := range []string{"acme-enterprise.yaml", "retail-over-delivery.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "portfolio", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	for name, data := range files {
		l, ok := splitLayout(data)
		if !ok {
			t.Fatalf("%s does not split", name)
		}
		taken := 0
		for _, sp := range l.entries {
			text := data[sp.start:sp.end]
			if checkQuick(t, text, l.indent) {
				taken++
			}
		}
		if name == "generated" && taken != len(l.entries) {
			t.Errorf("%s: quick reader took %d of %d entries", name, taken, len(l.entries))
		}
		t.Logf("%s: quick reader took %d of %d entries", name, taken, len(l.entries))
	}
}

// FuzzQuickEntry holds the quick reader to yaml.v3 on any text it takes.
func FuzzQuickEntry(f *testing.F) {
	for _, s := range quickSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkQuick(t, []byte(s), indentOf(s)) })
}

// checkQuick compares the quick reader with yaml.v3 on text; it reports whether the quick
// reader took it.
func checkQuick(t testing.TB, text []byte, indent int) bool {
	t.Helper()
	n := quickEntry(text, indent)
	if n == nil {
		return false
	}
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		t.Fatalf("quick reader took %q, which yaml.v3 refuses: %v", text, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode || len(root.Content[0].Content) != 1 {
		t.Fatalf("quick reader took %q, which yaml.v3 reads as something else than one list item", text)
	}
	if diff := nodeDiff(root.Content[0].Content[0], n, "item"); diff != "" {
		t.Fatalf("%q: %s", text, diff)
	}
	return true
}

// nodeDiff names the first field where two trees differ, or "".
func nodeDiff(want, got *yaml.Node, at string) string {
	type fields struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		HeadComment, LineComment, FootComment string
		Line, Column, children                int
		alias                                 bool
	}
	of := func(n *yaml.Node) fields {
		return fields{
			n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment,
			n.Line, n.Column, len(n.Content), n.Alias != nil,
		}
	}
	if w, g := of(want), of(got); w != g {
		return fmt.Sprintf("%s: yaml.v3 %+v, quick %+v", at, w, g)
	}
	for i := range want.Content {
		if d := nodeDiff(want.Content[i], got.Content[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// indentOf is the column of the first line's dash, counted in spaces.
func indentOf(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}
