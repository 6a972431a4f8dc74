package config

import (
	"os"
	"strings"
	"time"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// Settings is what one source says. A nil field is a setting the source leaves open, so a
// source further down the order may give it; a list that is set but empty says "no one", and
// wins like any other value.
type Settings struct {
	// DecisionsDir is the folder of the decision records. From the flags and the environment it
	// is taken as given (relative to the working directory); from a file it is relative to that
	// file's folder.
	DecisionsDir *string
	// Status is a record status as record.ParseStatus reads it.
	Status *string
	// DecisionMakers, Consulted and Informed are names, one per element.
	DecisionMakers *[]string
	Consulted      *[]string
	Informed       *[]string
	// Rules are an organisation's rule files. The flags' are added after the configuration's
	// rather than replacing them.
	Rules *[]string
	// OrgLimits is a snapshot of the org's limits (the JSON of `sf org list limits --json`).
	OrgLimits *string
	// Addons are purchased allocations, limit=amount each. The flags' replace the
	// configuration's amount for the limits they name and leave the others.
	Addons *[]string

	// defaults is a file's defaults mapping; only files give defaults (--set is the flag).
	defaults *defaultsLayer
	// from says where each setting came from.
	from origins
}

// Config is the configuration one command runs with.
type Config struct {
	// DecisionsDir is the folder of the decision records, written as the user would type it
	// from the working directory (relative inside the project, absolute outside it).
	DecisionsDir string
	// Record holds the defaults of a new record's front matter.
	Record Record
	// Rules are the organisation's rule files to load: the configuration's (written as the user
	// would type them from the working directory), then the flags'.
	Rules []string
	// OrgLimits is the org-limits snapshot to read, "" for none.
	OrgLimits string
	// Addons are the purchased allocations, limit=amount each; AddonAmounts checks them.
	Addons []string
	// Defaults are the configured answers for fields an answers file leaves out.
	Defaults Defaults

	from origins
	// files are the configuration files looked for, for `sfpattern config`.
	files []File
}

// Record is what a new decision record says beyond the decision: its status and the people
// involved. The wizard's export form prefills from it.
type Record struct {
	// Status is "proposed" unless a source says otherwise.
	Status string
	// DecisionMakers, Consulted and Informed are nil when no source names anyone.
	DecisionMakers []string
	Consulted      []string
	Informed       []string
}

// DefaultRecord is what a new record says when nothing configures it: proposed (MADR's first
// status), naming no one. Every default record starts here: the configuration's, and the wizard's
// when it runs without one.
func DefaultRecord() Record { return Record{Status: record.Statuses[0]} }

// Meta is the front matter of a record dated date.
func (r Record) Meta(date time.Time) record.Meta {
	return record.Meta{Status: r.Status, Date: date, DecisionMakers: r.DecisionMakers, Consulted: r.Consulted, Informed: r.Informed}
}

// Load resolves the configuration of the current process: flags holds the command-line values
// the user set, then come the environment, the project's .sfpattern.yaml and the user's
// config.yaml. Every problem in any source is returned at once, as rules.Problems; a missing
// file is no problem.
func Load(flags Settings) (Config, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return Config{}, rules.Problems{{File: ".", Msg: "the working folder cannot be read (" + err.Error() + "); run sfpattern from an existing folder"}}
	}
	p := findProject(cwd)
	env, problems := fromEnv(os.Getenv)
	project, ps := p.readConfig(p.file)
	problems = append(problems, ps...)
	userFile := userConfigFile()
	user, ps := p.readConfig(userFile)
	problems = append(problems, ps...)
	if len(problems) > 0 {
		return Config{}, problems
	}
	flags.from = flagOrigins(flags)
	conf := merge(env, project, user)
	s := merge(flags, conf)
	dir, dirFrom, err := p.decisionsDir(s.DecisionsDir)
	if err != nil {
		return Config{}, err
	}
	c := Config{DecisionsDir: dir, Record: s.record(), OrgLimits: deref(s.OrgLimits), from: s.from}
	if s.DecisionsDir == nil {
		c.from[keyDecisions] = dirFrom
	}
	c.Rules = c.addRules(conf, flags)
	c.Addons = c.addAddons(conf, flags)
	c.Defaults = Defaults{layers: layers(project, user)}
	c.files = []File{p.describe(ScopeProject, p.file), p.describe(ScopeUser, userFile)}
	return c, nil
}

