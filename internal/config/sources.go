package config

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/sfpattern/sfpattern/rules"
)

// userConfigFile is the user's configuration: $XDG_CONFIG_HOME/sfpattern/config.yaml when that
// variable holds an absolute path (on every platform, as people who set it expect), else
// os.UserConfigDir's sfpattern/config.yaml (~/.config on Linux, ~/Library/Application Support
// on macOS, %AppData% on Windows); "" when there is no home to find it in.
func userConfigFile() string {
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "sfpattern", "config.yaml")
	}
	dir, err := os.UserConfigDir()
	if err != nil && xdg != "" { // a relative XDG_CONFIG_HOME, which the XDG specification says to ignore
		var home string
		if home, err = os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".config")
		}
	}
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "sfpattern", "config.yaml")
}

// readConfig reads the configuration file at path, when there is one, and places relative
// paths (decisions, rules, org_limits) in the file's folder, written as the user would type
// them from here. A rule file or snapshot that is not there is refused at its line.
func (p project) readConfig(path string) (Settings, rules.Problems) {
	if path == "" {
		return Settings{}, nil
	}
	name := p.display(path)
	data, found, err := readRegular(path, name, rules.MaxFileSize)
	if err != nil {
		return Settings{}, problems(name, err)
	}
	if !found {
		return Settings{}, nil
	}
	s, err := parse(name, data)
	if err != nil {
		return Settings{}, problems(name, err)
	}
	dir := filepath.Dir(path)
	place := func(v string) string { return p.display(inFolder(dir, v)) }
	var ps rules.Problems
	// missing refuses a path that names no file, at the line from recorded under at.
	missing := func(field, at, prefix, path string) {
		if msg := missingFile(path); msg != "" {
			ps = append(ps, rules.Problem{File: name, Line: s.from[at].Line, Field: field, Msg: prefix + strconv.Quote(path) + ": " + msg})
		}
	}
	if s.DecisionsDir != nil {
		d := place(*s.DecisionsDir)
		s.DecisionsDir = &d
	}
	if s.Rules != nil {
		placed := make([]string, len(*s.Rules))
		for i, r := range *s.Rules {
			placed[i] = place(r)
			missing(keyRules, item(keyRules, i), "item "+strconv.Itoa(i+1)+": ", placed[i])
		}
		s.Rules = &placed
	}
	if s.OrgLimits != nil {
		o := place(*s.OrgLimits)
		s.OrgLimits = &o
		missing(keyOrgLimits, keyOrgLimits, "", o)
	}
	if len(ps) > 0 {
		return Settings{}, ps
	}
	return s, nil
}

// inFolder resolves path against dir unless it is absolute already.
func inFolder(dir, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(dir, path)
}

// cleanAbs is path made absolute, to tell two spellings of one file apart from two files.
func cleanAbs(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// problems returns err as rules.Problems, naming file when err is not one already.
func problems(file string, err error) rules.Problems {
	if ps := rules.AsProblems(err); ps != nil {
		return ps
	}
	return rules.Problems{{File: file, Msg: err.Error()}}
}

// flagNames are the command-line flags of the settings, for the origins of what they set.
var flagNames = map[string]string{
	keyDecisions: "-o", keyStatus: "--status", keyDecisionMakers: "--decision-makers", keyConsulted: "--consulted",
	keyInformed: "--informed", keyRules: "--rules", keyOrgLimits: "--org-limits", keyAddons: "--addon",
}

// flagOrigins says that every setting the flags give came from its flag.
func flagOrigins(s Settings) origins {
	from := origins{}
	set := map[string]bool{
		keyDecisions: s.DecisionsDir != nil, keyStatus: s.Status != nil, keyDecisionMakers: s.DecisionMakers != nil,
		keyConsulted: s.Consulted != nil, keyInformed: s.Informed != nil, keyRules: s.Rules != nil,
		keyOrgLimits: s.OrgLimits != nil, keyAddons: s.Addons != nil,
	}
	for key, given := range set {
		if given {
			from[key] = Origin{Kind: KindFlag, Name: flagNames[key]}
		}
	}
	return from
}

// Scopes of the configuration files.
const (
	// ScopeProject is the project's .sfpattern.yaml.
	ScopeProject = "project"
	// ScopeUser is the user's config.yaml.
	ScopeUser = "user"
)

// File is one configuration file sfpattern looked for.
type File struct {
	// Scope is ScopeProject or ScopeUser.
	Scope string `json:"scope"`
	// Path is the file as the user would type it from the working directory; "" when there is
	// no place to look (no project file found on the walk, no home folder).
	Path string `json:"path"`
	// Found reports whether a file is there.
	Found bool `json:"found"`
}

// describe is the configuration file of a scope at path ("" for none).
func (p project) describe(scope, path string) File {
	if path == "" {
		return File{Scope: scope}
	}
	return File{Scope: scope, Path: p.display(path), Found: exists(path)}
}
