// Package portfolio judges a whole org's integrations against the allocations they share:
// it reads a portfolio file (the org and a list of answers blocks), evaluates every entry with
// the engine (Read, Evaluate), sums what the recommended mechanisms use of each org-wide
// allocation, and writes the result as plain text, Markdown or JSON (WriteText, WriteMarkdown).
// It is pure Go over the engine's data: no terminal, no Charm package.
package portfolio
