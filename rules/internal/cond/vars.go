package cond

import (
	"maps"
	"slices"
	"sync"
)

// Slot is a variable's place in Vars. Every shape derived from one NewShape shares one layout,
// so a slot means the same variable to every expression of a knowledge base.
type Slot int

// layout numbers the variables of a family of shapes. It only grows: a name keeps its slot.
type layout struct {
	mu    sync.RWMutex
	slots map[string]Slot
	names []string
	keys  map[string][]string // each table variable's entries, sorted
	spare sync.Pool           // *Vars lent to evaluations over a map (see borrow)
}

func newLayout() *layout { return &layout{slots: map[string]Slot{}, keys: map[string][]string{}} }

// addTables records the entries of the table variables of sample, the first time each is seen:
// the shapes of one family share their tables' samples.
func (l *layout) addTables(sample map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, x := range sample {
		if m, ok := x.(map[string]float64); ok && l.keys[name] == nil {
			l.keys[name] = slices.Sorted(maps.Keys(m))
		}
	}
}

// tableKeys returns a table variable's entries, sorted; nil for another variable.
func (l *layout) tableKeys(name string) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.keys[name]
}

// add gives each new name the next slot, in sorted order so that slots do not depend on map
// order.
func (l *layout) add(names []string) {
	slices.Sort(names)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range names {
		if _, ok := l.slots[n]; !ok {
			l.slots[n] = Slot(len(l.names))
			l.names = append(l.names, n)
		}
	}
}

func (l *layout) slot(name string) (Slot, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	s, ok := l.slots[name]
	return s, ok
}

func (l *layout) len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.names)
}

func (l *layout) name(s Slot) string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.names[s]
}

// What a slot holds.
const (
	unset      uint8 = iota
	onlyNumber       // num, never boxed: a fact or a figure set during evaluation
	value            // val, not a number
	valueNum         // val, a number, also in num
)

// Vars is an expression environment laid out in slots: numbers unboxed, other values as they
// are. The fast path reads a slot directly where a map would hash the name and unbox the value;
// setting a number allocates nothing. Expressions that need expr-lang's machine get a map view,
// made when first needed after a change. A Vars is not safe for concurrent use.
type Vars struct {
	lay   *layout
	num   []float64
	val   []any
	vec   [][]float64 // a table's entries in TableKeys order, when SetTable gave them
	kind  []uint8
	guard *runGuard
	view  map[string]any // the machine's view; nil until needed, stale when fresh is false
	fresh bool
}

// NewVars returns an empty environment for the shape's variables.
func (s Shape) NewVars() *Vars {
	n := s.layout.len()
	return &Vars{lay: s.layout, num: make([]float64, n), val: make([]any, n), vec: make([][]float64, n), kind: make([]uint8, n)}
}

// Slot returns the slot of a variable of the shape or of any shape made from the same
// NewShape (the per-mechanism variables of the rules' shape, say).
func (s Shape) Slot(name string) (Slot, bool) { return s.layout.slot(name) }

// VarsOf lays out a map environment, for evaluations outside an evaluation (question
// visibility, limit formulas, cross-field checks). Names the shape does not know are left out:
// no expression compiled against it can read them.
func (s Shape) VarsOf(env map[string]any) *Vars { return s.fill(s.NewVars(), env) }

// fill sets v's variables from a map environment.
func (s Shape) fill(v *Vars, env map[string]any) *Vars {
	for name, x := range env {
		if slot, ok := s.layout.slot(name); ok {
			v.Set(slot, x)
		}
	}
	return v
}

// Borrow returns an empty Vars from a pool, for an evaluation outside an evaluation: question
// visibility and cross-field checks run for every answers read, and a Vars of their own each
// time cost more than the conditions. Give it back with Return.
func (s Shape) Borrow() *Vars {
	if v, _ := s.layout.spare.Get().(*Vars); v != nil {
		return v
	}
	return s.NewVars()
}

// Return resets v and gives it back to the pool; v must not be used afterwards.
func (s Shape) Return(v *Vars) {
	v.Reset()
	s.layout.spare.Put(v)
}

// borrow lays out a map environment in a borrowed Vars.
func (s Shape) borrow(env map[string]any) *Vars { return s.fill(s.Borrow(), env) }

// grow makes room for slots added to the layout after v was made.
func (v *Vars) grow(s Slot) {
	if int(s) < len(v.kind) {
		return
	}
	n := v.lay.len()
	v.num = append(v.num, make([]float64, n-len(v.num))...)
	v.val = append(v.val, make([]any, n-len(v.val))...)
	v.vec = append(v.vec, make([][]float64, n-len(v.vec))...)
	v.kind = append(v.kind, make([]uint8, n-len(v.kind))...)
}

