package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// runCmd runs one command line in-process and returns its exit code and output streams.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestRecommendOutput pins the text and JSON output for the sample answers files; the goldens are
// reviewed by hand when they change (go test -update).
func TestRecommendOutput(t *testing.T) {
	for _, file := range []string{"order-events.yaml", "nightly-invoices.json"} {
		for _, format := range []string{"text", "json"} {
			t.Run(file+"."+format, func(t *testing.T) {
				code, out, errOut := runCmd(t, "", "recommend", "--answers", "../../testdata/answers/"+file, "--format", format)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				if format == "json" { // piped output is compact; indent it so the golden reads well
					var buf bytes.Buffer
					if err := json.Indent(&buf, []byte(out), "", "  "); err != nil {
						t.Fatal(err)
					}
					out = buf.String()
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

// TestRecommendJSONShape checks the schema-version-1 field names the issue fixes.
func TestRecommendJSONShape(t *testing.T) {
	// nightly-invoices raises no warning: warnings must still be an empty array.
	code, out, errOut := runCmd(t, "", "recommend", "-a", "../../testdata/answers/nightly-invoices.json", "-f", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	requireKeys(t, "decision", d, "schema_version", "answers", "recommendation", "ranking", "capacity", "failure_modes", "warnings", "knowledge", "trace")
	requireKeys(t, "recommendation", d["recommendation"].(map[string]any), "pattern", "pattern_name", "mechanism", "mechanism_name", "variant", "confidence", "summary")
	rank := d["ranking"].([]any)
	if len(rank) != 7 {
		t.Fatalf("ranking has %d mechanisms", len(rank))
	}
	requireKeys(t, "ranking[0]", rank[0].(map[string]any), "mechanism", "name", "score", "viable", "reasons", "excluded_because")
	reason := rank[0].(map[string]any)["reasons"].([]any)[0].(map[string]any)
	requireKeys(t, "reason", reason, "rule", "effect", "because", "source")
	row := d["capacity"].([]any)[0].(map[string]any)
	requireKeys(t, "capacity row", row, "mechanism", "limit", "unit", "allocation", "usage_1x", "usage_10x", "share_1x", "share_10x", "verdict_1x", "verdict_10x", "source")
	fm := d["failure_modes"].([]any)[0].(map[string]any)
	requireKeys(t, "failure mode", fm, "id", "mechanism", "title", "how_it_happens", "detection", "mitigation", "source")
	requireKeys(t, "knowledge", d["knowledge"].(map[string]any), "version", "limits_release")
	for _, list := range []string{"ranking", "capacity", "failure_modes", "warnings", "trace", "sources"} {
		if _, ok := d[list].([]any); !ok {
			t.Errorf("%s is %T, want a JSON array (never null)", list, d[list])
		}
	}
	if d["schema_version"] != 1.0 {
		t.Errorf("schema_version = %v", d["schema_version"])
	}
}

func requireKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q", what, k)
		}
	}
}

// TestDeterministic runs the same answers twice and expects identical bytes.
func TestDeterministic(t *testing.T) {
	args := []string{"recommend", "-a", "../../testdata/answers/order-events.yaml", "-f", "json", "--rules", "../../testdata/policies/example.yaml"}
	_, first, _ := runCmd(t, "", args...)
	for range 5 {
		if _, again, _ := runCmd(t, "", args...); again != first {
			t.Fatal("output differs between runs")
		}
	}
}

// TestExitCodes covers usage and input errors: exit 2, nothing on stdout, a message naming the
// problem on stderr, never a stack trace.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	required := []string{
		"--set", "name=X", "--set", "direction=inbound", "--set", "source_of_truth=external",
		"--set", "interaction=data", "--set", "latency=hours", "--set", "ack=delivery", "--set", "records_per_day=10k",
	}
	good := "../../testdata/answers/order-events.yaml"
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   []string // substrings of stderr
	}{
		{"help", "", []string{"--help"}, 0, nil},
		{"wizard without a terminal", "", nil, 2, []string{"not a terminal", "sfpattern recommend --answers FILE"}},
		{"unknown command", "", []string{"advise"}, 2, []string{"unknown command"}},
		{"unknown flag", "", []string{"recommend", "--answer", good}, 2, []string{"unknown flag"}},
		{"no answers", "", []string{"recommend"}, 2, []string{"--answers FILE"}},
		{"missing file", "", []string{"recommend", "-a", filepath.Join(dir, "nope.yaml")}, 2, []string{"nope.yaml", "no such file"}},
		{"directory", "", []string{"recommend", "-a", dir}, 2, []string{"is a directory"}},
		{"bad format", "", []string{"recommend", "-a", good, "-f", "xml"}, 2, []string{"--format", "xml"}},
		{"stray argument", "", []string{"recommend", good}, 2, []string{"unexpected argument"}},
		{"bad set", "", []string{"recommend", "-a", good, "--set", "latency=soon"}, 2, []string{"latency", "interactive, seconds"}},
		{"missing rules file", "", []string{"recommend", "-a", good, "--rules", filepath.Join(dir, "p.yaml")}, 2, []string{"p.yaml", "no such file"}},
		{"broken rules file", "", []string{"recommend", "-a", good, "--rules", "../../testdata/bad/top-level-list.yaml"}, 2, []string{"top-level-list.yaml"}},
		{"bad answers", "", []string{"recommend", "-a", "../../testdata/bad/several-problems.yaml"}, 2, []string{"direction", "records_per_day", "colour"}},
		{
			"stdin", "name: S\ndirection: inbound\nsource_of_truth: external\ninteraction: data\nlatency: hours\nack: none\nrecords_per_day: 5\n",
			[]string{"recommend", "-a", "-"},
			0, nil,
		},
		{"empty stdin", "", []string{"recommend", "-a", "-"}, 2, []string{"standard input", "empty"}},
		{"set only", "", append([]string{"recommend"}, required...), 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace on stderr: %s", errOut)
			}
			if code == 2 && out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
			for _, s := range tc.err {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q: %s", s, errOut)
				}
			}
		})
	}
}

