package cond

import "github.com/expr-lang/expr/vm"

// Condition is a compiled boolean expression.
type Condition struct {
	*compiled
	fast boolFn // nil when the expression needs the machine
}

// Compile checks a condition's source against the shape, within the bounds every expression is
// held to, and compiles it. The error names the expression and says what is wrong with it; the
// caller adds the file and the item.
func Compile(shape Shape, src string) (*Condition, error) {
	cp, err := compile(shape, src, true)
	if err != nil {
		return nil, err
	}
	c := &Condition{compiled: cp, fast: compileBool(shape.layout, cp.node())}
	if c.fast == nil {
		if err := cp.needProgram(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Holds evaluates the condition outside an evaluation (question visibility, cross-field
// checks): the expressions there are all shipped ones, bounded by the machine's budget alone.
func (c *Condition) Holds(env map[string]any) (bool, error) {
	if c.fast != nil {
		v := c.shape.borrow(env)
		defer c.shape.Return(v)
		return c.fast(v), nil
	}
	return c.onMachine(nil, env)
}

// onMachine evaluates the condition on the machine m (a new one when m is nil).
func (c *Condition) onMachine(m *vm.VM, env map[string]any) (bool, error) {
	out, err := c.runMachine(m, env)
	return out == true, err
}

// HoldsIn is Holds over an environment already laid out in slots, which spares laying out a map
// for each of many conditions over the same values.
func (c *Condition) HoldsIn(env *Vars) (bool, error) {
	if c.fast != nil {
		return c.fast(env), nil
	}
	return c.onMachine(nil, env.Map())
}
