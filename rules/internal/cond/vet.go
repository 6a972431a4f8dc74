package cond

import (
	"fmt"
	"reflect"
	"regexp/syntax"
	"strings"
	"sync/atomic"

	"github.com/expr-lang/expr/ast"
)

// allowedBuiltins are the expr-lang functions an expression may call. The others are refused at
// load: they read the clock (now, date), build structures that can grow past any budget in a
// few bytes of source (reduce, groupBy, concat, flatten, toPairs), or do more than linear work
// on what they are given without the machine counting it (sort, split, replace, join, string,
// JSON and base64). None of them says anything about an integration.
var allowedBuiltins = map[string]bool{
	"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true, "count": true, "sum": true,
	"find": true, "findIndex": true, "findLast": true, "findLastIndex": true,
	"len": true, "type": true, "abs": true, "ceil": true, "floor": true, "round": true, "int": true, "float": true,
	"max": true, "min": true, "mean": true,
	"trim": true, "trimPrefix": true, "trimSuffix": true, "upper": true, "lower": true,
	"indexOf": true, "lastIndexOf": true, "hasPrefix": true, "hasSuffix": true, "repeat": true,
	"first": true, "last": true, "get": true, "take": true, "keys": true, "values": true,
}

// vetTree refuses, in a type-checked tree, what the run-time bounds alone would only stop after
// the fact, with a reason a rule's author can act on. It returns the first such problem.
func vetTree(root ast.Node) error {
	var v vetter
	ast.Walk(&root, &v)
	return v.first
}

// vetter keeps the first problem vetNode finds.
type vetter struct{ first error }

// Visit vets one node.
func (v *vetter) Visit(n *ast.Node) {
	if v.first == nil {
		v.first = vetNode(*n)
	}
}

// visitor walks a tree with a function, for the checks that need no state of their own.
type visitor func(ast.Node)

// Visit calls the function on one node.
func (v visitor) Visit(n *ast.Node) { v(*n) }

// vetPatterns vets the patterns of a parsed, not yet checked, tree, charging their instructions
// to spent, which the catalog's expressions share.
func vetPatterns(root ast.Node, spent *atomic.Int64) error {
	v := patternVetter{spent: spent}
	ast.Walk(&root, &v)
	return v.first
}

// patternVetter keeps the first problem vetPattern finds.
type patternVetter struct {
	first error
	spent *atomic.Int64
}

// Visit vets one node if it is a matches.
func (v *patternVetter) Visit(n *ast.Node) {
	if b, ok := (*n).(*ast.BinaryNode); ok && b.Operator == "matches" && v.first == nil {
		v.first = vetPattern(b.Right, v.spent)
	}
}

func vetNode(n ast.Node) error {
	switch n := n.(type) {
	case *ast.BuiltinNode:
		return vetBuiltin(n)
	case *ast.BinaryNode:
		switch n.Operator {
		case "..":
			return vetRange(n)
		}
	case *ast.IdentifierNode:
		if n.Value == "$env" {
			return fmt.Errorf("$env is not available in rule expressions; name the answer or fact itself")
		}
	case *ast.VariableDeclaratorNode:
		if strings.HasPrefix(n.Name, "__sfp") {
			return fmt.Errorf("the name %s is reserved", n.Name)
		}
	case *ast.ArrayNode:
		for _, e := range n.Nodes {
			if staticCollection(e) {
				return errNested
			}
		}
	case *ast.PairNode:
		if staticCollection(n.Value) {
			return errNested
		}
	}
	return nil
}

func vetBuiltin(n *ast.BuiltinNode) error {
	if !allowedBuiltins[n.Name] {
		return fmt.Errorf("the function %s is not available in rule expressions", n.Name)
	}
	switch n.Name {
	case "repeat":
		return vetRepeat(n)
	case "map":
		if p, ok := n.Arguments[len(n.Arguments)-1].(*ast.PredicateNode); ok && staticCollection(p.Node) {
			return errNested
		}
	}
	return nil
}

// vetRepeat refuses a repeat whose result is known to be too large already: a constant count
// above the text limit, or constant text and count whose product is.
func vetRepeat(n *ast.BuiltinNode) error {
	if len(n.Arguments) != 2 {
		return nil
	}
	count, known := constInt(n.Arguments[1])
	if !known {
		return nil
	}
	if count > maxText {
		return fmt.Errorf("repeat %d times would build more than %d bytes of text, the most a rule expression may build", count, maxText)
	}
	if s, ok := n.Arguments[0].(*ast.StringNode); ok && len(s.Value)*int(count) > maxText {
		return fmt.Errorf("repeat would build %d bytes of text; a rule expression may build at most %d", len(s.Value)*int(count), maxText)
	}
	return nil
}

// vetRange refuses a range with constant ends that holds more than maxRange numbers.
func vetRange(n *ast.BinaryNode) error {
	from, ok1 := constInt(n.Left)
	to, ok2 := constInt(n.Right)
	if !ok1 || !ok2 {
		return nil
	}
	if size := float64(to) - float64(from) + 1; size > maxRange {
		return fmt.Errorf("the range %d..%d holds %.0f numbers; a range in a rule expression may hold at most %d (compare with >= and <= instead)", from, to, size, maxRange)
	}
	return nil
}

// vetPattern accepts only a constant pattern that compiles to a small program: the pattern is
// then compiled once, at load, and matching costs at most the text's length times its size. A
// refused pattern is charged too, so that a flood of them stops costing a compilation each.
func vetPattern(n ast.Node, spent *atomic.Int64) error {
	s, ok := n.(*ast.StringNode)
	if !ok {
		return fmt.Errorf("matches needs a constant pattern, a quoted string")
	}
	if len(s.Value) > maxPatternBytes {
		return fmt.Errorf("the matches pattern is %d bytes long; a pattern may be at most %d", len(s.Value), maxPatternBytes)
	}
	if spent.Load() > maxPatternsInsts {
		return errPatterns
	}
	re, err := syntax.Parse(s.Value, syntax.Perl)
	if err != nil {
		return fmt.Errorf("matches pattern: %v", err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return fmt.Errorf("matches pattern: %v", err)
	}
	total := spent.Add(int64(len(prog.Inst)))
	switch {
	case len(prog.Inst) > maxPatternInsts:
		return fmt.Errorf("the matches pattern compiles to %d instructions; a pattern may compile to at most %d", len(prog.Inst), maxPatternInsts)
	case total > maxPatternsInsts:
		return errPatterns
	}
	return nil
}

var errPatterns = fmt.Errorf("the matches patterns compile to more than %d instructions together, the most the rule files may use", maxPatternsInsts)

// constInt reads an integer literal, possibly negated.
func constInt(n ast.Node) (int64, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return int64(n.Value), true
	case *ast.UnaryNode:
		if v, ok := constInt(n.Node); ok && n.Operator == "-" {
			return -v, true
		}
	}
	return 0, false
}

// staticCollection reports whether the checker typed a node as a list or a map.
func staticCollection(n ast.Node) bool {
	t := n.Type()
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return true
	default:
		return false
	}
}
