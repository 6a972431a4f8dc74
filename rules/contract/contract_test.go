package contract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
)

type expectedFinding struct {
	Level, Code, Path, Contains string
}

type contractExpectation struct {
	Exit     int               `yaml:"exit"`
	Todos    int               `yaml:"todos"`
	Findings []expectedFinding `yaml:"findings"`
	// Messages are phrases of the refusal, for a contract refused as unreadable (exit 2).
	Messages []string `yaml:"messages"`
}

// TestLintContracts checks lint against the hand-written expectations of testdata/contracts:
// every expected finding is reported, and nothing else.
func TestLintContracts(t *testing.T) {
	cat := shipped.Catalog(t)
	linter, err := contract.NewLinter(cat)
	if err != nil {
		t.Fatal(err)
	}
	casefiles.Run(t, "../../testdata/contracts", "*.yaml", func(t *testing.T, name string, input []byte, want contractExpectation) {
		findings, err := linter.Lint(name, input)
		if want.Exit == 2 {
			if err == nil {
				t.Fatal("want the contract refused as unreadable")
			}
			for _, m := range want.Messages {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("refusal lacks %q: %v", m, err)
				}
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkFindings(t, findings, want)
	})
}

func checkFindings(t *testing.T, findings []contract.Finding, want contractExpectation) {
	t.Helper()
	todos, errs := 0, 0
	var rest []contract.Finding
	for _, f := range findings {
		if f.Line == 0 && f.Code != "todo" {
			t.Errorf("finding without a line: %v", f)
		}
		if f.Level == contract.LevelError {
			errs++
		}
		if f.Code == "todo" {
			todos++
			continue
		}
		rest = append(rest, f)
	}
	if todos != want.Todos {
		t.Errorf("%d TODO findings, want %d", todos, want.Todos)
	}
	if len(rest) != len(want.Findings) {
		t.Errorf("%d findings, want %d:\n%s", len(rest), len(want.Findings), lintDump(rest))
	}
	for _, w := range want.Findings {
		found := false
		for _, f := range rest {
			found = found || (f.Level == w.Level && f.Code == w.Code && f.Path == w.Path && strings.Contains(f.Message, w.Contains))
		}
		if !found {
			t.Errorf("missing %s %s at %s containing %q; got:\n%s", w.Level, w.Code, w.Path, w.Contains, lintDump(rest))
		}
	}
	if (errs > 0) != (want.Exit == 1) {
		t.Errorf("%d errors, but the expected exit code is %d", errs, want.Exit)
	}
}

func lintDump(fs []contract.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

// TestGeneratedContractsPassTheSchema generates the contract of every scenario: each passes the
// schema, its only errors are the TODOs, and once those are filled in it has no schema error.
func TestGeneratedContractsPassTheSchema(t *testing.T) {
	cat := shipped.Catalog(t)
	linter, err := contract.NewLinter(cat)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/scenarios/*.yaml")
	for _, file := range files {
		var sc struct {
			Answers yaml.Node `yaml:"answers"`
		}
		data, _ := os.ReadFile(file)
		if err := yaml.Unmarshal(data, &sc); err != nil {
			t.Fatal(err)
		}
		block, _ := yaml.Marshal(&sc.Answers)
		a, _, err := cat.ReadAnswers(file, block, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := cat.Evaluate(a)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Feasible() {
			continue // nothing to contract for: the command refuses
		}
		var out bytes.Buffer
		if err := contract.WriteContract(&out, contract.BuildContract(cat, d)); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "# yaml-language-server: $schema="+contract.SchemaURL) {
			t.Errorf("%s: the contract does not start with the schema comment", file)
		}
		findings, err := linter.Lint("contract.yaml", out.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			if f.Level == contract.LevelError && f.Code != "todo" {
				t.Errorf("%s: generated contract has %v", file, f)
			}
		}
		filled := fillTODOs(out.String())
		findings, err = linter.Lint("filled.yaml", []byte(filled))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			if f.Code == "schema" || f.Code == "todo" {
				t.Errorf("%s: filled-in contract has %v", file, f)
			}
		}
	}
}

// fillTODOs replaces every TODO the way a team would: numbers where numbers belong, text elsewhere.
func fillTODOs(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		key, _, found := strings.Cut(strings.TrimSpace(line), ":")
		if found && strings.Contains(line, "'TODO:") {
			indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
			value := "filled in by the team"
			if key == "retention_days" || key == "dlq_depth_threshold" {
				value = "5"
			}
			if strings.HasPrefix(strings.TrimSpace(line), "- ") {
				line = indent + "- " + value + "\n"
			} else {
				line = indent + key + ": " + value + "\n"
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// TestSchemaFileCurrent keeps the schema shipped in the repository equal to the generated one.
func TestSchemaFileCurrent(t *testing.T) {
	cat := shipped.Catalog(t)
	want := contract.Schema(cat)
	got, err := os.ReadFile("contract.schema.json")
	if err != nil || !bytes.Equal(got, want) {
		if os.Getenv("SFPATTERN_UPDATE_SCHEMA") == "1" {
			if err := os.WriteFile("contract.schema.json", want, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Fatalf("rules/contract/contract.schema.json is out of date: run SFPATTERN_UPDATE_SCHEMA=1 go test ./rules/contract")
	}
}

// FuzzLint: no input makes the linter panic; a contract it cannot read is a list of problems,
// and every finding has a level, a code and a message (and, but for TODOs, a line).
func FuzzLint(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/contracts/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil && len(data) < 16<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte("schema_version: 1\nmechanism: \"\\e]52;c;aGk=\\a\"\n"))
	f.Add([]byte("schema_version: 1\n---\nschema_version: 2\n"))
	linter, err := contract.NewLinter(shipped.Catalog(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		findings, err := linter.Lint("c.yaml", data)
		if err != nil {
			if rules.AsProblems(err) == nil {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			return
		}
		for _, fd := range findings {
			if fd.Level == "" || fd.Code == "" || fd.Message == "" {
				t.Fatalf("incomplete finding: %+v", fd)
			}
		}
	})
}

// TestCheckQuestions: every answer the shipped question set places in the contract has a place
// of its type there; a place the contract lacks, or one of the wrong type, is a problem naming
// questions.yaml and the question.
func TestCheckQuestions(t *testing.T) {
	if err := contract.CheckQuestions(shipped.Catalog(t)); err != nil {
		t.Fatal(err)
	}
	cat, err := rules.Load(content.FS) // a catalog of its own, changed below
	if err != nil {
		t.Fatal(err)
	}
	cat.Role(rules.RoleDailyVolume).ContractPath = "volume.per_dy"
	cat.Role(rules.RoleTitle).ContractPath = "volume.per_run"
	cat.Role(rules.RoleMiddleware).ContractPath = "platform"
	ps := rules.AsProblems(contract.CheckQuestions(cat))
	want := map[string]string{
		cat.Role(rules.RoleDailyVolume).ID: "contract volume.per_dy: the integration contract has no such place",
		cat.Role(rules.RoleTitle).ID:       "contract volume.per_run: a text answer cannot stand there (the contract holds int64)",
		cat.Role(rules.RoleMiddleware).ID:  "contract platform: a boolean answer cannot stand there",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %v, want %d problems", ps, len(want))
	}
	for _, p := range ps {
		if p.File != "questions.yaml" || !strings.Contains(p.Msg, want[p.Field]) {
			t.Errorf("got %v; want questions.yaml: %s: %s", p, p.Field, want[p.Field])
		}
	}
}
