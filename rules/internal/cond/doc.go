// Package cond compiles and runs the knowledge base's expressions: the conditions of rules,
// questions, patterns and remedies, and the numbers of facts, capacity usage and limits. It is
// the only importer of expr-lang, so that the language's rules for an organisation's rule file
// (the bounds on a source, the vetted tree, the guarded machine and its budgets) stand in one
// place and cannot be bypassed by code elsewhere that builds a program of its own.
//
// A Shape declares the variables; Compile and CompileNumber check a source against it and
// return a Condition or a Number; a Run is one evaluation's machine, budget and deadline.
// Expressions run on the typed fast path where it applies and on expr-lang's machine otherwise,
// with the same results.
package cond
