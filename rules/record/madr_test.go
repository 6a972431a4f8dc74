package record_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// recordDate pins the records' date so that goldens do not change with the calendar.
var recordDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// scenarioFile is the part of a scenario file a record needs: its answers.
type scenarioFile struct {
	Answers yaml.Node `yaml:"answers"`
	Expect  yaml.Node `yaml:"expect"`
}

// scenarioNames lists the shared scenarios by file name.
func scenarioNames(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../../testdata/scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no scenarios: %v", err)
	}
	return files
}

// scenarioAnswers returns a scenario's answers as an answers file.
func scenarioAnswers(tb testing.TB, file string) []byte {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var sc scenarioFile
	if err := yaml.Unmarshal(data, &sc); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	out, err := yaml.Marshal(&sc.Answers)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// decide evaluates an answers file.
func decide(tb testing.TB, cat *rules.Catalog, name string, answers []byte) *rules.Decision {
	tb.Helper()
	a, warnings, err := cat.ReadAnswers(name, answers, nil)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	d, err := cat.Evaluate(a)
	if err != nil {
		tb.Fatal(err)
	}
	d.Warnings = append(warnings, d.Warnings...)
	return d
}

func writeRecord(tb testing.TB, cat *rules.Catalog, d *rules.Decision, m record.Meta) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := record.Write(&b, cat, d, m); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func scenarioName(file string) string { return strings.TrimSuffix(filepath.Base(file), ".yaml") }

// TestRecordScenarios pins the decision record of every shared scenario; the goldens are read
// by a person when they change (go test -update).
func TestRecordScenarios(t *testing.T) {
	cat := shipped.Catalog(t)
	for _, file := range scenarioNames(t) {
		t.Run(scenarioName(file), func(t *testing.T) {
			d := decide(t, cat, file, scenarioAnswers(t, file))
			golden.RequireEqual(t, writeRecord(t, cat, d, record.Meta{Date: recordDate}))
		})
	}
}

// madrSections are MADR 4.0.0's second-level sections, in MADR's order.
var madrSections = []string{
	"Context and Problem Statement", "Decision Drivers", "Considered Options", "Decision Outcome",
	"Pros and Cons of the Options", "More Information",
}

// frontMatter is the record's YAML front matter; unknown keys fail the decode.
type frontMatter struct {
	Status         string    `yaml:"status"`
	Date           time.Time `yaml:"date"`
	DecisionMakers []string  `yaml:"decision-makers"`
	Consulted      []string  `yaml:"consulted"`
	Informed       []string  `yaml:"informed"`
	Tags           []string  `yaml:"tags"`
	Summary        string    `yaml:"summary"`
}

// TestRecordStructure checks every scenario's record the way a MADR tool reads it: valid front
// matter, MADR's sections in MADR's order, the chosen option's sentence, one pros-and-cons
// section per option, tables with a cell per column, a Mermaid sequence diagram whose arrows use
// declared participants, and an answers block that parses and holds the decision.
func TestRecordStructure(t *testing.T) {
	cat := shipped.Catalog(t)
	meta := record.Meta{
		Status: "accepted", Date: recordDate, DecisionMakers: []string{"Ana", "Raj: lead"},
		Consulted: []string{"Integration CoE"}, Informed: []string{"Support"},
	}
	for _, file := range scenarioNames(t) {
		t.Run(scenarioName(file), func(t *testing.T) {
			d := decide(t, cat, file, scenarioAnswers(t, file))
			text := string(writeRecord(t, cat, d, meta))
			checkFrontMatter(t, text, d, meta)
			checkSections(t, text, d)
			checkTables(t, text)
			if d.Feasible() {
				checkMermaid(t, fencedBlocks(text)["mermaid"])
			}
			s, err := record.ExtractAnswers("record.md", []byte(text))
			if err != nil {
				t.Fatalf("answers block: %v", err)
			}
			if s.Decision.Mechanism != d.Recommendation.Mechanism || s.Decision.Pattern != d.Recommendation.Pattern ||
				len(s.Decision.Capacity) != len(d.Capacity) || s.Knowledge.Version != cat.Knowledge.Version {
				t.Errorf("answers block holds %+v, %+v", s.Decision, s.Knowledge)
			}
			if !strings.HasSuffix(text, "```\n") {
				t.Error("the answers block is not the end of the record")
			}
		})
	}
}

func checkFrontMatter(t *testing.T, text string, d *rules.Decision, want record.Meta) {
	t.Helper()
	rest, ok := strings.CutPrefix(text, "---\n")
	end := strings.Index(rest, "\n---\n")
	if !ok || end < 0 {
		t.Fatal("no front matter")
	}
	var fm frontMatter
	dec := yaml.NewDecoder(strings.NewReader(rest[:end]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		t.Fatalf("front matter: %v", err)
	}
	if fm.Status != want.Status || !fm.Date.Equal(want.Date) || fm.Summary != d.Recommendation.Summary {
		t.Errorf("front matter status %q, date %v, summary %q", fm.Status, fm.Date, fm.Summary)
	}
	if strings.Join(fm.DecisionMakers, "|") != "Ana|Raj: lead" || len(fm.Consulted) != 1 || len(fm.Informed) != 1 {
		t.Errorf("people: %v %v %v", fm.DecisionMakers, fm.Consulted, fm.Informed)
	}
	if len(fm.Tags) < 2 || fm.Tags[0] != d.Recommendation.Mechanism || fm.Tags[1] != d.Recommendation.Pattern {
		t.Errorf("tags %v", fm.Tags)
	}
}

// headings returns the record's headings outside fenced blocks, "## Title" style.
func headings(text string) []string {
	var out []string
	fenced := false
	for line := range strings.SplitSeq(text, "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func checkSections(t *testing.T, text string, d *rules.Decision) {
	t.Helper()
	var h2 []string
	h3 := map[string][]string{}
	current := ""
	for _, h := range headings(text) {
		switch {
		case strings.HasPrefix(h, "# "):
			if h != "# "+record.Title(d) || current != "" {
				t.Errorf("title %q", h)
			}
		case strings.HasPrefix(h, "## "):
			current = strings.TrimPrefix(h, "## ")
			h2 = append(h2, current)
		case strings.HasPrefix(h, "### "):
			h3[current] = append(h3[current], strings.TrimPrefix(h, "### "))
		}
	}
	if strings.Join(h2, "|") != strings.Join(madrSections, "|") {
		t.Errorf("sections %q, want MADR's %q", h2, madrSections)
	}
	if !d.Feasible() {
		// Nothing meets the requirements: no option is chosen, so there is nothing to confirm,
		// no failure mode to design for and no pattern to draw.
		if got := strings.Join(h3["Decision Outcome"], "|"); got != "" {
			t.Errorf("Decision Outcome subsections %q for no chosen option", got)
		}
		if !strings.Contains(text, "## Decision Outcome\n\nNo option is chosen. No Salesforce mechanism meets") {
			t.Error("Decision Outcome does not say that no option is chosen")
		}
		if got := strings.Join(h3["More Information"], "|"); got != "Capacity at 1× and 10×|Sources|Answers" {
			t.Errorf("More Information %q", got)
		}
		return
	}
	if got := strings.Join(h3["Decision Outcome"], "|"); got != "Consequences|Confirmation" {
		t.Errorf("Decision Outcome subsections %q", got)
	}
	var names []string
	for _, r := range d.Ranking {
		names = append(names, r.Name)
	}
	if got := strings.Join(h3["Pros and Cons of the Options"], "|"); got != strings.Join(names, "|") || len(names) != 7 {
		t.Errorf("pros and cons for %q, want every option in ranking order", got)
	}
	chosen := "\nChosen option: \"" + d.Recommendation.MechanismName + "\", because "
	if !strings.Contains(text, "## Decision Outcome\n"+chosen) {
		t.Errorf("Decision Outcome does not open with %q", chosen)
	}
	for _, want := range []string{"Capacity at 1× and 10×", "Failure modes", "Recovery runbook", "Sequence diagram", "Sources", "Answers"} {
		if !slices.Contains(h3["More Information"], want) {
			t.Errorf("More Information lacks %q: %q", want, h3["More Information"])
		}
	}
	if !strings.Contains(text, "* Good, because ") || !strings.Contains(text, "* Bad, because ") {
		t.Error("no Good/Bad arguments")
	}
}

// checkTables counts each table row's cells against its header: an unescaped pipe in a cell, or
// a line break, would shift the columns.
func checkTables(t *testing.T, text string) {
	t.Helper()
	columns := 0
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			columns = 0
			continue
		}
		cells := len(strings.Split(strings.ReplaceAll(line, `\|`, ""), "|")) - 2
		if columns == 0 {
			columns = cells
		} else if cells != columns {
			t.Errorf("row has %d cells, header %d: %s", cells, columns, line)
		}
	}
}

// fencedBlocks returns the body of the first fenced block of each info string.
func fencedBlocks(text string) map[string]string {
	blocks := map[string]string{}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		info, ok := strings.CutPrefix(lines[i], "```")
		if !ok || info == "" {
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j] != "```" {
			j++
		}
		if _, seen := blocks[info]; !seen {
			blocks[info] = strings.Join(lines[i+1:j], "\n")
		}
		i = j
	}
	return blocks
}

