package portfolio

import "github.com/sfpattern/sfpattern/rules"

// decide is the one call the portfolio makes into the engine: the recommendation and capacity of
// one checked entry for the org. Only Recommendation, Warnings and Capacity of the decision are
// read (evaluateEntry), so an evaluation that skips the rest may stand in for it.
func (c catalog) decide(checked rules.Answers, org *rules.Org) (*rules.Decision, error) {
	return c.EvaluateOrg(checked, org)
}
