package portfolio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// splitCases are portfolios in many layouts, each marked with whether the splitter must take it:
// a case that should split but falls back would test nothing, and one that should fall back but
// splits is a layout the splitter was not meant to trust.
func splitCases(t testing.TB) []splitCase {
	t.Helper()
	head := "org:\n  edition: enterprise\n  licenses: 300\nintegrations:\n"
	good := func(name string, extra ...string) string {
		return "  - name: " + name + "\n    direction: inbound\n    source_of_truth: external\n    interaction: process\n" +
			"    latency: seconds\n    ack: result\n    records_per_day: 3000\n" + strings.Join(extra, "")
	}
	bad := "  - name: Broken\n    latency: soon\n    direction: sideways\n"
	cases := []splitCase{
		{"plain", head + good("A") + good("B"), true, ""},
		{"duplicates and bad entries", head + good("A") + bad + good("a ") + "  - junk\n" + good("B") + good("\"b\"") + bad, true, ""},
		{"empty value at the end of an entry", head + good("A", "    payload_kb:\n") + good("B", "    ordering:\n\n\n") + good("C", "    subscribers:"), true, ""},
		{"empty values everywhere", head + "  - name:\n    direction:\n  - name: X\n    latency:\n", true, ""},
		{"dashes at column 0", "org:\n  edition: unlimited\n  licenses: 10\nintegrations:\n- name: A\n  direction: outbound\n- name: B\n  latency: soon\n- 7\n", true, ""},
		{"org after the list", "integrations:\n" + good("A") + bad + "org:\n  edition: enterprise\n  licenses: 300\n", true, ""},
		{"schema version after the list", head + good("A") + "schema_version: 1\n", true, ""},
		{"wrong schema version after the list", head + good("A") + "schema_version: 7\n", false, ""},
		{"comments and blank lines", "# portfolio\norg: # the org\n  edition: enterprise\n\n  licenses: 300\nintegrations: # all of them\n\n  # first\n" +
			good("A", "    # inside\n\n") + "    # between\n" + good("B", "      # deep\n") + "# after the list\n\n", true, ""},
		{"comment left of the dashes between entries", head + good("A") + "# section\n" + good("B"), false, ""},
		{"block scalars", head + "  - name: |\n      Multi\n      line\n    direction: >-\n      inbound\n\n    latency: seconds\n" + good("B"), true, ""},
		{"block scalar with indicator", head + "  - name: |2\n       two spaces\n    ack: result\n" + good("C"), true, ""},
		{"quoted multi-line", head + "  - name: \"A\n      b\"\n    direction: 'in\n\n      bound'\n" + good("B"), true, ""},
		{"flow entries", head + "  - {name: A, direction: inbound, latency: seconds}\n  - [1, 2]\n  - {name: B,\n     latency: soon}\n", true, ""},
		{"nested values", head + "  - name: A\n    direction:\n      - inbound\n    ack: {x: 1}\n" + good("B"), true, ""},
		{"no final newline", head + good("A") + "  - name: B\n    latency: soon", true, ""},
		{"html characters", head + good("Orders <b> & co") + good("\"<script>\""), true, ""},
		{"unicode names", head + good("Überweisung → SAP") + good("ÜBERWEISUNG → SAP"), true, ""},
		{"hostile name", head + good("evil\u202eexe") + good("\"evil\u202eexe\""), true, ""},
		{"next line in quotes", head + good("\"x\u0085y\"") + bad, false, ""}, // NEL is a line break to YAML
		{"line separator in quotes", head + good("'x\u2028y'") + bad, false, ""},
		{"byte order mark", "\ufeff" + head + good("A"), true, ""},
		{"different edition", head + good("A", "    edition: unlimited\n    licenses: 300\n"), true, ""},
		{"unknown fields", head + good("A", "    colour: blue\n    name: again\n"), true, ""},
		{"wrong types", head + "  - name: 42\n    records_per_day: many\n    latency: [1]\n", true, ""},
		{"first entry on the key's next line after a comment", head + "  # c\n" + good("A"), true, ""},
		{"long names clipped", head + good(strings.Repeat("x", 300)) + good(strings.Repeat("X", 300)), true, ""},
		{"list between org keys is not a layout", "org:\n  edition: enterprise\nintegrations:\n" + good("A") + "  licenses: 3\n", false, ""},
		{"flow list", "org: {edition: enterprise, licenses: 300}\nintegrations: [{name: A}, {name: B}]\n", false, ""},
		{"json", `{"org": {"edition": "enterprise", "licenses": 300}, "integrations": [{"name": "A"}]}`, false, ""},
		{"anchor", head + "  - &a\n    name: A\n  - name: B\n", false, ""},
		{"anchor inside", head + good("A", "    ack: &x result\n") + good("B", "    latency: *x\n"), false, ""},
		{"merge key", head + "  - name: A\n    <<: {latency: seconds}\n", false, ""},
		{"tag", head + "  - name: !!str A\n", false, ""},
		{"tab", head + good("A") + "  - name: B\n    latency:\tsoon\n", false, ""},
		{"carriage returns", strings.ReplaceAll(head+good("A"), "\n", "\r\n"), false, ""},
		{"second document", head + good("A") + "---\norg: {}\n", false, ""},
		{"document end", head + good("A") + "...\n", false, ""},
		{"two integrations keys", head + good("A") + "integrations:\n" + good("B"), false, ""},
		{"quoted integrations key twice", head + good("A") + "\"integrations\": []\n", false, ""},
		{"dash with nothing after", head + "  -\n    name: A\n", false, ""},
		{"odd indentation", head + good("A") + " - name: B\n", false, ""},
		{"deeper dash", head + good("A") + "    - name: B\n", false, ""}, // no YAML: a list after a value
		{"syntax error in an entry", head + good("A") + "  - name: [unclosed\n" + good("B"), false, ""},
		{"syntax error in the header", "org:\n  edition: [\nintegrations:\n" + good("A"), false, ""},
		{"header swallows the key", "org: \"x\nintegrations:\n" + good("A") + "\"\n", false, ""},
		{"no list", head, false, ""},
		{"not a mapping", "- a\n- b\n", false, ""},
		{"org missing", "integrations:\n" + good("A"), false, ""},
		{"unknown top-level key", head + good("A") + "owner: me\n", false, ""},
		{"directive", "%YAML 1.2\n---\n" + head + good("A"), false, ""},
		{"json file name", head + good("A"), false, ""}, // named .json below: not valid JSON, which the whole parse says
		{"control character", head + good("A\x01"), false, ""},
		{"deep nesting", head + "  - name: A\n    x: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n", false, ""},
	}
	for i := range cases {
		cases[i].file = "case.yaml"
		if cases[i].name == "json file name" {
			cases[i].file = "case.json"
		}
	}
	many := head
	for i := range 1_200 { // more bad entries than maxProblems, and duplicates among them
		switch {
		case i%3 == 0:
			many += good(fmt.Sprintf("E%d", i%400))
		default:
			many += fmt.Sprintf("  - name: Bad %d\n    latency: soon\n", i%500)
		}
	}
	cases = append(cases, splitCase{name: "1,200 entries, most bad", data: many, split: true, file: "many.yaml"})
	files, _ := filepath.Glob("../../testdata/portfolio/*.yaml")
	more, _ := filepath.Glob("../../testdata/portfolio/bad/*.yaml")
	for _, f := range append(files, more...) {
		if filepath.Base(f) == "expect.yaml" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, splitCase{name: filepath.Base(f), file: filepath.Base(f), data: string(data), split: splitsFile[filepath.Base(f)]})
	}
	return cases
}