// checkMermaid parses the sequence diagram as far as a reader needs: the diagram type,
// participants, and messages between declared participants.
func checkMermaid(t *testing.T, body string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if lines[0] != "sequenceDiagram" {
		t.Fatalf("the Mermaid block does not start with sequenceDiagram: %q", lines[0])
	}
	declared := map[string]bool{}
	messages := 0
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		kind, rest, _ := strings.Cut(l, " ")
		if kind == "participant" || kind == "actor" {
			declared[strings.Fields(rest)[0]] = true
			continue
		}
		from, rest, ok := strings.Cut(l, ">>")
		if !ok {
			continue
		}
		to, _, _ := strings.Cut(rest, ":")
		for _, p := range []string{strings.TrimRight(from, "-"), strings.TrimLeft(strings.TrimSpace(to), "+-")} {
			if !declared[strings.TrimSpace(p)] {
				t.Errorf("message between undeclared participants: %q", l)
			}
		}
		messages++
	}
	if len(declared) < 2 || messages == 0 {
		t.Errorf("sequence diagram has %d participants and %d messages", len(declared), messages)
	}
}

// TestRecordHostileName: an integration name with Markdown, HTML and a fence stays in its place:
// the record keeps MADR's structure, one answers block, and the exact name. (Line breaks and
// control characters in a name are refused when it is read.)
func TestRecordHostileName(t *testing.T) {
	cat := shipped.Catalog(t)
	name := "Orders | ERP <b>bold</b> ```yaml sfpattern-answers ## Fake section [x](javascript:alert(1))"
	answers, err := yaml.Marshal(map[string]any{
		"name": name, "direction": "inbound", "source_of_truth": "external",
		"interaction": "data", "latency": "hours", "ack": "delivery", "records_per_day": 50000,
	})
	if err != nil {
		t.Fatal(err)
	}
	d := decide(t, cat, "hostile.yaml", answers)
	text := string(writeRecord(t, cat, d, record.Meta{Date: recordDate}))
	checkSections(t, text, d)
	checkTables(t, text)
	if prose, _, _ := strings.Cut(text, "```yaml sfpattern-answers"); strings.Contains(prose, "<b>") {
		t.Error("raw HTML from the name reached the record's prose")
	}
	in, err := record.ReadAnswers(cat, "hostile.md", []byte(text), record.ReadOptions{})
	a := in.Answers
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Get("name"); got != name {
		t.Errorf("name read back as %q", got)
	}
}
