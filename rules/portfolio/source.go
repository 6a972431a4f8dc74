package portfolio

import (
	"sync"

	"go.yaml.in/yaml/v3"
)

// entrySource hands out a portfolio's entries, each as its node tree with the file's line
// numbers: from a whole-file parse, or parsed one by one from the text (splitSource).
type entrySource interface {
	count() int
	// entry returns entry i's node, or nil when this source cannot read it exactly as the whole
	// file's parse would (then the file is read again by that parse).
	entry(i int) *yaml.Node
	// done says entry i is evaluated, and whether it was bad: its node may be let go, except
	// that a bad entry's is asked for again, by again, to list its problems.
	done(i int, bad bool)
	// again returns a bad entry's node once more, or nil when it was let go (being later in the
	// file than maxProblems other bad entries, none of its problems can be listed).
	again(i int) *yaml.Node
}

// wholeSource hands out the entries of a whole-file parse. The tree stays alive but for the
// entries already done: each is cut from it, except the first bad ones in file order.
type wholeSource struct {
	list *yaml.Node
	keep *firstBad
}

func newWholeSource(list *yaml.Node) *wholeSource {
	return &wholeSource{list: list, keep: &firstBad{list: list}}
}

func (s *wholeSource) count() int             { return len(s.list.Content) }
func (s *wholeSource) entry(i int) *yaml.Node { return s.list.Content[i] }
func (s *wholeSource) again(i int) *yaml.Node { return s.list.Content[i] }

func (s *wholeSource) done(i int, bad bool) {
	if !bad {
		s.list.Content[i] = nil // no longer needed: let the garbage collector have it
		return
	}
	s.keep.add(i)
}

// firstBad keeps the nodes of the maxProblems bad entries earliest in the file (each
// has at least one problem, so no other can be listed) and releases the others', whatever order
// the workers finish in: a max-heap of the earliest positions seen.
type firstBad struct {
	mu   sync.Mutex
	list *yaml.Node
	heap []int
}

func (f *firstBad) add(i int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case len(f.heap) < maxProblems:
		f.heap = append(f.heap, i)
		f.up(len(f.heap) - 1)
	case i < f.heap[0]:
		f.list.Content[f.heap[0]] = nil
		f.heap[0] = i
		f.down(0)
	default:
		f.list.Content[i] = nil
	}
}

func (f *firstBad) up(j int) {
	for j > 0 {
		parent := (j - 1) / 2
		if f.heap[parent] >= f.heap[j] {
			return
		}
		f.heap[parent], f.heap[j] = f.heap[j], f.heap[parent]
		j = parent
	}
}

func (f *firstBad) down(j int) {
	for {
		largest := j
		for _, k := range []int{2*j + 1, 2*j + 2} {
			if k < len(f.heap) && f.heap[k] > f.heap[largest] {
				largest = k
			}
		}
		if largest == j {
			return
		}
		f.heap[j], f.heap[largest] = f.heap[largest], f.heap[j]
		j = largest
	}
}
