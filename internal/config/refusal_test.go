package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"

	"github.com/sfpattern/sfpattern/rules"
)

// TestLoadRefusals: what Load refuses beyond a file's content, each problem naming its source
// as the user would type it from the working directory (here repo/src), with its line.
func TestLoadRefusals(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		user  string // the user's config.yaml
		env   map[string]string
		want  []string // one per problem, in order
	}{
		{
			"a bad project config, named from here",
			map[string]string{"repo/.sfpattern.yaml": "status: accepted\ncolour: blue\n"},
			"", nil,
			[]string{"../.sfpattern.yaml:2: colour: unknown key"},
		},
		{
			"a bad user config, named in full", nil, "informed: Ops\n", nil,
			[]string{"/xdg/sfpattern/config.yaml:1: informed: expected a list of names"},
		},
		{
			"both files, every problem",
			map[string]string{"repo/.sfpattern.yaml": "status: approved\n"},
			"decisions_dir: 3\n", nil,
			[]string{"../.sfpattern.yaml:1: status: unknown status", "config.yaml:1: decisions_dir: expected a folder"},
		},
		{
			"a folder called .sfpattern.yaml",
			map[string]string{"repo/.sfpattern.yaml/": ""},
			"", nil,
			[]string{"../.sfpattern.yaml: is a folder; expected a file"},
		},
		{
			"a bad status in the environment", nil, "",
			map[string]string{"SFPATTERN_STATUS": "done"},
			[]string{`SFPATTERN_STATUS: unknown status "done"; use one of proposed`},
		},
		{
			"a status with a control character in the environment", nil, "",
			map[string]string{"SFPATTERN_STATUS": "accepted\x1b[2J"},
			[]string{"SFPATTERN_STATUS: contains a control character (\\u001b)"},
		},
		{
			"a name with a bidi override in the environment", nil, "",
			map[string]string{"SFPATTERN_CONSULTED": "Ana, \u202eRaj"},
			[]string{`SFPATTERN_CONSULTED: "\u202eRaj" contains a bidi control character`},
		},
		{
			"a folder with a line break in the environment", nil, "",
			map[string]string{"SFPATTERN_DECISIONS_DIR": "docs\nadr"},
			[]string{`SFPATTERN_DECISIONS_DIR: "docs\nadr" contains a control character (\u000a)`},
		},
		{
			"a folder with a line break in the environment, by its documented name", nil, "",
			map[string]string{"SFPATTERN_DECISIONS": "docs\nadr"},
			[]string{`SFPATTERN_DECISIONS: "docs\nadr" contains a control character (\u000a)`},
		},
		{
			"the environment and a file together",
			map[string]string{"repo/.sfpattern.yaml": "status: [a]\n"},
			"",
			map[string]string{"SFPATTERN_INFORMED": "Ops\x07"},
			[]string{"SFPATTERN_INFORMED: \"Ops\\a\" contains a control character", "../.sfpattern.yaml:1: status: expected a status"},
		},
		{
			"a rule file that is not there, at its item's line",
			map[string]string{"repo/.sfpattern.yaml": "rules:\n  - policy/house.yaml\n  - policy/gone.yaml\n", "repo/policy/house.yaml": "{}"},
			"", nil,
			[]string{`../.sfpattern.yaml:3: rules: item 2: "../policy/gone.yaml": no such file`},
		},
		{
			"a rule file that is a folder",
			map[string]string{"repo/.sfpattern.yaml": "rules: [policy]\n", "repo/policy/": ""},
			"", nil,
			[]string{`../.sfpattern.yaml:1: rules: item 1: "../policy": is a folder; expected a file`},
		},
		{
			"an org-limits snapshot that is not there, in the user's file", nil, "\n\norg_limits: limits.json\n", nil,
			[]string{`sfpattern/config.yaml:3: org_limits: "/`},
		},
		{
			"an org-limits snapshot that is not there, in full", nil, "org_limits: limits.json\n", nil,
			[]string{`/sfpattern/limits.json": no such file`},
		},
		{
			"a rule file in the environment that is not there", nil, "",
			map[string]string{"SFPATTERN_RULES": "gone.yaml"},
			[]string{`SFPATTERN_RULES: "gone.yaml": no such file`},
		},
		{
			"an org-limits snapshot in the environment that is not there", nil, "",
			map[string]string{"SFPATTERN_ORG_LIMITS": "gone.json"},
			[]string{`SFPATTERN_ORG_LIMITS: "gone.json": no such file`},
		},
		{
			"both names of the decisions folder in the environment", nil, "",
			map[string]string{"SFPATTERN_DECISIONS": "a", "SFPATTERN_DECISIONS_DIR": "b"},
			[]string{"SFPATTERN_DECISIONS_DIR: names the decisions folder, as SFPATTERN_DECISIONS does"},
		},
		{
			"both names of the decisions folder in a file",
			map[string]string{"repo/.sfpattern.yaml": "decisions_dir: a\nstatus: accepted\ndecisions: b\n"},
			"", nil,
			[]string{"../.sfpattern.yaml:3: decisions_dir: names the decisions folder, as decisions does (line 1)"},
		},
		{
			".adr-dir of two lines",
			map[string]string{"repo/.adr-dir": "doc/adr\ndoc/other\n"},
			"", nil,
			[]string{"../.adr-dir:2: holds more than one line"},
		},
		{
			"an empty .adr-dir",
			map[string]string{"repo/.adr-dir": "\n"},
			"", nil,
			[]string{"../.adr-dir:1: is empty; expected the folder of the decision records"},
		},
		{
			".adr-dir with an escape",
			map[string]string{"repo/.adr-dir": "doc/\x1b]0;pwned\x07adr\n"},
			"", nil,
			[]string{"../.adr-dir:1: \"doc/\\x1b]0;pwned\\aadr\" contains a control character (\\u001b)"},
		},
		{
			"a huge .adr-dir",
			map[string]string{"repo/.adr-dir": strings.Repeat("d/", 3000)},
			"", nil,
			[]string{"../.adr-dir: file is 6,000 bytes; the limit is 4,096"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root, userDir := inRepo(t, tc.env, tc.files)
			if tc.user != "" {
				testtree.Write(t, userDir, map[string]string{"config.yaml": tc.user})
			}
			t.Chdir(filepath.Join(root, "repo", "src"))
			_, err := Load(Settings{})
			requireProblems(t, err, tc.want)
		})
	}
}

// requireProblems checks that err is one problem per wanted fragment, in order.
func requireProblems(t *testing.T, err error, want []string) {
	t.Helper()
	ps := rules.AsProblems(err)
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(ps), len(want), err)
	}
	for i, p := range ps {
		if !strings.Contains(p.Error(), want[i]) {
			t.Errorf("problem %d is %q; want it to hold %q", i+1, p.Error(), want[i])
		}
	}
}
