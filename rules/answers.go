package rules

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// Answers holds one integration's answers: field id to value (string, int or bool), and where
// each value came from so that problems can name the line.
type Answers struct {
	values map[string]any
	origin map[string]origin
	source string // the file the answers were read from, for problems about missing fields
	// sourceLine is where in source a problem about a missing field points: the line that
	// introduces answers inside a larger file (see Location), or 0 for the file as a whole.
	sourceLine int
}

type origin struct {
	file string
	line int
	// defaulted marks a value CheckAnswers filled in: it is not the user's answer, so it is
	// worked out again when the answers it depends on change.
	defaulted bool
	// standing marks a value Fill gave from a configuration's defaults: not this integration's
	// answer, so it is dropped without a warning where its question does not apply.
	standing bool
}

// NewAnswers returns an empty set of answers.
func NewAnswers() Answers {
	return Answers{values: map[string]any{}, origin: map[string]origin{}}
}

// Get returns the value of a field and whether it is set.
func (a Answers) Get(id string) (any, bool) {
	v, ok := a.values[id]
	return v, ok
}

// Defaulted reports whether a field's value is a default CheckAnswers filled in, rather than an
// answer someone gave.
func (a Answers) Defaulted(id string) bool { return a.origin[id].defaulted }

// Put sets a field's value, which must already be of the question's Go type.
func (a Answers) Put(id string, v any) {
	a.values[id] = v
	a.origin[id] = origin{}
}

// Delete removes a field.
func (a Answers) Delete(id string) {
	delete(a.values, id)
	delete(a.origin, id)
}

// Len is the number of fields set.
func (a Answers) Len() int { return len(a.values) }

// cloneFor returns an independent copy with room for n fields.
func (a Answers) cloneFor(n int) Answers {
	b := Answers{values: make(map[string]any, n), origin: make(map[string]origin, n), source: a.source, sourceLine: a.sourceLine}
	maps.Copy(b.values, a.values)
	maps.Copy(b.origin, a.origin)
	return b
}

// Clone returns an independent copy.
func (a Answers) Clone() Answers {
	return Answers{values: maps.Clone(a.values), origin: maps.Clone(a.origin), source: a.source, sourceLine: a.sourceLine}
}

// env is the answers as an expression environment (used for visibility while answering).
func (a Answers) env() map[string]any { return a.values }

func (a Answers) problem(id, format string, args ...any) Problem {
	o := a.origin[id]
	if o.file == "" {
		o.file, o.line = cmp.Or(a.source, "answers"), a.sourceLine
	}
	return Problem{File: o.file, Line: o.line, Field: id, Msg: fmt.Sprintf(format, args...)}
}

// ParseAnswers reads an answers file (YAML or JSON). Each field is converted to its question's
// type; every problem in the file is reported at once, with its line. Defaults and cross-field
// checks are applied later by CheckAnswers.
func (c *Catalog) ParseAnswers(file string, data []byte) (Answers, error) {
	return c.ParseAnswersAt(file, data, Location{})
}

// Location places answers inside a larger file, such as a decision record's answers block, so
// that problems and the answers' origins name the file's own lines.
type Location struct {
	// Offset is how many of the file's lines come before the answers' first line.
	Offset int
	// Line is where a problem about a missing field points: the line that introduces the
	// answers (0: the file as a whole).
	Line int
}

// ParseAnswersAt is ParseAnswers for answers that sit at a Location of file: data holds them
// with line 1 as the file's line Offset+1.
func (c *Catalog) ParseAnswersAt(file string, data []byte, at Location) (Answers, error) {
	a := NewAnswers()
	a.source, a.sourceLine = file, at.Line
	doc, err := parseDocument(file, data)
	if err == nil && doc.Kind != yaml.MappingNode {
		err = Problems{{File: file, Line: doc.Line, Msg: "answers must be a mapping of field: value, not " + nodeKind(doc)}}
	}
	if err == nil {
		err = c.parseFields(file, doc, a).err()
	}
	return a.moved(at.Offset), movedProblems(file, err, at.Offset)
}

// moved shifts the answers' origins down by offset lines.
func (a Answers) moved(offset int) Answers {
	for id, o := range a.origin {
		if o.line > 0 {
			o.line += offset
			a.origin[id] = o
		}
	}
	return a
}

// movedProblems shifts the lines of err's problems about file down by offset lines.
func movedProblems(file string, err error, offset int) error {
	ps := AsProblems(err)
	if ps == nil || offset == 0 {
		return err
	}
	out := make(Problems, len(ps))
	for i, p := range ps {
		if p.File == file && p.Line > 0 {
			p.Line += offset
		}
		out[i] = p
	}
	return out
}

