// Package scenario reads the hand-written scenarios of testdata/scenarios for the tests of every
// package that evaluates them (the engine, what-if, the portfolio): answers with the advice an
// architect expects, and the org they describe.
package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// Scenario is a hand-written input with the advice an architect expects. Addons and OrgLimits
// (a snapshot file, relative to testdata/) describe the org beyond its edition. Where experts
// could reasonably differ, the scenario leaves the mechanism or the pattern out of its
// expectations (its comment says why), but never both.
type Scenario struct {
	Answers   yaml.Node          `yaml:"answers"`
	Addons    map[string]float64 `yaml:"addons"`
	OrgLimits string             `yaml:"org_limits"`
	Expect    struct {
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

// Files lists the scenario files under testdata, the repository's testdata folder as seen from
// the calling test's package.
func Files(tb testing.TB, testdata string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(testdata, "scenarios", "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no scenarios found: %v", err)
	}
	return files
}

// Read decodes one scenario strictly; an expectation must say something.
func Read(tb testing.TB, file string) Scenario {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var sc Scenario
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sc); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	e := sc.Expect
	if e.Mechanism == "" && e.Pattern == "" && len(e.Warnings) == 0 && len(e.Capacity) == 0 {
		tb.Fatalf("%s: expect needs a mechanism, a pattern, warnings or capacity rows", file)
	}
	return sc
}

// Org builds the org a scenario describes, or nil when it names none; testdata is as for Files.
func Org(tb testing.TB, c *rules.Catalog, sc *Scenario, testdata string) *rules.Org {
	tb.Helper()
	if len(sc.Addons) == 0 && sc.OrgLimits == "" {
		return nil
	}
	org := &rules.Org{Addons: map[string]float64{}}
	for id, amount := range sc.Addons {
		if _, _, err := c.ParseAddon(id + "=" + strconv.FormatFloat(amount, 'f', -1, 64)); err != nil {
			tb.Fatalf("addons: %v", err)
		}
		org.Addons[id] = amount
	}
	if sc.OrgLimits != "" {
		data, err := os.ReadFile(filepath.Join(testdata, sc.OrgLimits))
		if err != nil {
			tb.Fatal(err)
		}
		snap, err := c.ParseOrgLimits(sc.OrgLimits, data)
		if err != nil {
			tb.Fatalf("org limits: %v", err)
		}
		org.Snapshot = snap
	}
	return org
}

// Answers parses a scenario's answers block the way an answers file is parsed, and checks it.
func Answers(tb testing.TB, c *rules.Catalog, name string, n *yaml.Node) rules.Answers {
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
