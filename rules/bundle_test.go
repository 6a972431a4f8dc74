package rules_test

import (
	"encoding/json"
	"testing"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestBundleCurrent fails while the committed snapshot was not regenerated after a change to the
// content or to the Go types it is decoded into: run `go generate ./rules`.
func TestBundleCurrent(t *testing.T) {
	if err := rules.CheckBundle(content.FS); err != nil {
		t.Fatalf("content/%s: %v: run go generate ./rules", rules.BundleFile, err)
	}
}

// TestBundleMatchesYAML loads the knowledge base from the snapshot and from the YAML alone, and
// expects the same decision, byte for byte, for every scenario.
func TestBundleMatchesYAML(t *testing.T) {
	yamlOnly := rules.YAMLFiles(t)
	fromYAML, err := rules.Load(yamlOnly)
	if err != nil {
		t.Fatal(err)
	}
	fromBundle := shipped.Catalog(t)
	for _, file := range scenarioFiles(t) {
		sc := readScenario(t, file)
		a := answersOf(t, fromYAML, file, &sc.Answers)
		d1, err1 := fromYAML.Evaluate(a)
		d2, err2 := fromBundle.Evaluate(a)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		j1, _ := json.Marshal(d1)
		j2, _ := json.Marshal(d2)
		if string(j1) != string(j2) {
			t.Errorf("%s: decisions differ between the snapshot and the YAML", file)
		}
	}
	if fromYAML.AnswersReference() != fromBundle.AnswersReference() {
		t.Error("the question sets differ between the snapshot and the YAML")
	}
	for i, m := range fromYAML.Mechanisms {
		if m.Doc != fromBundle.Mechanisms[i].Doc || m.Summary != fromBundle.Mechanisms[i].Summary {
			t.Errorf("mechanism %s differs between the snapshot and the YAML", m.ID)
		}
	}
}
