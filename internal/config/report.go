package config

import (
	"slices"

	"github.com/sfpattern/sfpattern/rules"
)

// Entry is one setting of the effective configuration, as `sfpattern config` prints it.
type Entry struct {
	// Key is the configuration key: decisions, status…, rules (once per rule file),
	// addons.<limit>, defaults.<field>.
	Key string `json:"key"`
	// Value is the setting's value: text, a list of names, a number, or an answer's value; nil
	// for a setting nothing gives (no rule file, no snapshot).
	Value any `json:"value"`
	// From is where the value came from: a flag, a variable, file:line, a convention, default.
	From string `json:"from"`
	// Kind is the kind of From (flag, env, file, convention, default).
	Kind string `json:"kind"`
}

// Files are the configuration files looked for, the project's then the user's.
func (c Config) Files() []File { return slices.Clone(c.files) }

// Report lists the effective configuration in the order of keys, checking what only the
// knowledge base can check (the add-ons' limits, the defaults' values): its problems are those
// a command that uses them would report.
func (c Config) Report(cat *rules.Catalog) ([]Entry, error) {
	amounts, addonErr := c.AddonAmounts(cat)
	defaults, defaultsErr := c.Defaults.Answers(cat)
	if ps := append(rules.AsProblems(addonErr), rules.AsProblems(defaultsErr)...); len(ps) > 0 {
		return nil, ps
	}
	out := []Entry{
		c.entry(keyDecisions, c.DecisionsDir),
		c.entry(keyStatus, c.Record.Status),
		c.entry(keyDecisionMakers, names(c.Record.DecisionMakers)),
		c.entry(keyConsulted, names(c.Record.Consulted)),
		c.entry(keyInformed, names(c.Record.Informed)),
	}
	out = append(out, c.ruleEntries()...)
	out = append(out, c.addonEntries(amounts)...)
	if c.OrgLimits == "" {
		out = append(out, c.entry(keyOrgLimits, nil))
	} else {
		out = append(out, c.entry(keyOrgLimits, c.OrgLimits))
	}
	return append(out, defaultEntries(cat, defaults)...), nil
}

// entry is a setting with the origin it was recorded with, or the default's.
func (c Config) entry(key string, value any) Entry {
	return entryFrom(key, value, c.from[key])
}

func entryFrom(key string, value any, o Origin) Entry {
	if o.Kind == "" {
		o = Origin{Kind: KindDefault}
	}
	return Entry{Key: key, Value: value, From: o.String(), Kind: o.Kind}
}

// names is a list of names for an entry: an empty list rather than null when no one is named.
func names(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func (c Config) ruleEntries() []Entry {
	if len(c.Rules) == 0 {
		return []Entry{c.entry(keyRules, nil)}
	}
	out := make([]Entry, len(c.Rules))
	for i, r := range c.Rules {
		out[i] = entryFrom(keyRules, r, c.from[item(keyRules, i)])
	}
	return out
}

// addonEntries are the add-ons, one per limit in the order first given, with the amount summed
// and the origin of the first.
func (c Config) addonEntries(amounts map[string]float64) []Entry {
	if len(c.Addons) == 0 {
		return []Entry{c.entry(keyAddons, nil)}
	}
	var out []Entry
	seen := map[string]bool{}
	for i, a := range c.Addons {
		id := addonID(a)
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, entryFrom(keyAddons+"."+id, amounts[id], c.from[item(keyAddons, i)]))
	}
	return out
}

// defaultEntries are the configured defaults in the question set's order.
func defaultEntries(cat *rules.Catalog, defaults rules.Answers) []Entry {
	var out []Entry
	for _, q := range cat.Questions {
		v, ok := defaults.Get(q.ID)
		if !ok {
			continue
		}
		file, line := defaults.Source(q.ID)
		out = append(out, entryFrom(keyDefaults+"."+q.ID, v, Origin{Kind: KindFile, Name: file, Line: line}))
	}
	if len(out) == 0 {
		return []Entry{entryFrom(keyDefaults, nil, Origin{})}
	}
	return out
}

// KeyDecisions is the key of the decisions folder, for Origin.
const KeyDecisions = keyDecisions

// Origin says where a setting came from, by its key (KeyDecisions…).
func (c Config) Origin(key string) Origin {
	if o, ok := c.from[key]; ok && o.Kind != "" {
		return o
	}
	return Origin{Kind: KindDefault}
}
