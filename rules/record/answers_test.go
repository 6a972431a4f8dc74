package record_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// orderEvents is a complete answers file, and a record made from it.
const orderEvents = "../../testdata/answers/order-events.yaml"

func orderRecord(t *testing.T) string {
	t.Helper()
	cat := shipped.Catalog(t)
	d := decide(t, cat, orderEvents, readFile(t, orderEvents))
	return string(writeRecord(t, cat, d, record.Meta{Date: recordDate}))
}

// lineOf returns the 1-based line of the first line of text that starts with prefix.
func lineOf(t *testing.T, text, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

// withBlock replaces a record's answers block body.
func withBlock(t *testing.T, text, body string) string {
	t.Helper()
	start := strings.Index(text, "```yaml sfpattern-answers\n")
	if start < 0 {
		t.Fatal("no answers block")
	}
	return text[:start] + "```yaml sfpattern-answers\n" + body + "```\n"
}

// TestExtractAnswersRefuses covers records whose block is missing or corrupted: the first gives
// ErrNoAnswers; the rest give one problem naming the file and the record's own line.
func TestExtractAnswersRefuses(t *testing.T) {
	rec := orderRecord(t)
	fence := lineOf(t, rec, "```yaml sfpattern-answers")
	cases := []struct {
		name string
		text string
		line int // 0: ErrNoAnswers
		msg  string
	}{
		{"no block", "---\nstatus: proposed\n---\n# A decision\n\n```yaml\nname: x\n```\n", 0, ""},
		{"never closed", strings.TrimSuffix(rec, "```\n"), fence, "never closed"},
		{"two blocks", rec + "\n```yaml sfpattern-answers\nanswers: {}\n```\n", strings.Count(rec, "\n") + 2, "second answers block"},
		{"bad YAML", withBlock(t, rec, "answers:\n  name: x\n   direction: [\n"), fence + 3, "not valid YAML"},
		{"a list", withBlock(t, rec, "- name: x\n"), fence + 1, "expected a mapping"},
		{"empty", withBlock(t, rec, ""), fence + 1, "empty"},
		{"no answers", withBlock(t, rec, "schema_version: 1\ndecision: {mechanism: rest_api, pattern: remote_call_in}\n"), fence + 1, "no answers"},
		{"answers a list", withBlock(t, rec, "schema_version: 1\nanswers:\n  - name\n"), fence + 3, "must be a mapping"},
		{"unknown key", withBlock(t, rec, "answers: {name: x}\nanswerz: {}\n"), fence + 2, `unknown key "answerz"`},
		{"schema version", withBlock(t, rec, "schema_version: 2\nanswers: {name: x}\n"), fence + 1, "unsupported schema_version"},
		{"decision of the wrong shape", withBlock(t, rec, "answers: {name: x}\ndecision: [rest_api]\n"), fence + 2, "decision: expected"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := record.ExtractAnswers("0007-x.md", []byte(tc.text))
			if tc.line == 0 {
				if !errors.Is(err, record.ErrNoAnswers) || !strings.Contains(err.Error(), "0007-x.md") {
					t.Fatalf("got %v, want ErrNoAnswers naming the file", err)
				}
				return
			}
			ps := rules.AsProblems(err)
			if len(ps) != 1 {
				t.Fatalf("got %v, want one problem", err)
			}
			if p := ps[0]; p.File != "0007-x.md" || p.Line != tc.line || !strings.Contains(p.Msg, tc.msg) {
				t.Errorf("got %q at line %d, want %q at line %d", p.Error(), p.Line, tc.msg, tc.line)
			}
		})
	}
}

