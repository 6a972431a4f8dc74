package rules

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/sfpattern/sfpattern/content"
)

// TestEvalCacheConcurrent evaluates from several goroutines at once on one catalog, with more
// edition and licence-count pairs than the cache keeps, and expects every decision to be the one
// a fresh catalog gives when evaluating alone, and the cache to stay within its bound. Run it
// under -race: `go test -race ./rules -run TestEvalCacheConcurrent`.
func TestEvalCacheConcurrent(t *testing.T) {
	shared, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	editions := shared.Editions()
	n := maxCachedLimitTables + 40
	answers, want := make([]Answers, n), make([]string, n)
	for i := range n {
		answers[i] = cacheTestAnswers(t, shared, editions[i%len(editions)], 10+i)
		want[i] = decisionJSON(t, alone, answers[i])
	}
	const workers = 4
	var wg sync.WaitGroup
	got := make([][]string, workers)
	for w := range workers {
		got[w] = make([]string, n)
		wg.Go(func() {
			for k := range n {
				i := (k*7 + w*n/workers) % n // each worker its own order, so misses overlap
				got[w][i] = decisionJSON(t, shared, answers[i])
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for i := range n {
			if got[w][i] != want[i] {
				t.Fatalf("worker %d, answers %d: the decision differs from a catalog evaluating alone", w, i)
			}
		}
	}
	stored := 0
	shared.cache.limitTables.Range(func(any, any) bool { stored++; return true })
	if held := int(shared.cache.limitTablesHeld.Load()); stored != held || held > maxCachedLimitTables {
		t.Errorf("the cache holds %d limit tables and counts %d; at most %d are kept", stored, held, maxCachedLimitTables)
	}
}

func cacheTestAnswers(t *testing.T, c *Catalog, edition string, licenses int) Answers {
	t.Helper()
	a, _, err := c.ReadAnswers("", nil, []string{
		"name=Cache", "direction=outbound", "source_of_truth=salesforce",
		"interaction=data", "latency=seconds", "ack=none", "records_per_day=200000", "subscribers=3",
		"edition=" + edition, fmt.Sprintf("licenses=%d", licenses),
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// decisionJSON evaluates and returns the decision as JSON; t.Error is safe from any goroutine.
func decisionJSON(t *testing.T, c *Catalog, a Answers) string {
	d, err := c.Evaluate(a)
	if err != nil {
		t.Error(err)
		return ""
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Error(err)
	}
	return string(out)
}
