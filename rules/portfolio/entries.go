package portfolio

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// errFallback says the fast path met an entry it cannot read exactly as the whole file's parse
// would; the caller reads the file again by that parse.
var errFallback = errors.New("portfolio: the layout needs the whole file parsed")

// evaluateEntries parses, checks and evaluates every entry with a bounded pool of workers, which
// take entries in file order; results stay in file order, with the duplicate-name problem of each
// entry. An entry's nodes are let go once it is done (src decides which a bad entry keeps).
func (c catalog) evaluateEntries(ctx context.Context, file string, org Org, src entrySource) ([]entryResult, []*Problem, error) {
	total := src.count()
	out := make([]entryResult, total)
	errs := make([]error, total)
	names := newNameOrder(c, total)
	var next atomic.Int64
	var fallback atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), total) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= total {
					return
				}
				if ctx.Err() != nil || fallback.Load() {
					names.skip(i) // taken, so later entries wait on its name
					return
				}
				n := src.entry(i)
				if n == nil {
					fallback.Store(true)
					names.skip(i)
					return
				}
				dup := names.settle(i, n)
				var e entryWork
				e, errs[i] = c.evaluateEntry(file, org, i+1, n, dup, false)
				out[i] = e.entryResult
				src.done(i, !e.ok)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if fallback.Load() {
		return nil, nil, errFallback
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return out, names.dups, nil
}
