package advisor

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// BenchmarkVolumeKey measures what one key press on the volume question costs the wizard: the
// field's update, the live panel's evaluation (Decide) and the redrawn screen. A frame at 60 Hz
// is 16.7 ms.
func BenchmarkVolumeKey(b *testing.B) {
	c := shipped.Catalog(b)
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=Order events", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=20000",
	})
	if err != nil {
		b.Fatal(err)
	}
	m := newModel(Options{Catalog: c, Now: pinned})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.answers = a
	m.open(c.Question("records_per_day"))
	keys := []tea.Msg{text("5"), press(tea.KeyBackspace)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
	if m.preview == nil {
		b.Fatalf("the live panel shows no decision: %s", m.previewNote)
	}
}
