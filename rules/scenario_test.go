package rules_test

import (
	"bytes"
	"cmp"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// TestScenarios checks every hand-written scenario's expectations: the recommended mechanism and
// pattern, the mechanisms that must be ruled out, and the capacity verdicts named.
func TestScenarios(t *testing.T) {
	c := shipped.Catalog(t)
	var reused rules.Decision // DecideInto writes every scenario's decision over the last one's
	for _, file := range scenarioFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			sc := readScenario(t, file)
			a, org := answersOf(t, c, file, &sc.Answers), orgOf(t, c, &sc)
			d, err := c.EvaluateOrg(a, org)
			if err != nil {
				t.Fatal(err)
			}
			lean, err := c.Decide(a, org)
			if err != nil {
				t.Fatal(err)
			}
			if diff := rules.LeanDiff(d, lean); diff != "" {
				t.Errorf("Decide differs from EvaluateOrg:\n%s", diff)
			}
			if err := c.DecideInto(&reused, a, org); err != nil {
				t.Fatal(err)
			}
			if diff := rules.LeanDiff(lean, &reused); diff != "" {
				t.Errorf("DecideInto over the previous scenario's decision differs from Decide:\n%s", diff)
			}
			rec := d.Recommendation
			want := sc.Expect
			if (want.Mechanism != "" && rec.Mechanism != want.Mechanism) || (want.Pattern != "" && rec.Pattern != want.Pattern) {
				t.Errorf("recommended %s / %s, want %s / %s\n%s", rec.Mechanism, rec.Pattern,
					cmp.Or(want.Mechanism, "(any)"), cmp.Or(want.Pattern, "(any)"), rankingSummary(d))
			}
			for _, id := range sc.Expect.NotViable {
				if r := ranked(d, id); r == nil || r.Viable {
					t.Errorf("%s should be ruled out\n%s", id, rankingSummary(d))
				}
			}
			for _, want := range sc.Expect.Capacity {
				row := capacityRow(d, want.Mechanism, want.Limit)
				if row == nil {
					t.Errorf("no capacity row %s / %s", want.Mechanism, want.Limit)
					continue
				}
				if row.Verdict1x != want.Verdict1x || row.Verdict10x != want.Verdict10x {
					t.Errorf("%s / %s: verdicts %s, %s (usage %v, %v of %v), want %s, %s", want.Mechanism, want.Limit,
						row.Verdict1x, row.Verdict10x, row.Usage1x, row.Usage10x, row.Allocation, want.Verdict1x, want.Verdict10x)
				}
			}
			for _, id := range sc.Expect.Warnings {
				if !slices.ContainsFunc(d.Warnings, func(w rules.Warning) bool { return w.ID == id }) {
					t.Errorf("missing warning %s", id)
				}
			}
		})
	}
}

func ranked(d *rules.Decision, mechanism string) *rules.Ranked {
	for i := range d.Ranking {
		if d.Ranking[i].Mechanism == mechanism {
			return &d.Ranking[i]
		}
	}
	return nil
}

func capacityRow(d *rules.Decision, mechanism, limit string) *rules.CapacityRow {
	return d.Row(mechanism, limit)
}

// rankingSummary prints the ranking with each mechanism's reasons, to read a failing scenario.
func rankingSummary(d *rules.Decision) string {
	var b strings.Builder
	for _, r := range d.Ranking {
		b.WriteString("  " + r.Mechanism)
		if !r.Viable {
			b.WriteString(" (excluded)")
		}
		b.WriteString(": ")
		for _, reason := range r.Reasons {
			b.WriteString(reason.Rule + " " + reason.Effect + ", ")
		}
		b.WriteString("= " + strconv.Itoa(r.Score) + "\n")
	}
	return b.String()
}

// TestContradictionsCapConfidence: answers that pull against each other (a person waiting on a
// reply no callout can wait for) hold the confidence at medium, and the summary says why, even
// when the winner leads by a wide margin.
func TestContradictionsCapConfidence(t *testing.T) {
	c := shipped.Catalog(t)
	base := []string{
		"name=Tariff", "direction=outbound", "source_of_truth=external", "interaction=process",
		"latency=interactive", "ack=result", "records_per_day=1000", "trigger=user_action", "middleware=true",
	}
	for _, tc := range []struct {
		response     string
		contradicted bool
	}{{"response_seconds=200", true}, {"response_seconds=3", false}} {
		a, _, err := c.ReadAnswers("", nil, append(slices.Clone(base), tc.response))
		if err != nil {
			t.Fatal(err)
		}
		d, err := c.Evaluate(a)
		if err != nil {
			t.Fatal(err)
		}
		rec := d.Recommendation
		if rec.Contradicted != tc.contradicted || (tc.contradicted && (rec.Confidence == "high" || !strings.Contains(rec.Summary, "pull against each other"))) {
			t.Errorf("%s: confidence %s, contradicted %v: %s", tc.response, rec.Confidence, rec.Contradicted, rec.Summary)
		}
	}
}
