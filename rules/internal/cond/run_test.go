package cond

import (
	"errors"
	"strings"
	"testing"
)

// TestRunSharesBudget: the conditions one evaluation runs on the machine share its budget,
// an environment copied after Start shares it too, and the next Start gives a new one.
func TestRunSharesBudget(t *testing.T) {
	loop := mustCompile(t, testShape(), `count(1..9000, # > n) == 9000`) // 9,000 steps a run
	var r Run
	env := testShape().VarsOf(map[string]any{"n": 0})
	r.Start(env)
	stressed := testShape().NewVars()
	stressed.CopyFrom(env)
	var err error
	runs := 0
	for ; err == nil && runs < 2*evalBudget/9000; runs++ {
		on := env
		if runs%2 == 1 {
			on = stressed
		}
		_, err = r.Holds(loop, on)
	}
	if !errors.Is(err, errBudget) || runs != evalBudget/9000+1 {
		t.Fatalf("after %d runs: %v, want the evaluation's budget spent at run %d", runs, err, evalBudget/9000+1)
	}
	if got := Reason(err); !strings.HasPrefix(got, errBudget.Error()+" (at 1:") {
		t.Errorf("Reason = %q, want %q and the place", got, errBudget.Error())
	}
	r.Start(env)
	if ok, err := r.Holds(loop, env); !ok || err != nil {
		t.Errorf("after a new Start: %v, %v", ok, err)
	}
}

// TestReason: a run-time failure in plain words, with its place in the condition and without
// the source and caret expr-lang draws under it.
func TestReason(t *testing.T) {
	c := mustCompile(t, testShape(), `n % m == 0`)
	var r Run
	env := testShape().VarsOf(map[string]any{"n": 1, "m": 0})
	r.Start(env)
	_, err := r.Holds(c, env)
	if got, want := Reason(err), "runtime error: integer divide by zero (at 1:3)"; got != want {
		t.Errorf("Reason = %q, want %q (from %v)", got, want, err)
	}
	if got := Reason(errors.New("plain")); got != "plain" {
		t.Errorf("Reason of another error = %q", got)
	}
}
