package cond

import (
	"fmt"

	"github.com/expr-lang/expr/vm"
)

// Run is one evaluation's machine, with the budget and the deadline that the expressions it
// runs on the machine share: 100,000 loop steps and bytes of text, and 250 ms (evalBudget,
// evalTimeLimit). Its zero value is ready for Start; it may be reused, one evaluation at a
// time, and is not safe for concurrent use.
type Run struct {
	machine vm.VM
	guard   runGuard
}

// Start gives a new evaluation its budget and its time, and puts the guard in the evaluation's
// environment, where the guarded programs find it. An environment copied from env afterwards
// (the stress scale's) shares the budget.
func (r *Run) Start(env *Vars) {
	r.machine.MemoryBudget = runBudget
	r.guard.start()
	env.guard, env.fresh = &r.guard, false
}

// Holds evaluates a condition within the evaluation: directly when it can, else on the machine.
func (r *Run) Holds(c *Condition, env *Vars) (bool, error) {
	if c.fast != nil {
		return c.fast(env), nil
	}
	if err := r.charge(c.compiled); err != nil {
		return false, err
	}
	return c.onMachine(&r.machine, env.Map())
}

// Number evaluates a number within the evaluation, like Holds.
func (r *Run) Number(n *Number, env *Vars) (float64, error) {
	if n.fast != nil {
		if f, ok := n.fast(env); ok {
			return f, nil
		}
	}
	if err := r.charge(n.compiled); err != nil {
		return 0, err
	}
	return n.onMachine(&r.machine, env.Map())
}

// charge counts a run on the machine against the evaluation, so that many runs without a loop
// in them still meet the deadline.
func (r *Run) charge(c *compiled) error {
	if err := r.guard.spend(1); err != nil {
		return fmt.Errorf("%s: %w", brief(c.src), err)
	}
	return nil
}

// runMachine evaluates the expression on expr-lang's machine m, or on a new one, with the
// machine's own budget, when m is nil.
func (c *compiled) runMachine(m *vm.VM, env map[string]any) (any, error) {
	prog, err := c.program()
	if err == nil {
		if m == nil {
			m = &vm.VM{MemoryBudget: runBudget}
		}
		var out any
		if out, err = m.Run(prog, env); err == nil {
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", brief(c.src), err)
}
