package rules_test

import (
	"testing"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/rules"
)

// TestEachMechanismConditionOnFigures: a policy's per-mechanism rule may test a capacity figure
// (not only a verdict) in its condition, and sees that mechanism's own figure.
func TestEachMechanismConditionOnFigures(t *testing.T) {
	policy := []byte(`rules:
  - id: policy-half-the-delivery-allocation
    each_mechanism: true
    when: worst_share_1x > 0.5 && worst_share_1x <= 1
    because: "{mechanism_name} would use {worst_share_1x:percent} of {worst_limit_1x}."
    sources: [S-10]
    effect: -1
`)
	c, err := rules.Load(content.FS, rules.RuleFile{Name: "policy.yaml", Data: policy})
	if err != nil {
		t.Fatal(err)
	}
	// 15,000 records to one subscriber on Enterprise: 60 % of the 25,000 event deliveries.
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=x", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=15000",
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	matched := map[string]string{}
	for _, s := range d.Trace {
		if s.Rule == "policy-half-the-delivery-allocation" && s.Matched {
			matched[s.Mechanism] = s.Because
		}
	}
	want := "Change Data Capture would use 60% of Event delivery (platform events and Change Data Capture)."
	if matched["change_data_capture"] != want {
		t.Errorf("CDC step: %q, want %q (all matches: %v)", matched["change_data_capture"], want, matched)
	}
	if _, ok := matched["rest_api"]; ok {
		t.Error("REST API uses no delivery allocation but matched")
	}
}
