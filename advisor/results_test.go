package advisor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sfpattern/sfpattern/advisor/record"
	"github.com/sfpattern/sfpattern/internal/shipped"
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
