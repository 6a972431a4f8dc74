package advisor

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// runBrowser feeds messages to the browser, running each command's page render back into it.
func runBrowser(b *browser, msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := b.Update(msg)
		if cmd == nil {
			continue
		}
		if out, ok := cmd().(pageRenderedMsg); ok {
			b.Update(out)
		}
	}
}

// TestBrowserFilterAndPage filters the list with / through the running program and shows the
// chosen page beside it.
func TestBrowserFilterAndPage(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	tm := teatest.NewTestModel(t, newBrowser(shipped.Catalog(t)), teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type("/bulk api")
	// the list filters asynchronously: apply the filter only once its matches are shown
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return strings.Contains(string(out), "filtered") },
		teatest.WithDuration(5*time.Second))
	tm.Send(press(tea.KeyEnter))
	tm.Send(text("q"))
	b := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*browser)
	if b.selectedID() != "bulk_api" {
		t.Fatalf("selected %q after filtering for bulk api", b.selectedID())
	}
	if cmd := b.showSelected(); cmd != nil {
		b.Update(cmd())
	}
	if !strings.Contains(b.page.GetContent(), "Governing limits") {
		t.Error("the Bulk API page is not in the viewport")
	}
}

// TestBrowserNarrow: on a narrow terminal enter opens the page full screen and esc returns.
func TestBrowserNarrow(t *testing.T) {
	b := newBrowser(shipped.Catalog(t))
	runBrowser(b, tea.WindowSizeMsg{Width: 70, Height: 30}, press(tea.KeyEnter))
	if !b.reading || !strings.Contains(ansi.Strip(b.View().Content), "esc back") {
		t.Fatal("enter did not open the page")
	}
	runBrowser(b, press(tea.KeyEscape))
	if b.reading {
		t.Error("esc did not return to the list")
	}
	runBrowser(b, tea.WindowSizeMsg{Width: 1, Height: 1})
	_ = b.View() // no panic at 1×1
}
