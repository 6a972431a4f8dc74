package cond

import (
	"slices"
	"strings"
	"testing"
)

// TestCompileRefuses: what a shape does not declare, a table entry it lacks, and a number that is
// not one are refused at load, each with the expression named (shortened past 60 bytes).
func TestCompileRefuses(t *testing.T) {
	for _, tc := range []struct {
		src    string
		number bool
		want   string
	}{
		{`limit.a > limit.nope && model.gone > 0`, false, `expression "limit.a > limit.nope && model.gone > 0": unknown limit.nope, model.gone`},
		{`undeclared > 0`, false, `expression "undeclared > 0": unknown name undeclared (1:1)`},
		{`s == "a"`, true, `expression "s == \"a\"" is a bool, not a number`},
		{strings.Repeat("x + ", 30) + `limit.nope > 0`, false, `expression "` + strings.Repeat("x + ", 15) + `…": unknown limit.nope`},
	} {
		var err error
		if tc.number {
			_, err = CompileNumber(testShape(), tc.src)
		} else {
			_, err = Compile(testShape(), tc.src)
		}
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestNames: every variable read, in tree order, as often as it is read.
func TestNames(t *testing.T) {
	c := mustCompile(t, testShape(), `n > m && limit.a > n`)
	if got, want := slices.Collect(c.Names()), []string{"n", "m", "limit", "n"}; !slices.Equal(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	for range c.Names() {
		break // stopping early must not panic
	}
}

// TestWithSharesPatternBudget: the shapes made from one share the budget of its patterns, so
// that a rule file cannot spread patterns over the per-mechanism shape to pass it.
func TestWithSharesPatternBudget(t *testing.T) {
	base := testShape()
	wider := base.With(map[string]any{"w": ""})
	pattern := `s matches "` + strings.Repeat("a", 180) + `"` // about 180 instructions
	var err error
	for i := 0; i < maxPatternsInsts/180+1 && err == nil; i++ {
		shape := base
		if i%2 == 1 {
			shape = wider
		}
		_, err = Compile(shape, pattern)
	}
	if err == nil || !strings.Contains(err.Error(), "the matches patterns compile to more than") {
		t.Errorf("after the shared budget: %v", err)
	}
	if _, err := Compile(testShape(), pattern); err != nil {
		t.Errorf("a new shape has a budget of its own: %v", err)
	}
}
