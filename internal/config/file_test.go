package config

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/testtree"

	"github.com/sfpattern/sfpattern/internal/casefiles"
	"github.com/sfpattern/sfpattern/rules"
)

// badDir holds hand-written bad configuration files, with their expected messages.
const badDir = "../../testdata/config/bad"

// TestBadConfigFiles: every file in testdata/config/bad is refused, each problem naming the
// file, and the message holds every fragment its expect.yaml entry lists.
func TestBadConfigFiles(t *testing.T) {
	casefiles.Run(t, badDir, "*", func(t *testing.T, name string, input []byte, want []string) {
		_, err := parse(name, input)
		ps := rules.AsProblems(err)
		if ps == nil {
			t.Fatalf("not refused as problems: %v", err)
		}
		for _, p := range ps {
			if p.File != name {
				t.Errorf("problem names %q, not the file: %v", p.File, p)
			}
		}
		msg := err.Error()
		for _, fragment := range want {
			if !strings.Contains(msg, fragment) {
				t.Errorf("message lacks %q:\n%s", fragment, msg)
			}
		}
	})
}

// TestConfigTooLarge: a file over 1 MiB is refused by its size, before it is parsed.
func TestConfigTooLarge(t *testing.T) {
	data := []byte("# " + strings.Repeat("x", rules.MaxFileSize) + "\nstatus: accepted\n")
	if _, err := parse("big.yaml", data); err == nil || !strings.Contains(err.Error(), "the limit is 1,048,576") {
		t.Errorf("a 1 MiB file: %v", err)
	}
	root := t.TempDir()
	testtree.Write(t, root, map[string]string{"big.yaml": string(data)})
	p := project{cwd: root, root: root}
	if _, ps := p.readConfig(root + "/big.yaml"); ps == nil || !strings.Contains(ps.Error(), "big.yaml: file is 1,048,596 bytes; the limit is 1,048,576") {
		t.Errorf("reading a 1 MiB file: %v", ps)
	}
}

// TestGoodConfigFiles: what each key accepts, written the ways people write YAML.
func TestGoodConfigFiles(t *testing.T) {
	cases := []struct {
		name, data string
		want       Settings
	}{
		{"empty", "", Settings{}},
		{"comments only", "# nothing yet\n\n  # really\n", Settings{}},
		{"a byte-order mark", "\ufeffstatus: accepted\n", Settings{Status: ptr("accepted")}},
		{"JSON", `{"status": "Deprecated", "informed": ["Ops"]}`, Settings{Status: ptr("deprecated"), Informed: ptr([]string{"Ops"})}},
		{"block lists, names trimmed", "decision_makers:\n  - Ana Souza\n  - ' Raj Patel '\n", Settings{DecisionMakers: ptr([]string{"Ana Souza", "Raj Patel"})}},
		{"a name with a comma stays one name", "consulted: [\"Souza, Ana\"]\n", Settings{Consulted: ptr([]string{"Souza, Ana"})}},
		{"an alias", "decision_makers: &team [Ana, Raj]\nconsulted: *team\n", Settings{DecisionMakers: ptr([]string{"Ana", "Raj"}), Consulted: ptr([]string{"Ana", "Raj"})}},
		{"a key with no value is absent", "status:\ndecisions_dir: ~\n", Settings{}},
		{"an empty list is no one", "informed: []\n", Settings{Informed: ptr([]string{})}},
		{"superseded by", "status: superseded   by ADR-0012\n", Settings{Status: ptr("superseded by ADR-0012")}},
		{"a folder as written", "decisions_dir: ../architecture/decisions/\n", Settings{DecisionsDir: ptr("../architecture/decisions/")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse("c.yaml", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if show(got) != show(tc.want) {
				t.Errorf("got %s, want %s", show(got), show(tc.want))
			}
		})
	}
}

// show prints settings with what their pointers hold.
func show(s Settings) string {
	var b strings.Builder
	str := func(k string, v *string) {
		if v != nil {
			b.WriteString(k + "=" + *v + " ")
		}
	}
	list := func(k string, v *[]string) {
		if v != nil {
			b.WriteString(k + "=[" + strings.Join(*v, "|") + "] ")
		}
	}
	str(keyDecisions, s.DecisionsDir)
	str(keyStatus, s.Status)
	list(keyDecisionMakers, s.DecisionMakers)
	list(keyConsulted, s.Consulted)
	list(keyInformed, s.Informed)
	list(keyRules, s.Rules)
	list(keyAddons, s.Addons)
	str(keyOrgLimits, s.OrgLimits)
	if s.defaults != nil {
		b.WriteString(keyDefaults + "=" + strconv.Itoa(len(s.defaults.node.Content)/2) + " fields ")
	}
	return "{" + b.String() + "}"
}
