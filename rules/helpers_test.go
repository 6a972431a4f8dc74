package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// scenario is a hand-written input with the advice an architect expects.
type scenario struct {
	Answers yaml.Node `yaml:"answers"`
	Expect  struct {
		Mechanism string   `yaml:"mechanism"`
		Pattern   string   `yaml:"pattern"`
		NotViable []string `yaml:"not_viable"`
		Warnings  []string `yaml:"warnings"`
		Capacity  []struct {
			Mechanism  string `yaml:"mechanism"`
			Limit      string `yaml:"limit"`
			Verdict1x  string `yaml:"verdict_1x"`
			Verdict10x string `yaml:"verdict_10x"`
		} `yaml:"capacity"`
	} `yaml:"expect"`
}

func readScenario(tb testing.TB, file string) scenario {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var sc scenario
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sc); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	if sc.Expect.Mechanism == "" || sc.Expect.Pattern == "" {
		tb.Fatalf("%s: expect needs a mechanism and a pattern", file)
	}
	return sc
}

// answersOf parses a scenario's answers block the way an answers file is parsed.
func answersOf(tb testing.TB, c *rules.Catalog, name string, n *yaml.Node) rules.Answers {
	tb.Helper()
	data, err := yaml.Marshal(n)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := c.ParseAnswers(name, data)
	if err != nil {
		tb.Fatalf("answers: %v", err)
	}
	a, _, err := c.CheckAnswers(raw)
	if err != nil {
		tb.Fatalf("answers: %v", err)
	}
	return a
}

func scenarioFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../testdata/scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no scenarios found: %v", err)
	}
	return files
}
