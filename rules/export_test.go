package rules

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/sfpattern/sfpattern/content"
)

// CopyContent copies the embedded knowledge base, snapshot included, into a map that a test can
// change. It is here, in the package itself, so that its own tests and the external ones share it.
func CopyContent(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// YAMLFiles is CopyContent without the snapshot: the knowledge base as Load reads it from YAML.
func YAMLFiles(tb testing.TB) fstest.MapFS {
	m := CopyContent(tb)
	delete(m, BundleFile)
	return m
}
