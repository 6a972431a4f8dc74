package rules

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Kind is the type of answer a question takes.
type Kind string

// The kinds of question.
const (
	KindText    Kind = "text"
	KindSelect  Kind = "select"
	KindNumber  Kind = "number"
	KindBoolean Kind = "boolean"
)

// Question is one question of the interview; its id is the answers-file field name.
type Question struct {
	ID       string `yaml:"id"`
	Title    string `yaml:"title"`
	Help     string `yaml:"help"`
	Kind     Kind   `yaml:"kind"`
	Required bool   `yaml:"required"`
	Default  any    `yaml:"default"`
	// DefaultExpr is a default computed from earlier answers (expr-lang), for a question whose
	// sensible default depends on them; DefaultText describes it in words for references.
	DefaultExpr string   `yaml:"default_expr"`
	DefaultText string   `yaml:"default_text"`
	Options     []Option `yaml:"options"`
	Min         Bound    `yaml:"min"`
	Max         Bound    `yaml:"max"`
	// Unit names what a number question counts, in the plural ("records a day"); UnitOne is the
	// singular, for a value of one ("record a day"). What-if sentences quote them.
	Unit    string `yaml:"unit"`
	UnitOne string `yaml:"unit_one"`
	// MinLength and MaxLength bound text answers, in characters.
	MinLength int `yaml:"min_length"`
	MaxLength int `yaml:"max_length"`
	// When is an expr-lang condition over earlier answers: the question applies only when it holds.
	When string `yaml:"when"`
	// Checks are cross-field conditions an answer must satisfy.
	Checks []Check `yaml:"checks"`
	// Identity marks what the integration is rather than a requirement that could change;
	// WhatWouldChange does not propose other values for it.
	Identity bool `yaml:"identity"`
	// Role is what the question means to the program, for code that needs it (see Role).
	Role Role `yaml:"role"`
	// ContractPath is where the answer stands in the integration contract, as dot-separated
	// keys (volume.per_day), or "" when the contract does not state it.
	ContractPath string `yaml:"contract"`

	when        *cond.Condition
	defaultExpr *cond.Number
	checks      []*cond.Condition
	msgs        []template
}

// Bound is a number question's minimum or maximum; Set tells a bound of 0 from no bound.
type Bound struct {
	Value int64
	Set   bool
}

// UnmarshalYAML reads a whole number and marks the bound as set.
func (b *Bound) UnmarshalYAML(n *yaml.Node) error {
	if err := n.Decode(&b.Value); err != nil {
		return err
	}
	b.Set = true
	return nil
}

// Option is one allowed value of a select question.
type Option struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Help  string `yaml:"help"`
}

// Check is a cross-field condition on an answer, with the message shown when it fails.
type Check struct {
	Expr    string `yaml:"expr"`
	Message string `yaml:"message"`
}

// Option returns the option with the given id, or nil.
func (q *Question) Option(id string) *Option {
	for i := range q.Options {
		if q.Options[i].ID == id {
			return &q.Options[i]
		}
	}
	return nil
}

// OptionIDs lists the valid values of a select question.
func (q *Question) OptionIDs() []string {
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = o.ID
	}
	return ids
}

// Quantity writes a value of a number question with its unit: "6,000 records a day",
// "1 subscriber".
func (q *Question) Quantity(n int64) string {
	unit := q.Unit
	if n == 1 {
		unit = q.UnitOne
	}
	if unit == "" {
		return formatInt(n)
	}
	return formatInt(n) + " " + unit
}

// Parse reads an answer as a person types it (in the wizard, at a prompt, after --set): a
// number as 2000000, 2,000,000, 2M or 500k, an option by its id, a boolean as true, false, yes
// or no, text as it is; surrounding space is dropped. It returns the answer in its Go type
// (string, int or bool), checked against the question's range and length, or an error whose
// message says what the question accepts, in the words --set reports after the field's name.
func (q *Question) Parse(text string) (any, error) {
	v, msg := convertString(q, strings.TrimSpace(text))
	if msg == "" {
		msg = checkRange(q, v)
	}
	if msg != "" {
		return nil, errors.New(msg)
	}
	return v, nil
}

// Conditional reports whether the question is asked only under some condition.
func (q *Question) Conditional() bool { return q.When != "" }

// Visible reports whether the question applies given the answers so far.
func (q *Question) Visible(a Answers) bool {
	if q.when == nil {
		return true
	}
	ok, err := q.when.Holds(a.env())
	return err == nil && ok
}

// visibleIn is Visible over answers already laid out in slots.
func (q *Question) visibleIn(v *cond.Vars) bool {
	if q.when == nil {
		return true
	}
	ok, err := q.when.HoldsIn(v)
	return err == nil && ok
}