// splitsFile names the files of testdata/portfolio the splitter takes; the others are refused
// as a whole (their problem is the whole parse's to word) or have another layout.
var splitsFile = map[string]bool{
	"acme-enterprise.yaml": true, "retail-over-delivery.yaml": true, "bad-fields.yaml": true, "different-edition.yaml": true,
	"duplicate-names.yaml": true, "entry-missing-and-unknown.yaml": true, "entry-not-a-mapping.yaml": true, "hostile-name.yaml": true,
}

type splitCase struct {
	name, data string
	split      bool
	file       string // set after
}

// TestSplitMatchesWhole: on every case, the split path either declines or gives exactly the
// result (or the error) of the whole-file parse, problems and their lines included; and it takes
// the cases it is meant to take.
func TestSplitMatchesWhole(t *testing.T) {
	c := catalog{Catalog: shipped.Catalog(t), defaults: rules.NewAnswers()}
	for _, tc := range splitCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			split := compareSplit(t, c, tc.file, []byte(tc.data), nil)
			if split != tc.split {
				t.Errorf("split path taken: %v, want %v", split, tc.split)
			}
		})
	}
}

// TestSplitMatchesWholeWithOrg: the command line's add-ons and snapshot reach both paths alike.
func TestSplitMatchesWholeWithOrg(t *testing.T) {
	c := catalog{Catalog: shipped.Catalog(t), defaults: rules.NewAnswers()}
	data, err := os.ReadFile("../../testdata/portfolio/acme-enterprise.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !compareSplit(t, c, "acme.yaml", data, func() *rules.Org { return &rules.Org{Addons: map[string]float64{"event_delivery_per_day": 100_000}} }) {
		t.Error("the sample did not split")
	}
}

