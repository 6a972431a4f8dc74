// Package content holds sfpattern's knowledge base: questions, limits, derived facts, mechanisms,
// patterns, failure modes, rules and sources, as data. Parsing and checking live in package rules.
package content

import "embed"

// FS is the knowledge base compiled into the binary, with its pre-decoded snapshot
// (knowledge.gob), which package rules writes with `go generate ./rules` and checks in its tests.
//
//go:embed *.yaml *.gob mechanisms patterns failure-modes rules
var FS embed.FS