// parseFields converts every key/value pair of a mapping node into a, returning every problem
// with its line. The node may be a whole answers file or one entry of a larger document.
func (c *Catalog) parseFields(file string, doc *yaml.Node, a Answers) Problems {
	var ps Problems
	seen := make(map[string]int, len(doc.Content)/2)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		if first, dup := seen[key.Value]; dup {
			ps = append(ps, Problem{File: file, Line: key.Line, Field: short(key.Value), Msg: fmt.Sprintf("duplicate key (first set on line %d)", first)})
			continue
		}
		seen[key.Value] = key.Line
		if p, ok := c.parseField(file, key, val, a); !ok {
			ps = append(ps, p)
		}
	}
	return ps
}

// parseField converts one key/value pair into a; it returns the problem when it cannot.
func (c *Catalog) parseField(file string, key, val *yaml.Node, a Answers) (Problem, bool) {
	at := Problem{File: file, Line: key.Line, Field: key.Value}
	if key.Value == "schema_version" {
		if val.Value != strconv.Itoa(c.Knowledge.AnswersSchemaVersion) {
			at.Msg = fmt.Sprintf("unsupported schema version %q; this sfpattern reads version %d", val.Value, c.Knowledge.AnswersSchemaVersion)
			return at, false
		}
		return at, true
	}
	q := c.questionByID[key.Value]
	if q == nil {
		at.Field = short(key.Value)
		at.Msg = "unknown field" + c.suggest(key.Value) + "; fields are " + strings.Join(c.questionIDs(), ", ")
		return at, false
	}
	if val.Kind != yaml.ScalarNode || isNull(val) {
		at.Line = val.Line
		at.Msg = fmt.Sprintf("expected %s, got %s", describeValues(q), nodeKind(val))
		return at, false
	}
	v, msg := convertNode(q, val)
	if msg == "" {
		msg = checkRange(q, v)
	}
	if msg != "" {
		at.Line = val.Line
		at.Msg = msg
		return at, false
	}
	a.values[q.ID] = v
	a.origin[q.ID] = origin{file: file, line: val.Line}
	return at, true
}

// convertNode converts a YAML scalar by the question's kind, honouring YAML's own typing so that
// `name: 42` or `records_per_day: "many"` are wrong types rather than silently coerced.
func convertNode(q *Question, n *yaml.Node) (any, string) {
	switch q.Kind {
	case KindNumber:
		if n.Tag != "!!int" {
			return nil, fmt.Sprintf("expected %s, got %q", describeValues(q), short(n.Value))
		}
	case KindBoolean:
		if n.Tag != "!!bool" {
			return nil, fmt.Sprintf("expected true or false, got %q", short(n.Value))
		}
	default:
		if n.Tag != "!!str" {
			return nil, fmt.Sprintf("expected %s, got %s %q", describeValues(q), strings.TrimPrefix(n.Tag, "!!"), short(n.Value))
		}
	}
	return convertString(q, n.Value)
}

// convertScalar converts a decoded Go value (from a default or a JSON document) to the answer type.
func convertScalar(q *Question, v any) (any, string) {
	switch x := v.(type) {
	case string:
		if q.Kind == KindNumber || q.Kind == KindBoolean {
			return nil, fmt.Sprintf("expected %s, got %q", describeValues(q), x)
		}
		return convertString(q, x)
	case int:
		if q.Kind != KindNumber {
			return nil, fmt.Sprintf("expected %s, got %d", describeValues(q), x)
		}
		return x, ""
	case float64: // a default read back from the JSON snapshot
		if q.Kind != KindNumber || x != float64(int(x)) {
			return nil, fmt.Sprintf("expected %s, got %v", describeValues(q), x)
		}
		return int(x), ""
	case bool:
		if q.Kind != KindBoolean {
			return nil, fmt.Sprintf("expected %s, got %t", describeValues(q), x)
		}
		return x, ""
	default:
		return nil, fmt.Sprintf("expected %s, got %v", describeValues(q), v)
	}
}

// convertString parses text typed by a person (a --set value, a wizard field, a YAML scalar).
func convertString(q *Question, s string) (any, string) {
	switch q.Kind {
	case KindNumber:
		n, err := ParseNumber(s)
		if err != nil {
			return nil, fmt.Sprintf("expected %s, got %q", describeValues(q), short(s))
		}
		return n, ""
	case KindBoolean:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes":
			return true, ""
		case "false", "no":
			return false, ""
		}
		return nil, fmt.Sprintf("expected true or false, got %q", short(s))
	case KindSelect:
		if q.Option(s) == nil {
			return nil, fmt.Sprintf("unknown value %q; valid values are %s", short(s), strings.Join(q.OptionIDs(), ", "))
		}
		return s, ""
	default:
		return s, ""
	}
}

