package config

import (
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// EnvPrefix starts every environment variable this package reads: SFPATTERN_ and the key in
// upper case (SFPATTERN_DECISIONS_DIR, SFPATTERN_STATUS, SFPATTERN_DECISION_MAKERS,
// SFPATTERN_CONSULTED, SFPATTERN_INFORMED).
const EnvPrefix = "SFPATTERN_"

// envName is the environment variable of a key.
func envName(key string) string { return EnvPrefix + strings.ToUpper(key) }

// fromEnv reads the SFPATTERN_* variables. An empty variable counts as unset, since
// `SFPATTERN_STATUS= sfpattern record` is how a shell unsets one for a command; to say "no one",
// pass the flag empty. Names are comma-separated, as on the command line.
func fromEnv(getenv func(string) string) (Settings, rules.Problems) {
	var s Settings
	var ps rules.Problems
	lookup := func(key string) (string, bool) {
		v := getenv(envName(key))
		return v, strings.TrimSpace(v) != ""
	}
	fail := func(key, msg string) { ps = append(ps, rules.Problem{File: envName(key), Msg: msg}) }
	if dir, ok := lookup(keyDecisionsDir); ok {
		if bad := checkFolder(dir); bad != "" {
			fail(keyDecisionsDir, bad)
		}
		s.DecisionsDir = &dir
	}
	if v, ok := lookup(keyStatus); ok {
		status, bad := checkStatus(v)
		if bad != "" {
			fail(keyStatus, bad)
		}
		s.Status = &status
	}
	for _, l := range []struct {
		key string
		dst **[]string
	}{{keyDecisionMakers, &s.DecisionMakers}, {keyConsulted, &s.Consulted}, {keyInformed, &s.Informed}} {
		if v, ok := lookup(l.key); ok {
			names := SplitNames(v)
			for _, name := range names {
				if bad := checkName(name); bad != "" {
					fail(l.key, bad)
				}
			}
			*l.dst = &names
		}
	}
	return s, ps
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
