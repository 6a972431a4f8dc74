//go:build !unix

package config

// openNonblock is 0 where opening a file never waits for a writer (no Unix named pipes).
const openNonblock = 0
