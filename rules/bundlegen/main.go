// Command bundlegen writes the knowledge base's pre-decoded snapshot (rules.BundleFile) into a
// content directory. `go generate ./rules` runs it on content/ (the directive is in
// rules/bundle.go): the snapshot holds the engine's own types, so the engine writes it and the
// content directory only carries it. Run it after changing anything in content/ or a type the
// snapshot holds; a test fails while the committed snapshot is out of date, and the program falls
// back to the YAML (slower to start, never wrong) if one is shipped anyway. A snapshot that is
// already current is left alone, since gob's map order would otherwise rewrite it on every run.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sfpattern/sfpattern/rules"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := generate(dir); err != nil {
		fmt.Fprintln(os.Stderr, "bundlegen:", err)
		os.Exit(1)
	}
}

func generate(dir string) error {
	fsys := os.DirFS(dir)
	if rules.CheckBundle(fsys) == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := rules.WriteBundle(fsys, &buf); err != nil {
		return err
	}
	// dir is the generator's own argument (go generate passes the content folder), not input.
	out := filepath.Join(filepath.Clean(dir), rules.BundleFile)
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil { //nolint:gosec // see above
		return fmt.Errorf("bundlegen: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil { //nolint:gosec // see above
		return fmt.Errorf("bundlegen: %w", err)
	}
	return nil
}
