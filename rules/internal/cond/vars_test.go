package cond

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVarsAgreeWithMachine: the fast path over slots, with figures set unboxed as an evaluation
// sets its facts and tables with their vectors as it sets the limits, gives what expr-lang's
// machine gives over the same values in a map.
func TestVarsAgreeWithMachine(t *testing.T) {
	shape := testShape()
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		env := randomEnv(rng)
		vars := shape.NewVars()
		for name, x := range env {
			slot, ok := shape.Slot(name)
			if !ok {
				t.Fatalf("no slot for %s", name)
			}
			switch x := x.(type) {
			case float64:
				vars.SetNumber(slot, x)
			case map[string]float64:
				vars.SetTable(slot, x, shape.TableVector(name, x))
			default:
				vars.Set(slot, x)
			}
		}
		for _, src := range fastConditions {
			c := mustCompile(t, shape, src)
			want, err := c.onMachine(nil, env)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.fast(vars); got != want {
				t.Fatalf("%s: slots %v, machine %v, env %v", src, got, want, env)
			}
		}
		for _, src := range fastNumbers {
			n, err := CompileNumber(shape, src)
			if err != nil {
				t.Fatal(err)
			}
			want, err := n.onMachine(nil, env)
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := n.fast(vars); !ok || (got != want && !(math.IsNaN(got) && math.IsNaN(want))) {
				t.Fatalf("%s: slots %v (%v), machine %v, env %v", src, got, ok, want, env)
			}
		}
	}
}

// TestVarsMapView: the machine's view holds every variable set, figures boxed as float64, and
// follows later changes.
func TestVarsMapView(t *testing.T) {
	shape := testShape()
	v := shape.NewVars()
	n, _ := shape.Slot("n")
	x, _ := shape.Slot("x")
	v.Set(n, 3)
	v.SetNumber(x, 1.5)
	if m := v.Map(); len(m) != 2 || m["n"] != 3 || m["x"] != 1.5 {
		t.Fatalf("view %v, want n 3 and x 1.5", m)
	}
	v.SetNumber(x, 2.5)
	if m := v.Map(); m["x"] != 2.5 {
		t.Fatalf("view %v after a change, want x 2.5", m)
	}
	v.Reset()
	if m := v.Map(); len(m) != 0 {
		t.Fatalf("view %v after Reset, want empty", m)
	}
	if _, ok := v.Number(n); ok {
		t.Error("a reset variable still holds a number")
	}
}

// TestSetNumberAllocates nothing: the point of the slots.
func TestSetNumberAllocatesNothing(t *testing.T) {
	shape := testShape()
	v := shape.NewVars()
	x, _ := shape.Slot("x")
	f := 0.5
	if allocs := testing.AllocsPerRun(100, func() { f++; v.SetNumber(x, f) }); allocs != 0 {
		t.Errorf("SetNumber allocates %v times", allocs)
	}
}

// TestTableVector: a table's vector follows TableKeys, and a table lacking an entry has none.
func TestTableVector(t *testing.T) {
	shape := testShape()
	if got := shape.TableKeys("limit"); len(got) != 2 || got[0] != "a" || got[1] != "z" {
		t.Fatalf("TableKeys = %v, want [a z]", got)
	}
	if vec := shape.TableVector("limit", map[string]float64{"z": 2, "a": 1}); len(vec) != 2 || vec[0] != 1 || vec[1] != 2 {
		t.Errorf("vector %v, want [1 2]", vec)
	}
	if vec := shape.TableVector("limit", map[string]float64{"a": 1}); vec != nil {
		t.Errorf("vector %v of a table lacking an entry, want none", vec)
	}
	if vec := shape.TableVector("n", nil); vec != nil {
		t.Errorf("vector %v of a variable that is no table", vec)
	}
}
