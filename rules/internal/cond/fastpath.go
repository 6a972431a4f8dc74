package cond

import (
	"math"
	"reflect"
	"slices"

	"github.com/expr-lang/expr/ast"
)

// The fast path evaluates common expressions directly over the environment, without expr-lang's
// virtual machine. Evaluate runs some 150 small expressions, and the machine's per-run set-up and
// the boxing of every intermediate number were most of its time. The type-checked expression tree
// (before expr-lang's optimiser rewrites it) is translated into typed Go closures for a small
// subset of the language: comparisons, boolean logic, arithmetic, min/max/ceil/floor, limit.<id>,
// `in` over constant strings and the ternary. An expression using anything else keeps running on
// the machine. A test checks that both paths agree on every expression of the knowledge base.
type (
	numFn  func(env *Vars) (float64, bool)
	boolFn func(env *Vars) bool
	strFn  func(env *Vars) (string, bool)
)

// fastKind classifies a checked node by its static type.
func fastKind(n ast.Node) reflect.Kind {
	t := n.Type()
	if t == nil {
		return reflect.Invalid
	}
	switch k := t.Kind(); k {
	case reflect.Int, reflect.Int64, reflect.Float64:
		return reflect.Float64
	case reflect.Bool, reflect.String:
		return k
	default:
		return reflect.Invalid
	}
}

// numeric reports whether a checked node is a number, including a ternary whose branches are
// numbers of different types (`x == 0 ? 0 : ceil(y)`), which the checker types as any.
func numeric(n ast.Node) bool {
	if c, ok := n.(*ast.ConditionalNode); ok {
		return numeric(c.Exp1) && numeric(c.Exp2)
	}
	return fastKind(n) == reflect.Float64
}

// Float reads a number as expressions compute them: an answer's int, a fact's float64.
func Float(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float32:
		return float64(x), true
	}
	return 0, false
}

func compileNum(l *layout, n ast.Node) numFn {
	switch n := n.(type) {
	case *ast.IntegerNode:
		v := float64(n.Value)
		return func(*Vars) (float64, bool) { return v, true }
	case *ast.FloatNode:
		v := n.Value
		return func(*Vars) (float64, bool) { return v, true }
	case *ast.IdentifierNode:
		slot, ok := l.slot(n.Value)
		if !ok {
			return nil
		}
		return func(env *Vars) (float64, bool) { return env.Number(slot) }
	case *ast.MemberNode:
		return numMember(l, n)
	case *ast.UnaryNode:
		inner := compileNum(l, n.Node)
		if inner == nil || n.Operator != "-" {
			return nil
		}
		return func(env *Vars) (float64, bool) { f, ok := inner(env); return -f, ok }
	case *ast.BinaryNode:
		return numBinary(l, n)
	case *ast.ConditionalNode:
		cond, yes, no := compileBool(l, n.Cond), compileNum(l, n.Exp1), compileNum(l, n.Exp2)
		if cond == nil || yes == nil || no == nil {
			return nil
		}
		return func(env *Vars) (float64, bool) {
			if cond(env) {
				return yes(env)
			}
			return no(env)
		}
	case *ast.BuiltinNode:
		return numBuiltin(l, n)
	}
	return nil
}

func numMember(l *layout, n *ast.MemberNode) numFn {
	table, ok := n.Node.(*ast.IdentifierNode)
	key, isStr := n.Property.(*ast.StringNode)
	if !ok || !isStr || n.Optional || (table.Value != "limit" && table.Value != "model") {
		return nil
	}
	slot, known := l.slot(table.Value)
	if !known {
		return nil
	}
	k := key.Value
	at := slices.Index(l.tableKeys(table.Value), k)
	return func(env *Vars) (float64, bool) {
		if vec := env.vector(slot); vec != nil && at >= 0 {
			return vec[at], true
		}
		v, found := env.Table(slot)[k]
		return v, found
	}
}

var numOps = map[string]func(a, b float64) float64{
	"+": func(a, b float64) float64 { return a + b },
	"-": func(a, b float64) float64 { return a - b },
	"*": func(a, b float64) float64 { return a * b },
	"/": func(a, b float64) float64 { return a / b }, // expr-lang's "/" is always a float division
}

func numBinary(l *layout, n *ast.BinaryNode) numFn {
	op := numOps[n.Operator]
	left, right := compileNum(l, n.Left), compileNum(l, n.Right)
	if op == nil || left == nil || right == nil {
		return nil
	}
	return func(env *Vars) (float64, bool) {
		a, okA := left(env)
		b, okB := right(env)
		return op(a, b), okA && okB
	}
}

func numBuiltin(l *layout, n *ast.BuiltinNode) numFn {
	args := make([]numFn, len(n.Arguments))
	for i, a := range n.Arguments {
		if args[i] = compileNum(l, a); args[i] == nil {
			return nil
		}
	}
	var pick func(a, b float64) float64
	switch {
	case n.Name == "min" && len(args) > 0:
		pick = math.Min
	case n.Name == "max" && len(args) > 0:
		pick = math.Max
	case n.Name == "ceil" && len(args) == 1:
		return func(env *Vars) (float64, bool) { f, ok := args[0](env); return math.Ceil(f), ok }
	case n.Name == "floor" && len(args) == 1:
		return func(env *Vars) (float64, bool) { f, ok := args[0](env); return math.Floor(f), ok }
	default:
		return nil
	}
	return func(env *Vars) (float64, bool) {
		acc, ok := args[0](env)
		for _, a := range args[1:] {
			v, isNum := a(env)
			acc, ok = pick(acc, v), ok && isNum
		}
		return acc, ok
	}
}

