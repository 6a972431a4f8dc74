package rules

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/content"
)

// Shapes for TestTypeFingerprint: each differs from shapeBase in one way a snapshot cares about,
// except shapePrivate, whose only change is a field gob never sees.
type (
	shapeItem    struct{ Sequence string }
	shapeBase    struct{ Items []*shapeItem }
	renamedItem  struct{ Diagram string }
	shapeRenamed struct{ Items []*renamedItem }
	taggedItem   struct {
		Sequence string `yaml:"diagram"`
	}
	shapeTagged struct{ Items []*taggedItem }
	kindItem    struct{ Sequence []byte }
	shapeKind   struct{ Items []*kindItem }
	shapeMap    struct{ Items map[string]*shapeItem }
	decodesItem struct{ Sequence string }
	shapeCodec  struct{ Items []*decodesItem }
	privateItem struct {
		Sequence string
		compiled *int
	}
	shapePrivate struct{ Items []*privateItem }
	shapeLoop    struct{ Next *shapeLoop }
)

func (*decodesItem) UnmarshalYAML(*yaml.Node) error { return nil }

func TestTypeFingerprint(t *testing.T) {
	base := typeFingerprint(reflect.TypeFor[shapeBase]())
	for name, other := range map[string]reflect.Type{
		"a nested field renamed":           reflect.TypeFor[shapeRenamed](),
		"a nested field's tag changed":     reflect.TypeFor[shapeTagged](),
		"a nested field's kind changed":    reflect.TypeFor[shapeKind](),
		"a slice become a map":             reflect.TypeFor[shapeMap](),
		"a type that decodes its own YAML": reflect.TypeFor[shapeCodec](),
	} {
		if typeFingerprint(other) == base {
			t.Errorf("%s: same fingerprint as before", name)
		}
	}
	if typeFingerprint(reflect.TypeFor[shapePrivate]()) != base {
		t.Error("an unexported field, which gob does not write, changed the fingerprint")
	}
	if typeFingerprint(reflect.TypeFor[shapeLoop]()) == "" {
		t.Error("no fingerprint for a recursive type")
	}
}

// The snapshot as an older build wrote it, when Pattern's diagram field had another name.
type (
	oldPattern struct {
		ID, Name, Summary, Timing string
		Sources                   []string
		Diagram                   string
	}
	oldEntry  struct{ Pattern *oldPattern }
	oldBundle struct {
		Hash, Types string
		Files       map[string]oldEntry
	}
)

// TestBundleForOtherTypes is the renamed field that once shipped a binary without Mermaid
// diagrams: the YAML is unchanged, but the snapshot was written for types whose field had another
// name, and gob reads it back with that field empty. Its type fingerprint must give it away, and
// Load must then read the YAML.
func TestBundleForOtherTypes(t *testing.T) {
	fsys := YAMLFiles(t)
	hash, err := sourceHash(fsys)
	if err != nil {
		t.Fatal(err)
	}
	write := func(types string) {
		b := oldBundle{Hash: hash, Types: types, Files: map[string]oldEntry{}}
		for _, file := range sourceFiles(fsys) {
			if strings.HasPrefix(file, "patterns/") {
				var p Pattern
				if err := decodeFile(file, fsys[file].Data, &p); err != nil {
					t.Fatal(err)
				}
				b.Files[file] = oldEntry{&oldPattern{p.ID, p.Name, p.Summary, p.Timing, p.Sources, p.Sequence}}
			}
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(b); err != nil {
			t.Fatal(err)
		}
		fsys[BundleFile] = &fstest.MapFile{Data: buf.Bytes()}
	}

	write(typeFingerprint(reflect.TypeFor[oldBundle]()))
	if err := CheckBundle(fsys); !errors.Is(err, errBundleTypes) {
		t.Errorf("CheckBundle = %v, want %v", err, errBundleTypes)
	}
	if n := emptyDiagrams(t, fsys); n > 0 {
		t.Errorf("%d patterns lost their diagram: Load used a snapshot made for other types", n)
	}

	// Without the fingerprint (the snapshot claiming today's types) the same snapshot passes and
	// the diagrams are lost: the case above is the failure it guards against.
	write(bundleTypes())
	if err := CheckBundle(fsys); err != nil {
		t.Fatalf("CheckBundle = %v for a snapshot claiming today's types", err)
	}
	if emptyDiagrams(t, fsys) == 0 {
		t.Error("the simulated old snapshot kept its diagrams: it no longer simulates a renamed field")
	}
}

// TestBundleDecodesAsYAML compares every file of the shipped snapshot with the same file decoded
// from YAML now, field by field. It catches what the type fingerprint cannot see: a change in
// how a type decodes itself (an UnmarshalYAML method) that leaves its shape alone.
func TestBundleDecodesAsYAML(t *testing.T) {
	fromGob := &loader{fsys: content.FS}
	if !fromGob.fromBundle() {
		t.Fatalf("content/%s is stale: run go generate ./rules", BundleFile)
	}
	fromYAML := &loader{fsys: content.FS}
	fromYAML.decodeYAML()
	if len(fromGob.pre) != len(fromYAML.pre) {
		t.Errorf("the snapshot holds %d files, the YAML %d", len(fromGob.pre), len(fromYAML.pre))
	}
	for file, y := range fromYAML.pre {
		if y.err != nil {
			t.Fatalf("%s: %v", file, y.err)
		}
		if !reflect.DeepEqual(fromGob.pre[file].target, y.target) {
			t.Errorf("%s decodes differently from the snapshot and from the YAML", file)
		}
	}
}

// emptyDiagrams loads fsys and counts the patterns without a sequence diagram.
func emptyDiagrams(t *testing.T, fsys fs.FS) int {
	t.Helper()
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range c.Patterns {
		if p.Sequence == "" {
			n++
		}
	}
	return n
}
