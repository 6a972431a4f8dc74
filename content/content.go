// Package content holds sfpattern's knowledge base: questions, limits, derived facts, mechanisms,
// patterns, failure modes, rules and sources, as data. Parsing and checking live in package rules.
package content

import "embed"

// FS is the knowledge base compiled into the binary, with its pre-decoded snapshot.
//
//go:generate go run ../rules/bundlegen .
//go:embed *.yaml *.gob mechanisms patterns failure-modes rules
var FS embed.FS
