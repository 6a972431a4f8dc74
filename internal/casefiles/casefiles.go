// Package casefiles runs table tests whose cases are files in one folder and whose hand-written
// expectations sit beside them in that folder's expect.yaml, keyed by file name.
//
// It exists so that every such folder is held to the same three promises: each file has an
// expectation, each expectation has a file, and the expectations parse strictly (a misspelt key
// fails the test instead of silently expecting nothing).
package casefiles

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ExpectFile is the name of the expectations file inside a case folder.
const ExpectFile = "expect.yaml"

// Run calls check once per file in dir matching pattern (other than expect.yaml), in a subtest
// named after the file, with the file's bytes and its expectation.
func Run[T any](t *testing.T, dir, pattern string, check func(t *testing.T, name string, input []byte, want T)) {
	t.Helper()
	expectations := readExpectations[T](t, dir)
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, file := range files {
		name := filepath.Base(file)
		if name == ExpectFile {
			continue
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := expectations[name]
			if !ok {
				t.Fatalf("%s has no entry in %s", name, ExpectFile)
			}
			input, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			check(t, name, input, want)
		})
	}
	if len(seen) == 0 {
		t.Fatalf("no case files match %s in %s", pattern, dir)
	}
	for _, name := range sortedKeys(expectations) {
		if !seen[name] {
			t.Errorf("%s names %s, which %s does not hold", ExpectFile, name, dir)
		}
	}
}

// readExpectations decodes dir/expect.yaml, refusing keys the expectation type does not have.
func readExpectations[T any](t *testing.T, dir string) map[string]T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, ExpectFile))
	if err != nil {
		t.Fatal(err)
	}
	expectations := map[string]T{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&expectations); err != nil {
		t.Fatalf("%s: %v", filepath.Join(dir, ExpectFile), err)
	}
	return expectations
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
