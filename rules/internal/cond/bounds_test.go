package cond

import (
	"strings"
	"testing"
)

// TestScanShape measures sources the way the parser would nest them: brackets inside strings
// and comments do not count, a prefix operator is told from a binary one by what precedes it,
// and commas end a chain.
func TestScanShape(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want shape
	}{
		{`records_per_day > 0`, shape{0, 0, 1}},
		{`(a + b) * (c - d)`, shape{1, 0, 1}},
		{`"((((" + '[[[' + ` + "`{{{`" + ` == x`, shape{0, 0, 3}},
		{`"\"((" == x`, shape{0, 0, 1}},
		{"a // ((((\n && /* [[[[ */ b", shape{0, 0, 1}},
		{`!!x && - -y > +1`, shape{0, 2, 2}},
		{`a - -b`, shape{0, 1, 1}},
		{`not not x or not (y not in ["a", "b"])`, shape{2, 2, 1}},
		{`x in 1..10 && limit.bulk_threshold_records > 2.5e3`, shape{0, 0, 5}},
		{`f(a + b + c, d + e)`, shape{1, 0, 2}},
		{`a?.b ?? c`, shape{0, 0, 2}},
		{`let x = 1; let y = x + 1; y > x`, shape{0, 0, 4}},
		{`all(l, {# > 0 && # < 9})`, shape{2, 0, 3}},
		{`größe > 0`, shape{0, 0, 1}},
		{strings.Repeat("(", 50) + "x" + strings.Repeat(")", 50), shape{50, 0, 0}},
		{strings.Repeat("[", 10_000), shape{10_000, 0, 0}},
		{strings.Repeat("!", 9) + "x", shape{0, 9, 0}},
		{`"unterminated ((((`, shape{0, 0, 0}},
		{`))) x + y`, shape{0, 0, 1}},
	} {
		if got := scanShape(tc.src); got != tc.want {
			t.Errorf("scanShape(%.40q) = %+v, want %+v", tc.src, got, tc.want)
		}
	}
}

// TestCheckShapeLimits: each bound admits its limit and refuses one more.
func TestCheckShapeLimits(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("(", n) + "x" + strings.Repeat(")", n) }
	chain := func(n int) string { return "x" + strings.Repeat("+x", n) }
	for _, tc := range []struct {
		name       string
		fits, over string
		msg        string
	}{
		{"nesting", nest(maxNesting), nest(maxNesting + 1), "brackets nest 33 deep"},
		{"prefix run", strings.Repeat("!", maxUnaryRun) + "x", strings.Repeat("!", maxUnaryRun+1) + "x", "9 prefix operators"},
		{"chain", chain(maxChain), chain(maxChain + 1), "101 operators in one chain"},
		{"length", strings.Repeat(" ", maxExprBytes-1) + "x", strings.Repeat(" ", maxExprBytes) + "x", "1001 bytes long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkShape(tc.fits); err != nil {
				t.Errorf("at the limit: %v", err)
			}
			if err := checkShape(tc.over); err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("one past the limit: %v, want %q", err, tc.msg)
			}
		})
	}
}
