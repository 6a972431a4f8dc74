package advisor

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/advisor/record"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

var pinned = func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }

// sampleAnswers reads testdata/answers/order-events.yaml, without `drop` fields.
func sampleAnswers(t *testing.T, c *rules.Catalog, drop ...string) rules.Answers {
	t.Helper()
	data, err := os.ReadFile("../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers("order-events.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	// The file leaves the number of external clients to its default (one per subscriber, for an
	// outbound integration), which the wizard would ask: state it, as a complete file would.
	a.Put("external_clients", 3)
	for _, id := range drop {
		a.Delete(id)
	}
	return a
}

func press(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }
func text(s string) tea.KeyPressMsg   { return tea.KeyPressMsg{Code: []rune(s)[0], Text: s} }
func shiftTab() tea.KeyPressMsg       { return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift} }
func send(m *model, msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		runCmd(m, cmd)
	}
}

// runCmd runs a command's message back into the model, as the program would (one level deep,
// which is all the advisor's commands need).
func runCmd(m *model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runCmd(m, c)
		}
	case recordRenderedMsg, whatIfRenderedMsg, exportedMsg:
		m.Update(msg)
	}
}

func newTestModel(t *testing.T, o Options) *model {
	t.Helper()
	if o.Catalog == nil {
		o.Catalog = shipped.Catalog(t)
	}
	o.Now = pinned
	m := newModel(o)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// TestWizardFlow completes the whole wizard through the program (teatest, fixed size, ASCII
// profile, no sleeps) and reaches the results with the engine's recommendation.
func TestWizardFlow(t *testing.T) {
	c := shipped.Catalog(t)
	m := newModel(Options{Catalog: c, Now: pinned})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type("Order events")
	tm.Send(press(tea.KeyEnter))
	// direction outbound, sot salesforce, interaction: data (down once)
	tm.Send(press(tea.KeyEnter))
	tm.Send(press(tea.KeyEnter))
	tm.Send(press(tea.KeyDown))
	tm.Send(press(tea.KeyEnter))
	tm.Send(press(tea.KeyDown)) // latency: seconds
	tm.Send(press(tea.KeyEnter))
	tm.Send(press(tea.KeyEnter)) // ack: none
	tm.Type("20k")
	tm.Send(press(tea.KeyEnter))
	for range 13 { // the rest keep their defaults
		tm.Send(press(tea.KeyEnter))
	}
	tm.Send(press(tea.KeyEnter)) // review: see the recommendation
	tm.Send(text("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if fm.decision == nil {
		t.Fatalf("no decision; state %d, current %v", fm.state, fm.current)
	}
	a, _, err := c.ReadAnswers("", nil, []string{"name=Order events", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=20000"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := c.Evaluate(a)
	if got := fm.decision.Recommendation.Mechanism; got != want.Recommendation.Mechanism {
		t.Errorf("wizard recommended %s, engine %s", got, want.Recommendation.Mechanism)
	}
}

// TestBackFromInvalidField: shift+tab leaves a field whose value is invalid.
func TestBackFromInvalidField(t *testing.T) {
	m := newTestModel(t, Options{})
	m.open(m.cat.Question("records_per_day"))
	send(m, text("x"), press(tea.KeyEnter))
	if m.field.err == "" || m.current.ID != "records_per_day" {
		t.Fatalf("want an error on records_per_day, got %q on %s", m.field.err, m.current.ID)
	}
	if !strings.Contains(ansi.Strip(m.View().Content), "whole number") {
		t.Error("the error is not on screen")
	}
	send(m, shiftTab())
	if m.current == nil || m.current.ID != "ack" {
		t.Fatalf("shift+tab from an invalid field went to %v, want ack", m.current)
	}
	if _, set := m.answers.Get("records_per_day"); set {
		t.Error("the invalid value was saved")
	}
}

// TestPrefillAsksOnlyMissing: answers from a file are not asked again.
func TestPrefillAsksOnlyMissing(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c, "latency", "ack")})
	if m.current == nil || m.current.ID != "latency" {
		t.Fatalf("first question %v, want latency", m.current)
	}
	send(m, press(tea.KeyEnter))
	if m.current == nil || m.current.ID != "ack" {
		t.Fatalf("second question %v, want ack", m.current)
	}
	send(m, press(tea.KeyEnter))
	if m.state != stateReview {
		t.Fatalf("state %d after the last missing answer, want the review", m.state)
	}
}

// TestReviewShowsLabels: the review reads as the wizard asked, with option labels, Yes or No for
// booleans and numbers with separators, never raw ids.
func TestReviewShowsLabels(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c)})
	view := ansi.Strip(m.reviewView())
	for _, want := range []string{"Delivery confirmation", "6,000", "It can subscribe"} {
		if !strings.Contains(view, want) {
			t.Errorf("review lacks %q:\n%s", want, view)
		}
	}
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "middleware") && !strings.Contains(line, " No") {
			t.Errorf("middleware = false reads %q, want No", line)
		}
	}
}

