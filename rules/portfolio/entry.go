package portfolio

import (
	"cmp"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// entryResult is what a worker keeps of one entry: the compact summary, its use of each
// allocation, and its problems. The Decision itself is dropped at once.
type entryResult struct {
	ok       bool
	integ    Integration
	uses     []allocationUse
	problems int
}

type allocationUse struct {
	limit         string
	at1, atStress float64
}

// entryName returns the text of an entry's name field and its line, or "" when there is none.
func (c catalog) entryName(n *yaml.Node) (string, int) {
	if n == nil || n.Kind != yaml.MappingNode {
		return "", 0
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == c.Role(rules.RoleTitle).ID && n.Content[i+1].Kind == yaml.ScalarNode && !isNullNode(n.Content[i+1]) {
			return n.Content[i+1].Value, n.Content[i+1].Line
		}
	}
	return "", 0
}

// entryWork is an entryResult with the entry's problems, when asked for.
type entryWork struct {
	entryResult
	problems []Problem
}

// evaluateEntry reads one entry like an answers file, with the org's edition and licences, and
// evaluates it; it counts the entry's problems, and lists them when withProblems is set. An error
// is an engine failure (an expression failed at run time), not bad input.
func (c catalog) evaluateEntry(file string, org Org, index int, n *yaml.Node, dup *Problem, withProblems bool) (entryWork, error) {
	name, _ := c.entryName(n)
	res := entryWork{entryResult: entryResult{integ: Integration{Index: index, Name: name, Line: n.Line}}}
	problem := func(field string, line int, msg string) {
		res.entryResult.problems++
		if withProblems {
			res.problems = append(res.problems, Problem{Index: index, Name: rules.Clip(name), Field: field, Line: cmp.Or(line, n.Line), Message: msg})
		}
	}
	if n.Kind != yaml.MappingNode {
		problem("", n.Line, "an integration must be a mapping of field: value (an answers block), not "+rules.NodeKind(n))
		return res, nil
	}
	a, ps := c.ParseAnswersNode(file, n)
	ps = append(ps, c.orgFields(a, org)...)
	a.Fill(c.defaults) // after the org's fields, which the defaults must not give
	if dup != nil {
		ps = append(ps, rules.Problem{Field: dup.Field, Line: dup.Line, Msg: dup.Message})
	}
	checked, warnings, err := c.CheckAnswers(a)
	for _, p := range rules.AsProblems(err) {
		if p.File != "" && p.File != file { // a configured default: say where it came from
			p.Msg = fmt.Sprintf("%s (the default from %s:%d)", p.Msg, p.File, p.Line)
			p.Line = n.Line
		}
		if !ps.Mention(p.Field) {
			ps = append(ps, p)
		}
	}
	slices.SortStableFunc(ps, func(x, y rules.Problem) int { return cmp.Compare(cmp.Or(x.Line, n.Line), cmp.Or(y.Line, n.Line)) })
	for _, p := range ps {
		problem(p.Field, p.Line, p.Msg)
	}
	if len(ps) > 0 {
		return res, nil
	}
	err = c.decide(checked, org.evaluationOrg(), func(d *rules.Decision) {
		rec := d.Recommendation
		res.ok = true
		res.integ.Mechanism, res.integ.MechanismName = rec.Mechanism, rec.MechanismName
		res.integ.Pattern, res.integ.PatternName = rec.Pattern, rec.PatternName
		res.integ.Variant, res.integ.Confidence = rec.Variant, rec.Confidence
		res.integ.Warnings = len(warnings) + len(d.Warnings)
		for _, row := range d.Capacity {
			if row.Mechanism == rec.Mechanism && c.Limit(row.Limit).Allocation() {
				res.uses = append(res.uses, allocationUse{limit: row.Limit, at1: row.Usage1x, atStress: row.Usage10x})
			}
		}
	})
	if err != nil {
		return res, fmt.Errorf("%s: integration %d (%s): %w", file, index, rules.Clip(name), err)
	}
	return res, nil
}

// orgFields enforces that an entry takes edition and licences from the org: the same value may be
// repeated, a different one is an error. It then sets both from the org.
func (c catalog) orgFields(a rules.Answers, org Org) rules.Problems {
	var ps rules.Problems
	for _, f := range []struct {
		id   string
		want any
	}{{c.Role(rules.RoleEdition).ID, org.Edition}, {c.Role(rules.RoleLicences).ID, org.Licenses}} {
		id, want := f.id, f.want
		v, set := a.Get(id)
		if set && v != want {
			ps = append(ps, a.Problem(id, fmt.Sprintf("%s differs from the org's %s; every integration takes edition and licenses from org (leave the field out)",
				rules.FormatValue(v), rules.FormatValue(want))))
		}
		if !set || v != want { // a matching answer keeps the line it was given on
			a.Put(id, want)
		}
	}
	return ps
}
