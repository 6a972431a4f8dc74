package rules_test

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// hostileCase is the hand-written expectation for one planted attack in
// testdata/policies/hostile/expect.yaml.
type hostileCase struct {
	// At is when the attack must be refused: "load" (rules.Load) or "run" (Evaluate).
	At string `yaml:"at"`
	// Want are fragments of the reason.
	Want []string `yaml:"want"`
}

// The bounds a refusal must stay within, as the issue states them.
const (
	hostileTime  = time.Second
	hostileAlloc = 300 << 20
)

// TestHostileRules loads each planted one-rule file as an organisation's policy and evaluates
// what loads: each must be refused, at load or at run time as expect.yaml says, with Problems
// naming the file and the rule (its id is the file's name) and the reason, in under a second and
// under 300 MiB allocated, without a panic.
func TestHostileRules(t *testing.T) {
	answers := orderEvents(t)
	casefiles.Run(t, "../testdata/policies/hostile", "*.yaml", func(t *testing.T, name string, input []byte, want hostileCase) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		at, err := loadAndEvaluate(name, input, answers)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if at != want.At {
			t.Fatalf("refused at %s, want at %s: %v", at, want.At, err)
		}
		checkRefusal(t, name, err, want.Want)
		if elapsed > hostileTime {
			t.Errorf("took %v, want under %v", elapsed, hostileTime)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > hostileAlloc {
			t.Errorf("allocated %d MiB, want under %d", alloc>>20, hostileAlloc>>20)
		}
	})
}

// loadAndEvaluate loads the policy and evaluates it, and says where it was refused: "load",
// "run", or "" when it was not.
func loadAndEvaluate(name string, input []byte, a rules.Answers) (string, error) {
	c, err := rules.Load(content.FS, rules.RuleFile{Name: name, Data: input})
	if err != nil {
		return "load", err
	}
	if _, err := c.Evaluate(a); err != nil {
		return "run", err
	}
	return "", nil
}

// checkRefusal asserts err is Problems, each naming the file and the rule, whose messages hold
// every wanted fragment.
func checkRefusal(t *testing.T, name string, err error, want []string) {
	t.Helper()
	ps := rules.AsProblems(err)
	if len(ps) == 0 {
		t.Fatalf("error is not a list of problems: %v", err)
	}
	id := strings.TrimSuffix(name, ".yaml")
	for _, p := range ps {
		if p.File != name || p.Field != id || !strings.Contains(p.Error(), name) || !strings.Contains(p.Error(), id) {
			t.Errorf("problem does not name %s and rule %s: %+v", name, id, p)
		}
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message lacks %q:\n%v", w, err)
		}
	}
}

// orderEvents reads the answers the issue measures the attacks with.
func orderEvents(t *testing.T) rules.Answers {
	t.Helper()
	data, err := os.ReadFile("../testdata/answers/order-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := shipped.Catalog(t).ReadAnswers("order-events.yaml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestBoundedRulesStillWork: conditions that need expr-lang's machine (text, lists, loops,
// patterns, let, %) still load and evaluate as before under the bounds. Each is written to hold
// for the order-events answers.
func TestBoundedRulesStillWork(t *testing.T) {
	answers := orderEvents(t)
	for _, when := range []string{
		`name contains "Order" && records_per_day % 2 == 0`,
		`name matches "^Order status"`,
		`not (name matches "(?i)payment")`,
		`any(["a", "b"], # + "x" == "ax")`,
		`upper(name) + "!" == "ORDER STATUS TO FULFILMENT SYSTEMS!"`,
		`repeat("ab", 3) == "ababab" && len(repeat(name, 10)) == 10 * len(name)`,
		`count(1..10, # > 5) == 5 && sum(1..100) == 5050`,
		`len(filter(1..records_per_day, # % 1000 == 0)) == 6`,
		`let days = records_per_day / 1000; days == 6`,
		`all(values(limit), # >= 0) && len(keys(limit)) > 10`,
		`first(["x", name]) == "x" && max([1, 5, 3]) == 5`,
		`hasPrefix(trimPrefix(name, "Order "), "status")`,
		`{"a": 1, "b": 2}["b"] == 2`,
	} {
		t.Run(when, func(t *testing.T) {
			policy := "rules:\n  - id: works\n    when: '" + strings.ReplaceAll(when, "'", "''") + "'\n" +
				"    because: b\n    sources: [S-10]\n    warning: true\n"
			c, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: []byte(policy)})
			if err != nil {
				t.Fatal(err)
			}
			d, err := c.Evaluate(answers)
			if err != nil {
				t.Fatal(err)
			}
			if step := traceStep(t, d, "works", ""); !step.Matched {
				t.Errorf("condition does not hold")
			}
		})
	}
}
