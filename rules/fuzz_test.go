package rules_test

import (
	"os"
	"path/filepath"
	"strconv"
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

// FuzzLoadRules: an organisation's rule file never makes loading panic; a file that loads
// evaluates without panicking.
func FuzzLoadRules(f *testing.F) {
	for _, pattern := range []string{"../content/rules/*.yaml", "../testdata/policies/*.yaml", "../testdata/bad/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("rules:\n  - id: x\n    when: records_per_day > 0\n    because: '{records_per_day}'\n    sources: [S-10]\n    effects: {bulk_api: +5}\n"))
	f.Add([]byte("rules:\n  -\n"))
	c := shipped.Catalog(f)
	a, _, err := c.ReadAnswers("", nil, []string{"name=F", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=minutes", "ack=none", "records_per_day=5000"})
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
		_, _ = cat.Evaluate(a) // a user's expression may fail at run time; it must not panic
	})
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
		sets := []string{"name=Fuzz", pick("direction", dir), pick("source_of_truth", sot), pick("interaction", inter),
			pick("latency", lat), pick("ack", other), pick("trigger", other/3), pick("receiver", other/5),
			pick("ordering", other/7), pick("edition", other/11), "middleware=" + strconv.FormatBool(other%2 == 0),
			"records_per_day=" + strconv.FormatInt(day, 10), "records_per_run=" + strconv.FormatInt(run, 10),
			"subscribers=" + strconv.FormatInt(subs, 10), "receiver_downtime_hours=" + strconv.FormatInt(down, 10),
			"payload_kb=" + strconv.FormatInt(payload, 10), "licenses=" + strconv.FormatInt(lic, 10)}
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
