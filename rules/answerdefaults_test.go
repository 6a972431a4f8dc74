package rules_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestFill: standing defaults give only what the answers leave out, keep the line they were
// given on for problems, and are dropped without a warning where their question does not apply.
func TestFill(t *testing.T) {
	cat := shipped.Catalog(t)
	data, err := os.ReadFile("../testdata/answers/nightly-invoices.json")
	if err != nil {
		t.Fatal(err)
	}
	licences, initiator := cat.Role(rules.RoleLicences), cat.Role(rules.RoleInitiator)
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, licences.ID+":") {
			kept = append(kept, line)
		}
	}
	answers := []byte(strings.Join(kept, "\n"))
	given, _ := cat.ParseAnswers("a.json", answers)
	var hidden *rules.Question // a question these answers do not ask
	for _, q := range cat.Questions {
		if !q.Visible(given) && (q.Kind == rules.KindNumber || q.Kind == rules.KindSelect) {
			hidden = q
			break
		}
	}
	if hidden == nil {
		t.Fatal("every question applies to nightly-invoices.json; pick other answers")
	}
	initiatorValue, _ := given.Get(initiator.ID)
	other := ""
	for _, id := range initiator.OptionIDs() {
		if id != initiatorValue {
			other = id
		}
	}
	hiddenValue := fmt.Sprint(hidden.Min.Value)
	if hidden.Kind == rules.KindSelect {
		hiddenValue = hidden.OptionIDs()[0]
	}
	defaults, err := cat.ParseAnswers(".sfpattern.yaml", fmt.Appendf(nil, "%s: 900\n%s: %s\n%s: %s\n", licences.ID, hidden.ID, hiddenValue, initiator.ID, other))
	if err != nil {
		t.Fatal(err)
	}
	a, warnings, err := cat.ReadAnswersFilled("a.json", answers, rules.Location{}, nil, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Get(initiator.ID); v != initiatorValue {
		t.Errorf("%s = %v: a default replaced the file's answer %v", initiator.ID, v, initiatorValue)
	}
	if v, _ := a.Get(licences.ID); v != 900 || !a.Standing(licences.ID) {
		t.Errorf("%s = %v (standing %v), want the default 900", licences.ID, v, a.Standing(licences.ID))
	}
	if _, set := a.Get(hidden.ID); set {
		t.Errorf("%s is kept though it does not apply", hidden.ID)
	}
	for _, w := range warnings {
		if strings.Contains(w.Message, hidden.ID) {
			t.Errorf("a default for a question that does not apply warned: %s", w.Message)
		}
	}
	// A cross-field check that a default fails names the default's own line.
	run := cat.Role(rules.RoleRunVolume)
	var withoutRun []string
	for _, line := range kept {
		if !strings.Contains(line, `"`+run.ID+`"`) {
			withoutRun = append(withoutRun, line)
		}
	}
	daily, _ := given.Get(cat.Role(rules.RoleDailyVolume).ID)
	bad, err := cat.ParseAnswers(".sfpattern.yaml", fmt.Appendf(nil, "\n%s: %d\n", run.ID, daily.(int)+1))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = cat.ReadAnswersFilled("a.json", []byte(strings.Join(withoutRun, "\n")), rules.Location{}, nil, bad)
	if err == nil || !strings.Contains(err.Error(), ".sfpattern.yaml:2: "+run.ID) {
		t.Errorf("a default that fails a cross-field check is named at its own line: %v", err)
	}
}
