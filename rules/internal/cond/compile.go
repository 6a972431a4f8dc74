package cond

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// compiled is a parsed and type-checked expression, the part Condition and Number share. Its
// bytecode is built from the source again, through the guarded machine configuration, and only
// when the machine is needed: the fast path evaluates every expression of the knowledge base
// directly, and optimising and compiling them all was a third of the start-up time.
type compiled struct {
	src    string
	tree   *parser.Tree
	shape  Shape // for the guarded configuration, built with the first program
	asBool bool
	once   sync.Once
	prog   *vm.Program
	err    error
}

// compileMu serialises bytecode compilation: compilations share a configuration and its caches,
// and the first one builds the shape's guarded configuration.
var compileMu sync.Mutex

// Source is the expression as written.
func (c *compiled) Source() string { return c.src }

// Names yields every variable the expression reads, in the order of its tree and as often as it
// reads it, for the loader's checks of what an expression may refer to.
func (c *compiled) Names() iter.Seq[string] {
	return func(yield func(string) bool) {
		stopped := false
		node := c.tree.Node
		ast.Walk(&node, visitor(func(n ast.Node) {
			if id, ok := n.(*ast.IdentifierNode); ok && !stopped {
				stopped = !yield(id.Value)
			}
		}))
	}
}

func (c *compiled) node() ast.Node { return c.tree.Node }

// program returns the expression's bytecode, compiling it on first use.
func (c *compiled) program() (*vm.Program, error) {
	c.once.Do(func() {
		compileMu.Lock()
		defer compileMu.Unlock()
		c.prog, c.err = finishCompile(c.src, c.shape.machineConfig(c.asBool))
	})
	return c.prog, c.err
}

// needProgram compiles the bytecode now, for an expression the fast path cannot run, so that
// a source the machine refuses is refused at load.
func (c *compiled) needProgram() error {
	if _, err := c.program(); err != nil {
		return fmt.Errorf("expression %q: %s", brief(c.src), firstLine(err.Error()))
	}
	return nil
}

// compile type-checks src against the shape and reports references to unknown table entries,
// which a map-typed variable would otherwise accept silently. The source's shape is checked
// before it is parsed (checkShape) and the checked tree is vetted (vetTree), so that a hostile
// expression is refused before it costs more than a pass over its bytes.
func compile(shape Shape, src string, asBool bool) (*compiled, error) {
	if err := checkShape(src); err != nil {
		return nil, fmt.Errorf("expression %q: %v", brief(src), err)
	}
	tree, err := parseCheck(src, shape.config(asBool), shape.patternInsts)
	if err != nil {
		return nil, fmt.Errorf("expression %q: %s", brief(src), firstLine(err.Error()))
	}
	if err := vetTree(tree.Node); err != nil {
		return nil, fmt.Errorf("expression %q: %v", brief(src), err)
	}
	if unknown := unknownEntries(shape, tree.Node); len(unknown) > 0 {
		return nil, fmt.Errorf("expression %q: unknown %s", brief(src), strings.Join(unknown, ", "))
	}
	return &compiled{src: src, tree: tree, shape: shape, asBool: asBool}, nil
}

// unknownEntries lists the table entries a tree names that its shape's tables lack, as
// "limit.<id>".
func unknownEntries(shape Shape, node ast.Node) []string {
	var unknown []string
	ast.Walk(&node, visitor(func(n ast.Node) {
		member, ok := n.(*ast.MemberNode)
		if !ok {
			return
		}
		ident, ok := member.Node.(*ast.IdentifierNode)
		prop, isStr := member.Property.(*ast.StringNode)
		if ok && isStr && shape.lacksEntry(ident.Value, prop.Value) {
			unknown = append(unknown, ident.Value+"."+prop.Value)
		}
	}))
	return unknown
}

// parseCheck is checker.ParseCheck with the matches patterns vetted in between: the checker
// compiles every constant pattern, which for a hostile one is the expensive part.
func parseCheck(src string, cfg *conf.Config, patternInsts *atomic.Int64) (*parser.Tree, error) {
	tree, err := parser.ParseWithConfig(src, cfg)
	if err != nil {
		return nil, err
	}
	if err := vetPatterns(tree.Node, patternInsts); err != nil {
		return nil, err
	}
	if _, err := new(checker.Checker).PatchAndCheck(tree, cfg); err != nil {
		return nil, err
	}
	return tree, nil
}

// finishCompile parses, checks (running the guard patcher), optimises and compiles src to
// bytecode, as expr.Compile would.
func finishCompile(src string, cfg *conf.Config) (*vm.Program, error) {
	tree, err := checker.ParseCheck(src, cfg)
	if err != nil {
		return nil, err
	}
	if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fe.Bind(tree.Source)
		}
		return nil, err
	}
	return compiler.Compile(tree, cfg)
}