func compileStr(l *layout, n ast.Node) strFn {
	switch n := n.(type) {
	case *ast.StringNode:
		v := n.Value
		return func(*Vars) (string, bool) { return v, true }
	case *ast.IdentifierNode:
		slot, ok := l.slot(n.Value)
		if !ok {
			return nil
		}
		return func(env *Vars) (string, bool) { return env.Text(slot) }
	}
	return nil
}

func compileBool(l *layout, n ast.Node) boolFn {
	switch n := n.(type) {
	case *ast.BoolNode:
		v := n.Value
		return func(*Vars) bool { return v }
	case *ast.IdentifierNode:
		slot, ok := l.slot(n.Value)
		if !ok {
			return nil
		}
		return func(env *Vars) bool { return env.Value(slot) == true }
	case *ast.UnaryNode:
		inner := compileBool(l, n.Node)
		if inner == nil || (n.Operator != "!" && n.Operator != "not") {
			return nil
		}
		return func(env *Vars) bool { return !inner(env) }
	case *ast.BinaryNode:
		return boolBinary(l, n)
	}
	return nil
}

func boolBinary(l *layout, n *ast.BinaryNode) boolFn {
	switch n.Operator {
	case "&&", "and", "||", "or":
		left, right := compileBool(l, n.Left), compileBool(l, n.Right)
		if left == nil || right == nil {
			return nil
		}
		if n.Operator == "&&" || n.Operator == "and" {
			return func(env *Vars) bool { return left(env) && right(env) }
		}
		return func(env *Vars) bool { return left(env) || right(env) }
	case "in":
		return boolIn(l, n)
	case "==", "!=":
		eq := equality(l, n.Left, n.Right)
		if eq == nil {
			return nil
		}
		if n.Operator == "!=" {
			return func(env *Vars) bool { return !eq(env) }
		}
		return eq
	}
	return numComparison(l, n)
}

// equality compares two sides of the same static kind.
func equality(lay *layout, left, right ast.Node) boolFn {
	kind := fastKind(left)
	if kind != fastKind(right) {
		return nil
	}
	switch kind {
	case reflect.Float64:
		a, b := compileNum(lay, left), compileNum(lay, right)
		if a == nil || b == nil {
			return nil
		}
		return func(env *Vars) bool { x, _ := a(env); y, _ := b(env); return x == y }
	case reflect.String:
		if eq := textIs(lay, left, right); eq != nil {
			return eq
		}
		a, b := compileStr(lay, left), compileStr(lay, right)
		if a == nil || b == nil {
			return nil
		}
		return func(env *Vars) bool { x, _ := a(env); y, _ := b(env); return x == y }
	case reflect.Bool:
		a, b := compileBool(lay, left), compileBool(lay, right)
		if a == nil || b == nil {
			return nil
		}
		return func(env *Vars) bool { return a(env) == b(env) }
	default:
		return nil
	}
}

var comparisons = map[string]func(a, b float64) bool{
	"<":  func(a, b float64) bool { return a < b },
	">":  func(a, b float64) bool { return a > b },
	"<=": func(a, b float64) bool { return a <= b },
	">=": func(a, b float64) bool { return a >= b },
}

func numComparison(l *layout, n *ast.BinaryNode) boolFn {
	cmp := comparisons[n.Operator]
	left, right := compileNum(l, n.Left), compileNum(l, n.Right)
	if cmp == nil || left == nil || right == nil {
		return nil
	}
	return func(env *Vars) bool {
		a, _ := left(env)
		b, _ := right(env)
		return cmp(a, b)
	}
}

// textIs handles the commonest comparison, a variable against a constant (`latency ==
// "seconds"`), in one closure; nil for any other pair.
func textIs(l *layout, left, right ast.Node) boolFn {
	if _, ok := left.(*ast.StringNode); ok {
		left, right = right, left
	}
	id, isVar := left.(*ast.IdentifierNode)
	c, isConst := right.(*ast.StringNode)
	if !isVar || !isConst {
		return nil
	}
	slot, ok := l.slot(id.Value)
	if !ok {
		return nil
	}
	want := c.Value
	return func(env *Vars) bool { s, _ := env.Text(slot); return s == want }
}

// smallList is the longest `in` list searched in order; a longer one is hashed.
const smallList = 8

// boolIn handles `x in ["a", "b"]` over constant strings.
func boolIn(l *layout, n *ast.BinaryNode) boolFn {
	left := compileStr(l, n.Left)
	list, ok := n.Right.(*ast.ArrayNode)
	if left == nil || !ok {
		return nil
	}
	members := make([]string, 0, len(list.Nodes))
	for _, item := range list.Nodes {
		s, isStr := item.(*ast.StringNode)
		if !isStr {
			return nil
		}
		members = append(members, s.Value)
	}
	if len(members) > smallList {
		set := make(map[string]struct{}, len(members))
		for _, m := range members {
			set[m] = struct{}{}
		}
		return func(env *Vars) bool {
			s, _ := left(env)
			_, found := set[s]
			return found
		}
	}
	return func(env *Vars) bool {
		s, _ := left(env)
		return slices.Contains(members, s)
	}
}
