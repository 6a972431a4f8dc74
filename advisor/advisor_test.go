package advisor

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
	"github.com/sfpattern/sfpattern/rules/record"
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

// Fields return no commands in these tests (only their cursors' blink timers would be lost).
func init() { quietFields = true }

// runCmd runs a command and feeds the advisor's own messages back into the model, as the
// program would, with the commands they return.
func runCmd(m *model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runCmd(m, c)
		}
	case recordRenderedMsg, whatIfFoundMsg, exportedMsg, draftSavedMsg:
		_, next := m.Update(msg)
		runCmd(m, next)
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
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=Order events", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=20000",
	})
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
	if m.field.err() == "" || m.current.ID != "records_per_day" {
		t.Fatalf("want an error on records_per_day, got %q on %s", m.field.err(), m.current.ID)
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

// exportKey presses `e` on the results, accepts the export form's status and decision makers
// with enter twice, and runs the export, as the program would.
func exportKey(t *testing.T, m *model) {
	t.Helper()
	if m.state != stateResults {
		t.Fatalf("state %d, want results", m.state)
	}
	send(m, text("e"))
	if m.exportForm != nil {
		send(m, press(tea.KeyEnter), press(tea.KeyEnter))
	}
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
	linter, err := contract.NewLinter(c)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(m.exported[1])
	findings, err := linter.Lint(m.exported[1], data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Code != "todo" && f.Level == contract.LevelError {
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
	send(other, text("e"), press(tea.KeyEnter))
	_, first := other.Update(press(tea.KeyEnter))
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
	input := strings.Join([]string{
		"Order events", "1", "salesforce", "2", "2", "none", "20k",
		"", "", "", "", "", "", "", "", "", "", "", "", "",
	}, "\n") + "\n"
	var out strings.Builder
	a, err := AskAccessible(c, rules.NewAnswers(), rules.NewAnswers(), strings.NewReader(input), &out)
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
	want, _, _ := c.ReadAnswers("", nil, []string{
		"name=Order events", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=20000",
	})
	d1, _ := c.Evaluate(checked)
	d2, _ := c.Evaluate(want)
	if !reflect.DeepEqual(d1.Recommendation, d2.Recommendation) {
		t.Errorf("accessible %+v, engine %+v", d1.Recommendation, d2.Recommendation)
	}
	_, err = AskAccessible(c, rules.NewAnswers(), rules.NewAnswers(), strings.NewReader("Only a name\n"), &out)
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
	for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 45}} {
		for _, screen := range wizardScreens {
			m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c, screen.drop...)})
			send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			screen.reach(m)
			t.Run("wizard_"+screen.name+"_"+sizeName(size), func(t *testing.T) {
				golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
			})
		}
	}
}

// wizardScreens are the wizard's screens the goldens pin: each starts from the sample answers
// without the fields it drops, and is reached by the keys it presses.
var wizardScreens = []struct {
	name  string
	drop  []string
	reach func(*model)
}{
	{"select", []string{"interaction"}, func(*model) {}},
	{"number_default", []string{"licenses"}, func(*model) {}},
	{"number_error", []string{"records_per_day"}, func(m *model) { typeKeys(m, "12k5"); send(m, press(tea.KeyEnter)) }},
	{"keys", []string{"ordering"}, func(m *model) { send(m, text("?")) }},
	{"quit", []string{"name"}, func(m *model) { typeKeys(m, "Orders"); send(m, press(tea.KeyEscape)) }},
	{"review", nil, func(*model) {}},
	{"review_edit", nil, func(m *model) { send(m, text("g"), press(tea.KeyDown), press(tea.KeyEnter)) }},
	{"export_form", nil, func(m *model) { send(m, press(tea.KeyEnter), text("e")) }},
	{"export_form_names", nil, func(m *model) { send(m, press(tea.KeyEnter), text("e"), press(tea.KeyEnter)) }},
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }

// typeKeys presses one key per character of s.
func typeKeys(m *model, s string) {
	for _, r := range s {
		m.Update(text(string(r)))
	}
}

// openAt opens the question id after the answers a gives, as the wizard would reach it.
func openAt(t *testing.T, m *model, id string) {
	t.Helper()
	q := m.cat.Question(id)
	if q == nil {
		t.Fatalf("no question %s", id)
	}
	runCmd(m, m.open(q))
}

