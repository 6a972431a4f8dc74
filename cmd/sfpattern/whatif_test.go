package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestWhatifOutput pins the text of `whatif` for the sample answers; the golden is reviewed by
// hand when it changes (go test -update).
func TestWhatifOutput(t *testing.T) {
	t.Run("order-events.yaml.text", func(t *testing.T) {
		code, out, errOut := runCmd(t, "", "whatif", "--answers", "../../testdata/answers/order-events.yaml")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		golden.RequireEqual(t, []byte(out))
	})
}

// TestWhatifJSONShape checks the schema-version-1 field names.
func TestWhatifJSONShape(t *testing.T) {
	code, out, errOut := runCmd(t, "", "whatif", "-a", "../../testdata/answers/nightly-invoices.json", "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var w map[string]any
	if err := json.Unmarshal([]byte(out), &w); err != nil {
		t.Fatal(err)
	}
	requireKeys(t, "whatif", w, "schema_version", "answers", "recommendation", "thresholds", "alternatives", "explored", "notes")
	requireKeys(t, "recommendation", w["recommendation"].(map[string]any), "mechanism", "mechanism_name", "pattern", "pattern_name", "viable")
	if w["schema_version"] != 1.0 {
		t.Errorf("schema_version = %v", w["schema_version"])
	}
	for _, list := range []string{"thresholds", "alternatives", "explored", "notes"} {
		if _, ok := w[list].([]any); !ok {
			t.Errorf("%s is %T, want a JSON array (never null)", list, w[list])
		}
	}
	var capacity, recommendation map[string]any
	for _, x := range w["thresholds"].([]any) {
		th := x.(map[string]any)
		requireKeys(t, "threshold", th, "field", "direction", "value", "from", "to", "kind", "sentence")
		requireKeys(t, "threshold.from", th["from"].(map[string]any), "mechanism", "pattern", "viable")
		switch th["kind"] {
		case "capacity":
			capacity = th
		case "recommendation":
			recommendation = th
		default:
			t.Errorf("kind %v", th["kind"])
		}
		if d := th["direction"]; d != "above" && d != "below" {
			t.Errorf("direction %v", d)
		}
	}
	if capacity == nil || recommendation == nil {
		t.Fatalf("want both kinds of threshold in %s", out)
	}
	requireKeys(t, "capacity threshold", capacity, "limit")
	requireKeys(t, "capacity threshold from", capacity["from"].(map[string]any), "verdict")
	alt := w["alternatives"].([]any)[0].(map[string]any)
	requireKeys(t, "alternative", alt, "field", "value", "mechanism", "mechanism_name", "pattern", "changed", "sentence")
	if _, ok := alt["changed"].(bool); !ok {
		t.Errorf("changed is %T", alt["changed"])
	}
}

// TestWhatifExitCodes: bad usage and bad input exit 2 with nothing on stdout; good input exits 0.
func TestWhatifExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := "../../testdata/answers/order-events.yaml"
	cases := []struct {
		name string
		args []string
		code int
		err  []string
	}{
		{"no answers", []string{"whatif"}, 2, []string{"--answers FILE"}},
		{"missing file", []string{"whatif", "-a", filepath.Join(dir, "nope.yaml")}, 2, []string{"nope.yaml", "no such file"}},
		{"bad format", []string{"whatif", "-a", good, "-f", "markdown"}, 2, []string{"--format", "markdown"}},
		{"stray argument", []string{"whatif", good}, 2, []string{"unexpected argument"}},
		{"bad set", []string{"whatif", "-a", good, "--set", "subscribers=none"}, 2, []string{"subscribers", "whole number"}},
		{"run above day", []string{"whatif", "-a", good, "--set", "records_per_run=7000"}, 2, []string{"records_per_run", "must not exceed"}},
		{"bad answers", []string{"whatif", "-a", "../../testdata/bad/several-problems.yaml"}, 2, []string{"direction", "records_per_day"}},
		{"broken rules file", []string{"whatif", "-a", good, "--rules", "../../testdata/bad/top-level-list.yaml"}, 2, []string{"top-level-list.yaml"}},
		{"with a policy", []string{"whatif", "-a", good, "--rules", "../../testdata/policies/example.yaml"}, 0, nil},
		{"decision record", []string{"whatif", "-a", "../../testdata/decisions/0002-use-bulk-api-2-0-for-nightly-erp-invoice-load.md"}, 0, nil},
		{"set only", []string{
			"whatif", "--set", "name=X", "--set", "direction=inbound", "--set", "source_of_truth=external",
			"--set", "interaction=data", "--set", "latency=hours", "--set", "ack=delivery", "--set", "records_per_day=10k",
		}, 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if code == 2 && out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
			if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
				t.Errorf("stack trace on stderr: %s", errOut)
			}
			for _, s := range tc.err {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q: %s", s, errOut)
				}
			}
		})
	}
}

// TestWhatifIgnoredAnswer: an answer that does not apply is named in the notes, first.
func TestWhatifIgnoredAnswer(t *testing.T) {
	code, out, errOut := runCmd(t, "", "whatif", "-a", "../../testdata/answers/nightly-invoices.json", "--set", "receiver=soap_endpoint", "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var w struct{ Notes []string }
	if err := json.Unmarshal([]byte(out), &w); err != nil {
		t.Fatal(err)
	}
	if len(w.Notes) == 0 || !strings.HasPrefix(w.Notes[0], "receiver = soap_endpoint is ignored") {
		t.Errorf("notes: %q", w.Notes)
	}
}
