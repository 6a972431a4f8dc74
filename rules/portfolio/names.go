package portfolio

import (
	"fmt"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// nameOrder finds entries whose name an earlier entry already uses (compared without case or
// surrounding spaces) while workers parse entries in parallel. An entry's duplicate problem is
// part of its evaluation, so a worker waits until every earlier entry's name is known; as entries
// are handed out in file order, that wait is for parses already under way, never for an
// evaluation.
type nameOrder struct {
	c    catalog
	mu   sync.Mutex
	cond *sync.Cond
	// pending holds the names given but not yet folded, by position; ready marks them.
	pending []entryLabel
	ready   []bool
	// folded counts the entries, from the first, whose names are in first.
	folded int
	first  map[string]entryLabel
	// dups is, by position, the problem to report or nil.
	dups []*Problem
}

// entryLabel is what duplicate detection keeps of an entry: its name, the name's line, and the
// entry's own position and line.
type entryLabel struct {
	name            string
	nameLine, index int
	line            int
}

func newNameOrder(c catalog, total int) *nameOrder {
	o := &nameOrder{c: c, pending: make([]entryLabel, total), ready: make([]bool, total), first: make(map[string]entryLabel, total), dups: make([]*Problem, total)}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// settle records entry i's node and returns its duplicate problem once every earlier entry is
// known.
func (o *nameOrder) settle(i int, n *yaml.Node) *Problem {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.give(i, n)
	for o.folded <= i {
		o.cond.Wait()
	}
	return o.dups[i]
}

// skip records entry i as having no name, without waiting: a worker that takes an entry and then
// stops (a cancelled run, an entry the fast path cannot read) must still let later ones on.
func (o *nameOrder) skip(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.give(i, nil)
}

// give records entry i, folds every entry now known in file order and wakes the waiting; o.mu is
// held.
func (o *nameOrder) give(i int, n *yaml.Node) {
	label := entryLabel{index: i}
	if n != nil {
		label.name, label.nameLine = o.c.entryName(n)
		label.line = n.Line
	}
	o.pending[i], o.ready[i] = label, true
	if o.folded != i {
		return
	}
	for o.folded < len(o.ready) && o.ready[o.folded] {
		o.fold(o.pending[o.folded])
		o.pending[o.folded] = entryLabel{}
		o.folded++
	}
	o.cond.Broadcast()
}

// fold adds the next entry in file order to the names seen.
func (o *nameOrder) fold(e entryLabel) {
	if e.name == "" {
		return
	}
	key := strings.ToLower(strings.TrimSpace(e.name))
	if f, seen := o.first[key]; seen {
		o.dups[e.index] = &Problem{
			Index: e.index + 1, Name: rules.Clip(e.name), Field: o.c.Role(rules.RoleTitle).ID, Line: e.nameLine,
			Message: fmt.Sprintf("duplicate name: integration %d (line %d) is already called %q; names must be unique",
				f.index+1, f.line, f.name),
		}
		return
	}
	o.first[key] = entryLabel{index: e.index, line: e.line, name: rules.Clip(e.name)}
}
