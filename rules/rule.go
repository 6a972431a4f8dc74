package rules

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// Rule is one piece of advice: when its condition holds over the answers and derived facts, it
// changes mechanisms' scores or rules them out, and says why in the user's own terms.
type Rule struct {
	ID string `yaml:"id"`
	// When is an expr-lang condition over answers, facts, limit.<id> and model.<id>.
	When string `yaml:"when"`
	// Because is the sentence shown when the rule matches; placeholders quote the answers.
	Because string   `yaml:"because"`
	Sources []string `yaml:"sources"`
	// Effects change the named mechanisms' scores, or exclude them.
	Effects map[string]Effect `yaml:"effects"`
	// EachMechanism rules are evaluated once per mechanism, seeing that mechanism's capacity
	// verdicts, and apply Effect to it.
	EachMechanism bool    `yaml:"each_mechanism"`
	Effect        *Effect `yaml:"effect"`
	// Warning rules change no score; when they match, Because is raised as a warning.
	Warning bool `yaml:"warning"`
	// CapsConfidence, on a warning rule, holds the recommendation's confidence at medium or
	// below when it matches: the answers contradict each other, so an architect could read them
	// either way.
	CapsConfidence bool `yaml:"caps_confidence"`

	// File is where the rule was defined.
	File string `yaml:"-"`

	// extra marks a rule from an organisation's rule file: its failures are bad input.
	extra   bool
	when    *cond.Condition
	because template
	effects []mechanismEffect
	cited   citation
	// effectLabels are the trace's effect strings, built once: one per effect, or for an
	// each_mechanism rule one per mechanism.
	effectLabels []string
}

// MaxPoints bounds one effect's points either way, so that no sum of scores can wrap.
const MaxPoints = 1000

// Effect is what a rule does to one mechanism: add points (negative to subtract), exclude it, or
// (per-mechanism capacity rules only) subtract the points its tightest budget costs.
type Effect struct {
	Delta   int
	Exclude bool
	// Budget is 1 for the budget's points at the stated volume, 2 for what the stress test adds.
	Budget int

	// outOfRange holds a whole number of points beyond MaxPoints as written, and line its line:
	// checkEffects reports it with the rule's id, which decoding does not know.
	outOfRange string
	line       int
}

// EffectExclude is the effect word of a rule that rules a mechanism out, as rules files write
// it and as Reason.Effect reports it.
const EffectExclude = "exclude"

// The effect words of the per-mechanism budget rules.
const (
	effectBudget       = "budget"
	effectBudgetStress = "budget_stress"
)

// UnmarshalYAML reads a signed whole number of points, or the word exclude, budget or
// budget_stress.
func (e *Effect) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: an effect is a number of points or exclude", n.Line)
	}
	switch n.Value {
	case EffectExclude:
		e.Exclude = true
		return nil
	case effectBudget:
		e.Budget = 1
		return nil
	case effectBudgetStress:
		e.Budget = 2
		return nil
	}
	d, err := strconv.ParseInt(strings.TrimPrefix(n.Value, "+"), 10, 64)
	switch {
	case err == nil && d != 0 && d >= -MaxPoints && d <= MaxPoints:
		e.Delta = int(d)
	case wholeNumber(n.Value):
		e.outOfRange, e.line = n.Value, n.Line
	default:
		return fmt.Errorf("line %d: effect %q is neither a non-zero number of points nor exclude", n.Line, n.Value)
	}
	return nil
}

// wholeNumber reports whether s is a non-zero whole number, however large (1e12, -2^63, 1e400).
func wholeNumber(s string) bool {
	f, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return false
	}
	return f != 0 && f == math.Trunc(f)
}

// String writes the effect as the trace shows it: "+20", "-15" or "exclude".
func (e Effect) String() string {
	switch {
	case e.Exclude:
		return EffectExclude
	case e.Budget == 1:
		return effectBudget
	case e.Budget == 2:
		return effectBudgetStress
	}
	return fmt.Sprintf("%+d", e.Delta)
}

type mechanismEffect struct {
	mechanism int // index into Catalog.Mechanisms
	effect    Effect
	label     string // effect.String(), built once
}

// ruleFile is one rule file. An organisation's file may declare its own sources (its policy
// documents), cited by its rules like the built-in ones.
type ruleFile struct {
	Sources []*Source `yaml:"sources"`
	Rules   []*Rule   `yaml:"rules"`
}

// loadRuleFile reads one rule file; its rules are checked and compiled with the others.
func (l *loader) loadRuleFile(file string, data []byte) {
	var rf ruleFile
	if err := decodeFile(file, data, &rf); err != nil {
		l.problems = append(l.problems, AsProblems(err)...)
		return
	}
	if l.refuseUnsafeText(file, rf) {
		l.addRules(file, rf)
	}
}

func (l *loader) addRules(file string, rf ruleFile) {
	if len(rf.Rules) == 0 {
		l.problemf(file, "", "defines no rules (expected a top-level rules: list)")
	}
	for _, s := range dropEmpty(l, file, "source", rf.Sources) {
		switch {
		case s.ID == "" || s.Title == "":
			l.problemf(file, s.ID, "a source needs an id and a title")
		case l.c.sourceByID[s.ID] != nil:
			l.problemf(file, s.ID, "source id already defined")
		default:
			l.c.Sources = append(l.c.Sources, s)
			l.c.sourceByID[s.ID] = s
		}
	}
	for _, r := range dropEmpty(l, file, "rule", rf.Rules) {
		r.File = file
		l.c.Rules = append(l.c.Rules, r)
	}
}

