package rules

import (
	"encoding"
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// bundleTypes fingerprints the Go types the snapshot is read back into. The snapshot records the
// fingerprint it was written with, and one written for other types is stale even when the YAML
// has not changed: gob matches struct fields by name and silently drops those it cannot place, so
// a snapshot read into a type whose field was renamed comes back with that field empty (that is
// how a renamed Pattern field once shipped a binary without its Mermaid diagrams).
var bundleTypes = sync.OnceValue(func() string { return typeFingerprint(reflect.TypeFor[bundle]()) })

// typeFingerprint hashes what decides how a value of type t is decoded from YAML and then written
// and read by gob: every exported field's name, tag and type, recursively, and which types decode
// themselves. Unexported fields are left out, as gob and YAML leave them out.
func typeFingerprint(t reflect.Type) string {
	var b strings.Builder
	describeType(&b, t, map[reflect.Type]int{})
	return fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(b.String()))) // see sourceHash
}

// describeType writes t's shape to w. A type met again is written as a back-reference, which
// keeps recursive types finite and the description short.
func describeType(w *strings.Builder, t reflect.Type, seen map[reflect.Type]int) {
	if n, ok := seen[t]; ok {
		fmt.Fprintf(w, "#%d", n)
		return
	}
	seen[t] = len(seen)
	w.WriteString(t.Kind().String())
	w.WriteString(codecMarks(t))
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		describeElem(w, t.Elem(), seen)
	case reflect.Array:
		fmt.Fprintf(w, "%d", t.Len())
		describeElem(w, t.Elem(), seen)
	case reflect.Map:
		describeElem(w, t.Key(), seen)
		describeElem(w, t.Elem(), seen)
	case reflect.Struct:
		describeFields(w, t, seen)
	default: // a scalar's kind, written above, is all there is to it
	}
}

func describeElem(w *strings.Builder, t reflect.Type, seen map[reflect.Type]int) {
	w.WriteByte('[')
	describeType(w, t, seen)
	w.WriteByte(']')
}

func describeFields(w *strings.Builder, t reflect.Type, seen map[reflect.Type]int) {
	w.WriteByte('{')
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fmt.Fprintf(w, "%s %q ", f.Name, f.Tag)
		describeType(w, f.Type, seen)
		w.WriteByte(';')
	}
	w.WriteByte('}')
}

// codecMarks names the decoding interfaces t implements: a type that decodes itself maps the YAML
// or the gob stream onto its fields its own way, so gaining or losing such a method changes what
// a snapshot holds as surely as a field does. (A change inside such a method is not a change of
// shape; TestBundleDecodesAsYAML catches that by comparing the snapshot with the YAML.)
func codecMarks(t reflect.Type) string {
	p := reflect.PointerTo(t)
	var marks string
	for _, c := range []struct {
		mark  string
		iface reflect.Type
	}{
		{"+yaml", reflect.TypeFor[yaml.Unmarshaler]()},
		{"+gob", reflect.TypeFor[gob.GobDecoder]()},
		{"+binary", reflect.TypeFor[encoding.BinaryUnmarshaler]()},
		{"+text", reflect.TypeFor[encoding.TextUnmarshaler]()},
	} {
		if p.Implements(c.iface) {
			marks += c.mark
		}
	}
	return marks
}
