package config

import (
	"os"
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
}

// Config is the configuration one command runs with.
type Config struct {
	// DecisionsDir is the folder of the decision records, written as the user would type it
	// from the working directory (relative inside the project, absolute outside it).
	DecisionsDir string
	// Record holds the defaults of a new record's front matter.
	Record Record
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
	user, ps := p.readConfig(userConfigFile())
	problems = append(problems, ps...)
	if len(problems) > 0 {
		return Config{}, problems
	}
	s := merge(flags, env, project, user)
	dir, err := p.decisionsDir(s.DecisionsDir)
	if err != nil {
		return Config{}, err
	}
	return Config{DecisionsDir: dir, Record: s.record()}, nil
}

// merge takes each setting from the first source that gives it.
func merge(sources ...Settings) Settings {
	var m Settings
	for _, s := range sources {
		m.DecisionsDir = firstSet(m.DecisionsDir, s.DecisionsDir)
		m.Status = firstSet(m.Status, s.Status)
		m.DecisionMakers = firstSet(m.DecisionMakers, s.DecisionMakers)
		m.Consulted = firstSet(m.Consulted, s.Consulted)
		m.Informed = firstSet(m.Informed, s.Informed)
	}
	return m
}

func firstSet[T any](have, next *T) *T {
	if have != nil {
		return have
	}
	return next
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

func deref(names *[]string) []string {
	if names == nil {
		return nil
	}
	return *names
}
