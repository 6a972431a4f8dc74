package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestContractLintSchema drives contract, lint and schema end to end with their exit codes.
func TestContractLintSchema(t *testing.T) {
	const contracts = "../../testdata/contracts/"
	cases := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout
		err  string // substring of stderr
	}{
		{"contract", []string{"contract", "-a", "../../testdata/answers/order-events.yaml"}, 0, "mechanism: platform_events", ""},
		{"contract needs answers", []string{"contract"}, 2, "", "no answers"},
		{"lint complete", []string{"lint", contracts + "complete-order-events.yaml"}, 0, "0 error(s), 1 warning(s)", ""},
		{"lint incomplete", []string{"lint", contracts + "incomplete-order-events.yaml"}, 1, "still TODO", ""},
		{"lint two files", []string{"lint", contracts + "complete-order-events.yaml", contracts + "unsound-no-dead-letter.yaml"}, 1, "2 file(s): 3 error(s)", ""},
		{"lint not a mapping", []string{"lint", contracts + "not-a-mapping.yaml"}, 2, "", "not-a-mapping.yaml:1"},
		{"lint missing file", []string{"lint", contracts + "nope.yaml"}, 2, "", "no such file"},
		{"lint directory", []string{"lint", contracts}, 2, "", "is a directory"},
		{"lint no file", []string{"lint"}, 2, "", "at least one contract"},
		{"schema", []string{"schema", "contract"}, 0, `"$schema": "https://json-schema.org/draft/2020-12/schema"`, ""},
		{"schema unknown", []string{"schema", "answers-v9"}, 2, "", "schema takes one argument"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
				t.Errorf("stdout %q / stderr %q lack %q / %q", out, errOut, tc.out, tc.err)
			}
			if code == 2 && out != "" {
				t.Errorf("stdout not empty on an input error: %q", out)
			}
		})
	}
}

// TestSchemaCommandMatchesShippedFile: the schema the contract's comment points at is the one the
// command prints.
func TestSchemaCommandMatchesShippedFile(t *testing.T) {
	_, out, _ := runCmd(t, "", "schema", "contract")
	shipped, err := os.ReadFile("../../rules/contract/contract.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(shipped) {
		t.Error("sfpattern schema contract differs from rules/contract/contract.schema.json")
	}
}

// TestLintJSON: the JSON report counts findings for CI.
func TestLintJSON(t *testing.T) {
	code, out, _ := runCmd(t, "", "lint", "--format", "json", "../../testdata/contracts/unsound-no-dead-letter.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var report struct {
		Findings []map[string]any `json:"findings"`
		Errors   int              `json:"errors"`
		Warnings int              `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatal(err)
	}
	if report.Errors != 3 || report.Warnings != 1 || len(report.Findings) != 4 {
		t.Errorf("report = %+v", report)
	}
}
