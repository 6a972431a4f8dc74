package config

import (
	"github.com/sfpattern/sfpattern/rules"
)

// AddonAmounts checks the add-ons against the knowledge base's allocations, as --addon is
// checked, and sums them per limit. A problem with one that came from a file or the environment
// names that place rather than --addon. It is nil when no add-on is configured.
func (c Config) AddonAmounts(cat *rules.Catalog) (map[string]float64, error) {
	if len(c.Addons) == 0 {
		return nil, nil
	}
	out := map[string]float64{}
	var ps rules.Problems
	for i, a := range c.Addons {
		id, amount, err := cat.ParseAddon(a)
		if err != nil {
			o := c.from[item(keyAddons, i)]
			for _, p := range rules.AsProblems(err) {
				if o.Kind != KindFlag && o.Kind != "" {
					p.File, p.Line, p.Field = o.Name, o.Line, keyAddons+"."+p.Field
				}
				ps = append(ps, p)
			}
			continue
		}
		out[id] += amount
	}
	return out, ps.Err()
}
