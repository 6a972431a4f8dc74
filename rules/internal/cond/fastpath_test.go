package cond

import (
	"math/rand/v2"
	"testing"
)

// testShape has a variable of every type the fast path reads: whole numbers (answers), figures
// (facts), text, booleans and the two tables.
func testShape() Shape {
	return NewShape(map[string]any{
		"n": 0, "m": 0, "x": 0.0, "y": 0.0, "s": "", "t": "", "b": false, "c": false,
		"limit": map[string]float64{"a": 0, "z": 0},
		"model": map[string]float64{"k": 0},
	})
}

// fastConditions cover every construct the fast path translates to a condition.
var fastConditions = []string{
	`true`, `b`, `!b`, `not c`, `b && c`, `b and !c`, `b || c`, `b or c`, `b == c`, `b != true`,
	`n > m`, `n < 3`, `x >= y`, `x <= 2.5`, `n == x`, `n != m`, `limit.a > limit.z`, `model.k <= n`,
	`s == "alpha"`, `"beta" == s`, `s != t`, `s != "gamma"`, `s in ["alpha", "beta"]`, `t not in ["alpha"]`,
	`s in ["a", "b", "c", "d", "e", "f", "g", "h", "beta"]`, `t not in ["a", "b", "c", "d", "e", "f", "g", "h", "gamma"]`,
	`(n > 2 ? x : y) > 1`, `-n < m`, `n + m * 2 > x - y`, `x / 4 > 1`,
	`min(n, m, x) < max(y, 1)`, `ceil(x) == floor(x)`, `!(n > 1 && (s == "beta" || b))`,
}

// fastNumbers cover every construct the fast path translates to a number, the ternary whose
// branches differ in type (typed any) among them.
var fastNumbers = []string{
	`1`, `2.5`, `n`, `x`, `-x`, `limit.a`, `model.k`, `n + m`, `n - x`, `n * m`, `n / 4`, `x / (m * m + 1)`,
	`min(n, x)`, `max(n, m, y, 3)`, `ceil(x)`, `floor(y / 3)`, `b ? n : x`, `n == 0 ? 0 : ceil(x)`,
	`max(1, min(floor(limit.a * model.k), floor(limit.z / max(n, 1))))`,
}

// machineOnly need the machine: nothing the fast path translates.
var machineOnly = []string{`n % 2 == 0`, `s + "x" == t`, `len(s) > 1`, `s contains "a"`, `[n, m][0] > 0`}

// TestFastPathAgreesWithMachine evaluates every construct of the fast path both ways over many
// environments: direct evaluation must give what expr-lang's machine gives.
func TestFastPathAgreesWithMachine(t *testing.T) {
	shape := testShape()
	var conds []*Condition
	var nums []*Number
	for _, src := range fastConditions {
		c := mustCompile(t, shape, src)
		if c.fast == nil {
			t.Errorf("%s: not on the fast path", src)
		}
		conds = append(conds, c)
	}
	for _, src := range fastNumbers {
		n, err := CompileNumber(shape, src)
		if err != nil {
			t.Fatal(err)
		}
		if n.fast == nil {
			t.Errorf("%s: not on the fast path", src)
		}
		nums = append(nums, n)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		env := randomEnv(rng)
		for _, c := range conds {
			if err := c.Verify(env); err != nil {
				t.Fatalf("%v, env %v", err, env)
			}
		}
		for _, n := range nums {
			if err := n.Verify(env); err != nil {
				t.Fatalf("%v, env %v", err, env)
			}
		}
	}
}

// TestMachineOnly: what the fast path does not translate runs on the machine, and still holds.
func TestMachineOnly(t *testing.T) {
	env := map[string]any{"n": 4, "m": 1, "x": 0.0, "y": 0.0, "s": "ab", "t": "abx", "b": false, "c": false}
	for _, src := range machineOnly {
		c := mustCompile(t, testShape(), src)
		if c.fast != nil {
			t.Errorf("%s: on the fast path", src)
		}
		if ok, err := c.Holds(env); err != nil || !ok {
			t.Errorf("%s: %v, %v; want true", src, ok, err)
		}
	}
}

// randomEnv draws every variable of testShape, the edges (zero, negative, equal values) often.
func randomEnv(rng *rand.Rand) map[string]any {
	whole := func() int { return rng.IntN(11) - 3 }
	figure := func() float64 { return float64(rng.IntN(41)-10) / 4 }
	text := func() string { return []string{"", "alpha", "beta", "gamma"}[rng.IntN(4)] }
	return map[string]any{
		"n": whole(), "m": whole(), "x": figure(), "y": figure(),
		"s": text(), "t": text(), "b": rng.IntN(2) == 0, "c": rng.IntN(2) == 0,
		"limit": map[string]float64{"a": figure(), "z": figure()},
		"model": map[string]float64{"k": figure()},
	}
}

func mustCompile(t *testing.T, shape Shape, src string) *Condition {
	t.Helper()
	c, err := Compile(shape, src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
