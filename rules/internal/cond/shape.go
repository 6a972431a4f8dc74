package cond

import (
	"maps"
	"slices"
	"sync/atomic"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/conf"
)

// Shape describes the variables expressions may use, with a sample value of each variable's
// type, so that every expression is type-checked when the knowledge base loads. A variable whose
// sample is a map[string]float64 is a table (limit, model): its sample's keys are the entries an
// expression may name, so that `limit.no_such_limit` is refused rather than read as zero.
//
// The expressions compiled against a shape and the shapes made from it (With, Add) share one
// budget for their matches patterns (maxPatternsInsts): they are one knowledge base's.
type Shape struct {
	sample map[string]any
	// configs caches expr-lang's compiler configurations for this shape (see configIndex):
	// building one reflects over every variable, which dominated load time when repeated for each
	// of the knowledge base's expressions.
	configs *[4]*conf.Config
	// patternInsts counts the instructions of every matches pattern compiled (see vetPattern).
	patternInsts *atomic.Int64
	// layout gives every variable its slot in Vars; the shapes made from this one share it.
	layout *layout
}

// NewShape returns a shape over sample, with a pattern budget of its own.
func NewShape(sample map[string]any) Shape {
	l := newLayout()
	l.add(slices.Collect(maps.Keys(sample)))
	l.addTables(sample)
	return Shape{sample: sample, configs: &[4]*conf.Config{}, patternInsts: new(atomic.Int64), layout: l}
}

// With returns a copy of the shape extended by extra variables. The copy has its own
// configurations, which are not safe for concurrent use, so it may be compiled against on
// another goroutine; it shares the pattern budget.
func (s Shape) With(extra map[string]any) Shape {
	m := make(map[string]any, len(s.sample)+len(extra))
	maps.Copy(m, s.sample)
	maps.Copy(m, extra)
	s.layout.add(slices.Collect(maps.Keys(extra)))
	s.layout.addTables(extra)
	return Shape{sample: m, configs: &[4]*conf.Config{}, patternInsts: s.patternInsts, layout: s.layout}
}

// Add declares one more variable; the cached configurations no longer describe the shape.
func (s *Shape) Add(name string, sample any) {
	s.sample[name] = sample
	s.configs = &[4]*conf.Config{}
	s.layout.add([]string{name})
	s.layout.addTables(map[string]any{name: sample})
}

// Sample returns the sample value of a variable, and whether the shape declares it.
func (s Shape) Sample(name string) (any, bool) {
	v, ok := s.sample[name]
	return v, ok
}

// Len is the number of variables, for sizing an environment.
func (s Shape) Len() int { return len(s.sample) }

// lacksEntry reports whether a variable is a table without the named entry.
func (s Shape) lacksEntry(table, key string) bool {
	m, isTable := s.sample[table].(map[string]float64)
	_, found := m[key]
	return isTable && !found
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
func (s Shape) config(asBool bool) *conf.Config { return s.cachedConfig(asBool, false) }

// machineConfig returns the configuration the machine's programs are compiled with: the guard
// variable and functions, and the patcher that routes unbounded work through them.
func (s Shape) machineConfig(asBool bool) *conf.Config { return s.cachedConfig(asBool, true) }

func (s Shape) cachedConfig(asBool, guarded bool) *conf.Config {
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
