package config

import (
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestDefaultsRefused: a default is checked exactly as an answers file's value is (its field,
// type, options and range), and every problem names the configuration file, the line and
// defaults.<field>.
func TestDefaultsRefused(t *testing.T) {
	cat := shipped.Catalog(t)
	edition, licences, middleware := cat.Role(rules.RoleEdition).ID, cat.Role(rules.RoleLicences).ID, cat.Role(rules.RoleMiddleware).ID
	cases := []struct {
		name, file string
		want       []string
	}{
		{"an unknown field, with a suggestion", "defaults:\n  editon: unlimited\n", []string{"../.sfpattern.yaml:2: defaults.editon: unknown field (did you mean " + edition + "?)"}},
		{"an unknown option", "defaults:\n  " + edition + ": platinum\n", []string{"../.sfpattern.yaml:2: defaults." + edition + `: unknown value "platinum"; valid values are`}},
		{"a number as text", "defaults: {" + licences + ": many}\n", []string{"../.sfpattern.yaml:1: defaults." + licences + ": expected"}},
		{"out of range", "\ndefaults:\n  " + licences + ": -4\n", []string{"../.sfpattern.yaml:3: defaults." + licences + ": -4 is out of range"}},
		{"a boolean as text", "defaults:\n  " + middleware + ": maybe\n", []string{"../.sfpattern.yaml:2: defaults." + middleware + `: expected true or false, got "maybe"`}},
		{"a list for a value", "defaults:\n  " + edition + ": [a]\n", []string{"../.sfpattern.yaml:2: defaults." + edition + ": expected"}},
		{"the answers file's version", "defaults:\n  schema_version: 1\n", []string{"../.sfpattern.yaml:2: defaults.schema_version: is an answers file's version"}},
		{"a key twice", "defaults:\n  " + licences + ": 4\n  " + licences + ": 5\n", []string{"../.sfpattern.yaml:3: defaults." + licences + ": duplicate key (first set on line 2)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root, _ := inRepo(t, nil, map[string]string{"repo/.sfpattern.yaml": tc.file})
			cfg := load(t, root, "repo/src", Settings{})
			_, err := cfg.Defaults.Answers(cat)
			requireProblems(t, err, tc.want)
		})
	}
}

// TestAddonsRefused: an add-on is checked as --addon is, and a configured one's problem names
// its file and line, or its variable; a flag's still names --addon.
func TestAddonsRefused(t *testing.T) {
	cat := shipped.Catalog(t)
	root, _ := inRepo(t, map[string]string{"SFPATTERN_ADDONS": "bulk_batches_per_day=lots"}, map[string]string{
		"repo/.sfpattern.yaml": "addons:\n  event_delivery_per_day: 10\n  daily_api_requests: -1\n",
	})
	cfg := load(t, root, "repo/src", Settings{})
	_, err := cfg.AddonAmounts(cat)
	requireProblems(t, err, []string{`SFPATTERN_ADDONS: addons.bulk_batches_per_day: expected a whole number`})

	t.Setenv("SFPATTERN_ADDONS", "")
	cfg = load(t, root, "repo/src", Settings{Addons: ptr([]string{"warp_drives=1"})})
	_, err = cfg.AddonAmounts(cat)
	requireProblems(t, err, []string{
		"../.sfpattern.yaml:3: addons.daily_api_requests: expected a whole number",
		"--addon: warp_drives: not an allocation that can be bought",
	})
}
