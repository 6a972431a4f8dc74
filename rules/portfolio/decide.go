package portfolio

import (
	"sync"

	"github.com/sfpattern/sfpattern/rules"
)

// decisions holds decisions for the workers to write into: an entry's decision is read once and
// dropped, so its lists can serve the next entry.
var decisions = sync.Pool{New: func() any { return new(rules.Decision) }}

// decide is the one call the portfolio makes into the engine: the recommendation and capacity of
// one checked entry for the org, without explanations, handed to read before the decision is
// reused. Only Recommendation, the number of Warnings and Capacity are read (evaluateEntry).
func (c catalog) decide(checked rules.Answers, org *rules.Org, read func(*rules.Decision)) error {
	d := decisions.Get().(*rules.Decision)
	defer decisions.Put(d)
	if err := c.DecideInto(d, checked, org); err != nil {
		return err
	}
	read(d)
	return nil
}