// TestEditFromReview changes one answer from the review and sees the recommendation change.
func TestEditFromReview(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c)})
	if m.state != stateReview || m.preview == nil {
		t.Fatalf("state %d, preview %v: want the review with a recommendation", m.state, m.preview)
	}
	before := m.preview.Recommendation.Mechanism
	// open "receiver" and choose the SOAP endpoint: events can no longer reach it
	for i, q := range m.visibleQuestions() {
		if q.ID == "receiver" {
			m.reviewCursor = i
		}
	}
	send(m, press(tea.KeyEnter))
	if head := ansi.Strip(m.askView()); !strings.Contains(head, "changing one answer") || strings.Contains(head, "question 0 of") {
		t.Errorf("editing a prefilled answer from the review:\n%s", head)
	}
	send(m, press(tea.KeyDown), press(tea.KeyDown), press(tea.KeyEnter))
	if m.state != stateReview {
		t.Fatalf("state %d after editing, want the review", m.state)
	}
	after := m.preview.Recommendation.Mechanism
	if before == after {
		t.Errorf("recommendation stayed %s after receiver = soap_endpoint", after)
	}
}

// exportKey presses `e` on the results and runs the export, as the program would.
func exportKey(t *testing.T, m *model) {
	t.Helper()
	if m.state != stateResults {
		t.Fatalf("state %d, want results", m.state)
	}
	send(m, text("e"))
}

// TestExportWritesRecordAndContract: `e` writes the record and the contract under one number;
// the contract passes the schema; a second `e` on the same decision, even after going back to
// the review and returning, writes nothing and names the record already written; another
// session in the same folder gets the next number.
func TestExportWritesRecordAndContract(t *testing.T) {
	c := shipped.Catalog(t)
	dir := filepath.Join(t.TempDir(), "docs", "decisions") // created by the export
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: dir})
	send(m, press(tea.KeyEnter)) // see the recommendation
	exportKey(t, m)
	const slug = "0001-use-platform-events-for-order-status-to-fulfilment-systems"
	want := []string{filepath.Join(dir, slug+".md"), filepath.Join(dir, slug+".contract.yaml")}
	if !reflect.DeepEqual(m.exported, want) || m.status != "Wrote "+want[0]+" and "+want[1] {
		t.Fatalf("exported %v, status %q", m.exported, m.status)
	}
	linter, err := record.NewLinter(c)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(m.exported[1])
	findings, err := linter.Lint(m.exported[1], data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Code != "todo" && f.Level == record.LevelError {
			t.Errorf("exported contract: %v", f)
		}
	}
	if rec, _ := os.ReadFile(m.exported[0]); !strings.HasPrefix(string(rec), "---\nstatus: proposed\ndate: 2026-11-27\n") {
		t.Errorf("exported record: %.80q", rec)
	}

	exportKey(t, m)
	send(m, text("b")) // back to the review
	if m.state != stateReview {
		t.Fatalf("state %d after b, want the review", m.state)
	}
	send(m, press(tea.KeyEnter))
	exportKey(t, m)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 2 || len(m.exported) != 2 || !strings.Contains(m.status, "exported already, as "+want[0]) {
		t.Errorf("the same decision was exported again: files %v, status %q", files, m.status)
	}

	other := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: dir})
	send(other, press(tea.KeyEnter))
	_, first := other.Update(text("e"))
	if _, again := other.Update(text("e")); again != nil || other.status != "This decision is being exported already." {
		t.Errorf("e while the export runs: status %q", other.status)
	}
	runCmd(other, first)
	if len(other.exported) != 2 || !strings.HasPrefix(filepath.Base(other.exported[0]), "0002-") || !strings.HasPrefix(filepath.Base(other.exported[1]), "0002-") {
		t.Errorf("another session: %v", other.exported)
	}
}

// scenarioAnswers reads a scenario's answers block, completed with the defaults the wizard would
// offer, so that the wizard opens on the review.
func scenarioAnswers(t *testing.T, c *rules.Catalog, scenario string) rules.Answers {
	t.Helper()
	data, err := os.ReadFile("../testdata/scenarios/" + scenario)
	if err != nil {
		t.Fatal(err)
	}
	var sc struct {
		Answers yaml.Node `yaml:"answers"`
	}
	if err := yaml.Unmarshal(data, &sc); err != nil {
		t.Fatal(err)
	}
	block, _ := yaml.Marshal(&sc.Answers)
	a, err := c.ParseAnswers(scenario, block)
	if err != nil {
		t.Fatal(err)
	}
	complete, _, err := c.CheckAnswers(a)
	if err != nil {
		t.Fatal(err)
	}
	return complete
}

