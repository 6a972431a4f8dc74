package cond

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
)

// An expression that the fast path cannot run goes to expr-lang's machine as a guarded program:
// the same source, parsed again with guardPatcher, which routes every place where work or text
// could grow without bound through one of the functions below. The machine's own budget
// (runBudget) counts the lists a run creates; these functions count loop steps and bytes of text
// against the evaluation's guard (evalBudget) and look at its clock (evalTimeLimit). expr-lang
// lets only its own builtins report memory to the machine, hence the second count.
//
// The names start with "__sfp_": the first type check, which reports a rule's mistakes, does not
// know them, so no rule can name them.
const (
	guardVar = "__sfp_guard"
	stepFn   = "__sfp_step"
	addFn    = "__sfp_add"
	repeatFn = "__sfp_repeat"
	textFn   = "__sfp_text"
	scalarFn = "__sfp_scalar"
)

// runGuard is one evaluation's budget and clock for the expressions that run on the machine.
// The evaluation puts it in the environment; expressions run outside an evaluation (question
// visibility, all shipped) see none and are bounded by the machine's budget alone.
type runGuard struct {
	deadline time.Time
	spent    int
}

// start gives the evaluation its budget and its time.
func (g *runGuard) start() { g.deadline, g.spent = time.Now().Add(evalTimeLimit), 0 }

var (
	errTimeLimit = fmt.Errorf("it ran past the time limit of %v that the rule expressions share in one evaluation", evalTimeLimit)
	errBudget    = fmt.Errorf("it needed more than the budget of %d loop steps and bytes of text that the rule expressions share in one evaluation", evalBudget)
)

// spend charges units of work or text to the evaluation and reports whether it is over budget
// or out of time.
func (g *runGuard) spend(units int) error {
	if g == nil || g.deadline.IsZero() {
		return nil
	}
	g.spent += units
	switch {
	case g.spent > evalBudget:
		return errBudget
	case time.Now().After(g.deadline):
		return errTimeLimit
	}
	return nil
}

// guardOf reads the guard argument the patcher passes first to every guarded function.
func guardOf(args []any) *runGuard {
	g, _ := args[0].(*runGuard)
	return g
}

// guardFunctions are the bounded replacements, as expr-lang functions with their types.
var guardFunctions = []*builtin.Function{
	{Name: stepFn, Func: guardStep, Types: funcTypes(new(func(*runGuard, any) any))},
	{Name: addFn, Func: guardAdd, Types: funcTypes(new(func(*runGuard, any, any) any))},
	{Name: repeatFn, Func: guardRepeat, Types: funcTypes(new(func(*runGuard, string, int) string))},
	{Name: textFn, Func: guardText, Types: funcTypes(new(func(*runGuard, string) string))},
	{Name: scalarFn, Func: guardScalar, Types: funcTypes(new(func(*runGuard, any) any))},
}

func funcTypes(fns ...any) []reflect.Type {
	ts := make([]reflect.Type, len(fns))
	for i, fn := range fns {
		ts[i] = reflect.TypeOf(fn).Elem()
	}
	return ts
}

// errNested refuses lists of lists: with them a few bytes of source describe a structure whose
// comparison or printing is exponential, and nothing else needs them.
var errNested = errors.New("a list or map in a rule expression may hold only numbers, text and booleans, not other lists or maps")

// guardStep runs once per step of every predicate (all, any, map, filter, count…).
func guardStep(args ...any) (any, error) {
	if err := guardOf(args).spend(1); err != nil {
		return nil, err
	}
	if isCollection(args[1]) {
		return nil, errNested
	}
	return args[1], nil
}

// guardAdd is + when either side may be text: the result is capped at maxText bytes and counted.
func guardAdd(args ...any) (any, error) {
	a, aText := args[1].(string)
	b, bText := args[2].(string)
	if !aText || !bText {
		if err := guardOf(args).spend(1); err != nil {
			return nil, err
		}
		return runtime.Add(args[1], args[2]), nil
	}
	if len(a)+len(b) > maxText {
		return nil, textTooLong(len(a) + len(b))
	}
	if err := guardOf(args).spend(1 + len(a) + len(b)); err != nil {
		return nil, err
	}
	return a + b, nil
}

