package rules_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestBadAnswers feeds every hand-written malformed answers file to the engine: each must be
// refused, never panic, and the message must contain what testdata/bad/expect.yaml says.
func TestBadAnswers(t *testing.T) {
	c := shipped.Catalog(t)
	casefiles.Run(t, "../testdata/bad", "*", func(t *testing.T, name string, input []byte, want []string) {
		_, _, err := c.ReadAnswers(name, input, nil)
		if err == nil {
			t.Fatal("accepted; want it refused")
		}
		if rules.AsProblems(err) == nil {
			t.Errorf("error is not a list of problems: %v", err)
		}
		for _, s := range want {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("message lacks %q:\n%v", s, err)
			}
		}
	})
}

// TestOversizedAnswers refuses a file above the size limit before parsing it.
func TestOversizedAnswers(t *testing.T) {
	c := shipped.Catalog(t)
	big := bytes.Repeat([]byte("# padding\n"), rules.MaxFileSize/10+1)
	_, _, err := c.ReadAnswers("big.yaml", big, nil)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("want a size error, got %v", err)
	}
}

// TestSetOverrides checks --set parsing: human numbers, unknown fields and bad values.
func TestSetOverrides(t *testing.T) {
	c := shipped.Catalog(t)
	base := []string{
		"name=Orders", "direction=inbound", "source_of_truth=external", "interaction=data",
		"latency=minutes", "ack=delivery", "records_per_day=2M", "records_per_run=500k",
	}
	a, _, err := c.ReadAnswers("", nil, base)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Get("records_per_day"); v != 2000000 {
		t.Errorf("records_per_day = %v, want 2000000", v)
	}
	if v, _ := a.Get("records_per_run"); v != 500000 {
		t.Errorf("records_per_run = %v, want 500000", v)
	}
	if v, _ := a.Get("receiver"); v != nil {
		t.Errorf("receiver = %v, want it dropped for an inbound integration", v)
	}
	cases := map[string]string{
		"colour=blue":            "unknown field",
		"latncy=minutes":         "did you mean latency",
		"latency=instant":        "interactive, seconds, minutes, hours, daily",
		"records_per_day=lots":   "whole number",
		"subscribers=0":          "out of range",
		"middleware=maybe":       "true or false",
		"noequals":               "field=value",
		"records_per_run=3M":     "must not exceed records_per_day",
		"records_per_day=1.5M":   "", // 1,500,000 is a whole number: accepted
		"records_per_day=1.5005": "whole number",
	}
	for set, want := range cases {
		t.Run(set, func(t *testing.T) {
			_, _, err := c.ReadAnswers("", nil, append(append([]string{}, base...), set))
			switch {
			case want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
				t.Errorf("error %v, want it to mention %q", err, want)
			}
		})
	}
}

// TestQuestionParse: the wizard, the accessible prompts and --set read a typed answer alike,
// and a refused one in the same words.
func TestQuestionParse(t *testing.T) {
	c := shipped.Catalog(t)
	cases := []struct {
		role rules.Role
		text string
		want any // nil: refused
	}{
		{rules.RoleDailyVolume, "2M", 2000000},
		{rules.RoleDailyVolume, " 2,000,000 ", 2000000},
		{rules.RoleDailyVolume, "500k", 500000},
		{rules.RoleDailyVolume, "lots", nil},
		{rules.RoleDailyVolume, "-1", nil},
		{rules.RoleConsumers, "0", nil},
		{rules.RoleTiming, "minutes", "minutes"},
		{rules.RoleTiming, "instant", nil},
		{rules.RoleMiddleware, "yes", true},
		{rules.RoleMiddleware, "false", false},
		{rules.RoleMiddleware, "maybe", nil},
		{rules.RoleTitle, "  Order sync ", "Order sync"},
		{rules.RoleTitle, "", nil},
		{rules.RoleTitle, "two\nlines", nil},
	}
	for _, tc := range cases {
		q := c.Role(tc.role)
		t.Run(q.ID+"="+tc.text, func(t *testing.T) {
			got, err := q.Parse(tc.text)
			if got != tc.want || (err != nil) != (tc.want == nil) {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
			}
			setErr := c.Set(rules.NewAnswers(), q.ID+"="+tc.text)
			if err == nil {
				if setErr != nil {
					t.Errorf("--set refused what Parse accepted: %v", setErr)
				}
				return
			}
			if ps := rules.AsProblems(setErr); len(ps) != 1 || ps[0].Msg != err.Error() {
				t.Errorf("Parse says %q, --set says %v", err, setErr)
			}
		})
	}
}

// TestParseNumber covers the ways people write volumes.
func TestParseNumber(t *testing.T) {
	good := map[string]int{
		"0": 0, "2000000": 2000000, "2,000,000": 2000000, "2_000_000": 2000000,
		"2M": 2000000, "500k": 500000, "1.5M": 1500000, "10B": 10000000000, " 42 ": 42, "3K": 3000,
	}
	for in, want := range good {
		if got, err := rules.ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "k", "two", "1.5", "1e6", "0x10", "1.0000001M", "9e99B", "--1"} {
		if got, err := rules.ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %d, want an error", in, got)
		}
	}
}
