package rules

import (
	"fmt"
	"iter"
	"slices"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// compileAll runs after every file has been read without problems: it builds the expression
// environment and compiles and cross-checks every expression and template.
func (l *loader) compileAll() {
	l.c.sourcePos = make(map[string]int, len(l.c.Sources))
	for i, s := range l.c.Sources {
		l.c.sourcePos[s.ID] = i
	}
	l.c.envShape = l.baseShape()
	l.compileQuestions()
	l.compileLimits()
	l.c.limitTables = l.buildLimitTables()
	l.compileFacts()
	l.compileRemedies()
	l.compileInParallel()
	l.checkCoverage()
	l.c.layoutSlots()
	for _, r := range l.c.Rules {
		switch {
		case r.EachMechanism && r.Effect != nil && r.Effect.Exclude:
			l.c.excludingEach = append(l.c.excludingEach, r)
		case !r.EachMechanism && slices.ContainsFunc(r.effects, func(e mechanismEffect) bool { return e.effect.Exclude }):
			l.c.excludingRules = append(l.c.excludingRules, r)
		}
	}
	for _, r := range l.c.Rules {
		l.c.traceLen++
		if r.EachMechanism {
			l.c.eachRules = append(l.c.eachRules, r)
			l.c.traceLen += len(l.c.Mechanisms) - 1
		}
	}
	for _, m := range l.c.Mechanisms {
		l.c.capacityLen += len(m.Capacity)
	}
}

// compileInParallel compiles the rules on a second goroutine while this one compiles the
// mechanisms and failure modes: the two touch disjoint parts of the catalog, and compiling was
// half of the start-up time. Each side has its own expression configurations (they are not safe
// for concurrent use) and its own problem list, merged in a fixed order.
func (l *loader) compileInParallel() {
	rulesLoader := &loader{fsys: l.fsys, c: l.c}
	rulesShape := l.c.envShape.With(nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		rulesLoader.compileRules(rulesShape)
	}()
	for _, m := range l.c.Mechanisms {
		l.compileMechanism(m)
	}
	l.compileFailureModes()
	<-done
	l.problems = append(l.problems, rulesLoader.problems...)
}

// The tables an expression or a placeholder reads besides the answers and facts: the limits by
// id (limit.api_requests_per_day) and the decision model's figures (model.budget_points).
const (
	tableLimit = "limit"
	tableModel = "model"
)

// baseShape declares the answers (typed by question kind), the volume scale, and the limit and
// model tables with their entries, so that an expression naming an unknown one is refused.
func (l *loader) baseShape() cond.Shape {
	limits := make(map[string]float64, len(l.c.Limits))
	for _, lim := range l.c.Limits {
		limits[lim.ID] = 0
	}
	sample := map[string]any{
		"scale":    1,
		tableLimit: limits,
		tableModel: l.c.Knowledge.Model,
	}
	for _, q := range l.c.Questions {
		sample[q.ID] = zeroAnswer(q.Kind)
	}
	return cond.NewShape(sample)
}

// zeroAnswer is the typed value a question's variable holds when it does not apply.
func zeroAnswer(k Kind) any {
	switch k {
	case KindNumber:
		return 0
	case KindBoolean:
		return false
	default:
		return ""
	}
}

// compileQuestions compiles visibility conditions, which may only look at earlier questions, and
// cross-field checks, which may look at any answer.
func (l *loader) compileQuestions() {
	const file = "questions.yaml"
	for i, q := range l.c.Questions {
		if q.When != "" {
			q.when = l.optionalCondition(file, q.ID, l.c.envShape, q.When)
			if q.when != nil {
				l.checkEarlier(file, q, i)
			}
		}
		if q.DefaultExpr != "" {
			l.compileDefault(file, q, i)
		}
		for _, chk := range q.Checks {
			check := l.optionalCondition(file, q.ID, l.c.envShape, chk.Expr)
			msg, err := l.c.parseTemplate(l.c.envShape, chk.Message)
			if err != nil {
				l.problemf(file, q.ID, "check message: %v", err)
			}
			if check != nil {
				q.checks = append(q.checks, check)
				q.msgs = append(q.msgs, msg)
			}
		}
	}
}

// compileDefault compiles a computed default, which, like a visibility condition, may only look
// at earlier answers.
func (l *loader) compileDefault(file string, q *Question, pos int) {
	v, err := cond.CompileNumber(l.c.envShape, q.DefaultExpr)
	if err != nil {
		l.problemf(file, q.ID, "default_expr: %v", err)
		return
	}
	q.defaultExpr = v
	l.checkEarlierIn(file, q, pos, v.Names(), "default_expr")
}

// checkEarlier reports a visibility condition that refers to the question itself or a later one:
// the wizard decides visibility in order, so such a condition could never be settled.
func (l *loader) checkEarlier(file string, q *Question, pos int) {
	l.checkEarlierIn(file, q, pos, q.when.Names(), "when")
}

func (l *loader) checkEarlierIn(file string, q *Question, pos int, names iter.Seq[string], what string) {
	earlier := map[string]bool{}
	for _, e := range l.c.Questions[:pos] {
		earlier[e.ID] = true
	}
	for name := range names {
		if l.c.questionByID[name] != nil && !earlier[name] {
			l.problemf(file, q.ID, "%s refers to %s, which is not asked before this question", what, name)
		}
	}
}

func (l *loader) compileFailureModes() {
	for _, fm := range l.c.FailureModes {
		fm.when = l.optionalCondition(fm.file, fm.ID, l.c.envShape, fm.When)
		fm.cited = l.c.cite(fm.Sources)
		for i, text := range []string{fm.HowItHappens, fm.Detection, fm.Mitigation} {
			t, err := l.c.parseTemplate(l.c.envShape, text)
			if err != nil {
				l.problemf(fm.file, fm.ID, "%v", err)
			}
			fm.text[i] = t
		}
	}
}

// MechanismIDs lists the mechanism ids in ranking tie-break order.
func (c *Catalog) MechanismIDs() []string {
	ids := make([]string, len(c.Mechanisms))
	for i, m := range c.Mechanisms {
		ids[i] = m.ID
	}
	return ids
}

// String identifies the knowledge base for messages and records.
func (k Knowledge) String() string {
	return fmt.Sprintf("knowledge %s (limits as of %s)", k.Version, k.LimitsRelease)
}
