// Package portfolio judges a whole org's integrations against the allocations they share:
// it reads a portfolio file (the org and a list of answers blocks), evaluates every entry with
// the engine (Read, Evaluate), sums what the recommended mechanisms use of each org-wide
// allocation, and writes the result as plain text, Markdown or JSON (WriteText, WriteMarkdown,
// WriteJSON). It is pure Go over the engine's data: no terminal, no Charm package.
//
// A file in the usual block layout is read in pieces (split.go): the list is cut into entries by
// its text and each entry is parsed by a worker, evaluated and dropped, so memory holds the
// summaries rather than the file's node tree. Any other layout is parsed whole; both paths give
// the same result, which the tests and a fuzz target compare.
package portfolio