// compileRules compiles every rule against shape (the answers and facts) or, for per-mechanism
// rules, shape extended by the per-mechanism variables.
func (l *loader) compileRules(shape cond.Shape) {
	seen := map[string]string{}
	mechShape := shape.With(eachMechanismVars())
	for _, r := range l.c.Rules {
		if first, dup := seen[r.ID]; dup {
			l.problemf(r.File, r.ID, "duplicate rule id (also defined in %s)", first)
		}
		seen[r.ID] = r.File
		l.compileRule(r, shape, mechShape)
	}
}

func (l *loader) compileRule(r *Rule, shape, mechShape cond.Shape) {
	if r.ID == "" || r.When == "" || r.Because == "" {
		l.problemf(r.File, r.ID, "a rule needs an id, a when condition and a because sentence")
		return
	}
	l.checkSources(r.File, r.ID, r.Sources)
	if r.EachMechanism {
		shape = mechShape
	}
	var err error
	if r.when, err = cond.Compile(shape, r.When); err != nil {
		l.problemf(r.File, r.ID, "when: %v", err)
	}
	if r.EachMechanism && r.when != nil && usesWorstDetails(r.when) {
		l.c.eachNeedsDetails = true
	}
	if r.because, err = l.c.parseTemplate(shape, r.Because); err != nil {
		l.problemf(r.File, r.ID, "because: %v", err)
	}
	l.checkEffects(r)
}

// checkEffects enforces the three rule shapes and resolves mechanism ids in catalog order.
func (l *loader) checkEffects(r *Rule) {
	switch {
	case r.Warning && (len(r.Effects) > 0 || r.Effect != nil):
		l.problemf(r.File, r.ID, "a warning rule has no effects")
	case r.CapsConfidence && !r.Warning:
		l.problemf(r.File, r.ID, "caps_confidence is for warning rules")
	case r.EachMechanism && (r.Effect == nil || len(r.Effects) > 0):
		l.problemf(r.File, r.ID, "an each_mechanism rule has one effect and no effects map")
	case !r.Warning && !r.EachMechanism && (len(r.Effects) == 0 || r.Effect != nil):
		l.problemf(r.File, r.ID, "a rule needs effects (mechanism: points or exclude), or warning: true")
	}
	for _, id := range sortedKeys(r.Effects) {
		if r.Effects[id].Budget != 0 {
			l.problemf(r.File, r.ID, "effects: %s: budget and budget_stress are for each_mechanism rules", id)
		}
		l.checkPoints(r, "effects: "+id, r.Effects[id])
	}
	if r.Effect != nil {
		l.checkPoints(r, "effect", *r.Effect)
	}
	for _, id := range sortedKeys(r.Effects) {
		idx := l.c.mechanismIndex(id)
		if idx < 0 {
			l.problemf(r.File, r.ID, "effects: unknown mechanism %q", id)
			continue
		}
		r.effects = append(r.effects, mechanismEffect{mechanism: idx, effect: r.Effects[id], label: r.Effects[id].String()})
	}
	slices.SortFunc(r.effects, func(a, b mechanismEffect) int { return a.mechanism - b.mechanism })
	r.cited = l.c.cite(r.Sources)
	for _, e := range r.effects {
		r.effectLabels = append(r.effectLabels, l.c.Mechanisms[e.mechanism].ID+" "+e.effect.String())
	}
	if r.EachMechanism && r.Effect != nil {
		for _, m := range l.c.Mechanisms {
			r.effectLabels = append(r.effectLabels, m.ID+" "+r.Effect.String())
		}
	}
}

// checkPoints refuses an effect beyond MaxPoints either way: with every effect bounded, no sum of
// scores over the rules a file can hold comes near wrapping.
func (l *loader) checkPoints(r *Rule, what string, e Effect) {
	if e.outOfRange != "" {
		l.problems = append(l.problems, Problem{
			File: r.File, Line: e.line, Field: r.ID,
			Msg: fmt.Sprintf("%s: %s points is out of range; an effect moves a score by at most %d points either way", what, e.outOfRange, MaxPoints),
		})
	}
}

// ruleHolds evaluates a rule's condition. When a rule from an organisation's file fails at run
// time (a division by zero, an index out of range, a budget spent), that is bad input, reported
// as a Problem naming the file and the rule; a built-in rule's failure is a bug in the knowledge
// base and stays an ordinary error.
func (ev *evaluation) ruleHolds(r *Rule) (bool, error) {
	ok, err := ev.holds(r.when, ev.env)
	switch {
	case err == nil:
		return ok, nil
	case r.extra:
		return false, Problems{{File: r.File, Field: r.ID, Msg: "when failed at run time: " + cond.Reason(err)}}
	}
	return false, fmt.Errorf("rule %s (%s): %w", r.ID, r.File, err)
}

func (c *Catalog) mechanismIndex(id string) int {
	for i, m := range c.Mechanisms {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// usesWorstDetails reports whether a condition tests a per-mechanism figure beyond the verdicts,
// which then has to be in the environment before the condition runs.
func usesWorstDetails(c *cond.Condition) bool {
	for name := range c.Names() {
		if rowFieldOf(name) != nil {
			return true
		}
	}
	return false
}
