package reference_test

import (
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules/reference"
)

// TestEveryPage renders every catalogue page and checks what a reader needs on each kind.
func TestEveryPage(t *testing.T) {
	cat := shipped.Catalog(t)
	entries := reference.Entries(cat)
	counts := map[string]int{}
	for _, e := range entries {
		counts[e.Kind]++
		page, err := reference.Page(cat, e.ID)
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		if strings.Contains(page, "{limit.") || strings.Contains(page, "(not set)") {
			t.Errorf("%s: unrendered placeholder", e.ID)
		}
		var want []string
		switch e.Kind {
		case reference.KindMechanism:
			want = []string{"# " + e.Title, "## Patterns it implements", "## Governing limits", "| limit | kind | value |", "## Failure modes to design for", "Summer '26"}
		case reference.KindPattern:
			want = []string{"## Mechanisms that implement it", "```mermaid\nsequenceDiagram"}
		case reference.KindFailureMode:
			want = []string{"# " + e.Title, "## How it happens", "## How to detect it", "## How to mitigate it", "## Sources", "](https://"}
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s (%s) lacks %q", e.ID, e.Kind, w)
			}
		}
	}
	if counts[reference.KindMechanism] != 7 || counts[reference.KindPattern] != 6 || counts[reference.KindFailureMode] < 21 {
		t.Errorf("entries by kind: %v", counts)
	}
	if _, err := reference.Page(cat, "no_such_page"); err == nil {
		t.Error("an unknown id must be an error")
	}
}

// TestLimitFormulasReadable: allocations that scale with licences show their formula per edition.
func TestLimitFormulasReadable(t *testing.T) {
	cat := shipped.Catalog(t)
	page, _ := reference.Page(cat, "rest_api")
	if !strings.Contains(page, "Enterprise: 100,000 + licenses * 1,000") || !strings.Contains(page, "Developer: 15,000") {
		t.Errorf("daily API request formula not shown per edition:\n%s", page)
	}
}
