package advisor

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
	"github.com/sfpattern/sfpattern/rules/whatif"
)

// resultsModel opens the results for the sample answers at a size.
func resultsModel(t *testing.T, o Options, width, height int) *model {
	t.Helper()
	if o.Catalog == nil {
		o.Catalog = shipped.Catalog(t)
	}
	if o.Prefill.Len() == 0 {
		o.Prefill = sampleAnswers(t, o.Catalog)
	}
	m := newTestModel(t, o)
	send(m, tea.WindowSizeMsg{Width: width, Height: height}, press(tea.KeyEnter))
	if m.state != stateResults {
		t.Fatalf("state %d, want the results", m.state)
	}
	return m
}

// TestAdviceReasonsByWeight: the Advice tab lists the winner's reasons in the decision record's
// order, heaviest first, not in the order the rules matched.
func TestAdviceReasonsByWeight(t *testing.T) {
	m := resultsModel(t, Options{}, 120, 40)
	tab := ansi.Strip(m.tabs[tabRecommendation])
	want := record.ByWeight(m.decision.Ranking[0].Reasons)
	if len(want) < 3 {
		t.Fatalf("the sample's winner has %d reasons; the test needs several", len(want))
	}
	last := -1
	for i, r := range want {
		at := strings.Index(tab, r.Effect+strings.Repeat(" ", 8-len(r.Effect))+firstWords(r.Because))
		if at < 0 || at < last {
			t.Fatalf("reason %d (%s %q) is not in weight order on the Advice tab:\n%s", i, r.Effect, r.Because, tab)
		}
		last = at
	}
}

// firstWords is the opening of a sentence, short enough to stay on a wrapped line's first row.
func firstWords(s string) string { return s[:min(len(s), 30)] }

// TestScrollKeys: home/g and end/G go to the top and the bottom of a tab, pgdn and pgup still page,
// and the full help names them all, whole at 80 columns.
func TestScrollKeys(t *testing.T) {
	m := resultsModel(t, Options{}, 80, 24)
	send(m, text("4")) // the failure modes run to several screens
	for _, step := range []struct {
		key    tea.KeyPressMsg
		bottom bool
	}{
		{press(tea.KeyEnd), true}, {press(tea.KeyHome), false}, {text("G"), true}, {text("g"), false},
	} {
		send(m, step.key)
		if m.viewport.AtBottom() != step.bottom || m.viewport.AtTop() == step.bottom {
			t.Errorf("%s: offset %d of %d lines, want the %s", step.key, m.viewport.YOffset(), m.viewport.TotalLineCount(),
				map[bool]string{true: "bottom", false: "top"}[step.bottom])
		}
	}
	send(m, press(tea.KeyPgDown))
	if m.viewport.YOffset() != m.viewport.Height() {
		t.Errorf("pgdown: offset %d, want one page (%d)", m.viewport.YOffset(), m.viewport.Height())
	}
	send(m, press(tea.KeyPgUp))
	if !m.viewport.AtTop() {
		t.Errorf("pgup: offset %d, want the top", m.viewport.YOffset())
	}

	send(m, text("?"))
	help := ansi.Strip(m.fullHelp())
	for _, want := range []string{"home/g", "end/G", "pgup/pgdn", "docs/decisions under a new number, once per decision"} {
		if !strings.Contains(strings.Join(strings.Fields(help), " "), want) {
			t.Errorf("full help lacks %q:\n%s", want, help)
		}
	}
	view := strings.Split(ansi.Strip(m.View().Content), "\n")
	if len(view) > 24 {
		t.Errorf("with the full help the screen has %d lines, more than 24", len(view))
	}
	for _, line := range view {
		if ansi.StringWidth(line) > 80 || strings.Contains(line, "…") {
			t.Errorf("line cut or wider than 80 columns: %q", line)
		}
	}
}

// clipboardOf runs a command and returns the text it sends to the clipboard.
func clipboardOf(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	msg := cmd()
	if fmt.Sprintf("%T", msg) != "tea.setClipboardMsg" {
		t.Fatalf("the command sends %T, not the clipboard", msg)
	}
	return reflect.ValueOf(msg).String()
}

// TestCopySource: c sends the record's Markdown and the contract's YAML, as `e` writes them, and
// any other tab's text without styling or padding; the status says what was sent and that the
// terminal must allow OSC 52, never that the copy worked.
func TestCopySource(t *testing.T) {
	m := resultsModel(t, Options{}, 80, 24)
	for _, c := range []struct {
		tab  int
		want string
		what string
	}{
		{tabRecord, m.recordMarkdown(), "the decision record's Markdown"},
		{tabContract, m.contractText(), "the contract's YAML"},
		{tabCapacity, "", "the Capacity tab's text"},
		{tabRecommendation, "", "the Recommendation tab's text"},
	} {
		send(m, text(fmt.Sprint(c.tab+1)))
		_, cmd := m.Update(text("c"))
		got := clipboardOf(t, cmd)
		if c.want != "" && got != c.want {
			t.Errorf("%s: sent %.120q…, want the source %.120q…", tabNames[c.tab], got, c.want)
		}
		if strings.Contains(got, "\x1b") || strings.Contains(got, " \n") {
			t.Errorf("%s: the text sent keeps styling or trailing spaces: %.200q", tabNames[c.tab], got)
		}
		want := fmt.Sprintf("Sent %s (%s bytes) to the clipboard through OSC 52; your terminal must allow it.", c.what, rules.FormatNumber(float64(len(got))))
		if m.status != want {
			t.Errorf("%s: status %q, want %q", tabNames[c.tab], m.status, want)
		}
	}
	if !strings.HasPrefix(m.recordMarkdown(), "---\nstatus:") {
		t.Errorf("the record's Markdown lacks its front matter: %.60q", m.recordMarkdown())
	}
}

