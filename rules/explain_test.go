package rules_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestWriteTextWidth: at any width the explanation's lines stay within it, except a line that
// holds one word too long to break, and every section is present.
func TestWriteTextWidth(t *testing.T) {
	c := shipped.Catalog(t)
	for _, file := range scenarioFiles(t) {
		sc := readScenario(t, file)
		d, err := c.Evaluate(answersOf(t, c, file, &sc.Answers))
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{40, 60, 80, rules.DefaultTextWidth, 120} {
			var out bytes.Buffer
			if err := rules.WriteText(&out, d, width); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			sections := []string{"Recommendation for", "Why ", "Alternatives", "Capacity at the stated volume", "Failure modes to design for"}
			if !d.Feasible() {
				// Nothing chosen: nothing to argue for and no failure modes to design for, but the
				// plain statement and every exclusion.
				sections = []string{"Recommendation for", "none meets these requirements", "Alternatives", "Capacity at the stated volume"}
			}
			flat := strings.Join(strings.Fields(text), " ") // a wrapped heading still counts
			for _, section := range sections {
				if !strings.Contains(flat, section) {
					t.Errorf("%s at %d: no %q section", file, width, section)
				}
			}
			for _, line := range strings.Split(text, "\n") {
				// Only a label and one unbreakable word may overflow.
				if utf8.RuneCountInString(line) > width && len(strings.Fields(line)) > 2 {
					t.Errorf("%s at %d: line of %d columns: %q", file, width, utf8.RuneCountInString(line), line)
				}
			}
		}
	}
}

// TestWriteTextHours: an outage of one hour is "1 hour" in the text, wherever the text states it.
func TestWriteTextHours(t *testing.T) {
	c := shipped.Catalog(t)
	data, err := os.ReadFile("../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := c.ReadAnswers("order-events.yaml", data, []string{
		"receiver=rest_endpoint", "subscribers=1",
		"external_clients=1", "receiver_downtime_hours=1",
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := rules.WriteText(&out, d, 200); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"downtime 1 hour (exceeds", "The receiver may be down 1 hour, longer than"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if strings.Contains(text, " 1 hours") {
		t.Errorf("the text says 1 hours:\n%s", text)
	}
}