// DefaultValue returns the question's fixed default in the answer's Go type, or nil when it has
// none (a required question, or one whose default depends on other answers: see DefaultFor).
func (q *Question) DefaultValue() any {
	if q.Default == nil {
		return nil
	}
	v, _ := convertScalar(q, q.Default)
	return v
}

// HasDefault reports whether the question has a default, fixed or computed.
func (q *Question) HasDefault() bool { return q.Default != nil || q.DefaultExpr != "" }

// DefaultFor returns a question's default given the answers so far: the computed default when
// the question has one (clamped to its range), else the fixed one, else nil.
func (c *Catalog) DefaultFor(q *Question, a Answers) any {
	if q.defaultExpr == nil {
		return q.DefaultValue()
	}
	env := c.answerVars(a)
	f, err := q.defaultExpr.ValueIn(env)
	c.envShape.Return(env)
	if err != nil {
		return q.DefaultValue()
	}
	return int(min(max(f, float64(q.Min.Value)), float64(q.Max.Value)))
}

// DefaultDescription says what the default is, for references: the fixed value, the computed
// default's words, or "" for a required question.
func (q *Question) DefaultDescription() string {
	if q.DefaultExpr != "" {
		return q.DefaultText
	}
	if q.Default == nil {
		return ""
	}
	return formatValue(q.DefaultValue())
}

type questionFile struct {
	SchemaVersion int         `yaml:"schema_version"`
	Questions     []*Question `yaml:"questions"`
}

func (l *loader) loadQuestions() {
	const file = "questions.yaml"
	var qf questionFile
	if !l.read(file, &qf) {
		return
	}
	l.c.Questions = dropEmpty(l, file, "question", qf.Questions)
	l.c.questionByID = indexByID(l, file, "question", l.c.Questions, func(q *Question) string { return q.ID })
	for _, q := range l.c.Questions {
		l.checkQuestion(file, q)
	}
	l.indexRoles(file)
	l.checkContractPaths(file)
	if edition := l.c.Role(RoleEdition); edition != nil {
		l.c.editions = edition.OptionIDs() // limits depend on the edition
	}
}

func (l *loader) checkQuestion(file string, q *Question) {
	if q.Title == "" || q.Help == "" {
		l.problemf(file, q.ID, "needs a title and a help text")
	}
	switch q.Kind {
	case KindSelect:
		if len(q.Options) < 2 {
			l.problemf(file, q.ID, "a select question needs at least two options")
		}
		seen := map[string]bool{}
		for _, o := range q.Options {
			if o.ID == "" || o.Label == "" {
				l.problemf(file, q.ID, "every option needs an id and a label")
			}
			if seen[o.ID] {
				l.problemf(file, q.ID, "duplicate option %q", o.ID)
			}
			seen[o.ID] = true
		}
	case KindNumber:
		if !q.Min.Set || !q.Max.Set || q.Min.Value > q.Max.Value {
			l.problemf(file, q.ID, "a number question needs min <= max")
		}
		if q.Unit == "" || q.UnitOne == "" {
			l.problemf(file, q.ID, "a number question needs a unit and a unit_one (its singular)")
		}
	case KindText:
		if q.MaxLength <= 0 {
			l.problemf(file, q.ID, "a text question needs max_length")
		}
	case KindBoolean:
	default:
		l.problemf(file, q.ID, "unknown kind %q (text, select, number or boolean)", q.Kind)
	}
	if q.Required == q.HasDefault() || (q.Default != nil && q.DefaultExpr != "") {
		l.problemf(file, q.ID, "a question is either required or has one default (default or default_expr), not both or neither")
	}
	if q.DefaultExpr != "" && (q.Kind != KindNumber || q.DefaultText == "") {
		l.problemf(file, q.ID, "default_expr is for number questions and needs a default_text describing it")
	}
	if q.Default != nil {
		if _, msg := convertScalar(q, q.Default); msg != "" {
			l.problemf(file, q.ID, "default: %s", msg)
		} else if msg := checkRange(q, q.DefaultValue()); msg != "" {
			l.problemf(file, q.ID, "default: %s", msg)
		}
	}
}

// describeValues says in words what a question accepts, for error messages.
func describeValues(q *Question) string {
	switch q.Kind {
	case KindSelect:
		return "one of " + strings.Join(q.OptionIDs(), ", ")
	case KindNumber:
		return fmt.Sprintf("a whole number from %s to %s", formatInt(q.Min.Value), formatInt(q.Max.Value))
	case KindBoolean:
		return "true or false"
	default:
		return fmt.Sprintf("text of %d to %d characters", q.MinLength, q.MaxLength)
	}
}