// guardRepeat is repeat capped by the size of its result rather than its count.
func guardRepeat(args ...any) (any, error) {
	s, n := args[1].(string), runtime.ToInt(args[2])
	switch {
	case n < 0:
		return nil, fmt.Errorf("repeat needs a count of 0 or more, not %d", n)
	case len(s) > 0 && n > maxText/len(s):
		return nil, fmt.Errorf("repeat would build %s bytes of text; a rule expression may build at most %d", bigProduct(len(s), n), maxText)
	}
	if err := guardOf(args).spend(1 + len(s)*n); err != nil {
		return nil, err
	}
	return strings.Repeat(s, n), nil
}

// bigProduct writes a × b without overflowing.
func bigProduct(a, b int) string {
	return strconv.FormatFloat(float64(a)*float64(b), 'f', 0, 64)
}

// guardText is the text `matches` runs on: at most maxMatchText bytes, each charged.
func guardText(args ...any) (any, error) {
	s, _ := args[1].(string)
	if len(s) > maxMatchText {
		return nil, fmt.Errorf("matches runs on at most %d bytes of text; this text has %d", maxMatchText, len(s))
	}
	if err := guardOf(args).spend(1 + len(s)); err != nil {
		return nil, err
	}
	return s, nil
}

// guardScalar is an element of a list or map literal whose type the checker could not tell.
func guardScalar(args ...any) (any, error) {
	if isCollection(args[1]) {
		return nil, errNested
	}
	return args[1], nil
}

func textTooLong(n int) error {
	return fmt.Errorf("it would build %d bytes of text; a rule expression may build at most %d", n, maxText)
}

// isCollection reports whether v is a list or a map.
func isCollection(v any) bool {
	switch v.(type) {
	case nil, bool, int, float64, string:
		return false
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return true
	default:
		return false
	}
}

// guardPatcher rewrites a type-checked tree for the machine. It runs as an expr-lang patcher,
// after a first type check and before the final one, so it can read each node's static type.
type guardPatcher struct{}

// Visit rewrites one node; ast.Walk visits children first, so a rewritten node's arguments are
// already rewritten.
func (guardPatcher) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.PredicateNode:
		n.Node = guardCall(stepFn, n.Node)
	case *ast.BinaryNode:
		switch {
		case n.Operator == "+" && (!numeric(n.Left) || !numeric(n.Right)):
			ast.Patch(node, guardCall(addFn, n.Left, n.Right))
		case n.Operator == "matches":
			n.Left = guardCall(textFn, n.Left)
		}
	case *ast.BuiltinNode:
		if n.Name == "repeat" && len(n.Arguments) == 2 {
			ast.Patch(node, guardCall(repeatFn, n.Arguments...))
		}
	case *ast.ArrayNode:
		for i, e := range n.Nodes {
			n.Nodes[i] = scalarOnly(e)
		}
	case *ast.PairNode:
		n.Value = scalarOnly(n.Value)
	}
}

// scalarOnly guards a literal's element unless its static type is already a scalar.
func scalarOnly(n ast.Node) ast.Node {
	if t := n.Type(); t != nil && scalarKind(t.Kind()) {
		return n
	}
	if _, isNil := n.(*ast.NilNode); isNil {
		return n
	}
	return guardCall(scalarFn, n)
}

// scalarKind reports whether k is the kind of a scalar an expression computes with.
func scalarKind(k reflect.Kind) bool {
	switch k {
	case reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64, reflect.String:
		return true
	default:
		return false
	}
}

// guardCall builds a call of a guarded function, the guard first, at the position of its first
// argument so that run-time errors point into the rule's own text.
func guardCall(fn string, args ...ast.Node) ast.Node {
	call := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: fn},
		Arguments: append([]ast.Node{&ast.IdentifierNode{Value: guardVar}}, args...),
	}
	call.SetLocation(args[0].Location())
	return call
}