// TestErrorsOnePerLine: several problems in a file are reported one per line, each naming its
// field and line.
func TestErrorsOnePerLine(t *testing.T) {
	_, _, errOut := runCmd(t, "", "recommend", "-a", "../../testdata/bad/several-problems.yaml")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) < 4 {
		t.Fatalf("want one line per problem, got:\n%s", errOut)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "sfpattern: ../../testdata/bad/several-problems.yaml") {
			t.Errorf("line does not name the file and line: %q", l)
		}
	}
}

// TestREADMEAnswersReference fails when the README's answers table is not what the question set
// generates; `go test -update` rewrites it.
func TestREADMEAnswersReference(t *testing.T) {
	const start, end = "<!-- answers-reference:start -->\n", "<!-- answers-reference:end -->"
	cat := shipped.Catalog(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("README lacks the answers-reference markers")
	}
	want := cat.AnswersReference()
	if got := s[i+len(start) : j]; got != want {
		if update := flag.Lookup("update"); update != nil && update.Value.String() == "true" {
			s = s[:i+len(start)] + want + s[j:]
			if err := os.WriteFile("../../README.md", []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README answers reference is out of date; run go test ./cmd/sfpattern -update\n--- README\n%s\n--- generated\n%s", got, want)
	}
}

// TestAccessibleFromPipe: `sfpattern --accessible` reads one answer per line from a pipe, shows
// the results as plain text on stderr and writes the record on stdout.
func TestAccessibleFromPipe(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795737600")
	input := strings.Join([]string{
		"Nightly invoices", "inbound", "external", "data", "daily", "delivery",
		"400k", "400k", "schedule", "", "", "", "", "", "", "", "", "",
	}, "\n") + "\n"
	code, out, errOut := runCmd(t, input, "--accessible")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "Bulk API 2.0") || strings.ContainsAny(errOut, "─╭│\x1b") {
		t.Errorf("plain results missing or styled:\n%s", errOut)
	}
	if !strings.Contains(out, `Chosen option: "Bulk API 2.0"`) || !strings.Contains(out, "date: 2026-11-27") {
		t.Errorf("record on stdout missing:\n%s", out)
	}
	code, _, errOut = runCmd(t, "Only a name\n", "--accessible")
	if code != 2 || !strings.Contains(errOut, "input ended") {
		t.Errorf("short input: exit %d, %s", code, errOut)
	}
}

// TestPolicyInRecord: a policy rule shows in the reasons and in the decision record like a
// built-in one, with the organisation's own source.
func TestPolicyInRecord(t *testing.T) {
	args := []string{
		"--set", "name=Card refunds [outside-pci]", "--set", "direction=outbound",
		"--set", "source_of_truth=external", "--set", "interaction=process", "--set", "latency=interactive",
		"--set", "ack=result", "--set", "records_per_day=500", "--set", "receiver=rest_endpoint",
		"--rules", "../../testdata/policies/example.yaml",
	}
	code, out, errOut := runCmd(t, "", append([]string{"recommend", "--format", "markdown"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"never calls systems outside the PCI zone", "ACME security standard 4"} {
		if !strings.Contains(out, want) {
			t.Errorf("the record lacks %q", want)
		}
	}
	code, out, _ = runCmd(t, "", append([]string{"recommend", "--format", "json"}, args...)...)
	if code != 0 || !strings.Contains(out, `"rule":"policy-no-callouts-outside-pci-zone"`) {
		t.Errorf("the policy rule is not in the JSON trace")
	}
}
