package rules

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"reflect"
	"slices"
)

// BundleFile is the name of the knowledge base's pre-decoded snapshot inside the content
// directory. Decoding YAML was most of the CLI's start-up time; the snapshot holds the same
// decoded files and the hash of the YAML they came from. Load uses it only when that
// hash matches the YAML files beside it, so an out-of-date snapshot costs time, never correctness.
// The snapshot is gob, read back into the very types it was written from (gob drops zero values,
// which is why no decoded field is a pointer to a number).
const BundleFile = "knowledge.gob"

// bundle is the snapshot: each knowledge-base file decoded into its Go type.
type bundle struct {
	Hash  string
	Files map[string]bundleEntry
}

// BundleCurrent reports whether fsys holds a snapshot made from exactly its YAML files.
func BundleCurrent(fsys fs.FS) bool {
	l := &loader{fsys: fsys}
	return l.fromBundle()
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
// behind by a content change, not against an adversary, so a fast checksum is enough.
func sourceHash(fsys fs.FS) (string, error) {
	h := crc32.New(crc32.MakeTable(crc32.Castagnoli)) // hardware-accelerated on amd64 and arm64
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
		return err
	}
	defer f.Close()
	fmt.Fprintf(h, "%s\x00", name)
	_, err = io.CopyBuffer(h, f, buf)
	return err
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
	b := bundle{Hash: hash, Files: map[string]bundleEntry{}}
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

// fromBundle fills the prefetch table from the snapshot when it matches the YAML; it reports
// whether it did.
func (l *loader) fromBundle() bool {
	f, err := l.fsys.Open(BundleFile)
	if err != nil {
		return false
	}
	defer f.Close()
	hashed := make(chan string, 1)
	go func() { // checksumming the YAML overlaps decoding the snapshot
		hash, err := sourceHash(l.fsys)
		if err != nil {
			hash = ""
		}
		hashed <- hash
	}()
	var b bundle
	err = gob.NewDecoder(f).Decode(&b)
	if hash := <-hashed; err != nil || hash == "" || b.Hash != hash {
		return false
	}
	l.pre = make(map[string]decoded, len(b.Files))
	for file, e := range b.Files {
		l.pre[file] = decoded{target: e.target()}
	}
	return true
}