// TestBackNeverStores: going back from a question stores nothing (the highlighted option is not
// an answer), and Enter on the previous question returns to the one still unanswered, never past
// it (defect 1: shift+tab then Enter skipped "What crosses the boundary?" and stored its option).
func TestBackNeverStores(t *testing.T) {
	c := shipped.Catalog(t)
	m := newModel(Options{Catalog: c, Now: pinned})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type("Order events")
	tm.Send(press(tea.KeyEnter)) // name
	tm.Send(press(tea.KeyEnter)) // direction: outbound
	tm.Send(press(tea.KeyEnter)) // source of truth: salesforce
	tm.Send(press(tea.KeyDown))  // highlight "Data to copy and store" on What crosses the boundary?
	tm.Send(shiftTab())
	tm.Send(press(tea.KeyEnter)) // confirm the source of truth again
	tm.Send(press(tea.KeyEscape))
	tm.Send(text("q")) // leave without a draft
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if fm.current == nil || fm.current.ID != "interaction" {
		t.Fatalf("after back and enter the wizard shows %v, want interaction", fm.current)
	}
	if v, set := fm.answers.Get("interaction"); set {
		t.Errorf("going back stored interaction = %v", v)
	}
	if v, _ := fm.answers.Get("source_of_truth"); v != "salesforce" {
		t.Errorf("source_of_truth = %v", v)
	}
}

// TestTypeAhead: keys typed faster than the screen redraws (a paste, a script) each reach the
// question they were meant for.
func TestTypeAhead(t *testing.T) {
	m := newTestModel(t, Options{})
	// Everything in one go, without running a single command in between.
	for _, k := range []tea.Msg{text("X"), press(tea.KeyEnter), press(tea.KeyDown), press(tea.KeyEnter), press(tea.KeyEnter)} {
		m.Update(k)
	}
	if v, _ := m.answers.Get("direction"); v != "inbound" {
		t.Errorf("direction = %v, want inbound", v)
	}
	if v, _ := m.answers.Get("source_of_truth"); v == nil || m.current.ID != "interaction" {
		t.Errorf("source_of_truth = %v, now at %v", v, m.current.ID)
	}
}

// TestErrorStays: a refused value's message stays on screen until the next key press, whatever
// else arrives meanwhile (defect 2: the cursor's blink cleared it half a second later).
func TestErrorStays(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c, "records_per_day")})
	if m.current == nil || m.current.ID != "records_per_day" {
		t.Fatalf("at %v, want records_per_day", m.current)
	}
	typeKeys(m, "12k5")
	send(m, press(tea.KeyEnter))
	onScreen := func() bool { return strings.Contains(ansi.Strip(m.View().Content), "✗") }
	if !onScreen() {
		t.Fatalf("no error for 12k5:\n%s", ansi.Strip(m.View().Content))
	}
	for _, msg := range []tea.Msg{cursor.BlinkMsg{}, tea.FocusMsg{}, tea.BlurMsg{}, tea.WindowSizeMsg{Width: 120, Height: 40}} {
		m.Update(msg)
		if !onScreen() {
			t.Fatalf("the error went away on %T", msg)
		}
	}
	if _, set := m.answers.Get("records_per_day"); set {
		t.Error("12k5 was stored")
	}
	send(m, press(tea.KeyBackspace))
	if onScreen() {
		t.Error("the error outlived the next key press")
	}
}

// TestDefaultIsPlaceholder: a default is shown, not typed: typing replaces it, and Enter on an
// empty field takes it (defect 3: typing 500 over the licences default 100 gave 100,500).
func TestDefaultIsPlaceholder(t *testing.T) {
	c := shipped.Catalog(t)
	for typed, want := range map[string]int{"500": 500, "": 100, "2k": 2000} {
		m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c, "licenses")})
		if m.current == nil || m.current.ID != "licenses" {
			t.Fatalf("at %v, want licenses", m.current)
		}
		if !strings.Contains(ansi.Strip(m.View().Content), "100") {
			t.Errorf("the default 100 is not shown")
		}
		typeKeys(m, typed)
		send(m, press(tea.KeyEnter))
		if v, _ := m.answers.Get("licenses"); v != want {
			t.Errorf("typed %q: licenses = %v, want %d", typed, v, want)
		}
	}
}

// TestReviewFits: the review of a long outbound file scrolls within 80×24 and 60×20: the help
// bar stays on screen, the whole name is shown (wrapped), and the last row can be reached.
func TestReviewFits(t *testing.T) {
	c := shipped.Catalog(t)
	a := sampleAnswers(t, c)
	name := "Order status changes from Salesforce to the warehouse, billing and the customer portal"
	a.Put("name", name)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		m := newTestModel(t, Options{Catalog: c, Prefill: a})
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		send(m, text("g")) // the first row: the name
		view := ansi.Strip(m.View().Content)
		lines := strings.Split(view, "\n")
		if len(lines) > size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		if !strings.Contains(view, "enter change") {
			t.Errorf("%v: no help bar:\n%s", size, view)
		}
		if got := strings.Join(strings.Fields(view), " "); !strings.Contains(got, name) {
			t.Errorf("%v: the name is cut:\n%s", size, view)
		}
		for range m.reviewRows() {
			send(m, press(tea.KeyDown))
		}
		if view := ansi.Strip(m.View().Content); !strings.Contains(view, "› See the recommendation") || !strings.Contains(view, "enter change") {
			t.Errorf("%v: the last row is not reachable:\n%s", size, view)
		}
	}
}