// merge takes each setting from the first source that gives it, with its origin.
func merge(sources ...Settings) Settings {
	m := Settings{from: origins{}}
	for _, s := range sources {
		take(&m, &m.DecisionsDir, s.DecisionsDir, s, keyDecisions)
		take(&m, &m.Status, s.Status, s, keyStatus)
		take(&m, &m.DecisionMakers, s.DecisionMakers, s, keyDecisionMakers)
		take(&m, &m.Consulted, s.Consulted, s, keyConsulted)
		take(&m, &m.Informed, s.Informed, s, keyInformed)
		take(&m, &m.Rules, s.Rules, s, keyRules)
		take(&m, &m.OrgLimits, s.OrgLimits, s, keyOrgLimits)
		take(&m, &m.Addons, s.Addons, s, keyAddons)
	}
	return m
}

// take sets *have to next, with next's origins (the key's and its items'), unless a source
// before gave it already.
func take[T any](m *Settings, have **T, next *T, s Settings, key string) {
	if *have != nil || next == nil {
		return
	}
	*have = next
	for k, o := range s.from {
		if k == key || strings.HasPrefix(k, key+"[") {
			m.from[k] = o
		}
	}
}

// addRules lists the configuration's rule files, then the flags': both apply, the
// configuration's first. A flag naming a file the configuration names already adds nothing.
func (c *Config) addRules(conf, flags Settings) []string {
	var out []string
	seen := map[string]bool{}
	add := func(list *[]string, s Settings) {
		for i, path := range deref(list) {
			if seen[cleanAbs(path)] {
				continue
			}
			seen[cleanAbs(path)] = true
			c.from[item(keyRules, len(out))] = s.itemOrigin(keyRules, i)
			out = append(out, path)
		}
	}
	add(conf.Rules, conf)
	add(flags.Rules, flags)
	return out
}

// addAddons lists the configuration's add-ons, less those of the limits a flag names, then the
// flags' (repeated flags for one limit still add up, as they always have).
func (c *Config) addAddons(conf, flags Settings) []string {
	byFlag := map[string]bool{}
	for _, a := range deref(flags.Addons) {
		byFlag[addonID(a)] = true
	}
	var out []string
	add := func(list *[]string, s Settings, keep func(string) bool) {
		for i, a := range deref(list) {
			if keep(a) {
				c.from[item(keyAddons, len(out))] = s.itemOrigin(keyAddons, i)
				out = append(out, a)
			}
		}
	}
	add(conf.Addons, conf, func(a string) bool { return !byFlag[addonID(a)] })
	add(flags.Addons, flags, func(string) bool { return true })
	return out
}

// addonID is the limit an add-on names: what comes before its "=".
func addonID(assignment string) string {
	id, _, _ := strings.Cut(assignment, "=")
	return strings.TrimSpace(id)
}

// itemOrigin is where item i of a list setting came from: its own line when it has one, else
// the setting's origin.
func (s Settings) itemOrigin(key string, i int) Origin {
	if o, ok := s.from[item(key, i)]; ok {
		return o
	}
	return s.from[key]
}

// record gives the front-matter defaults; a status that came from the flags is normalised here
// too, and one that is not a status is left for the caller to refuse with the flag's name.
func (s Settings) record() Record {
	r := DefaultRecord()
	r.DecisionMakers, r.Consulted, r.Informed = deref(s.DecisionMakers), deref(s.Consulted), deref(s.Informed)
	if s.Status != nil {
		r.Status = *s.Status
		if status, err := record.ParseStatus(*s.Status); err == nil {
			r.Status = status
		}
	}
	return r
}

func deref[T any](v *T) T {
	var zero T
	if v == nil {
		return zero
	}
	return *v
}
