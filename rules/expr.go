package rules

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// envShape describes the variables expressions may use, with a sample value of each variable's
// type so that expr-lang type-checks every expression when the knowledge base loads.
type envShape struct {
	sample map[string]any
}

// with returns a copy of the shape extended by extra variables.
func (s envShape) with(extra map[string]any) envShape {
	m := make(map[string]any, len(s.sample)+len(extra))
	for k, v := range s.sample {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return envShape{sample: m}
}

// condition is a compiled boolean expression.
type condition struct {
	src  string
	prog *vm.Program
}

func (c *condition) holds(env map[string]any) (bool, error) {
	out, err := expr.Run(c.prog, env)
	if err != nil {
		return false, fmt.Errorf("%s: %w", c.src, err)
	}
	b, _ := out.(bool)
	return b, nil
}

// value is a compiled expression yielding a number, string or bool.
type value struct {
	src  string
	prog *vm.Program
}

func (v *value) eval(env map[string]any) (any, error) {
	out, err := expr.Run(v.prog, env)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.src, err)
	}
	return out, nil
}

// compile type-checks src against the shape and reports references to unknown limits or model
// figures, which a map-typed variable would otherwise accept silently.
func (c *Catalog) compile(shape envShape, src string, asBool bool) (*vm.Program, error) {
	opts := []expr.Option{expr.Env(shape.sample), expr.Optimize(true)}
	if asBool {
		opts = append(opts, expr.AsBool())
	}
	prog, err := expr.Compile(src, opts...)
	if err != nil {
		return nil, fmt.Errorf("expression %q: %s", src, oneLine(err.Error()))
	}
	node := prog.Node()
	var unknown []string
	ast.Walk(&node, visitor(func(n ast.Node) {
		member, ok := n.(*ast.MemberNode)
		if !ok {
			return
		}
		ident, ok := member.Node.(*ast.IdentifierNode)
		prop, isStr := member.Property.(*ast.StringNode)
		if !ok || !isStr {
			return
		}
		switch {
		case ident.Value == "limit" && c.limitByID[prop.Value] == nil:
			unknown = append(unknown, "limit."+prop.Value)
		case ident.Value == "model" && !hasKey(c.Knowledge.Model, prop.Value):
			unknown = append(unknown, "model."+prop.Value)
		}
	}))
	if len(unknown) > 0 {
		return nil, fmt.Errorf("expression %q: unknown %s", src, strings.Join(unknown, ", "))
	}
	return prog, nil
}

func (c *Catalog) compileCondition(shape envShape, src string) (*condition, error) {
	prog, err := c.compile(shape, src, true)
	if err != nil {
		return nil, err
	}
	return &condition{src: src, prog: prog}, nil
}

func (c *Catalog) compileValue(shape envShape, src string) (*value, error) {
	prog, err := c.compile(shape, src, false)
	if err != nil {
		return nil, err
	}
	return &value{src: src, prog: prog}, nil
}

type visitor func(ast.Node)

func (v visitor) Visit(n *ast.Node) { v(*n) }

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// oneLine folds expr-lang's multi-line error (with its caret snippet) into one line.
func oneLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(first)
}