// TestAccessibleAsksAgain: accessible mode asks again after any number of refused answers, says
// what is wrong each time, and keeps every answer (defect 5: it gave up after three).
func TestAccessibleAsksAgain(t *testing.T) {
	c := shipped.Catalog(t)
	input := strings.Join([]string{
		"Order events", "sideways", "9", "north", "0", "1", "salesforce", "2", "2", "none",
		"lots", "12k5", "-3", "20k", "", "", "", "", "", "", "", "", "", "", "", "", "",
	}, "\n") + "\n"
	var out strings.Builder
	a, err := AskAccessible(c, rules.NewAnswers(), rules.NewAnswers(), strings.NewReader(input), &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if n := strings.Count(out.String(), "Not accepted"); n != 7 {
		t.Errorf("%d refusals reported, want 7:\n%s", n, out.String())
	}
	if v, _ := a.Get("records_per_day"); v != 20000 {
		t.Errorf("records_per_day = %v", v)
	}
}

// TestNumberShowsUnitAndRange: a number question names its unit and range from the content, and
// only questions with large ranges show the hint for typing large numbers.
func TestNumberShowsUnitAndRange(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c})
	for id, want := range map[string][]string{
		"subscribers":             {"Subscribers, 1 to 1,000"},
		"receiver_downtime_hours": {"Hours of downtime, 0 to 8,760"},
		"records_per_day":         {"Records a day, 0 to 10,000,000,000", "2M"},
	} {
		openAt(t, m, id)
		view := strings.Join(strings.Fields(ansi.Strip(m.View().Content)), " ")
		for _, w := range want {
			if !strings.Contains(view, w) {
				t.Errorf("%s lacks %q:\n%s", id, w, view)
			}
		}
		if id != "records_per_day" && strings.Contains(view, "2M") {
			t.Errorf("%s shows the 2M hint", id)
		}
	}
}

// TestEditFromReviewCancels: editing an answer from the review says how to save and cancel, and
// both esc and shift+tab return to the review with the old answer.
func TestEditFromReviewCancels(t *testing.T) {
	c := shipped.Catalog(t)
	for _, cancel := range []tea.Msg{shiftTab(), press(tea.KeyEscape)} {
		m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c)})
		m.reviewCursor = 1 // direction
		send(m, press(tea.KeyEnter))
		if head := ansi.Strip(m.View().Content); !strings.Contains(head, "enter saves it, esc or shift+tab cancels") {
			t.Errorf("editing from the review does not say how to save:\n%s", head)
		}
		send(m, press(tea.KeyDown), cancel)
		if m.state != stateReview {
			t.Fatalf("%v: state %d, want the review", cancel, m.state)
		}
		if v, _ := m.answers.Get("direction"); v != "outbound" {
			t.Errorf("%v saved direction = %v", cancel, v)
		}
	}
}

// TestQuitPromptAndDraft: esc mid-wizard asks before leaving; s saves a draft (never over an
// existing file) and quits; the draft resumes with only the questions left; ? lists the keys.
func TestQuitPromptAndDraft(t *testing.T) {
	c := shipped.Catalog(t)
	dir := t.TempDir()
	m := newTestModel(t, Options{Catalog: c, DraftDir: dir})
	typeKeys(m, "Order events")
	send(m, press(tea.KeyEnter), press(tea.KeyDown), press(tea.KeyEnter)) // direction: inbound
	send(m, text("?"))
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "ctrl+s") || !strings.Contains(v, "nothing here is stored") {
		t.Errorf("? does not list the keys:\n%s", v)
	}
	send(m, press(tea.KeyEscape))
	if v := ansi.Strip(m.View().Content); !m.quitting || !strings.Contains(v, "Leave the wizard?") || !strings.Contains(v, "save a draft") {
		t.Fatalf("esc does not ask:\n%s", v)
	}
	send(m, press(tea.KeyEscape))
	if m.quitting || m.current.ID != "source_of_truth" {
		t.Fatalf("esc on the prompt does not return to the question (%v, %v)", m.quitting, m.current.ID)
	}
	send(m, tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}) // a first draft, then quit with a second
	send(m, press(tea.KeyEscape))
	_, quit := m.Update(text("s"))
	runCmd(m, quit)
	first, second := filepath.Join(dir, "order-events.draft.yaml"), filepath.Join(dir, "order-events.draft-2.yaml")
	if m.draft != second {
		t.Fatalf("draft %q, status %q; want %s", m.draft, m.status, second)
	}
	for _, p := range []string{first, second} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(string(data), "\n"); first != rules.AnswersSchemaComment {
			t.Errorf("%s starts with %q, not the answers schema's modeline", p, first)
		}
		resumed, err := c.ParseAnswers(p, data)
		if err != nil {
			t.Fatalf("the draft does not read back: %v\n%s", err, data)
		}
		again := newTestModel(t, Options{Catalog: c, Prefill: resumed})
		if again.current == nil || again.current.ID != "source_of_truth" {
			t.Errorf("resuming %s asks %v first, want source_of_truth", p, again.current)
		}
	}
}