// TestExportStatusWhole: at 80 columns the status after `e` shows both paths whole, over as many
// lines as they need, and the screen still fits the terminal.
func TestExportStatusWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "docs", "decisions")
	m := resultsModel(t, Options{ExportDir: dir}, 80, 24)
	exportKey(t, m)
	if len(m.exported) != 2 {
		t.Fatalf("exported %v, status %q", m.exported, m.status)
	}
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	if len(lines) > 24 {
		t.Errorf("the screen has %d lines, more than 24", len(lines))
	}
	var joined strings.Builder
	for _, line := range lines {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line wider than 80 columns: %q", line)
		}
		joined.WriteString(strings.TrimRight(line, " "))
	}
	for _, path := range m.exported {
		if !strings.Contains(joined.String(), safetext.Escape(path)) {
			t.Errorf("the status does not show %s whole:\n%s", path, strings.Join(lines, "\n"))
		}
	}
	if !strings.HasPrefix(lines[len(lines)-1], "tab next tab") || !strings.HasPrefix(lines[3], "Platform Events") {
		t.Errorf("the help bar or the tab's first line is gone:\n%s", strings.Join(lines, "\n"))
	}
}

// TestAlternativesFit: the alternatives show every name, the points and the patterns whole at 80,
// 120 and 160 columns (a list at 80, a table from 104 on that spans the terminal), never a cell
// cut to "P…" or wrapped to "ou" and "t".
func TestAlternativesFit(t *testing.T) {
	for _, width := range []int{80, 120, 160} {
		m := resultsModel(t, Options{}, width, 40)
		tab := ansi.Strip(m.tabs[tabAlternatives])
		widest := 0
		for _, line := range strings.Split(tab, "\n") {
			widest = max(widest, ansi.StringWidth(line))
		}
		if widest > width-4 || strings.Contains(tab, "…") || !strings.Contains(strings.ToLower(tab), "points") {
			t.Errorf("%d columns: %d wide, or a cell cut:\n%s", width, widest, tab)
		}
		if width >= 120 && widest < width-4 {
			t.Errorf("%d columns: the table is %d wide and leaves room unused", width, widest)
		}
		for i, r := range m.decision.Ranking {
			if !strings.Contains(tab, r.Name) || (i > 0 && !r.Viable && !strings.Contains(tab, "out")) {
				t.Errorf("%d columns: %s or its standing is not whole:\n%s", width, r.Name, tab)
			}
		}
	}
}

// TestGoldenAlternativesWide pins the alternatives table on a 160-column terminal, where it
// spans the screen.
func TestGoldenAlternativesWide(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	m := resultsModel(t, Options{}, 160, 45)
	send(m, text("2"))
	golden.RequireEqual(t, []byte(ansi.Strip(m.View().Content)))
}

// TestResizeDoesNotSearchAgain: the what-if search runs once per decision. A resize, the help
// toggle and the terminal's background report only wrap its result again, to the new width; a
// new decision (back to the review and forward again) searches again.
func TestResizeDoesNotSearchAgain(t *testing.T) {
	c := shipped.Catalog(t)
	m := newTestModel(t, Options{Catalog: c, Prefill: sampleAnswers(t, c)})
	searches, search := 0, m.search
	m.search = func(ctx context.Context, a rules.Answers, org *rules.Org) (*whatif.Result, error) {
		searches++
		return search(ctx, a, org)
	}
	send(m, press(tea.KeyEnter))
	if m.state != stateResults || searches != 1 || m.whatIf == "" {
		t.Fatalf("state %d after %d searches, what-if %q: want the results after one search", m.state, searches, m.whatIf)
	}
	wide := m.whatIf
	send(m, tea.WindowSizeMsg{Width: 80, Height: 24}, text("?"), text("?"), tea.BackgroundColorMsg{})
	if searches != 1 {
		t.Errorf("%d searches after resizing: the search ran again for the same decision", searches)
	}
	wi, err := whatif.Search(context.Background(), c, m.answers, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	if err := whatif.WriteText(&want, c, wi, m.contentWidth()); err != nil {
		t.Fatal(err)
	}
	if m.whatIf != want.String() || m.whatIf == wide {
		t.Errorf("after the resize the what-if is not wrapped to %d columns:\n%s", m.contentWidth(), m.whatIf)
	}
	send(m, text("b"), press(tea.KeyEnter))
	if m.state != stateResults || searches != 2 {
		t.Errorf("state %d after %d searches: a new decision must search once more", m.state, searches)
	}
}

// TestDefaultsWithoutConfiguration: a session started without a decisions folder or record
// defaults exports where and as the configuration's defaults say, not defaults of its own.
func TestDefaultsWithoutConfiguration(t *testing.T) {
	m := newTestModel(t, Options{})
	if m.o.ExportDir != config.DefaultDecisionsDir {
		t.Errorf("exports to %q, want %q", m.o.ExportDir, config.DefaultDecisionsDir)
	}
	if got, want := m.meta(), config.DefaultRecord().Meta(pinned()); !reflect.DeepEqual(got, want) {
		t.Errorf("record meta %+v, want %+v", got, want)
	}
}
