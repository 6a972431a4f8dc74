package rules

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"reflect"
	"slices"
)

// BundleFile is the name of the knowledge base's pre-decoded snapshot inside the content
// directory. Decoding YAML was most of the CLI's start-up time; the snapshot holds the same
// decoded files, the hash of the YAML they came from and the fingerprint of the Go types they were
// decoded into (see bundleTypes). Load uses it only when both match, so an out-of-date snapshot
// costs time, never correctness. The snapshot is gob, read back into the very types it was written
// from (gob drops zero values, which is why no decoded field is a pointer to a number).
//
// `go generate ./rules` rewrites the shipped snapshot (content/knowledge.gob) after a change to the
// YAML or to these types; TestBundleCurrent fails until it has run.
const BundleFile = "knowledge.gob"

//go:generate go run ./bundlegen ../content

// bundle is the snapshot: each knowledge-base file decoded into its Go type.
type bundle struct {
	Hash  string // of the YAML files (sourceHash)
	Types string // of the Go types (bundleTypes)
	Files map[string]bundleEntry
}

// Stale snapshots: why CheckBundle refuses one.
var (
	errNoBundle      = errors.New("there is no snapshot")
	errBundleYAML    = errors.New("the snapshot was made from other YAML")
	errBundleTypes   = errors.New("the snapshot was made for other Go types")
	errBundleCorrupt = errors.New("the snapshot cannot be decoded")
)

// CheckBundle reports whether fsys holds a snapshot that Load would use: nil when it was made from
// exactly the YAML files beside it and for the Go types of this build, else an error that says
// which is not the case.
func CheckBundle(fsys fs.FS) error {
	_, err := readBundle(fsys)
	return err
}

// bundleEntry holds one decoded file; exactly one field is set, by the file's kind.
type bundleEntry struct {
	Knowledge    *Knowledge
	Sources      *[]*Source
	Questions    *questionFile
	Limits       *limitFile
	Facts        *factFile
	Pattern      *Pattern
	FailureModes *[]*FailureMode
	Mechanism    *Mechanism
	Rules        *ruleFile
}

// target returns the entry's decoded value as the pointer prefetch would have produced.
func (e bundleEntry) target() any {
	v := reflect.ValueOf(e)
	for i := range v.NumField() {
		if f := v.Field(i); !f.IsNil() {
			return f.Interface()
		}
	}
	return nil
}

// newEntry stores a decoded value in the entry field of its type.
func newEntry(target any) bundleEntry {
	var e bundleEntry
	v := reflect.ValueOf(&e).Elem()
	for i := range v.NumField() {
		if v.Field(i).Type() == reflect.TypeOf(target) {
			v.Field(i).Set(reflect.ValueOf(target))
		}
	}
	return e
}

// sourceFiles lists the knowledge base's YAML files, sorted.
func sourceFiles(fsys fs.FS) []string {
	var files []string
	for _, kf := range knowledgeFiles {
		names, _ := fs.Glob(fsys, kf.pattern)
		files = append(files, names...)
	}
	slices.Sort(files)
	return files
}

// sourceHash identifies the YAML the knowledge base is made of. It guards against a snapshot left
// behind by a content change, not against an adversary, so a fast checksum is enough. It is the
// IEEE polynomial's: hardware-accelerated on amd64 and arm64 like Castagnoli's, but its tables
// cost microseconds to build where Castagnoli's cost a fifth of a millisecond, which every start
// of the command paid, as this runs once per process.
func sourceHash(fsys fs.FS) (string, error) {
	h := crc32.NewIEEE()
	buf := make([]byte, 16<<10)
	for _, name := range sourceFiles(fsys) {
		if err := hashFile(h, fsys, name, buf); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile streams one file into h (reading it whole would copy every file of an embed.FS).
func hashFile(h io.Writer, fsys fs.FS, name string, buf []byte) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("rules: hashing the knowledge base: %w", err)
	}
	defer f.Close()
	_, _ = fmt.Fprintf(h, "%s\x00", name) // a hash takes every write
	if _, err = io.CopyBuffer(h, f, buf); err != nil {
		return fmt.Errorf("rules: hashing %s: %w", name, err)
	}
	return nil
}

// WriteBundle decodes the knowledge base in fsys and writes its snapshot to w. It refuses a
// knowledge base that does not load, so a snapshot is only ever made of checked content.
func WriteBundle(fsys fs.FS, w io.Writer) error {
	if _, err := Load(fsys); err != nil {
		return err
	}
	hash, err := sourceHash(fsys)
	if err != nil {
		return err
	}
	l := &loader{fsys: fsys}
	l.decodeYAML()
	b := bundle{Hash: hash, Types: bundleTypes(), Files: map[string]bundleEntry{}}
	for file, d := range l.pre {
		b.Files[file] = newEntry(d.target)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(b); err != nil {
		return fmt.Errorf("rules: encoding the bundle: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// fromBundle fills the prefetch table from the snapshot when Load may use it; it reports whether
// it did.
func (l *loader) fromBundle() bool {
	b, err := readBundle(l.fsys)
	if err != nil {
		return false
	}
	l.pre = make(map[string]decoded, len(b.Files))
	for file, e := range b.Files {
		l.pre[file] = decoded{target: e.target()}
	}
	return true
}

// readBundle decodes the snapshot in fsys and checks it against the YAML and the Go types.
func readBundle(fsys fs.FS) (bundle, error) {
	var b bundle
	f, err := fsys.Open(BundleFile)
	if err != nil {
		return b, errNoBundle
	}
	defer f.Close()
	hashed := make(chan string, 1)
	go func() { // checksumming the YAML overlaps decoding the snapshot
		hash, err := sourceHash(fsys)
		if err != nil {
			hash = ""
		}
		hashed <- hash
	}()
	err = gob.NewDecoder(f).Decode(&b)
	hash := <-hashed
	switch {
	case err != nil:
		return b, fmt.Errorf("%w: %v", errBundleCorrupt, err)
	case b.Types != bundleTypes():
		return b, errBundleTypes
	case hash == "" || b.Hash != hash:
		return b, errBundleYAML
	}
	return b, nil
}