// Set sets a variable to a value of any type; a number is also kept unboxed.
func (v *Vars) Set(s Slot, x any) {
	v.grow(s)
	v.val[s], v.vec[s], v.kind[s], v.fresh = x, nil, value, false
	if f, ok := Float(x); ok {
		v.num[s], v.kind[s] = f, valueNum
	}
}

// Unset removes a variable's value.
func (v *Vars) Unset(s Slot) {
	if int(s) < len(v.kind) {
		v.num[s], v.val[s], v.vec[s], v.kind[s], v.fresh = 0, nil, nil, unset, false
	}
}

// SetTable sets a table variable with its entries also as a vector in TableKeys order (from
// Shape.TableVector), which the fast path then reads by position rather than by hashing the
// entry's name. vec must hold m's entries in that order, or be nil.
func (v *Vars) SetTable(s Slot, m map[string]float64, vec []float64) {
	v.Set(s, m)
	v.vec[s] = vec
}

// SetNumber sets a variable to a number without boxing it.
func (v *Vars) SetNumber(s Slot, f float64) {
	v.grow(s)
	v.num[s], v.val[s], v.kind[s], v.fresh = f, nil, onlyNumber, false
}

// Number returns a variable as a number, and whether it holds one.
func (v *Vars) Number(s Slot) (float64, bool) {
	if int(s) >= len(v.kind) {
		return 0, false
	}
	k := v.kind[s]
	return v.num[s], k == onlyNumber || k == valueNum
}

// Value returns a variable's value (nil when it is not set); a number set by SetNumber is boxed
// as a float64.
func (v *Vars) Value(s Slot) any {
	if int(s) >= len(v.kind) {
		return nil
	}
	if v.kind[s] == onlyNumber {
		return v.num[s]
	}
	return v.val[s]
}

// Text returns a variable as text, and whether it holds text.
func (v *Vars) Text(s Slot) (string, bool) {
	if int(s) >= len(v.kind) {
		return "", false
	}
	str, ok := v.val[s].(string)
	return str, ok
}

// vector returns a table variable's entries in TableKeys order, or nil.
func (v *Vars) vector(s Slot) []float64 {
	if int(s) >= len(v.vec) {
		return nil
	}
	return v.vec[s]
}

// Table returns a table variable (limit, model), or nil.
func (v *Vars) Table(s Slot) map[string]float64 {
	if int(s) >= len(v.kind) {
		return nil
	}
	m, _ := v.val[s].(map[string]float64)
	return m
}

// Reset unsets every variable, keeping the room.
func (v *Vars) Reset() {
	clear(v.num)
	clear(v.val)
	clear(v.vec)
	clear(v.kind)
	v.guard, v.fresh = nil, false
	clear(v.view)
}

// CopyFrom makes v a copy of o, guard included (the copy shares o's budget).
func (v *Vars) CopyFrom(o *Vars) {
	v.lay = o.lay
	v.num = append(v.num[:0], o.num...)
	v.val = append(v.val[:0], o.val...)
	v.vec = append(v.vec[:0], o.vec...)
	v.kind = append(v.kind[:0], o.kind...)
	v.guard, v.fresh = o.guard, false
}

// Map is the machine's view of the environment: every variable set, by name, with the guard.
func (v *Vars) Map() map[string]any {
	if v.fresh {
		return v.view
	}
	if v.view == nil {
		v.view = make(map[string]any, len(v.kind)+1)
	}
	clear(v.view)
	for i, k := range v.kind {
		if k != unset {
			v.view[v.lay.name(Slot(i))] = v.Value(Slot(i))
		}
	}
	if v.guard != nil {
		v.view[guardVar] = v.guard
	}
	v.fresh = true
	return v.view
}

// TableKeys returns the entries a table variable's sample declares, sorted: the order of the
// vectors SetTable takes.
func (s Shape) TableKeys(name string) []string { return s.layout.tableKeys(name) }

// TableVector returns m's entries in TableKeys order, or nil when m lacks one of them (the fast
// path then reads m itself).
func (s Shape) TableVector(name string, m map[string]float64) []float64 {
	keys := s.TableKeys(name)
	if keys == nil {
		return nil
	}
	vec := make([]float64, len(keys))
	for i, k := range keys {
		f, ok := m[k]
		if !ok {
			return nil
		}
		vec[i] = f
	}
	return vec
}