// checkRange checks a converted value against the question's bounds.
func checkRange(q *Question, v any) string {
	switch q.Kind {
	case KindNumber:
		n := v.(int)
		if int64(n) < q.Min.Value || int64(n) > q.Max.Value {
			return fmt.Sprintf("%s is out of range; expected %s", formatInt(int64(n)), describeValues(q))
		}
	case KindText:
		if bad := safetext.Check(strings.TrimSpace(v.(string))); bad != "" {
			// Refused rather than escaped: a name reaches titles, file names and terminals. The
			// line break a YAML block scalar ends with is layout, not part of the name.
			return "contains " + bad + "; expected plain text on one line"
		}
		n := utf8.RuneCountInString(strings.TrimSpace(v.(string)))
		if n < q.MinLength || n > q.MaxLength {
			return fmt.Sprintf("has %d characters; expected %s", n, describeValues(q))
		}
	case KindSelect, KindBoolean:
		// Converting the value found it among the options, or true or false: nothing to bound.
	}
	return ""
}

// numberSeparators are the digit-group separators ParseNumber ignores. Built once: a Replacer
// builds its lookup table on first use, which cost more than the parse itself.
var numberSeparators = strings.NewReplacer(",", "", "_", "", " ", "")

// ParseNumber reads a whole number the way people write it: 2000000, 2,000,000, 2_000_000,
// 2M, 500k, 1.5M or 10B (k, M and B are thousands, millions and billions).
func ParseNumber(s string) (int, error) {
	t := numberSeparators.Replace(strings.TrimSpace(s))
	mult := 1.0
	if t != "" {
		switch t[len(t)-1] {
		case 'k', 'K':
			mult = 1e3
		case 'm', 'M':
			mult = 1e6
		case 'b', 'B':
			mult = 1e9
		}
		if mult != 1 {
			t = t[:len(t)-1]
		}
	}
	if mult == 1 {
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("not a whole number: %q", s)
		}
		return int(n), nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f*mult != float64(int64(f*mult)) || f*mult > 1e15 {
		return 0, fmt.Errorf("not a whole number: %q", s)
	}
	return int(f * mult), nil
}

// Set applies one `field=value` override, parsing the value with Question.Parse.
func (c *Catalog) Set(a Answers, assignment string) error {
	id, value, ok := strings.Cut(assignment, "=")
	id = strings.TrimSpace(id)
	at := Problem{File: "--set", Field: id}
	if !ok || id == "" {
		at.Msg = fmt.Sprintf("expected field=value, got %q", short(assignment))
		return Problems{at}
	}
	q := c.questionByID[id]
	if q == nil {
		at.Msg = "unknown field" + c.suggest(id) + "; fields are " + strings.Join(c.questionIDs(), ", ")
		return Problems{at}
	}
	v, err := q.Parse(value)
	if err != nil {
		at.Msg = err.Error()
		return Problems{at}
	}
	a.values[id] = v
	a.origin[id] = origin{file: "--set"}
	return nil
}

// CheckAnswers completes raw answers for evaluation: it fills defaults, drops answers to
// questions that do not apply (returning a warning for each), and reports every missing
// required field, out-of-range value and failed cross-field check at once.
func (c *Catalog) CheckAnswers(raw Answers) (Answers, []Warning, error) {
	return c.CheckAnswersWith(raw)
}

// CheckAnswersWith is CheckAnswers for raw with some fields set to other values, as Put would
// set them: a search trying many values of one field copies raw once per try instead of twice.
// raw is not modified.
func (c *Catalog) CheckAnswersWith(raw Answers, changes ...Answer) (Answers, []Warning, error) {
	a := raw.cloneFor(len(c.Questions)) // room for the defaults to come
	for _, ch := range changes {
		a.Put(ch.ID, ch.Value)
	}
	var ps Problems
	var warnings []Warning
	// vis holds the answers as visibility sees them (only those given so far), kept in step with
	// a below, so that each question's condition reads slots rather than laying out a map.
	vis := c.envShape.Borrow()
	defer c.envShape.Return(vis)
	for i, q := range c.Questions {
		if v, set := a.values[q.ID]; set {
			vis.Set(c.slots.questions[i], v)
		}
	}
	for i, q := range c.Questions {
		if !q.visibleIn(vis) {
			if v, set := a.values[q.ID]; set && !a.origin[q.ID].standing {
				warnings = append(warnings, Warning{ID: "ignored-answer", Message: fmt.Sprintf(
					"%s = %v is ignored: the question does not apply to these answers (%s)", q.ID, v, q.When)})
			}
			a.Delete(q.ID)
			vis.Unset(c.slots.questions[i])
			continue
		}
		v, set := a.values[q.ID]
		set = set && !a.origin[q.ID].defaulted
		switch {
		case !set && q.Required:
			ps = append(ps, a.problem(q.ID, "missing; expected %s", describeValues(q)))
			continue
		case !set:
			a.values[q.ID] = c.DefaultFor(q, a)
			a.origin[q.ID] = origin{defaulted: true}
			vis.Set(c.slots.questions[i], a.values[q.ID])
			continue
		}
		if msg := checkRange(q, v); msg != "" {
			ps = append(ps, a.problem(q.ID, "%s", msg))
		}
	}
	if len(ps) == 0 {
		ps = c.crossChecks(a)
	}
	return a, warnings, ps.err()
}