// TestGeneratedPortfolioSplits: the layout of generated portfolios, which is every measured
// one's, takes the fast path.
func TestGeneratedPortfolioSplits(t *testing.T) {
	c := catalog{Catalog: shipped.Catalog(t), defaults: rules.NewAnswers()}
	if !compareSplit(t, c, "gen.yaml", generated(t, 300), nil) {
		t.Error("a generated portfolio did not split")
	}
}

// compareSplit evaluates data both ways and fails the test when the split path's answer differs
// from the whole parse's; it reports whether the split path answered.
func compareSplit(t testing.TB, c catalog, file string, data []byte, extra func() *rules.Org) bool {
	t.Helper()
	ctx := context.Background()
	var e1, e2 *rules.Org
	if extra != nil {
		e1, e2 = extra(), extra()
	}
	res, done, err := c.evaluateSplit(ctx, file, data, e1)
	if !done {
		return false
	}
	want, wantErr := c.evaluateWhole(ctx, file, data, e2)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("split error:\n%v\nwhole-file error:\n%v", err, wantErr)
	}
	got, _ := json.MarshalIndent(res, "", " ")
	exp, _ := json.MarshalIndent(want, "", " ")
	if !bytes.Equal(got, exp) {
		t.Fatalf("split result differs from the whole-file parse's:\n%s", firstDifference(got, exp))
	}
	return true
}

// firstDifference shows the lines around where two JSON texts part.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: split %s\n        whole %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// generated writes n entries in the layout of the generated benchmark portfolio.
func generated(t testing.TB, n int) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString("org:\n  edition: unlimited\n  licenses: 5000\n  addons:\n    event_delivery_per_day: 1000000\nintegrations:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Order sync (site %d)\n    direction: outbound\n    source_of_truth: salesforce\n    interaction: process\n"+
			"    latency: seconds\n    ack: delivery\n    records_per_day: %d\n    trigger: record_change\n    receiver: subscriber\n", i+1, 1000+i%97)
	}
	return []byte(b.String())
}

// FuzzSplitMatchesWhole: whatever the bytes, the split path declines or answers exactly as the
// whole-file parse does. Its seed corpus (every case above) runs with the ordinary tests.
func FuzzSplitMatchesWhole(f *testing.F) {
	for _, tc := range splitCases(f) {
		f.Add(tc.file, []byte(tc.data))
	}
	c := catalog{Catalog: shipped.Catalog(f), defaults: rules.NewAnswers()}
	f.Fuzz(func(t *testing.T, file string, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		compareSplit(t, c, file, data, nil)
	})
}

// TestWriteJSON: the streamed JSON is json.Encoder's, byte for byte, for every result of the
// split cases (problems, hostile names and HTML characters included) and an empty list.
func TestWriteJSON(t *testing.T) {
	c := catalog{Catalog: shipped.Catalog(t), defaults: rules.NewAnswers()}
	results := []*Result{{Integrations: []Integration{}}}
	for _, tc := range splitCases(t) {
		if res, err := c.evaluateWhole(context.Background(), tc.file, []byte(tc.data), nil); err == nil {
			results = append(results, res)
		}
	}
	if len(results) < 20 {
		t.Fatalf("only %d results to write", len(results))
	}
	for _, res := range results {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&got, res); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("streamed JSON differs:\n%s", firstDifference(got.Bytes(), want.Bytes()))
		}
	}
}

// TestSplitStopsCleanly: an entry the fast path cannot read, or a cancelled run, stops every
// worker, however many there are and wherever the entry is: workers wait on earlier entries'
// names, so one that stops must still give its entry's (a hang here once showed in fuzzing).
func TestSplitStopsCleanly(t *testing.T) {
	c := catalog{Catalog: shipped.Catalog(t), defaults: rules.NewAnswers()}
	data := string(generated(t, 400))
	for _, procs := range []int{1, 2, 4, 8} {
		prev := runtime.GOMAXPROCS(procs)
		for _, at := range []int{0, 1, 7, 399} {
			lines := strings.SplitAfter(data, "\n")
			lines[6+at*9] = "  - name: [unclosed\n"
			if _, done, err := c.evaluateSplit(context.Background(), "x.yaml", []byte(strings.Join(lines, "")), nil); done {
				t.Errorf("GOMAXPROCS=%d, entry %d: the split path answered (%v)", procs, at, err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, done, err := c.evaluateSplit(ctx, "x.yaml", []byte(data), nil); !done || err == nil {
			t.Errorf("GOMAXPROCS=%d: a cancelled run gave done=%v, %v", procs, done, err)
		}
		runtime.GOMAXPROCS(prev)
	}
}