// TestReadAnswersLines: the engine's problems about stored answers point at the record's lines,
// also in a block a person edited (comments, blank lines, flow style), and a missing field
// points at the answers key.
func TestReadAnswersLines(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	edited := strings.Replace(rec, "  latency: seconds\n", "  # changed after the review\n\n  latency: soon\n", 1)
	edited = strings.Replace(edited, "  licenses: 400\n", "  licences: 400\n", 1)
	_, err := record.ReadAnswers(cat, "r.md", []byte(edited), record.ReadOptions{})
	want := map[string]int{"latency": lineOf(t, edited, "  latency: soon"), "licences": lineOf(t, edited, "  licences:")}
	checkProblemLines(t, err, want)

	flow := withBlock(t, rec, "schema_version: 1\nanswers: {name: Flow, direction: sideways,\n  latency: hours}\n")
	_, err = record.ReadAnswers(cat, "r.md", []byte(flow), record.ReadOptions{})
	fence := lineOf(t, flow, "```yaml sfpattern-answers")
	checkProblemLines(t, err, map[string]int{"direction": fence + 2, "source_of_truth": fence + 2})

	_, err = record.ReadAnswers(cat, "r.md", []byte(withBlock(t, rec, "schema_version: 1\nanswers: {}\n")), record.ReadOptions{Sets: []string{"latency=soon"}})
	ps := rules.AsProblems(err)
	if len(ps) == 0 {
		t.Fatal("empty answers accepted")
	}
	for _, p := range ps {
		switch {
		case p.File == "--set" && p.Line != 0:
			t.Errorf("a --set problem got a line: %v", p)
		case p.File == "r.md" && p.Line != fence+2:
			t.Errorf("missing field not at the answers key (line %d): %v", fence+2, p)
		}
	}
}

// checkProblemLines wants a problem for each field at the given line.
func checkProblemLines(t *testing.T, err error, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	for _, p := range rules.AsProblems(err) {
		if _, dup := got[p.Field]; !dup {
			got[p.Field] = p.Line
		}
	}
	for field, line := range want {
		if got[field] != line {
			t.Errorf("%s: problem at line %d, want %d (all: %v)", field, got[field], line, err)
		}
	}
}

// TestReadAnswersTypes: re-marshalling keeps YAML's types, so quoted numbers stay text and are
// refused as in an answers file, and a name over two lines is refused at its line: a name is one
// line of plain text (it becomes the record's title and file name).
func TestReadAnswersTypes(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	quoted := strings.Replace(rec, "  records_per_day: 6000\n", "  records_per_day: \"6000\"\n", 1)
	_, err := record.ReadAnswers(cat, "r.md", []byte(quoted), record.ReadOptions{})
	checkProblemLines(t, err, map[string]int{"records_per_day": lineOf(t, quoted, "  records_per_day:")})

	multi := strings.Replace(rec, "  name: Order status to fulfilment systems\n", "  name: |\n    Order status\n    to fulfilment\n", 1)
	_, err = record.ReadAnswers(cat, "r.md", []byte(multi), record.ReadOptions{})
	checkProblemLines(t, err, map[string]int{"name": lineOf(t, multi, "  name:")})

	folded := strings.Replace(rec, "  name: Order status to fulfilment systems\n", "  name: |\n    Order status to fulfilment\n", 1)
	in, err := record.ReadAnswers(cat, "r.md", []byte(folded), record.ReadOptions{})
	a := in.Answers
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := a.Get("name"); name != "Order status to fulfilment\n" {
		t.Errorf("name = %q", name)
	}
}

// TestAnswersBlockRoundTrip: what Write stores, ExtractAnswers gives back, field by field.
func TestAnswersBlockRoundTrip(t *testing.T) {
	cat := shipped.Catalog(t)
	d := decide(t, cat, orderEvents, readFile(t, orderEvents))
	s, err := record.ExtractAnswers("r.md", writeRecord(t, cat, d, record.Meta{Date: recordDate}))
	if err != nil {
		t.Fatal(err)
	}
	var stored yaml.Node
	if err := yaml.Unmarshal(s.Answers, &stored); err != nil {
		t.Fatal(err)
	}
	m := stored.Content[0]
	if len(m.Content) != 2*len(d.Answers) {
		t.Fatalf("stored %d fields, decision has %d", len(m.Content)/2, len(d.Answers))
	}
	for i, a := range d.Answers {
		if k, v := m.Content[2*i].Value, m.Content[2*i+1].Value; k != a.ID || v != fmt.Sprint(a.Value) {
			t.Errorf("field %d: %s = %s, want %s = %v (question order)", i, k, v, a.ID, a.Value)
		}
	}
	if s.Knowledge.LimitsRelease != cat.Knowledge.LimitsRelease || s.Decision.Capacity[0].Limit != d.Capacity[0].Limit {
		t.Errorf("stored %+v", s)
	}
}

