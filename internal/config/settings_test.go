package config

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/internal/testtree"
	"github.com/sfpattern/sfpattern/rules"
)

// TestSourcePrecedence: rules, org_limits and addons come from the first source that gives
// them (the environment, then the project's file, then the user's), each with its origin; the
// flags' rule files are added after the configuration's, the flags' snapshot replaces the
// configuration's, and a flag's add-on replaces the configuration's for its limit only.
func TestSourcePrecedence(t *testing.T) {
	const user = "rules: [u.yaml]\norg_limits: u.json\naddons: {event_delivery_per_day: 1}\n"
	const project = "rules:\n  - p.yaml\norg_limits: p.json\naddons:\n  event_delivery_per_day: 2\n  bulk_batches_per_day: 3k\n"
	env := map[string]string{"SFPATTERN_RULES": "e.yaml" + string(filepath.ListSeparator) + "e2.yaml", "SFPATTERN_ORG_LIMITS": "e.json", "SFPATTERN_ADDONS": "event_delivery_per_day=4"}
	flags := Settings{Rules: ptr([]string{"f.yaml"}), OrgLimits: ptr("f.json"), Addons: ptr([]string{"event_delivery_per_day=5"})}
	type want struct {
		rules, addons []string
		orgLimits     string
		from          []string // the origins of rules, then addons, then org_limits
	}
	cases := []struct {
		name          string
		user, project string
		env           map[string]string
		flags         Settings
		want          want
	}{
		{name: "nothing configured", want: want{from: []string{"default"}}},
		{
			name: "the user's alone, relative to the user's file", user: user,
			want: want{
				rules: []string{"USER/u.yaml"}, addons: []string{"event_delivery_per_day=1"}, orgLimits: "USER/u.json",
				from: []string{"USER/config.yaml:1", "USER/config.yaml:3", "USER/config.yaml:2"},
			},
		},
		{
			name: "the project's over the user's, relative to the project's file", user: user, project: project,
			want: want{
				rules: []string{"../p.yaml"}, addons: []string{"event_delivery_per_day=2", "bulk_batches_per_day=3k"}, orgLimits: "../p.json",
				from: []string{"../.sfpattern.yaml:2", "../.sfpattern.yaml:5", "../.sfpattern.yaml:6", "../.sfpattern.yaml:3"},
			},
		},
		{
			name: "the environment over the project, relative to the working folder", user: user, project: project, env: env,
			want: want{
				rules: []string{"e.yaml", "e2.yaml"}, addons: []string{"event_delivery_per_day=4"}, orgLimits: "e.json",
				from: []string{"SFPATTERN_RULES", "SFPATTERN_RULES", "SFPATTERN_ADDONS", "SFPATTERN_ORG_LIMITS"},
			},
		},
		{
			name: "flags add rules, replace the snapshot, and replace an add-on per limit", user: user, project: project, flags: flags,
			want: want{
				rules: []string{"../p.yaml", "f.yaml"}, addons: []string{"bulk_batches_per_day=3k", "event_delivery_per_day=5"}, orgLimits: "f.json",
				from: []string{"../.sfpattern.yaml:2", "--rules", "../.sfpattern.yaml:6", "--addon", "--org-limits"},
			},
		},
		{
			name: "a flag naming a configured rule file adds it once", project: project, flags: Settings{Rules: ptr([]string{"../p.yaml"})},
			want: want{
				rules: []string{"../p.yaml"}, addons: []string{"event_delivery_per_day=2", "bulk_batches_per_day=3k"}, orgLimits: "../p.json",
				from: []string{"../.sfpattern.yaml:2", "../.sfpattern.yaml:5", "../.sfpattern.yaml:6", "../.sfpattern.yaml:3"},
			},
		},
	}
	files := []string{"u.yaml", "u.json", "p.yaml", "p.json", "src/e.yaml", "src/e2.yaml", "src/e.json"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			layout := map[string]string{}
			if tc.project != "" {
				layout["repo/.sfpattern.yaml"] = tc.project
			}
			for _, f := range files {
				layout["repo/"+f] = "{}"
			}
			root, userDir := inRepo(t, tc.env, layout)
			testtree.Write(t, userDir, map[string]string{"u.yaml": "{}", "u.json": "{}"})
			if tc.user != "" {
				testtree.Write(t, userDir, map[string]string{"config.yaml": tc.user})
			}
			cfg := load(t, root, "repo/src", tc.flags)
			user := func(list []string) []string {
				var out []string
				for _, s := range list {
					if rel, ok := cutPrefix(s, "USER/"); ok {
						s = filepath.Join(userDir, rel)
					}
					out = append(out, s)
				}
				return out
			}
			w := tc.want
			if !reflect.DeepEqual(cfg.Rules, user(w.rules)) || !reflect.DeepEqual(cfg.Addons, w.addons) || cfg.OrgLimits != first(user([]string{w.orgLimits})) {
				t.Errorf("rules %q, addons %q, org_limits %q; want %q, %q, %q", cfg.Rules, cfg.Addons, cfg.OrgLimits, user(w.rules), w.addons, w.orgLimits)
			}
			var from []string
			for i := range cfg.Rules {
				from = append(from, cfg.from[item(keyRules, i)].String())
			}
			for i := range cfg.Addons {
				from = append(from, cfg.from[item(keyAddons, i)].String())
			}
			from = append(from, cfg.Origin(keyOrgLimits).String())
			if !reflect.DeepEqual(from, user(w.from)) {
				t.Errorf("origins %q, want %q", from, user(w.from))
			}
		})
	}
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// TestDefaultsPrecedence: each default field comes from the project's file when it gives one,
// else from the user's; each value is checked by the question set and remembers its line.
func TestDefaultsPrecedence(t *testing.T) {
	cat := shipped.Catalog(t)
	edition, licences, middleware := cat.Role(rules.RoleEdition).ID, cat.Role(rules.RoleLicences).ID, cat.Role(rules.RoleMiddleware).ID
	root, userDir := inRepo(t, nil, map[string]string{
		"repo/.sfpattern.yaml": "status: accepted\ndefaults:\n  " + edition + ": unlimited\n  " + licences + ": 900\n",
	})
	testtree.Write(t, userDir, map[string]string{"config.yaml": "defaults: {" + licences + ": 10, " + middleware + ": true}\n"})
	cfg := load(t, root, "repo/src", Settings{})
	a, err := cfg.Defaults.Answers(cat)
	if err != nil {
		t.Fatal(err)
	}
	userFile := filepath.Join(userDir, "config.yaml")
	for id, want := range map[string]struct {
		value any
		file  string
		line  int
	}{
		edition: {"unlimited", "../.sfpattern.yaml", 3}, licences: {900, "../.sfpattern.yaml", 4}, middleware: {true, userFile, 1},
	} {
		v, _ := a.Get(id)
		file, line := a.Source(id)
		if v != want.value || file != filepath.FromSlash(want.file) || line != want.line {
			t.Errorf("%s = %v from %s:%d; want %v from %s:%d", id, v, file, line, want.value, want.file, want.line)
		}
	}
	if a.Len() != 3 {
		t.Errorf("%d defaults, want 3", a.Len())
	}
}
