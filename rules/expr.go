package rules

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// envShape describes the variables expressions may use, with a sample value of each variable's
// type so that expr-lang type-checks every expression when the knowledge base loads.
type envShape struct {
	sample map[string]any
	// configs caches expr-lang's compiler configurations for this shape (see configIndex):
	// building one reflects over every variable, which dominated load time when repeated for each
	// of the knowledge base's expressions.
	configs *[4]*conf.Config
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
	return newShape(m)
}

// newShape returns a shape over sample; copies of it share one configuration cache.
func newShape(sample map[string]any) envShape {
	return envShape{sample: sample, configs: &[4]*conf.Config{}}
}

// add declares one more variable; the cached configurations no longer describe the shape.
func (s *envShape) add(name string, sample any) {
	s.sample[name] = sample
	s.configs = &[4]*conf.Config{}
}

// configIndex places a configuration in the cache: values or conditions, for the type check or
// for the machine's guarded program.
func configIndex(asBool, guarded bool) int {
	i := 0
	if asBool {
		i = 1
	}
	if guarded {
		i += 2
	}
	return i
}

// config returns the shape's configuration for type-checking expressions, building it on first use.
func (s envShape) config(asBool bool) *conf.Config { return s.cachedConfig(asBool, false) }

// machineConfig returns the configuration the machine's programs are compiled with: the guard
// variable and functions, and the patcher that routes unbounded work through them.
func (s envShape) machineConfig(asBool bool) *conf.Config { return s.cachedConfig(asBool, true) }

func (s envShape) cachedConfig(asBool, guarded bool) *conf.Config {
	i := configIndex(asBool, guarded)
	if s.configs[i] == nil {
		s.configs[i] = newConfig(s.sample, asBool, guarded)
	}
	return s.configs[i]
}

func newConfig(sample map[string]any, asBool, guarded bool) *conf.Config {
	cfg := conf.CreateNew()
	if guarded {
		sample = maps.Clone(sample)
		sample[guardVar] = (*runGuard)(nil)
		for _, f := range guardFunctions {
			cfg.Functions[f.Name] = f
		}
		cfg.Visitors = append(cfg.Visitors, guardPatcher{})
	}
	cfg.WithEnv(sample)
	cfg.Optimize = true
	if asBool {
		expr.AsBool()(cfg)
	}
	cfg.Check()
	return cfg
}

// compiled is a parsed and type-checked expression. Its bytecode is built from the source again,
// through the guarded machine configuration, and only when the machine is needed: the fast path
// evaluates every expression of the knowledge base directly, and optimising and compiling them
// all was a third of the start-up time.
type compiled struct {
	src    string
	tree   *parser.Tree
	shape  envShape // for the guarded configuration, built with the first program
	asBool bool
	once   sync.Once
	prog   *vm.Program
	err    error
}

// compileMu serialises bytecode compilation: compilations share a configuration and its caches,
// and the first one builds the shape's guarded configuration.
var compileMu sync.Mutex

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

// runMachine evaluates the expression on expr-lang's virtual machine.
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

// condition is a compiled boolean expression.
type condition struct {
	*compiled
	fast boolFn // nil when the expression needs the virtual machine
}

// holds evaluates the condition outside an evaluation (visibility, cross-field checks).
func (c *condition) holds(env map[string]any) (bool, error) {
	if c.fast != nil {
		return c.fast(env), nil
	}
	out, err := c.runMachine(nil, env)
	return out == true, err
}

// value is a compiled expression yielding a number.
type value struct {
	*compiled
	fast numFn // nil when the expression is not a number the fast path can compute
}

// eval evaluates the value on the virtual machine.
func (v *value) eval(env map[string]any) (any, error) {
	return v.runMachine(nil, env)
}

// compile type-checks src against the shape and reports references to unknown limits or model
// figures, which a map-typed variable would otherwise accept silently. The source's shape is
// checked before it is parsed (checkShape) and the checked tree is vetted (vetTree), so that a
// hostile expression is refused before it costs more than a pass over its bytes.
func (c *Catalog) compile(shape envShape, src string, asBool bool) (*compiled, error) {
	if err := checkShape(src); err != nil {
		return nil, fmt.Errorf("expression %q: %v", brief(src), err)
	}
	tree, err := c.parseCheck(src, shape.config(asBool))
	if err != nil {
		return nil, fmt.Errorf("expression %q: %s", brief(src), oneLine(err.Error()))
	}
	if err := vetTree(tree.Node); err != nil {
		return nil, fmt.Errorf("expression %q: %v", brief(src), err)
	}
	node := tree.Node
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
		return nil, fmt.Errorf("expression %q: unknown %s", brief(src), strings.Join(unknown, ", "))
	}
	return &compiled{src: src, tree: tree, shape: shape, asBool: asBool}, nil
}

// parseCheck is checker.ParseCheck with the matches patterns vetted in between: the checker
// compiles every constant pattern, which for a hostile one is the expensive part.
func (c *Catalog) parseCheck(src string, cfg *conf.Config) (*parser.Tree, error) {
	tree, err := parser.ParseWithConfig(src, cfg)
	if err != nil {
		return nil, err
	}
	if err := vetPatterns(tree.Node, &c.patternInsts); err != nil {
		return nil, err
	}
	if _, err := new(checker.Checker).PatchAndCheck(tree, cfg); err != nil {
		return nil, err
	}
	return tree, nil
}

func (c *Catalog) compileCondition(shape envShape, src string) (*condition, error) {
	cp, err := c.compile(shape, src, true)
	if err != nil {
		return nil, err
	}
	cond := &condition{compiled: cp, fast: compileBool(cp.node())}
	if cond.fast == nil {
		if _, err := cp.program(); err != nil {
			return nil, fmt.Errorf("expression %q: %s", brief(src), oneLine(err.Error()))
		}
	}
	return cond, nil
}

func (c *Catalog) compileValue(shape envShape, src string) (*value, error) {
	cp, err := c.compile(shape, src, false)
	if err != nil {
		return nil, err
	}
	v := &value{compiled: cp}
	if numeric(cp.node()) {
		v.fast = compileNum(cp.node())
	}
	if v.fast == nil {
		if _, err := cp.program(); err != nil {
			return nil, fmt.Errorf("expression %q: %s", brief(src), oneLine(err.Error()))
		}
	}
	return v, nil
}

// numeric reports whether a checked node is a number, including a ternary whose branches are
// numbers of different types (`x == 0 ? 0 : ceil(y)`), which the checker types as any.
func numeric(n ast.Node) bool {
	if c, ok := n.(*ast.ConditionalNode); ok {
		return numeric(c.Exp1) && numeric(c.Exp2)
	}
	return fastKind(n) == reflect.Float64
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

type visitor func(ast.Node)

func (v visitor) Visit(n *ast.Node) { v(*n) }

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// brief shortens a source for a message: a refused expression may be a kilobyte of brackets.
func brief(src string) string {
	const most = 60
	if len(src) <= most {
		return src
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	return src[:cut] + "…"
}

// oneLine folds expr-lang's multi-line error (with its caret snippet) into one line.
func oneLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(first)
}
