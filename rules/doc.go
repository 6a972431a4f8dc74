// Package rules is sfpattern's engine: it loads and checks the knowledge base (questions, limits,
// mechanisms, patterns, failure modes and rules), validates answers, and evaluates them into a
// Decision with a ranking, a trace of every rule, a capacity table at 1× and 10× volume, failure
// modes and warnings.
//
// The package is pure Go with no terminal dependencies. It reads the knowledge base from an
// fs.FS it is handed, so tests pass an fstest.MapFS. Load once, Evaluate many times: Evaluate is
// deterministic and does no I/O.
package rules
