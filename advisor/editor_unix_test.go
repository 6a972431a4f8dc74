//go:build unix

package advisor

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestOpenRecordRunsEditor runs the program: e exports, o hands the record to $EDITOR (a shell
// command that appends to the file it is given, split from one variable as a shell would), and
// the results come back with the status saying so.
func TestOpenRecordRunsEditor(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", `sh -c 'echo "edited by the test" >> "$0"'`)
	c := shipped.Catalog(t)
	dir := t.TempDir()
	m := newModel(Options{Catalog: c, Prefill: sampleAnswers(t, c), ExportDir: dir, Now: pinned})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(press(tea.KeyEnter)) // from the review to the results
	tm.Send(text("e"))
	tm.Send(press(tea.KeyEnter)) // the export form: status as configured
	tm.Send(press(tea.KeyEnter)) // and the decision makers
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Wrote ")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(text("o"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Back from sh")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(text("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if len(fm.exported) != 2 {
		t.Fatalf("exported %v, status %q", fm.exported, fm.status)
	}
	data, err := os.ReadFile(fm.exported[0])
	if err != nil || !strings.HasSuffix(string(data), "edited by the test\n") {
		t.Errorf("the editor did not get the record: %v, %.80q", err, data[max(0, len(data)-80):])
	}
}