// TestExportForm: `e` asks for the status and the decision makers, starting from the project's
// configuration; what the form holds goes into the record; esc cancels without writing; a name
// with a bidi override is refused at the field.
func TestExportForm(t *testing.T) {
	c := shipped.Catalog(t)
	configured := func(date time.Time) record.Meta {
		return record.Meta{Status: "accepted", Date: date, DecisionMakers: []string{"Ana", "Raj"}, Informed: []string{"Ops"}}
	}
	dir := t.TempDir()
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: dir, RecordMeta: configured})
	send(m, press(tea.KeyEnter), text("e"))
	if v := ansi.Strip(m.View().Content); m.exportForm == nil || !strings.Contains(v, "Status of the decision") || !strings.Contains(v, "› accepted") {
		t.Fatalf("e does not open the form on the configured status:\n%s", v)
	}
	send(m, press(tea.KeyEscape))
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); m.exportForm != nil || len(files) > 0 || !strings.Contains(m.status, "cancelled") {
		t.Fatalf("esc: form %v, files %v, status %q", m.exportForm != nil, files, m.status)
	}
	send(m, text("e"), press(tea.KeyDown), press(tea.KeyEnter)) // accepted → deprecated
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Who decides?") || !strings.Contains(v, "Ana, Raj") {
		t.Fatalf("the second field does not start from the configured names:\n%s", v)
	}
	typeKeys(m, ", Zoë\u202e") // a bidi override: the input takes it, the check refuses it
	send(m, press(tea.KeyEnter))
	if m.exportForm == nil || !strings.Contains(ansi.Strip(m.View().Content), "bidi control character") {
		t.Fatalf("a name with a bidi override was not refused: %q", m.status)
	}
	send(m, press(tea.KeyBackspace), press(tea.KeyEnter))
	if len(m.exported) != 2 {
		t.Fatalf("exported %v, status %q", m.exported, m.status)
	}
	data, _ := os.ReadFile(m.exported[0])
	for _, want := range []string{"status: deprecated", "decision-makers: [Ana, Raj, Zoë]", "informed: [Ops]"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the record lacks %q:\n%s", want, string(data)[:400])
		}
	}
	send(m, text("e"))
	if m.exportForm != nil || !strings.Contains(m.status, "exported already") {
		t.Errorf("a second e on the same decision: form %v, status %q", m.exportForm != nil, m.status)
	}
}

// TestQuestionMarkInName: ? on an empty name opens the key help; once typing has started it is
// part of the name.
func TestQuestionMarkInName(t *testing.T) {
	m := newTestModel(t, Options{})
	send(m, text("?"))
	if !m.showKeys || !strings.Contains(ansi.Strip(m.View().Content), "ctrl+s") {
		t.Fatal("? on an empty name does not show the keys")
	}
	send(m, text("?"))
	typeKeys(m, "Who pays?")
	send(m, press(tea.KeyEnter))
	if v, _ := m.answers.Get("name"); v != "Who pays?" || m.showKeys {
		t.Errorf("name = %q, keys shown %v", v, m.showKeys)
	}
}

// TestAccessibleStartsFromDefaults: a configured default is each question's starting value, so
// an empty line takes it, while the question is still asked.
func TestAccessibleStartsFromDefaults(t *testing.T) {
	c := shipped.Catalog(t)
	data, err := os.ReadFile("../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	prefill, err := c.ParseAnswers("order-events.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	edition, licences := c.Role(rules.RoleEdition), c.Role(rules.RoleLicences)
	prefill.Delete(edition.ID)
	prefill.Delete(licences.ID)
	defaults := rules.NewAnswers()
	defaults.Put(edition.ID, "unlimited")
	defaults.Put(licences.ID, 900)
	var out strings.Builder
	a, err := AskAccessible(c, prefill, defaults, strings.NewReader("\n\n\n"), &out) // the file leaves a third question open
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if e, _ := a.Get(edition.ID); e != "unlimited" {
		t.Errorf("%s = %v, want the configured unlimited", edition.ID, e)
	}
	if l, _ := a.Get(licences.ID); l != 900 {
		t.Errorf("%s = %v, want the configured 900", licences.ID, l)
	}
	if !strings.Contains(out.String(), edition.Title) || !strings.Contains(out.String(), licences.Title) {
		t.Errorf("both questions should still be asked:\n%s", out.String())
	}
}