// FuzzExtractAnswers: any input gives answers or an error, never a panic; answers given are
// YAML the engine can parse.
func FuzzExtractAnswers(f *testing.F) {
	f.Add("---\nstatus: proposed\n---\n\n```yaml sfpattern-answers\nanswers:\n  name: x\n```\n")
	f.Add("```yaml sfpattern-answers\nanswers: {a: [1, {b: *c}], d: &c e}\ndecision: {capacity: [{}]}\n```")
	f.Add("```yaml sfpattern-answers\nanswers:\n  name: \"a\\nb\"\n\n\n  x: |\n    y\n```\n```yaml sfpattern-answers\n")
	f.Add("```yaml  sfpattern-answers \n\t- [\n```")
	f.Add("```yaml sfpattern-answers\nanswers:\n  name: x\n---\nanswers:\n  name: y\n```\n")
	f.Add("\xff\xfe`\x00`\x00`\x00\n\x00")
	f.Add("# title\x00\x00\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := record.ExtractAnswers("f.md", []byte(text))
		if err != nil {
			return
		}
		var n yaml.Node
		if err := yaml.Unmarshal(s.Answers, &n); err != nil {
			t.Fatalf("stored answers are not YAML: %v\n%s", err, s.Answers)
		}
	})
}

// TestRecordEncodings: a record saved again as UTF-16 (with its byte-order mark, either order)
// reads as the UTF-8 one; one with NUL bytes and no mark, or a block holding a second YAML
// document, is refused with a reason rather than skipped or half-read.
func TestRecordEncodings(t *testing.T) {
	rec := orderRecord(t)
	want, err := record.ExtractAnswers("r.md", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	units := utf16.Encode([]rune(rec))
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	var bare []byte
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
		bare = append(bare, byte(u), byte(u>>8))
	}
	for name, data := range map[string][]byte{"UTF-16LE": le, "UTF-16BE": be} {
		got, err := record.ExtractAnswers("r.md", data)
		if err != nil || !bytes.Equal(got.Answers, want.Answers) || got.Line != want.Line {
			t.Errorf("%s: %v; answers equal: %v", name, err, bytes.Equal(got.Answers, want.Answers))
		}
	}
	if _, err := record.ExtractAnswers("r.md", bare); err == nil || errors.Is(err, record.ErrNoAnswers) || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("UTF-16 without a mark: %v; want it refused as not UTF-8", err)
	}
	two := strings.Replace(rec, "\nanswers:\n", "\nanswers:\n  name: first\n---\nanswers:\n", 1)
	_, err = record.ExtractAnswers("r.md", []byte(two))
	marker := lineOf(t, two, "answers:") + 2 // answers:, name: first, then the ---
	if err == nil || !strings.Contains(err.Error(), "one YAML document") || !strings.Contains(err.Error(), fmt.Sprintf("r.md:%d:", marker)) {
		t.Errorf("second document: %v (want line %d)", err, marker)
	}
}

