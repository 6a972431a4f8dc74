package rules

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Limit is a platform limit or allocation, with its sources. Its value may differ by edition and
// may be a formula over the licence count.
type Limit struct {
	ID    string       `yaml:"id"`
	Title string       `yaml:"title"`
	Unit  string       `yaml:"unit"`
	Kind  string       `yaml:"kind"`
	Value EditionValue `yaml:"value"`
	Note  string       `yaml:"note"`
	// OrgLimit is the budget's name in an org-limits snapshot (REST /limits), when it has one.
	OrgLimit string `yaml:"org_limit"`
	// Remedies say what buys headroom on a budget, or what recovers past a window.
	Remedies []*Remedy `yaml:"remedies"`
	Sources  []string  `yaml:"sources"`

	byEdition map[string]limitValue
	cited     citation
	// warnings are the ids of the capacity warnings about this limit (budget-, window- and
	// stress-), written once.
	warnings struct{ budget, window, stress string }
}

// limitValue is a limit's value for one edition: a fixed number, or a formula over licences.
type limitValue struct {
	fixed   float64
	formula *cond.Number
}

// EditionValue is a limit's value: one expression for every edition, or one per edition.
type EditionValue struct {
	All       string
	ByEdition map[string]string
}

// UnmarshalYAML accepts a scalar or a mapping of edition to expression.
func (e *EditionValue) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.All = n.Value
		return nil
	}
	return n.Decode(&e.ByEdition)
}

// The kinds of limit: how the advisor applies each (see content/limits.yaml).
const (
	KindBudget   = "budget"
	KindWall     = "wall"
	KindWindow   = "window"
	KindConstant = "constant"
)

// Allocation reports whether the limit is an org-wide budget that integrations consume.
func (l *Limit) Allocation() bool { return l.Kind == KindBudget }

type limitFile struct {
	Release string   `yaml:"release"`
	Limits  []*Limit `yaml:"limits"`
}

func (l *loader) loadLimits() {
	const file = "limits.yaml"
	var lf limitFile
	if !l.read(file, &lf) {
		return
	}
	if lf.Release == "" {
		l.problemf(file, "", "needs the release the limits were read from")
	}
	l.c.Limits = dropEmpty(l, file, "limit", lf.Limits)
	l.c.limitByID = indexByID(l, file, "limit", lf.Limits, func(x *Limit) string { return x.ID })
	for _, lim := range lf.Limits {
		if lim.Title == "" || lim.Unit == "" {
			l.problemf(file, lim.ID, "needs a title and a unit")
		}
		switch lim.Kind {
		case KindBudget, KindWall, KindWindow, KindConstant:
		default:
			l.problemf(file, lim.ID, "kind must be budget, wall, window or constant, not %q", lim.Kind)
		}
		if lim.Kind == KindWindow && lim.Unit != "hours" {
			// The receiver's downtime is asked in hours, and the sentences about windows say hours.
			l.problemf(file, lim.ID, "a window is compared with the receiver's downtime: its unit must be hours, not %q", lim.Unit)
		}
		if lim.OrgLimit != "" && lim.Kind != KindBudget {
			l.problemf(file, lim.ID, "only a budget has an org_limit")
		}
		if len(lim.Remedies) > 0 && lim.Kind != KindBudget && lim.Kind != KindWindow {
			l.problemf(file, lim.ID, "only budgets and windows have remedies")
		}
		l.checkSources(file, lim.ID, lim.Sources)
		l.checkRemedies(file, lim)
	}
}

// compileLimits compiles each limit's value for each edition over the licence count.
func (l *loader) compileLimits() {
	shape := cond.NewShape(map[string]any{l.c.Role(RoleLicences).ID: 0})
	cache := valueCache{}
	for _, lim := range l.c.Limits {
		lim.cited = l.c.cite(lim.Sources)
		lim.warnings.budget, lim.warnings.window, lim.warnings.stress = "budget-"+lim.ID, "window-"+lim.ID, "stress-"+lim.ID
		lim.byEdition = map[string]limitValue{}
		for _, ed := range l.c.editions {
			src := lim.Value.All
			if lim.Value.ByEdition != nil {
				src = lim.Value.ByEdition[ed]
			}
			if src == "" {
				l.problemf("limits.yaml", lim.ID, "no value for edition %q", ed)
				continue
			}
			if f, err := strconv.ParseFloat(src, 64); err == nil {
				lim.byEdition[ed] = limitValue{fixed: f}
				continue
			}
			v, err := cache.get(shape, src)
			if err != nil {
				l.problemf("limits.yaml", lim.ID, "%v", err)
				continue
			}
			lim.byEdition[ed] = limitValue{formula: v}
		}
		for ed := range lim.Value.ByEdition {
			if !slices.Contains(l.c.editions, ed) {
				l.problemf("limits.yaml", lim.ID, "unknown edition %q; editions are %s", ed, strings.Join(l.c.editions, ", "))
			}
		}
	}
}

// valueCache compiles each distinct limit expression once: most limits repeat one number across
// editions.
type valueCache map[string]*cond.Number

