package rules

// FailureModeText renders a failure mode's three texts for an edition and licence count, without
// a decision: the catalogue shows failure modes on their own. Placeholders that need answers
// other than the limits read as not set.
func (c *Catalog) FailureModeText(id, edition string, licenses int) (how, detect, mitigate string, err error) {
	fm := c.failureByID[id]
	if fm == nil {
		return "", "", "", Problems{{File: "failure-modes", Field: id, Msg: "no such failure mode"}}
	}
	limits, err := c.limitValues(edition, licenses)
	if err != nil {
		return "", "", "", err
	}
	env := c.envShape.NewVars()
	env.Set(c.slots.limit, limits)
	return fm.text[0].render(env, c), fm.text[1].render(env, c), fm.text[2].render(env, c), nil
}
