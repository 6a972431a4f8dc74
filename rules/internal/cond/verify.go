package cond

import (
	"fmt"
	"math"
)

// The fast path must mean what the machine means. This package's tests hold the fast path to
// that over every construct it translates; Verify lets a knowledge base's tests hold each of its
// own expressions to it, over environments only they can build.

// Verify evaluates the condition both ways over env, directly and on the machine, and reports a
// difference or a failure. A condition the fast path cannot run has nothing to compare: nil.
func (c *Condition) Verify(env map[string]any) error {
	if c.fast == nil {
		return nil
	}
	want, err := c.onMachine(nil, env)
	if err != nil {
		return err
	}
	if got := c.fast(c.shape.VarsOf(env)); got != want {
		return fmt.Errorf("%s: fast path %v, machine %v", c.src, got, want)
	}
	return nil
}

// Verify evaluates the number both ways over env, like Condition.Verify. Not a number either way
// (0/0) is the same result; where the fast path has no number (a variable missing), an
// evaluation asks the machine, so there is nothing to compare.
func (n *Number) Verify(env map[string]any) error {
	if n.fast == nil {
		return nil
	}
	want, err := n.onMachine(nil, env)
	if err != nil {
		return err
	}
	got, ok := n.fast(n.shape.VarsOf(env))
	if ok && got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
		return fmt.Errorf("%s: fast path %v, machine %v", n.src, got, want)
	}
	return nil
}
