package rules_test

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/scenario"
	"github.com/sfpattern/sfpattern/rules"
)

// The scenario helpers of this package's tests, over internal/scenario, which the what-if and
// portfolio tests share.
type scenarioFile = scenario.Scenario

func readScenario(tb testing.TB, file string) scenarioFile { return scenario.Read(tb, file) }

func orgOf(tb testing.TB, c *rules.Catalog, sc *scenarioFile) *rules.Org {
	return scenario.Org(tb, c, sc, "../testdata")
}

func answersOf(tb testing.TB, c *rules.Catalog, name string, n *yaml.Node) rules.Answers {
	return scenario.Answers(tb, c, name, n)
}

func scenarioFiles(tb testing.TB) []string { return scenario.Files(tb, "../testdata") }
