package config

import (
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"
)

// TestPrecedence: each setting comes from the first source that gives it: flags, then
// SFPATTERN_* variables, then the project's .sfpattern.yaml, then the user's config.yaml.
func TestPrecedence(t *testing.T) {
	const user = "decisions_dir: /srv/adr\nstatus: deprecated\ndecision_makers: [User]\nconsulted: [User]\ninformed: [User]\n"
	const project = "decisions_dir: records\nstatus: rejected\ndecision_makers: [Project]\nconsulted: [Project]\n"
	env := map[string]string{"SFPATTERN_DECISIONS_DIR": "env-records", "SFPATTERN_STATUS": "Superseded by ADR-0007", "SFPATTERN_DECISION_MAKERS": "Env One, Env Two"}
	cases := []struct {
		name                  string
		user, project         string
		env                   map[string]string
		flags                 Settings
		want                  Config
		wantDirFromUserFolder string // the want's DecisionsDir, relative to the user's config folder
	}{
		{name: "nothing configured", want: Config{DecisionsDir: "docs/decisions", Record: Record{Status: "proposed"}}},
		{
			name: "the user's config alone", user: user,
			want: Config{DecisionsDir: "/srv/adr", Record: Record{Status: "deprecated", DecisionMakers: []string{"User"}, Consulted: []string{"User"}, Informed: []string{"User"}}},
		},
		{
			name: "the project over the user", user: user, project: project,
			want: Config{DecisionsDir: "records", Record: Record{Status: "rejected", DecisionMakers: []string{"Project"}, Consulted: []string{"Project"}, Informed: []string{"User"}}},
		},
		{
			name: "the environment over the project", user: user, project: project, env: env,
			want: Config{DecisionsDir: "env-records", Record: Record{Status: "superseded by ADR-0007", DecisionMakers: []string{"Env One", "Env Two"}, Consulted: []string{"Project"}, Informed: []string{"User"}}},
		},
		{
			name: "flags over everything", user: user, project: project, env: env,
			flags: Settings{DecisionsDir: ptr("flag-records"), Status: ptr("ACCEPTED"), Consulted: ptr([]string{"Flag"})},
			want:  Config{DecisionsDir: "flag-records", Record: Record{Status: "accepted", DecisionMakers: []string{"Env One", "Env Two"}, Consulted: []string{"Flag"}, Informed: []string{"User"}}},
		},
		{
			name: "an empty flag still wins: no one, and the default status", user: user, project: project,
			flags: Settings{Status: ptr(""), DecisionMakers: ptr([]string{}), Informed: ptr([]string{})},
			want:  Config{DecisionsDir: "records", Record: Record{Status: "proposed", DecisionMakers: []string{}, Consulted: []string{"Project"}, Informed: []string{}}},
		},
		{
			name: "an empty variable is unset", user: user, env: map[string]string{"SFPATTERN_STATUS": " ", "SFPATTERN_INFORMED": ""},
			want: Config{DecisionsDir: "/srv/adr", Record: Record{Status: "deprecated", DecisionMakers: []string{"User"}, Consulted: []string{"User"}, Informed: []string{"User"}}},
		},
		{
			name: "an empty list in a file says no one", user: user, project: "informed: []\nconsulted:\n",
			want: Config{DecisionsDir: "/srv/adr", Record: Record{Status: "deprecated", DecisionMakers: []string{"User"}, Consulted: []string{"User"}, Informed: []string{}}},
		},
		{
			name: "the user's relative folder is relative to the user's config", user: "decisions_dir: adr\n", wantDirFromUserFolder: "adr",
			want: Config{Record: Record{Status: "proposed"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			if tc.project != "" {
				files["repo/.sfpattern.yaml"] = tc.project
			}
			root, userDir := inRepo(t, tc.env, files)
			if tc.user != "" {
				testtree.Write(t, userDir, map[string]string{"config.yaml": tc.user})
			}
			want := tc.want
			if tc.wantDirFromUserFolder != "" {
				want.DecisionsDir = filepath.Join(userDir, tc.wantDirFromUserFolder)
			}
			got := load(t, root, "repo", tc.flags)
			if got.DecisionsDir != want.DecisionsDir || !reflect.DeepEqual(got.Record, want.Record) {
				t.Errorf("got  %+v %+v\nwant %+v %+v", got.DecisionsDir, got.Record, want.DecisionsDir, want.Record)
			}
		})
	}
}

// TestUserConfigWithoutXDG: without XDG_CONFIG_HOME, or with a relative one (which the XDG
// specification says to ignore), the user's config is in os.UserConfigDir: ~/.config on Linux.
func TestUserConfigWithoutXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("os.UserConfigDir is ~/.config only on Linux")
	}
	for _, xdg := range []string{"", "relative/config"} {
		isolate(t)
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("XDG_CONFIG_HOME", xdg)
		testtree.Write(t, home, map[string]string{".config/sfpattern/config.yaml": "status: accepted\n"})
		if cfg := load(t, t.TempDir(), ".", Settings{}); cfg.Record.Status != "accepted" {
			t.Errorf("XDG_CONFIG_HOME=%q: status %q; want the one in ~/.config/sfpattern/config.yaml", xdg, cfg.Record.Status)
		}
	}
}
