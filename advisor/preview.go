package advisor

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/rules"
)

// refreshPreview re-evaluates the answers so far, with the value being edited, for the live
// panel. It runs on every change, so it asks for the decision alone (Decide), without the
// explanations the panel never shows.
func (m *model) refreshPreview() {
	a := m.answers.Clone()
	if m.current != nil {
		if v, msg := m.field.value(); msg == "" {
			a.Put(m.current.ID, v)
		}
	}
	if missing := m.missingRequired(a); missing > 0 {
		m.preview = nil
		m.previewNote = fmt.Sprintf("The leading mechanism appears once the required questions are answered (%d to go).", missing)
		return
	}
	checked, _, err := m.cat.CheckAnswers(a)
	if err != nil {
		m.preview, m.previewNote = nil, "These answers do not fit together yet: "+firstProblem(err)
		return
	}
	d, err := m.cat.Decide(checked, m.o.Org)
	if err != nil {
		m.preview, m.previewNote = nil, err.Error()
		return
	}
	m.preview, m.previewNote = d, ""
}

func (m *model) missingRequired(a rules.Answers) int {
	n := 0
	for _, q := range m.cat.Questions {
		if _, set := a.Get(q.ID); q.Required && !set && q.Visible(a) {
			n++
		}
	}
	return n
}

func firstProblem(err error) string {
	if ps := rules.AsProblems(err); len(ps) > 0 {
		return ps[0].Field + ": " + ps[0].Msg
	}
	return err.Error()
}

// showResults evaluates the final answers and opens the results.
func (m *model) showResults() tea.Cmd {
	checked, _, err := m.cat.CheckAnswers(m.answers)
	if err != nil {
		m.status = "Cannot show results yet: " + firstProblem(err)
		return nil
	}
	d, err := m.cat.EvaluateOrg(checked, m.o.Org)
	if err == nil {
		err = m.cat.WhatWouldChange(d, checked, m.o.Org) // only searches when nothing fits
	}
	if err != nil {
		m.status = err.Error()
		return nil
	}
	m.answers, m.decision, m.state, m.tab, m.status, m.record, m.whatIf = checked, d, stateResults, 0, "", "", ""
	m.whatIfFound = nil
	return tea.Batch(m.layout(), m.searchWhatIf())
}

func (m *model) visibleQuestions() []*rules.Question {
	var out []*rules.Question
	for _, q := range m.cat.Questions {
		if q.Visible(m.answers) {
			out = append(out, q)
		}
	}
	return out
}
