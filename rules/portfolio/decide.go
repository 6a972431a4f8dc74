package portfolio

import "github.com/sfpattern/sfpattern/rules"

// decide is the one call the portfolio makes into the engine: the recommendation and capacity of
// one checked entry for the org. Only Recommendation, the number of Warnings and Capacity are
// read (evaluateEntry), so it asks for the decision without its explanations.
func (c catalog) decide(checked rules.Answers, org *rules.Org) (*rules.Decision, error) {
	return c.Decide(checked, org)
}
