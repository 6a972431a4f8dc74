package contract

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/sfpattern/sfpattern/rules"
)

// The contract states some answers (the daily volume at volume.per_day, the edition at
// platform.edition). Which answer stands where is content: each question names its contract
// path in questions.yaml. This file maps between the two through the Contract type's YAML keys,
// so that neither the skeleton, lint nor the schema spells a question id or a path.

// place is one field of the Contract type, found by its YAML keys.
type place struct {
	field     reflect.StructField
	index     []int // for reflect.Value.FieldByIndex
	omitEmpty bool  // an optional field: empty means not stated
}

// places are every field of the Contract type by dotted YAML path, worked out once.
var places = sync.OnceValue(func() map[string]place {
	out := map[string]place{}
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			key, omit := yamlKey(f)
			path := prefix + key
			idx := append(slices.Clone(index), i)
			out[path] = place{field: f, index: idx, omitEmpty: omit}
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, path+".", idx)
			}
		}
	}
	walk(reflect.TypeFor[Contract](), "", nil)
	return out
})

// yamlKey is a struct field's YAML key and whether it is omitted when empty.
func yamlKey(f reflect.StructField) (string, bool) {
	name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name, slices.Contains(strings.Split(opts, ","), "omitempty")
}

// fits reports whether a field of type t can hold an answer of kind k.
func fits(t reflect.Type, k rules.Kind) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch k {
	case rules.KindNumber:
		return t.Kind() == reflect.Int || t.Kind() == reflect.Int64
	case rules.KindBoolean:
		return t.Kind() == reflect.Bool
	case rules.KindText, rules.KindSelect:
		return t.Kind() == reflect.String
	}
	return false // Load refuses any other kind of question
}

// CheckQuestions checks that the contract has a place for every answer the question set says it
// states, of a type that holds the answer. Call it after rules.Load: the contract's shape is this
// package's, so Load cannot check it. Problems name questions.yaml and the question, as Load's do.
func CheckQuestions(cat *rules.Catalog) error {
	var ps rules.Problems
	for _, q := range cat.Questions {
		if q.ContractPath == "" {
			continue
		}
		p, ok := places()[q.ContractPath]
		switch {
		case !ok:
			ps = append(ps, rules.Problem{
				File: "questions.yaml", Field: q.ID,
				Msg: fmt.Sprintf("contract %s: the integration contract has no such place", q.ContractPath),
			})
		case !fits(p.field.Type, q.Kind):
			ps = append(ps, rules.Problem{
				File: "questions.yaml", Field: q.ID,
				Msg: fmt.Sprintf("contract %s: a %s answer cannot stand there (the contract holds %s)", q.ContractPath, q.Kind, p.field.Type),
			})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// stateAnswers writes every answer the question set places in the contract into c. An answer
// that is absent (its question did not apply) leaves its place empty.
func stateAnswers(cat *rules.Catalog, c *Contract, answers rules.AnswerList) {
	v := reflect.ValueOf(c).Elem()
	for _, a := range answers {
		if q := cat.Question(a.ID); q != nil {
			if p, ok := places()[q.ContractPath]; ok {
				set(v.FieldByIndex(p.index), a.Value)
			}
		}
	}
}

// set stores an answer in a field of its type.
func set(f reflect.Value, answer any) {
	if f.Kind() == reflect.Pointer {
		f.Set(reflect.New(f.Type().Elem()))
		f = f.Elem()
	}
	switch x := answer.(type) {
	case int:
		f.SetInt(int64(x))
	case bool:
		f.SetBool(x)
	case string:
		f.SetString(x)
	}
}

// answersOf reads the engine's answers back out of a contract. A place left empty that the
// contract may omit (a pointer not set, optional text not given) is an answer not stated, so
// its default applies, as in an answers file that leaves it out.
func answersOf(cat *rules.Catalog, c Contract) rules.Answers {
	a := rules.NewAnswers()
	v := reflect.ValueOf(c)
	for _, q := range cat.Questions {
		p, ok := places()[q.ContractPath]
		if !ok {
			continue
		}
		f := v.FieldByIndex(p.index)
		switch {
		case f.Kind() == reflect.Pointer && f.IsNil():
			continue
		case f.Kind() == reflect.Pointer:
			f = f.Elem()
		case p.omitEmpty && f.IsZero():
			continue
		}
		switch f.Kind() {
		case reflect.Int, reflect.Int64:
			a.Put(q.ID, int(f.Int()))
		case reflect.Bool:
			a.Put(q.ID, f.Bool())
		case reflect.String:
			a.Put(q.ID, f.String())
		default:
			// CheckQuestions allows no other type at a place that states an answer.
		}
	}
	return a
}

// pathOf is where the contract states an answer, as keys, or nil when it does not.
func pathOf(cat *rules.Catalog, id string) []string {
	if q := cat.Question(id); q != nil && q.ContractPath != "" {
		return strings.Split(q.ContractPath, ".")
	}
	return nil
}