// TestReadAnswersPartial: the wizard's starting point is read like any other record: a bad value
// at the record's line, and nothing required, defaulted or cross-checked.
func TestReadAnswersPartial(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	partial := strings.Replace(rec, "  direction: outbound\n", "", 1)
	partial = strings.Replace(partial, "  records_per_run: 1\n", "  records_per_run: 9000000\n", 1) // above the daily volume
	in, err := record.ReadAnswers(cat, "r.md", []byte(partial), record.ReadOptions{Partial: true})
	if err != nil {
		t.Fatalf("a partial record refused: %v", err)
	}
	if _, set := in.Answers.Get("direction"); set || in.Stored == nil || len(in.Warnings) > 0 {
		t.Errorf("direction set: %v; stored: %v; warnings: %v", set, in.Stored != nil, in.Warnings)
	}
	bad := strings.Replace(partial, "  latency: seconds\n", "  latency: soon\n", 1)
	_, err = record.ReadAnswers(cat, "r.md", []byte(bad), record.ReadOptions{Partial: true})
	checkProblemLines(t, err, map[string]int{"latency": lineOf(t, bad, "  latency: soon")})
	if ps := rules.AsProblems(err); len(ps) != 1 {
		t.Errorf("got %v, want the bad value alone", err)
	}
}

// TestReadAnswersOrgLine: a problem with the org a record stored points at the record's line of
// the org's figures, and comes with the answers' own problems.
func TestReadAnswersOrgLine(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := strings.Replace(orderRecord(t), "\ndecision:\n", "\norg:\n  addons:\n    no_such_allocation: 5\ndecision:\n", 1)
	rec = strings.Replace(rec, "  latency: seconds\n", "  latency: soon\n", 1)
	_, err := record.ReadAnswers(cat, "r.md", []byte(rec), record.ReadOptions{})
	checkProblemLines(t, err, map[string]int{
		"latency":                       lineOf(t, rec, "  latency: soon"),
		"org.addons.no_such_allocation": lineOf(t, rec, "  addons:"),
	})
}

// TestReadAnswersTellsRecords: a record is a .md file or input that opens with front matter, in
// any encoding ToUTF8 reads; YAML that opens with a document marker is an answers file; a
// Markdown file without the block gives ErrNoAnswers.
func TestReadAnswersTellsRecords(t *testing.T) {
	cat := shipped.Catalog(t)
	rec := orderRecord(t)
	utf16le := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(rec)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	answers := readFile(t, orderEvents)
	for _, tc := range []struct {
		name, file string
		data       []byte
		record     bool
	}{
		{"record", "r.md", []byte(rec), true},
		{"record on standard input", "standard input", []byte(rec), true},
		{"UTF-16 record on standard input", "standard input", utf16le, true},
		{"answers file", "a.yaml", answers, false},
		{"answers after a document marker", "standard input", append([]byte("---\n"), answers...), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := record.ReadAnswers(cat, tc.file, tc.data, record.ReadOptions{})
			if err != nil || (in.Stored != nil) != tc.record {
				t.Errorf("read as a record: %v, want %v (%v)", in.Stored != nil, tc.record, err)
			}
		})
	}
	if _, err := record.ReadAnswers(cat, "notes.md", []byte("---\ntitle: x\n---\n# Notes\n"), record.ReadOptions{}); !errors.Is(err, record.ErrNoAnswers) {
		t.Errorf("Markdown without a block: %v, want ErrNoAnswers", err)
	}
}

// FuzzReadAnswers: whatever the input and whether it is called a record or not, the one reader
// gives answers or an error, never a panic, and a partial read never fails where a full one
// found nothing wrong.
func FuzzReadAnswers(f *testing.F) {
	cat := shipped.Catalog(f)
	f.Add("r.md", "---\nstatus: proposed\n---\n\n```yaml sfpattern-answers\nanswers:\n  name: x\n```\n")
	f.Add("standard input", "---\nname: x\ndirection: inbound\n")
	f.Add("a.yaml", "name: x\nrecords_per_day: 2M\n")
	f.Add("r.md", "```yaml sfpattern-answers\nanswers: {name: x}\norg: {addons: {x: -1}}\n```\n")
	f.Fuzz(func(t *testing.T, file, text string) {
		_, full := record.ReadAnswers(cat, file, []byte(text), record.ReadOptions{})
		_, partial := record.ReadAnswers(cat, file, []byte(text), record.ReadOptions{Partial: true})
		if full == nil && partial != nil {
			t.Fatalf("a full read passed and a partial one failed: %v", partial)
		}
	})
}
