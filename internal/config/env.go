package config

import (
	"strings"

	"github.com/sfpattern/sfpattern/advisor/record"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// EnvPrefix starts every environment variable this package reads: SFPATTERN_ and the key in
// upper case (SFPATTERN_DECISIONS_DIR, SFPATTERN_STATUS, SFPATTERN_DECISION_MAKERS,
// SFPATTERN_CONSULTED, SFPATTERN_INFORMED).
const EnvPrefix = "SFPATTERN_"

// envName is the environment variable of a key.
func envName(key string) string { return EnvPrefix + strings.ToUpper(key) }

// fromEnv reads the SFPATTERN_* variables. An empty variable counts as unset, as shells make
// `SFPATTERN_STATUS= sfpattern record` the way to unset one for a command; to say "no one",
// pass the flag empty. Names are comma-separated, as on the command line.
func fromEnv(getenv func(string) string) (Settings, rules.Problems) {
	var s Settings
	var ps rules.Problems
	fail := func(key, msg string) { ps = append(ps, rules.Problem{File: envName(key), Msg: msg}) }
	if v := getenv(envName(keyDecisionsDir)); strings.TrimSpace(v) != "" {
		if bad := safetext.Check(v); bad != "" {
			fail(keyDecisionsDir, "contains "+bad+"; expected a plain folder path")
		}
		s.DecisionsDir = &v
	}
	if v := getenv(envName(keyStatus)); strings.TrimSpace(v) != "" {
		status, err := record.ParseStatus(v)
		switch bad := safetext.Check(v); {
		case bad != "":
			fail(keyStatus, "contains "+bad+"; expected plain text on one line")
		case err != nil:
			fail(keyStatus, err.Error())
		}
		s.Status = &status
	}
	for _, l := range []struct {
		key string
		dst **[]string
	}{{keyDecisionMakers, &s.DecisionMakers}, {keyConsulted, &s.Consulted}, {keyInformed, &s.Informed}} {
		key, dst := l.key, l.dst
		if v := getenv(envName(key)); strings.TrimSpace(v) != "" {
			names := SplitNames(v)
			for _, name := range names {
				if bad := safetext.Check(name); bad != "" {
					fail(key, clip(name)+" contains "+bad+"; expected plain names, comma-separated")
				}
			}
			*dst = &names
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