// TestExportNothingFits: when no mechanism meets the requirements there is no contract to write:
// the export writes the record alone and says so.
func TestExportNothingFits(t *testing.T) {
	c := shipped.Catalog(t)
	dir := t.TempDir()
	m := newTestModel(t, Options{Catalog: c, Prefill: scenarioAnswers(t, c, "professional-edition-rest-only-endpoint-nothing-fits.yaml"), ExportDir: dir})
	send(m, press(tea.KeyEnter))
	if m.decision == nil || m.decision.Feasible() {
		t.Fatalf("the scenario should have no feasible mechanism: %+v", m.decision)
	}
	exportKey(t, m)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || len(m.exported) != 1 || !strings.HasSuffix(files[0], ".md") ||
		m.status != "Wrote "+files[0]+" (no contract: no mechanism meets these requirements)" {
		t.Errorf("files %v, exported %v, status %q", files, m.exported, m.status)
	}
}

// TestExportFails: a folder that cannot be made writes nothing, says so, and may be retried
// (a failed export is not remembered as done).
func TestExportFails(t *testing.T) {
	c := shipped.Catalog(t)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: filepath.Join(blocker, "decisions")})
	send(m, press(tea.KeyEnter))
	for range 2 {
		exportKey(t, m)
		if len(m.exported) != 0 || !strings.HasPrefix(m.status, "Export failed, nothing written: ") {
			t.Errorf("exported %v, status %q", m.exported, m.status)
		}
	}
}

// TestCtrlCAborts: Ctrl-C in every state interrupts the program, marked aborted, nothing written.
func TestCtrlCAborts(t *testing.T) {
	c := shipped.Catalog(t)
	dir := t.TempDir()
	for _, prefill := range []rules.Answers{rules.NewAnswers(), sampleAnswers(t, c)} {
		m := newTestModel(t, Options{Catalog: c, Prefill: prefill, ExportDir: dir})
		for _, state := range []state{m.state, stateResults} {
			if state == stateResults && m.state == stateReview {
				send(m, press(tea.KeyEnter))
			}
			_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			if !m.aborted || cmd == nil {
				t.Fatalf("state %d: ctrl+c did not abort", m.state)
			}
			if _, ok := cmd().(tea.InterruptMsg); !ok {
				t.Errorf("state %d: ctrl+c does not interrupt the program", m.state)
			}
		}
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
}

// TestTinyTerminal: below 60×20 a notice shows, at 1×1 nothing panics, and enlarging recovers.
func TestTinyTerminal(t *testing.T) {
	m := newTestModel(t, Options{})
	for _, size := range [][2]int{{1, 1}, {59, 30}, {80, 19}} {
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if v := ansi.Strip(m.View().Content); size[0] > 1 && !strings.Contains(v, "too small") {
			t.Errorf("%v: no notice: %q", size, v)
		}
	}
	send(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if v := ansi.Strip(m.View().Content); strings.Contains(v, "too small") || !strings.Contains(v, m.current.Title) {
		t.Errorf("60×20 should show the question: %q", v)
	}
}

// TestAccessibleFromPipe answers every question from one reader and reaches the same decision as
// the engine gives for those answers.
func TestAccessibleFromPipe(t *testing.T) {
	c := shipped.Catalog(t)
	input := strings.Join([]string{"Order events", "1", "salesforce", "2", "2", "none", "20k",
		"", "", "", "", "", "", "", "", "", "", "", "", ""}, "\n") + "\n"
	var out strings.Builder
	a, err := AskAccessible(c, rules.NewAnswers(), strings.NewReader(input), &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if strings.ContainsAny(out.String(), "╭│─\x1b") {
		t.Error("accessible output has box drawing or escape codes")
	}
	checked, _, err := c.CheckAnswers(a)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := c.ReadAnswers("", nil, []string{"name=Order events", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=20000"})
	d1, _ := c.Evaluate(checked)
	d2, _ := c.Evaluate(want)
	if !reflect.DeepEqual(d1.Recommendation, d2.Recommendation) {
		t.Errorf("accessible %+v, engine %+v", d1.Recommendation, d2.Recommendation)
	}
	_, err = AskAccessible(c, rules.NewAnswers(), strings.NewReader("Only a name\n"), &out)
	if err != ErrInputEnded {
		t.Errorf("short input: %v, want ErrInputEnded", err)
	}
}

// TestGoldenViews pins every results tab at 80×24 and 120×40, and the wizard at 60×20, as plain
// text (read the diffs before accepting them with -update).
func TestGoldenViews(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	c := shipped.Catalog(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c)})
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, press(tea.KeyEnter))
		for tab := range tabCount {
			send(m, text(string(rune('1'+tab))))
			t.Run(strings.ReplaceAll(tabNames[tab], " ", "_")+"_"+sizeName(size), func(t *testing.T) {
				golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
			})
		}
	}
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c, "latency")})
	send(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	t.Run("wizard_60x20", func(t *testing.T) {
		golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
	})
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }
