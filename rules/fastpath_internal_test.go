package rules

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// TestFastPathAgreesWithMachine evaluates every expression of the shipped knowledge base both
// ways over many environments: direct evaluation must give what expr-lang's machine gives.
func TestFastPathAgreesWithMachine(t *testing.T) {
	c := shippedCatalog(t)
	conds, vals := c.allExpressions()
	fast := 0
	for _, cond := range conds {
		if cond.fast != nil {
			fast++
		} else {
			t.Logf("on the machine: %s", cond.src)
		}
	}
	for _, v := range vals {
		if v.fast != nil {
			fast++
		} else {
			t.Logf("on the machine: %s", v.src)
		}
	}
	t.Logf("%d of %d expressions run on the fast path", fast, len(conds)+len(vals))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		env := c.randomEnv(t, rng, i)
		for _, cond := range conds {
			if cond.fast == nil {
				continue
			}
			out, err := cond.runMachine(nil, env)
			if err != nil {
				t.Fatalf("%s: %v", cond.src, err)
			}
			if got, want := cond.fast(env), out == true; got != want {
				t.Fatalf("%s: fast path %v, machine %v, env %v", cond.src, got, want, env)
			}
		}
		for _, v := range vals {
			if v.fast == nil {
				continue
			}
			out, err := v.eval(env)
			want, ok := toFloat(out)
			if err != nil || !ok {
				t.Fatalf("%s: %v %v", v.src, out, err)
			}
			got, _ := v.fast(env)
			if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%s: fast path %v, machine %v", v.src, got, want)
			}
		}
	}
}

// allExpressions lists the compiled conditions and numeric values the engine evaluates.
func (c *Catalog) allExpressions() ([]*condition, []*value) {
	var conds []*condition
	var vals []*value
	add := func(cd *condition) {
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
			for _, v := range []*value{r.adds, r.usage} {
				if v != nil {
					vals = append(vals, v)
				}
			}
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
	ev := c.newEvaluation()
	n := len(c.Mechanisms)
	if err := ev.buildEnv(a); err != nil {
		t.Fatal(err)
	}
	if err := ev.capacity(); err != nil {
		t.Fatal(err)
	}
	m := rng.IntN(n)
	setVerdicts(ev.env, c.Mechanisms[m], &ev.rows[m])
	setDetails(ev.env, &ev.rows[m])
	return ev.env
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
