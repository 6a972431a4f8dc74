package cond

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr/vm"
)

// Number is a compiled expression yielding a number: a fact, a capacity usage, a remedy's
// figure, a limit's formula, a computed default.
type Number struct {
	*compiled
	fast numFn // nil when the expression is not a number the fast path can compute
}

// CompileNumber checks a number's source against the shape, like Compile, and refuses one whose
// type is known not to be a number. A ternary whose branches are numbers of different types is
// typed any by expr-lang, and accepted.
func CompileNumber(shape Shape, src string) (*Number, error) {
	cp, err := compile(shape, src, false)
	if err != nil {
		return nil, err
	}
	if t := cp.node().Type(); t != nil && t.Kind() != reflect.Interface && !isNumber(t.Kind()) {
		return nil, fmt.Errorf("expression %q is a %s, not a number", brief(src), t)
	}
	n := &Number{compiled: cp}
	if numeric(cp.node()) {
		n.fast = compileNum(shape.layout, cp.node())
	}
	if n.fast == nil {
		if err := cp.needProgram(); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// Value evaluates the number outside an evaluation (limits, computed defaults).
func (n *Number) Value(env map[string]any) (float64, error) {
	if n.fast != nil {
		v := n.shape.borrow(env)
		f, ok := n.fast(v)
		n.shape.Return(v)
		if ok {
			return f, nil
		}
	}
	return n.onMachine(nil, env)
}

// onMachine evaluates the number on the machine m (a new one when m is nil).
func (n *Number) onMachine(m *vm.VM, env map[string]any) (float64, error) {
	out, err := n.runMachine(m, env)
	if err != nil {
		return 0, err
	}
	f, ok := Float(out)
	if !ok {
		return 0, fmt.Errorf("%s is %v, not a number", n.src, out)
	}
	return f, nil
}

func isNumber(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// ValueIn is Value over an environment already laid out in slots.
func (n *Number) ValueIn(env *Vars) (float64, error) {
	if n.fast != nil {
		if f, ok := n.fast(env); ok {
			return f, nil
		}
	}
	return n.onMachine(nil, env.Map())
}
