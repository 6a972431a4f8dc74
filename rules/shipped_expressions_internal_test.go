package rules

import (
	"maps"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// TestShippedFastPathAgrees evaluates every expression of the shipped knowledge base both
// ways, directly and on expr-lang's machine, over many environments built as Evaluate builds
// them: the fast path must give what the machine gives (cond's tests hold the fast path to the
// machine construct by construct; this holds the knowledge base's own expressions to it).
func TestShippedFastPathAgrees(t *testing.T) {
	c := shippedCatalog(t)
	conds, nums := c.allExpressions()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		env := c.randomEnv(t, rng, i)
		for _, cd := range conds {
			if err := cd.Verify(env); err != nil {
				t.Fatalf("%v, env %v", err, env)
			}
		}
		for _, n := range nums {
			if err := n.Verify(env); err != nil {
				t.Fatalf("%v, env %v", err, env)
			}
		}
	}
}

// TestShippedExpressionsWithinBounds: the knowledge base sits well inside the bounds on
// expressions, so they can only ever refuse an organisation's file.
func TestShippedExpressionsWithinBounds(t *testing.T) {
	conds, nums := shippedCatalog(t).allExpressions()
	widest, src := 0.0, ""
	check := func(s string) {
		if share := cond.BoundShare(s); share > widest {
			widest, src = share, s
		}
	}
	for _, cd := range conds {
		check(cd.Source())
	}
	for _, n := range nums {
		check(n.Source())
	}
	if widest > 0.25 {
		t.Errorf("a shipped expression takes %.0f%% of a bound, more than a quarter: %s", widest*100, src)
	}
	t.Logf("the widest shipped expression takes %.0f%% of a bound: %s", widest*100, src)
}

// allExpressions lists the compiled conditions and numbers the engine evaluates.
func (c *Catalog) allExpressions() ([]*cond.Condition, []*cond.Number) {
	var conds []*cond.Condition
	var vals []*cond.Number
	add := func(cd *cond.Condition) {
		if cd != nil {
			conds = append(conds, cd)
		}
	}
	for _, r := range c.Rules {
		add(r.when)
	}
	for _, q := range c.Questions {
		add(q.when)
		for _, chk := range q.checks {
			add(chk)
		}
		if q.defaultExpr != nil {
			vals = append(vals, q.defaultExpr)
		}
	}
	for _, fm := range c.FailureModes {
		add(fm.when)
	}
	for _, m := range c.Mechanisms {
		for _, p := range m.Patterns {
			add(p.when)
		}
		for _, v := range m.Variants {
			add(v.when)
		}
		for _, cr := range m.Capacity {
			add(cr.when)
			vals = append(vals, cr.usage)
		}
	}
	for _, f := range c.Facts {
		vals = append(vals, f.value)
	}
	for _, lim := range c.Limits {
		for _, r := range lim.Remedies {
			add(r.when)
			for _, v := range []*cond.Number{r.adds, r.usage} {
				if v != nil {
					vals = append(vals, v)
				}
			}
		}
	}
	for _, t := range c.limitTables {
		for _, v := range t.dynamic {
			vals = append(vals, v)
		}
	}
	return conds, vals
}

// randomEnv builds a complete evaluation environment from random answers, through the same
// steps as Evaluate, including the per-mechanism variables.
func (c *Catalog) randomEnv(t *testing.T, rng *rand.Rand, i int) map[string]any {
	t.Helper()
	a := NewAnswers()
	for _, q := range c.Questions {
		switch q.Kind {
		case KindSelect:
			a.Put(q.ID, q.Options[rng.IntN(len(q.Options))].ID)
		case KindBoolean:
			a.Put(q.ID, rng.IntN(2) == 0)
		case KindNumber:
			n := int(q.Min.Value) + rng.IntN(int(min(q.Max.Value-q.Min.Value, 5_000_000))+1)
			if i%7 == 0 {
				n = int(q.Min.Value) // edges matter most
			}
			a.Put(q.ID, n)
		default:
			a.Put(q.ID, "x")
		}
	}
	a.Put("records_per_run", 1+rng.IntN(max(1, a.values["records_per_day"].(int))))
	ev := c.newEvaluation(modeExplain)
	n := len(c.Mechanisms)
	if err := ev.buildEnv(a); err != nil {
		t.Fatal(err)
	}
	if err := ev.capacity(); err != nil {
		t.Fatal(err)
	}
	m := rng.IntN(n)
	c.setVerdicts(ev.env, c.Mechanisms[m], &ev.rows[m])
	c.setDetails(ev.env, &ev.rows[m])
	return maps.Clone(ev.env.Map())
}

// shippedCatalog loads the real knowledge base from disk (package content cannot be imported
// here without a cycle in the test graph, so the directory is read directly).
func shippedCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(os.DirFS("../content"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
