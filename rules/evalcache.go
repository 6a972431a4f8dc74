package rules

import (
	"sync"
	"sync/atomic"
)

// evalCache is the mutable part of a Catalog: what evaluations reuse from one another so that the
// many evaluations of a sweep, a what-if or a portfolio allocate less. It is safe for concurrent
// use, and nothing in it changes a result: a hit returns what a miss would have computed, and a
// scratch taken from it is cleared before it goes back.
type evalCache struct {
	// scratches holds *scratch: the expression machine and environment maps of evaluations that
	// have returned. Nothing in a Decision points into one.
	scratches sync.Pool
	// limitTables maps a limitKey to every limit's value for that edition and licence count (a
	// *limitSet). A stored set is shared by every evaluation with that key and never modified.
	limitTables sync.Map
	// limitTablesHeld counts the tables stored, which maxCachedLimitTables bounds: licence counts
	// come from answers, so a portfolio could otherwise grow the cache without end.
	limitTablesHeld atomic.Int32
}

// maxCachedLimitTables bounds the limit tables kept: a few hundred edition and licence-count
// pairs cover what one process meets; the rest are computed for each evaluation.
const maxCachedLimitTables = 256

// limitKey identifies a limit table.
type limitKey struct {
	edition  string
	licenses int
}

// takeScratch returns a scratch that an earlier evaluation returned, or nil.
func (ec *evalCache) takeScratch() *scratch {
	s, _ := ec.scratches.Get().(*scratch)
	return s
}

// returnScratch keeps a cleared scratch for a later evaluation.
func (ec *evalCache) returnScratch(s *scratch) { ec.scratches.Put(s) }

// limitTable returns the cached table for key, or computes it and keeps it while there is room.
// Two evaluations that miss the same key at once both compute it; the first stored is kept.
func (ec *evalCache) limitTable(key limitKey, compute func() (*limitSet, error)) (*limitSet, error) {
	if v, ok := ec.limitTables.Load(key); ok {
		return v.(*limitSet), nil
	}
	vals, err := compute()
	if err != nil || !ec.roomForTable() {
		return vals, err
	}
	if v, loaded := ec.limitTables.LoadOrStore(key, vals); loaded {
		ec.limitTablesHeld.Add(-1)
		return v.(*limitSet), nil
	}
	return vals, nil
}

// roomForTable claims a place for one more table, if there is one. The counter is read before it
// is raised so that misses past the bound do not keep raising it.
func (ec *evalCache) roomForTable() bool {
	if ec.limitTablesHeld.Load() >= maxCachedLimitTables {
		return false
	}
	if ec.limitTablesHeld.Add(1) > maxCachedLimitTables {
		ec.limitTablesHeld.Add(-1)
		return false
	}
	return true
}
