package record_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
	"github.com/sfpattern/sfpattern/rules/record"
)

// oneHours finds "1 hours" (and "1 hour" run into another number, as in "21 hours", is not it).
var oneHours = regexp.MustCompile(`(^|[^0-9,.])1 hours`)

// decideWith evaluates the sample answers with some changed.
func decideWith(t *testing.T, cat *rules.Catalog, sets ...string) *rules.Decision {
	t.Helper()
	a, _, err := cat.ReadAnswers("order-events.yaml", readFile(t, "../../testdata/answers/order-events.yaml"), sets)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Evaluate(a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDowntimeWording: a receiver that may never be offline reads so, not "offline for up to 0
// hours", and one hour is "1 hour", in the record's prose, its pros and cons, and lint.
func TestDowntimeWording(t *testing.T) {
	cat := shipped.Catalog(t)
	callout := []string{"receiver=rest_endpoint", "subscribers=1", "external_clients=1"} // Apex callouts win
	for _, c := range []struct {
		sets []string
		want string
	}{
		{[]string{"receiver_downtime_hours=0"}, "can subscribe to events; it is never offline."},
		{[]string{"receiver_downtime_hours=1"}, "it may be offline for up to 1 hour."},
		{[]string{"receiver_downtime_hours=12"}, "it may be offline for up to 12 hours."},
		{append(callout, "receiver_downtime_hours=1"), "Bad, because the receiver may be down 1 hour, longer than"},
	} {
		text := string(writeRecord(t, cat, decideWith(t, cat, c.sets...), record.Meta{Date: recordDate}))
		if !strings.Contains(text, c.want) || strings.Contains(text, "up to 0 hours") || oneHours.MatchString(text) {
			t.Errorf("%v: the record lacks %q, or says 0 or 1 hours:\n%s", c.sets, c.want, text)
		}
	}

	var contractYAML bytes.Buffer
	d := decideWith(t, cat, append(callout, "receiver_downtime_hours=1")...)
	if err := contract.WriteContract(&contractYAML, contract.BuildContract(cat, d)); err != nil {
		t.Fatal(err)
	}
	linter, err := contract.NewLinter(cat)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := linter.Lint("contract.yaml", contractYAML.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range findings {
		found = found || strings.Contains(f.Message, "the receiver may be down 1 hour, longer than the 0 hours Salesforce bridges")
		if oneHours.MatchString(f.Message) {
			t.Errorf("lint says 1 hours: %s", f.Message)
		}
	}
	if !found {
		t.Errorf("no recovery finding for a one-hour outage: %v", findings)
	}
}
