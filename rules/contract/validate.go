package contract

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// JSON Schema's type names: Schema writes them, and the validator here checks values against them.
const (
	typeObject  = "object"
	typeArray   = "array"
	typeString  = "string"
	typeBoolean = "boolean"
	typeNumber  = "number"
	typeInteger = "integer"
)

// schemaIssue is one place where a document breaks the contract schema.
type schemaIssue struct {
	path []string
	msg  string
}

// validate checks v against a JSON Schema node, appending every failure. It implements the
// keywords the contract schema uses (type, const, enum, minimum, minLength, pattern, minItems,
// items, properties, required, additionalProperties, oneOf) over the very schema document that
// `sfpattern schema contract` prints. A general validator library was the first choice, but its
// package initialisation compiled every JSON Schema draft at start-up and cost every command
// about 6 ms; a test checks this validator against that library on the sample contracts.
func validate(schema map[string]any, v any, path []string, out *[]schemaIssue) {
	fail := func(format string, args ...any) {
		*out = append(*out, schemaIssue{path: slices.Clone(path), msg: fmt.Sprintf(format, args...)})
	}
	if alts, ok := schema["oneOf"].([]any); ok {
		validateOneOf(alts, v, path, out)
		return
	}
	if c, ok := schema["const"]; ok && !sameValue(c, v) {
		fail("value must be %v", c)
		return
	}
	if t, ok := schema["type"].(string); ok && !hasType(t, v) {
		fail("got %s, want %s", typeName(v), t)
		return
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return sameValue(e, v) }) {
		fail("value must be one of %s", quoteList(enum))
	}
	switch x := v.(type) {
	case string:
		validateString(schema, x, fail)
	case float64, int:
		if m, ok := schema["minimum"].(float64); ok && toNumber(x) < m {
			fail("must be >= %v but found %v", m, x)
		}
	case []any:
		validateArray(schema, x, path, out, fail)
	case map[string]any:
		validateObject(schema, x, path, out, fail)
	}
}

func validateString(schema map[string]any, s string, fail func(string, ...any)) {
	if n, ok := schema["minLength"].(float64); ok && float64(len([]rune(s))) < n {
		fail("length must be >= %v, but got %d", n, len([]rune(s)))
	}
	if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
		fail("%q does not match pattern %q", s, p)
	}
}

func validateArray(schema map[string]any, a []any, path []string, out *[]schemaIssue, fail func(string, ...any)) {
	if n, ok := schema["minItems"].(float64); ok && float64(len(a)) < n {
		fail("minItems: got %d, want %v", len(a), n)
	}
	if items, ok := schema["items"].(map[string]any); ok {
		for i, e := range a {
			validate(items, e, append(slices.Clone(path), fmt.Sprint(i)), out)
		}
	}
}

func validateObject(schema map[string]any, obj map[string]any, path []string, out *[]schemaIssue, fail func(string, ...any)) {
	props, _ := schema["properties"].(map[string]any)
	var missing, extra []string
	for _, r := range asStrings(schema["required"]) {
		if _, ok := obj[r]; !ok {
			missing = append(missing, r)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		sub, known := props[k].(map[string]any)
		if !known {
			extra = append(extra, k)
			continue
		}
		validate(sub, obj[k], append(slices.Clone(path), k), out)
	}
	if len(missing) > 0 {
		fail("missing properties %s", quoteStrings(missing))
	}
	if schema["additionalProperties"] == false && len(extra) > 0 {
		fail("additional properties %s not allowed", quoteStrings(extra))
	}
}

func validateOneOf(alts []any, v any, path []string, out *[]schemaIssue) {
	matches := 0
	for _, a := range alts {
		var issues []schemaIssue
		validate(a.(map[string]any), v, path, &issues)
		if len(issues) == 0 {
			matches++
		}
	}
	if matches != 1 {
		*out = append(*out, schemaIssue{path: slices.Clone(path), msg: "oneOf failed: not a valid value here (a whole number, or a TODO hint)"})
	}
}

func hasType(t string, v any) bool {
	switch t {
	case typeObject:
		_, ok := v.(map[string]any)
		return ok
	case typeArray:
		_, ok := v.([]any)
		return ok
	case typeString:
		_, ok := v.(string)
		return ok
	case typeBoolean:
		_, ok := v.(bool)
		return ok
	case typeNumber:
		_, isF := v.(float64)
		_, isI := v.(int)
		return isF || isI
	case typeInteger:
		switch x := v.(type) {
		case int:
			return true
		case float64:
			return x == math.Trunc(x)
		}
	}
	return false
}

func typeName(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return typeObject
	case []any:
		return typeArray
	case string:
		return typeString
	case bool:
		return typeBoolean
	case int:
		return typeInteger
	case float64:
		if x == math.Trunc(x) {
			return typeInteger
		}
		return typeNumber
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func toNumber(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// sameValue compares a schema constant with a document value, numbers by value.
func sameValue(a, b any) bool {
	if na, nb := toNumber(a), toNumber(b); !math.IsNaN(na) && !math.IsNaN(nb) {
		return na == nb
	}
	return a == b
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func quoteList(list []any) string {
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = fmt.Sprintf("'%v'", e)
	}
	return strings.Join(parts, ", ")
}

func quoteStrings(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = "'" + s + "'"
	}
	return strings.Join(parts, ", ")
}
