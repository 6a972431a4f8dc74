package rules

import "github.com/sfpattern/sfpattern/rules/internal/cond"

// slots are the places of the engine's own variables in an evaluation's environment, looked up
// once when the knowledge base loads so that setting one during an evaluation is an index.
type slots struct {
	questions                []cond.Slot // by position in Catalog.Questions
	facts                    []cond.Slot // by position in Catalog.Facts
	limit, model, scale      cond.Slot
	mechanism, mechanismName cond.Slot
	rowVars                  [groupCount][fieldCount]cond.Slot // by rowVarNames; unused where a name is ""
	modelVec                 []float64                         // the model's figures as its table's vector
}

// layoutSlots finds every slot in the evaluation shape, which by then declares the answers, the
// tables, the facts and, through the rules' shape, the per-mechanism variables.
func (c *Catalog) layoutSlots() {
	s := &c.slots
	find := func(name string) cond.Slot {
		slot, _ := c.envShape.Slot(name)
		return slot
	}
	s.questions = make([]cond.Slot, len(c.Questions))
	for i, q := range c.Questions {
		s.questions[i] = find(q.ID)
	}
	s.facts = make([]cond.Slot, len(c.Facts))
	for i, f := range c.Facts {
		s.facts[i] = find(f.ID)
	}
	s.limit, s.model, s.scale = find(tableLimit), find(tableModel), find("scale")
	s.modelVec = c.envShape.TableVector(tableModel, c.Knowledge.Model)
	s.mechanism, s.mechanismName = find("mechanism"), find("mechanism_name")
	for g, names := range rowVarNames {
		for f, name := range names {
			if name != "" {
				s.rowVars[g][f] = find(name)
			}
		}
	}
}

// answerVars lays out complete answers, every question present and typed, for cross-field
// checks, their messages and computed defaults, in a Vars borrowed from the shape's pool: give it
// back with c.envShape.Return.
func (c *Catalog) answerVars(a Answers) *cond.Vars {
	v := c.envShape.Borrow()
	c.setAnswers(v, a)
	return v
}

// setAnswers sets every question's variable: its answer, or the typed zero value of a question
// that does not apply.
func (c *Catalog) setAnswers(v *cond.Vars, a Answers) {
	for i, q := range c.Questions {
		x, ok := a.values[q.ID]
		if !ok {
			x = zeroAnswer(q.Kind)
		}
		v.Set(c.slots.questions[i], x)
	}
}
