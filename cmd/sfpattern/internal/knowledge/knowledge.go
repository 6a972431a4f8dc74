// Package knowledge loads the command's knowledge base. The embedded one starts loading while the
// program is still initialising: every command needs it (the help's examples name question ids),
// and the packages the terminal interface links (glamour's highlighter above all) spend most of
// the start-up initialising after this package has. Loading on a second goroutine meanwhile
// takes it off the critical path wherever a second processor is free.
//
// The package is imported by the command alone, and sits where Go initialises it as soon as the
// engine is ready: packages are initialised in import-path order once their imports are, and
// cmd/sfpattern/... sorts before the module's other packages.
package knowledge

import (
	"sync"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// result is one finished load.
type result struct {
	cat *rules.Catalog
	err error
}

// started receives the embedded knowledge base once the load begun at initialisation finishes.
// Everything the load reads belongs to packages already initialised (this package's imports), so
// it runs safely beside the initialisation of the rest.
var started = startLoading()

func startLoading() <-chan result {
	done := make(chan result, 1)
	go func() {
		cat, err := Load(nil)
		done <- result{cat, err}
	}()
	return done
}

// Embedded returns the knowledge base without an organisation's rules, waiting for the load
// begun at initialisation. It is loaded once per process and immutable once loaded.
var Embedded = sync.OnceValues(func() (*rules.Catalog, error) {
	r := <-started
	return r.cat, r.err
})

// Load loads the knowledge base with extra rule files, and checks that the contract has a place
// for every answer the question set puts in it.
func Load(extra []rules.RuleFile) (*rules.Catalog, error) {
	cat, err := rules.Load(content.FS, extra...)
	if err == nil {
		err = contract.CheckQuestions(cat)
	}
	if err != nil {
		return nil, err
	}
	return cat, nil
}
