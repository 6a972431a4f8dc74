package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// EnvPrefix starts every environment variable this package reads: SFPATTERN_ and the key in
// upper case (SFPATTERN_DECISIONS, SFPATTERN_STATUS, SFPATTERN_DECISION_MAKERS,
// SFPATTERN_CONSULTED, SFPATTERN_INFORMED, SFPATTERN_RULES, SFPATTERN_ADDONS,
// SFPATTERN_ORG_LIMITS; SFPATTERN_DECISIONS_DIR is the older name of SFPATTERN_DECISIONS).
const EnvPrefix = "SFPATTERN_"

// envName is the environment variable of a key.
func envName(key string) string { return EnvPrefix + strings.ToUpper(key) }

// env reads the SFPATTERN_* variables into settings, collecting what is wrong with them.
type env struct {
	getenv func(string) string
	s      Settings
	ps     rules.Problems
}

// lookup returns a variable's value and whether it is set. An empty variable counts as unset,
// since `SFPATTERN_STATUS= sfpattern record` is how a shell unsets one for a command; to say
// "no one", pass the flag empty.
func (e *env) lookup(key string) (string, bool) {
	v := e.getenv(envName(key))
	if strings.TrimSpace(v) == "" {
		return "", false
	}
	e.s.from[canonicalKey(key)] = Origin{Kind: KindEnv, Name: envName(key)}
	return v, true
}

func (e *env) fail(key, msg string) { e.ps = append(e.ps, rules.Problem{File: envName(key), Msg: msg}) }

// fromEnv reads the SFPATTERN_* variables. Names and add-ons are comma-separated, as on the
// command line; rule files are separated as PATH separates folders (: on Unix, ; on Windows),
// since a file name may hold a comma.
func fromEnv(getenv func(string) string) (Settings, rules.Problems) {
	e := &env{getenv: getenv, s: Settings{from: origins{}}}
	dirKey := keyDecisions
	dir, ok := e.lookup(keyDecisions)
	old, oldOK := e.lookup(keyDecisionsDir)
	switch {
	case ok && oldOK:
		e.fail(keyDecisionsDir, "names the decisions folder, as "+envName(keyDecisions)+" does; set only "+envName(keyDecisions))
		e.s.from[keyDecisions] = Origin{Kind: KindEnv, Name: envName(keyDecisions)}
	case oldOK:
		dir, ok, dirKey = old, true, keyDecisionsDir
	}
	if ok {
		if bad := checkFolder(dir); bad != "" {
			e.fail(dirKey, bad)
		}
		e.s.DecisionsDir = &dir
	}
	if v, ok := e.lookup(keyStatus); ok {
		status, bad := checkStatus(v)
		if bad != "" {
			e.fail(keyStatus, bad)
		}
		e.s.Status = &status
	}
	for _, l := range []struct {
		key string
		dst **[]string
	}{{keyDecisionMakers, &e.s.DecisionMakers}, {keyConsulted, &e.s.Consulted}, {keyInformed, &e.s.Informed}} {
		if v, ok := e.lookup(l.key); ok {
			names := SplitNames(v)
			for _, name := range names {
				if bad := checkName(name); bad != "" {
					e.fail(l.key, bad)
				}
			}
			*l.dst = &names
		}
	}
	e.paths()
	return e.s, e.ps
}

// paths reads the variables that name files: the rule files, the org-limits snapshot and the
// add-ons (which name no file, but are checked alike: shape now, meaning with the catalog).
func (e *env) paths() {
	if v, ok := e.lookup(keyRules); ok {
		list := []string{}
		for p := range strings.SplitSeq(v, string(os.PathListSeparator)) {
			if p = strings.TrimSpace(p); p != "" {
				e.checkFile(keyRules, p, "a rule file")
				list = append(list, p)
			}
		}
		e.s.Rules = &list
	}
	if v, ok := e.lookup(keyOrgLimits); ok {
		e.checkFile(keyOrgLimits, v, "an org-limits snapshot")
		e.s.OrgLimits = &v
	}
	if v, ok := e.lookup(keyAddons); ok {
		list := SplitNames(v)
		for _, a := range list {
			if bad := checkName(a); bad != "" {
				e.fail(keyAddons, bad)
			}
		}
		e.s.Addons = &list
	}
}

// checkFile refuses a path that is not plain text, or where no file is.
func (e *env) checkFile(key, path, what string) {
	if bad := checkPath(path, what); bad != "" {
		e.fail(key, bad)
		return
	}
	if msg := missingFile(path); msg != "" {
		e.fail(key, strconv.Quote(path)+": "+msg)
	}
}

// missingFile says why no file can be read at path, or "".
func missingFile(path string) string {
	info, err := os.Stat(filepath.Clean(path))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case err != nil:
		return "cannot be read: " + pathError(err)
	case info.IsDir():
		return "is a folder; expected a file"
	}
	return ""
}

// SplitNames splits "Ana Souza, Raj Patel" into names, as the people flags and the
// environment write them; blank entries are dropped.
func SplitNames(list string) []string {
	names := []string{}
	for name := range strings.SplitSeq(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			names = append(names, name)
		}
	}
	return names
}
