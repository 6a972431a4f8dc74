package rules_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// FuzzReadAnswers: no input makes the answers parser panic, and any input it accepts evaluates
// into a well-formed decision.
func FuzzReadAnswers(f *testing.F) {
	files, _ := filepath.Glob("../testdata/bad/*")
	more, _ := filepath.Glob("../testdata/answers/*")
	for _, file := range append(files, more...) {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(filepath.Base(file), data)
		}
	}
	for _, file := range scenarioFiles(f) {
		sc := readScenario(f, file)
		data, _ := yaml.Marshal(&sc.Answers)
		f.Add("scenario.yaml", data)
	}
	c := shipped.Catalog(f)
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, _, err := c.ReadAnswers(name, data, nil)
		if err != nil {
			if rules.AsProblems(err) == nil {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			return
		}
		d, err := c.Evaluate(a)
		if err != nil {
			t.Fatalf("accepted answers fail to evaluate: %v", err)
		}
		if msg := checkDecision(c, d); msg != "" {
			t.Fatal(msg)
		}
	})
}

// FuzzLoadRules: an organisation's rule file never makes loading panic, and a file that loads
// evaluates without panicking; what goes wrong at run time is Problems naming the file, never
// another kind of error.
//
// Every execution loads the whole knowledge base, so the seeds are kept small (a few hundred
// bytes): the fuzzer minimises each input that finds new coverage, and with whole policy files as
// seeds it spent its time doing that (74 executions in 90 s).
func FuzzLoadRules(f *testing.F) {
	for _, seed := range ruleSeeds(f) {
		f.Add(seed)
	}
	c := shipped.Catalog(f)
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=F", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=minutes", "ack=none", "records_per_day=5000",
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: data})
		if err != nil {
			if rules.AsProblems(err) == nil {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			return
		}
		if _, err := cat.Evaluate(a); err != nil && rules.AsProblems(err) == nil {
			t.Fatalf("a policy rule failed, but not as a problem with the policy: %v", err)
		}
	})
}

// maxSeed is the largest seed FuzzLoadRules takes as it is.
const maxSeed = 2048

// ruleSeeds are FuzzLoadRules' seeds: each shipped rule and each example policy rule as a
// one-rule file, the planted attacks of testdata/policies/hostile (the deep and long ones
// rebuilt just past their bound, so that they stay small), the small malformed answers files,
// and a few shapes by hand.
func ruleSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	for _, pattern := range []string{"../content/rules/*.yaml", "../testdata/policies/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			seeds = append(seeds, oneRuleFiles(tb, file)...)
		}
	}
	for _, pattern := range []string{"../testdata/policies/hostile/*.yaml", "../testdata/bad/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeed && filepath.Base(file) != "expect.yaml" {
				seeds = append(seeds, data)
			}
		}
	}
	for _, when := range []string{
		strings.Repeat("(", 40) + "true" + strings.Repeat(")", 40),
		strings.Repeat("[", 40) + "1" + strings.Repeat("]", 40) + " != nil",
		strings.Repeat("!", 12) + "true",
		strings.Repeat("scale + ", 120) + "scale > 0",
		strings.Repeat("records_per_day > 0 && ", 44) + "true",
	} {
		seeds = append(seeds, []byte("rules:\n  - id: x\n    when: '"+when+"'\n    because: b\n    sources: [S-10]\n    warning: true\n"))
	}
	return append(seeds,
		[]byte("rules:\n  - id: x\n    when: records_per_day > 0\n    because: '{records_per_day}'\n    sources: [S-10]\n    effects: {bulk_api: +5}\n"),
		[]byte("rules:\n  - id: x\n    when: 'name matches \"^O\" && records_per_day % 7 == 1'\n    because: b\n    sources: [S-10]\n    each_mechanism: true\n    effect: -3\n"),
		[]byte("rules:\n  -\n"))
}

// oneRuleFiles splits a rule file into files of one rule each, with the file's own sources. Each
// rule's id gets a prefix, so that a copy of a built-in rule loads beside it and is evaluated.
func oneRuleFiles(tb testing.TB, file string) [][]byte {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var rf struct {
		Sources []yaml.Node `yaml:"sources"`
		Rules   []yaml.Node `yaml:"rules"`
	}
	if err := yaml.Unmarshal(data, &rf); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	var out [][]byte
	for _, r := range rf.Rules {
		for i := 0; i+1 < len(r.Content); i += 2 {
			if r.Content[i].Value == "id" {
				r.Content[i+1].Value = "org-" + r.Content[i+1].Value
			}
		}
		one := map[string]any{"rules": []yaml.Node{r}}
		if len(rf.Sources) > 0 {
			one["sources"] = rf.Sources
		}
		b, err := yaml.Marshal(one)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzEvaluate: any combination of answers within range evaluates into a well-formed decision.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(0), uint8(1), uint8(2), uint8(3), uint8(4), int64(5000), int64(1), int64(3), int64(24), int64(2), int64(100))
	f.Add(uint8(2), uint8(0), uint8(1), uint8(0), uint8(2), int64(10_000_000_000), int64(10_000_000_000), int64(1000), int64(8760), int64(100000), int64(1000000))
	f.Add(uint8(1), uint8(2), uint8(0), uint8(4), uint8(1), int64(0), int64(1), int64(1), int64(0), int64(1), int64(0))
	c := shipped.Catalog(f)
	choices := func(id string) []string { return c.Question(id).OptionIDs() }
	pick := func(id string, i uint8) string { opts := choices(id); return id + "=" + opts[int(i)%len(opts)] }
	f.Fuzz(func(t *testing.T, dir, sot, inter, lat, other uint8, day, run, subs, down, payload, lic int64) {
		sets := []string{
			"name=Fuzz", pick("direction", dir), pick("source_of_truth", sot), pick("interaction", inter),
			pick("latency", lat), pick("ack", other), pick("trigger", other/3), pick("receiver", other/5),
			pick("ordering", other/7), pick("edition", other/11), "middleware=" + strconv.FormatBool(other%2 == 0),
			"records_per_day=" + strconv.FormatInt(day, 10), "records_per_run=" + strconv.FormatInt(run, 10),
			"subscribers=" + strconv.FormatInt(subs, 10), "receiver_downtime_hours=" + strconv.FormatInt(down, 10),
			"payload_kb=" + strconv.FormatInt(payload, 10), "licenses=" + strconv.FormatInt(lic, 10),
		}
		a, _, err := c.ReadAnswers("", nil, sets)
		if err != nil {
			return // out of range: refused, which TestBadAnswers covers
		}
		d, err := c.Evaluate(a)
		if err != nil {
			t.Fatalf("%v: %v", sets, err)
		}
		if msg := checkDecision(c, d); msg != "" {
			t.Fatalf("%v: %s", sets, msg)
		}
	})
}