// ReadAnswers is the whole path from an answers file to answers ready for Evaluate: it parses
// data (when not nil), applies `field=value` overrides, and checks the result, reporting every
// problem of all three steps at once. A field whose value was wrong is not reported missing too.
// Commands read through record.ReadAnswers, which also tells a decision record from an answers
// file.
func (c *Catalog) ReadAnswers(file string, data []byte, sets []string) (Answers, []Warning, error) {
	return c.ReadAnswersAt(file, data, Location{}, sets)
}

// ReadAnswersAt is ReadAnswers for answers that sit at a Location of file.
func (c *Catalog) ReadAnswersAt(file string, data []byte, at Location, sets []string) (Answers, []Warning, error) {
	return c.ReadAnswersFilled(file, data, at, sets, NewAnswers())
}

// ReadAnswersFilled is ReadAnswersAt with standing defaults (a configuration's): each field
// that neither the file nor a set gives takes its value from defaults before the question set's
// own defaults are filled in.
func (c *Catalog) ReadAnswersFilled(file string, data []byte, at Location, sets []string, defaults Answers) (Answers, []Warning, error) {
	raw := NewAnswers()
	var ps Problems
	if data != nil {
		var err error
		raw, err = c.ParseAnswersAt(file, data, at)
		ps = append(ps, AsProblems(err)...)
		if err != nil && len(AsProblems(err)) == 0 {
			return raw, nil, err
		}
		if len(ps) > 0 && ps[0].Field == "" {
			return raw, nil, ps // the file as a whole is unreadable
		}
	}
	for _, s := range sets {
		ps = append(ps, AsProblems(c.Set(raw, s))...)
	}
	raw.Fill(defaults)
	a, warnings, err := c.CheckAnswers(raw)
	for _, p := range AsProblems(err) {
		if !ps.mention(p.Field) {
			ps = append(ps, p)
		}
	}
	return a, warnings, ps.err()
}

// mention reports whether some problem already concerns the field.
func (ps Problems) mention(field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

// crossChecks runs the questions' cross-field checks over complete answers.
func (c *Catalog) crossChecks(a Answers) Problems {
	var ps Problems
	env := c.answerVars(a)
	defer c.envShape.Return(env)
	for _, q := range c.Questions {
		if _, set := a.values[q.ID]; !set {
			continue
		}
		for i, chk := range q.checks {
			if ok, err := chk.HoldsIn(env); err != nil || !ok {
				ps = append(ps, a.problem(q.ID, "%s", q.msgs[i].render(env, c)))
			}
		}
	}
	return ps
}

// Values returns the answers in question order, as id/value pairs, for output.
func (c *Catalog) Values(a Answers) []Answer {
	out := make([]Answer, 0, len(a.values))
	for _, q := range c.Questions {
		if v, ok := a.values[q.ID]; ok {
			out = append(out, Answer{ID: q.ID, Value: v, Role: q.Role})
		}
	}
	return out
}

// Answer is one field of a set of answers, with the role its question plays (or "").
type Answer struct {
	ID    string
	Value any
	Role  Role
}

func (c *Catalog) questionIDs() []string {
	ids := make([]string, len(c.Questions))
	for i, q := range c.Questions {
		ids[i] = q.ID
	}
	return ids
}

// suggest proposes the closest field name for a typo, or returns "".
func (c *Catalog) suggest(id string) string {
	if len(id) > 40 {
		return "" // no field name is that long; and edit distance is quadratic
	}
	best, bestDist := "", 3
	for _, q := range c.Questions {
		if d := editDistance(strings.ToLower(id), q.ID); d < bestDist {
			best, bestDist = q.ID, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// short clips a user's value for an error message, so a megabyte of junk is not echoed back.
func short(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode, yaml.DocumentNode:
		// A scalar is named by its tag and value, below; a document never reaches a message.
	}
	if isNull(n) {
		return "nothing (null)"
	}
	return fmt.Sprintf("%s %q", strings.TrimPrefix(n.Tag, "!!"), short(n.Value))
}

// sortedKeys returns a map's keys in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
