package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

const (
	samplePortfolio = "../../testdata/portfolio/acme-enterprise.yaml"
	overDelivery    = "../../testdata/portfolio/retail-over-delivery.yaml"
	badPortfolios   = "../../testdata/portfolio/bad/"
)

// TestPortfolioOutput pins the three formats for the sample portfolio; the goldens are reviewed
// by hand when they change (go test -update).
func TestPortfolioOutput(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", "portfolio", samplePortfolio, "--format", format)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if format == "json" {
				var buf bytes.Buffer
				if err := json.Indent(&buf, []byte(out), "", "  "); err != nil {
					t.Fatal(err)
				}
				out = buf.String()
			}
			if format == "text" {
				for _, line := range strings.Split(out, "\n") {
					if n := len([]rune(line)); n > 80 {
						t.Errorf("line of %d columns: %q", n, line)
					}
				}
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// TestPortfolioSentenceFirst: the one-sentence verdict opens every format.
func TestPortfolioSentenceFirst(t *testing.T) {
	const sentence = "Event delivery (platform events and Change Data Capture) breaks first, at 10× volume: 5 integrations would need 808% of it."
	_, text, _ := runCmd(t, "", "portfolio", samplePortfolio)
	if first := strings.Join(strings.Fields(strings.SplitN(text, "\n\n", 2)[0]), " "); first != sentence {
		t.Errorf("text opens with %q", first)
	}
	_, md, _ := runCmd(t, "", "portfolio", samplePortfolio, "-f", "markdown")
	if !strings.Contains(strings.SplitN(md, "##", 2)[0], "**"+sentence+"**") {
		t.Errorf("markdown does not open with the sentence:\n%s", md[:200])
	}
	_, js, _ := runCmd(t, "", "portfolio", samplePortfolio, "-f", "json")
	var res struct {
		SchemaVersion int `json:"schema_version"`
		FirstToBreak  struct {
			Limit, Scale, Sentence string
		} `json:"first_to_break"`
		Integrations []map[string]any `json:"integrations"`
		Allocations  []map[string]any `json:"allocations"`
		Problems     []any            `json:"problems"`
	}
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	if res.SchemaVersion != 1 || res.FirstToBreak.Sentence != sentence || res.FirstToBreak.Scale != "10x" || res.Problems == nil {
		t.Errorf("json: %+v", res)
	}
	requireKeys(t, "integration", res.Integrations[0], "index", "name", "mechanism", "mechanism_name", "pattern", "warnings")
	requireKeys(t, "allocation", res.Allocations[0], "limit", "title", "unit", "allocation", "usage_1x", "usage_10x",
		"share_1x", "share_10x", "verdict_1x", "verdict_10x", "top_consumers_1x")
}

// TestPortfolioExitCodes: 0 for advice, 1 only for --fail-on at the stated volume, 2 for bad
// input; problems name the entry's index, name, field and line on standard error.
func TestPortfolioExitCodes(t *testing.T) {
	dir := t.TempDir()
	allBad := filepath.Join(dir, "all-bad.yaml")
	if err := os.WriteFile(allBad, []byte("org: {edition: enterprise, licenses: 300}\nintegrations:\n  - {name: A, latency: soon}\n  - {name: B}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(samplePortfolio)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		out    string   // substring of stdout ("" for none expected)
		errOut []string // substrings of stderr
	}{
		{"sample", "", []string{samplePortfolio}, 0, "breaks first, at 10× volume", nil},
		// Event delivery warns at 1× (80.8 %) and exceeds only at 10×, which --fail-on ignores.
		{"fail on exceeds, only at 10x", "", []string{samplePortfolio, "--fail-on", "exceeds"}, 0, "EXCEEDS", nil},
		{"fail on warn", "", []string{samplePortfolio, "--fail-on", "warn"}, 1, "warn", nil},
		{"exceeded today", "", []string{overDelivery, "--fail-on", "exceeds"}, 1, "3 integrations need 108% of it today", nil},
		{"exceeded today, no gate", "", []string{overDelivery}, 0, "108%", nil},
		{"standard input", string(sample), []string{"-", "-f", "json"}, 0, `"first_to_break"`, nil},
		{"bad entries reported, others evaluated", "", []string{badPortfolios + "bad-fields.yaml"}, 0, "Web shop checkout creates orders", []string{
			"bad-fields.yaml:17: integration 2 (Invoice sync): latency: unknown value",
			"bad-fields.yaml:27: integration 3 (Order events for everyone): subscribers:",
			"2 integrations of 3 skipped, 1 evaluated",
		}},
		{"strict refuses them", "", []string{badPortfolios + "bad-fields.yaml", "--strict"}, 2, "", []string{
			"integration 2 (Invoice sync): records_per_day: -5 is out of range", "--strict refuses the file",
		}},
		{"strict with a clean file", "", []string{samplePortfolio, "--strict"}, 0, "Order status", nil},
		{"other edition", "", []string{badPortfolios + "different-edition.yaml", "--strict"}, 2, "", []string{"edition: unlimited differs from the org's enterprise"}},
		{"every entry bad", "", []string{allBad}, 2, "", []string{"integration 1 (A): latency", "integration 2 (B): direction: missing", "no integration could be evaluated"}},
		{"not a mapping", "", []string{badPortfolios + "not-a-mapping.yaml"}, 2, "", []string{"must be a mapping with org and integrations"}},
		{"addon of a constant", "", []string{badPortfolios + "addon-not-allocation.yaml"}, 2, "", []string{"org.addons.event_retention_hours"}},
		{"missing file", "", []string{filepath.Join(dir, "nope.yaml")}, 2, "", []string{"no such file"}},
		{"no file", "", nil, 2, "", []string{"exactly one file"}},
		{"two files", "", []string{samplePortfolio, overDelivery}, 2, "", []string{"exactly one file"}},
		{"bad format", "", []string{samplePortfolio, "-f", "yaml"}, 2, "", []string{"--format"}},
		{"bad threshold", "", []string{samplePortfolio, "--fail-on", "ok"}, 2, "", []string{"--fail-on", "exceeds or warn"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tc.stdin, append([]string{"portfolio"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, errOut)
			}
			if tc.out != "" && !strings.Contains(strings.Join(strings.Fields(out), " "), tc.out) { // text wraps at 80 columns
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
			if tc.code == 2 && out != "" {
				t.Errorf("exit 2 with output on stdout:\n%s", out)
			}
			for _, s := range tc.errOut {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace on stderr:\n%s", errOut)
			}
		})
	}
}

// TestPortfolioMarkdownProblems: bad entries are listed in the Markdown too, so a report pasted
// into a pull request shows what was left out.
func TestPortfolioMarkdownProblems(t *testing.T) {
	code, out, _ := runCmd(t, "", "portfolio", badPortfolios+"duplicate-names.yaml", "-f", "markdown")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{
		"## Problems (1 integration not evaluated)", "integration 3 (web shop checkout creates orders ): name: duplicate name",
		"| 1 | Web shop checkout creates orders | REST API |",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("markdown lacks %q:\n%s", s, out)
		}
	}
}