func (vc valueCache) get(shape cond.Shape, src string) (*cond.Number, error) {
	if v, ok := vc[src]; ok {
		return v, nil
	}
	v, err := cond.CompileNumber(shape, src)
	if err == nil {
		vc[src] = v
	}
	return v, err
}

// limitTable holds every limit's value for one edition, precomputed where the value does not
// depend on the licence count; the rest are recomputed per evaluation.
type limitTable struct {
	fixed   map[string]float64
	dynamic map[string]*cond.Number
}

func (l *loader) buildLimitTables() map[string]limitTable {
	tables := map[string]limitTable{}
	for _, ed := range l.c.editions {
		t := limitTable{fixed: map[string]float64{}, dynamic: map[string]*cond.Number{}}
		for _, lim := range l.c.Limits {
			v, ok := lim.byEdition[ed]
			switch {
			case !ok:
			case v.formula != nil:
				t.dynamic[lim.ID] = v.formula
			default:
				t.fixed[lim.ID] = v.fixed
			}
		}
		tables[ed] = t
	}
	return tables
}

// limitValues returns every limit's value for an edition and licence count. The map is shared
// and must not be modified: tables are cached per edition and licence count (see evalCache),
// since most evaluations in one process share them.
func (c *Catalog) limitValues(edition string, licenses int) (map[string]float64, error) {
	set, err := c.limitSetFor(edition, licenses)
	if err != nil {
		return nil, err
	}
	return set.byID, nil
}

// limitSet is every limit's value for one edition and licence count, by id and, for the
// evaluation's fast path, in the order of the limit table's entries (cond.Shape.TableKeys).
type limitSet struct {
	byID map[string]float64
	vec  []float64
}

// limitSetFor returns the shared limit set of an edition and licence count (see limitValues).
func (c *Catalog) limitSetFor(edition string, licenses int) (*limitSet, error) {
	return c.cache.limitTable(limitKey{edition, licenses}, func() (*limitSet, error) {
		vals, err := c.computeLimits(edition, licenses)
		if err != nil {
			return nil, err
		}
		return &limitSet{byID: vals, vec: c.envShape.TableVector(tableLimit, vals)}, nil
	})
}

func (c *Catalog) computeLimits(edition string, licenses int) (map[string]float64, error) {
	t, ok := c.limitTables[edition]
	if !ok {
		return nil, fmt.Errorf("unknown edition %q", edition)
	}
	vals := maps.Clone(t.fixed)
	env := map[string]any{c.Role(RoleLicences).ID: licenses}
	for id, v := range t.dynamic {
		f, err := v.Value(env)
		if err != nil {
			return nil, fmt.Errorf("limit %s: %w", id, err)
		}
		vals[id] = f
	}
	return vals, nil
}

// LimitValue returns one limit's value for an edition and licence count.
func (c *Catalog) LimitValue(id, edition string, licenses int) (float64, error) {
	vals, err := c.limitValues(edition, licenses)
	if err != nil {
		return 0, err
	}
	v, ok := vals[id]
	if !ok {
		return 0, fmt.Errorf("unknown limit %q", id)
	}
	return v, nil
}

// Fact is a derived figure of the capacity model, computed in order at each volume scale.
type Fact struct {
	ID   string `yaml:"id"`
	Help string `yaml:"help"`
	Expr string `yaml:"expr"`

	value *cond.Number
}

type factFile struct {
	Facts []*Fact `yaml:"facts"`
}

func (l *loader) loadFacts() {
	var ff factFile
	if l.read("facts.yaml", &ff) {
		l.c.Facts = dropEmpty(l, "facts.yaml", "fact", ff.Facts)
	}
	indexByID(l, "facts.yaml", "fact", l.c.Facts, func(f *Fact) string { return f.ID })
}

// compileFacts declares every fact as a number, then compiles each in order; a fact may only
// use the facts above it. Facts are figures: Evaluate stores them as float64.
func (l *loader) compileFacts() {
	earlier := map[string]bool{}
	for _, f := range l.c.Facts {
		if _, taken := l.c.envShape.Sample(f.ID); taken || l.c.questionByID[f.ID] != nil {
			l.problemf("facts.yaml", f.ID, "name is already taken by an answer or another variable")
			continue
		}
		l.c.envShape.Add(f.ID, 0.0)
	}
	for _, f := range l.c.Facts {
		v, err := cond.CompileNumber(l.c.envShape, f.Expr)
		if err == nil {
			err = l.checkFactRefs(v, earlier)
		}
		if err != nil {
			l.problemf("facts.yaml", f.ID, "%v", err)
			continue
		}
		f.value = v
		earlier[f.ID] = true
	}
}

// checkFactRefs refuses a fact that uses itself or a later fact.
func (l *loader) checkFactRefs(v *cond.Number, earlier map[string]bool) error {
	for name := range v.Names() {
		if l.c.factNamed(name) && !earlier[name] {
			return fmt.Errorf("uses %s, which is not defined above it", name)
		}
	}
	return nil
}

func (c *Catalog) factNamed(id string) bool {
	for _, f := range c.Facts {
		if f.ID == id {
			return true
		}
	}
	return false
}
