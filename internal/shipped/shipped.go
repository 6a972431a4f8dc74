// Package shipped gives tests the embedded knowledge base, loaded once per test binary: loading
// is the slowest step of most tests, and the catalogue is read-only once loaded.
package shipped

import (
	"sync"
	"testing"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/rules"
)

var load = sync.OnceValues(func() (*rules.Catalog, error) { return rules.Load(content.FS) })

// Catalog returns the shipped knowledge base, failing the test when it does not load.
func Catalog(tb testing.TB) *rules.Catalog {
	tb.Helper()
	c, err := load()
	if err != nil {
		tb.Fatalf("shipped knowledge base does not load:\n%v", err)
	}
	return c
}
