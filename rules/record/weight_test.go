package record_test

import (
	"reflect"
	"testing"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// TestByWeight: heaviest first whatever the sign, ties in the engine's order, the input untouched.
func TestByWeight(t *testing.T) {
	in := []rules.Reason{
		{Rule: "a", Points: 10},
		{Rule: "b", Points: -20},
		{Rule: "c", Points: 15},
		{Rule: "d", Points: 10},
		{Rule: "e", Points: 0},
		{Rule: "f", Points: -10},
	}
	var got []string
	for _, r := range record.ByWeight(in) {
		got = append(got, r.Rule)
	}
	if want := []string{"b", "c", "a", "d", "f", "e"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ByWeight order %v, want %v", got, want)
	}
	if in[0].Rule != "a" || in[1].Rule != "b" {
		t.Error("ByWeight reordered its input")
	}
}
