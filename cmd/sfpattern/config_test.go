package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/internal/testtree"
	"github.com/sfpattern/sfpattern/rules"
)

// isolateConfig keeps the machine's configuration out of the tests: no SFPATTERN_* variable,
// and an empty user configuration folder. Whole-process tests inherit both. It returns what
// puts things back.
func isolateConfig() (restore func()) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, config.EnvPrefix) {
			os.Unsetenv(name)
		}
	}
	dir, err := os.MkdirTemp("", "sfpattern-xdg-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	return func() { os.RemoveAll(dir) }
}

// project makes a repository in a temporary folder with the given files (a name ending in /
// is a folder) and moves into its src folder, as a developer working in it would be.
func project(t *testing.T, files map[string]string) {
	t.Helper()
	root := t.TempDir()
	files[".git/"], files["src/"] = "", ""
	testtree.Write(t, root, files)
	t.Chdir(filepath.Join(root, "src"))
}

const teamConfig = `# the integration team's defaults
decisions_dir: architecture/decisions
status: accepted
decision_makers: [Ana Souza, Raj Patel]
consulted: [Integration CoE]
`

// TestRecordUsesConfig: `record` writes to the configured folder with the configured front
// matter; flags, even empty ones, and the environment override it.
func TestRecordUsesConfig(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	project(t, map[string]string{".sfpattern.yaml": teamConfig})
	const name = "use-platform-events-for-order-status-to-fulfilment-systems.md"
	rec := func(args ...string) (int, string, string) {
		return runCmd(t, "", append([]string{"record", "-a", answers, "--date", pinnedDate}, args...)...)
	}
	code, _, errOut := rec()
	want := filepath.FromSlash("../architecture/decisions/0001-" + name)
	if code != 0 || strings.TrimSpace(errOut) != "Wrote "+want {
		t.Fatalf("exit %d, stderr %q; want it written to %s", code, errOut, want)
	}
	data, err := os.ReadFile(want)
	requireFrontMatter(t, "the configuration's", string(data), err,
		"status: accepted", "decision-makers: [Ana Souza, Raj Patel]", "consulted: [Integration CoE]", "informed: []")

	_, out, _ := rec("-o", "-", "--status", "", "--decision-makers", "", "--informed", "Ops")
	requireFrontMatter(t, "empty flags", out, nil, "status: proposed", "decision-makers: []", "consulted: [Integration CoE]", "informed: [Ops]")

	t.Setenv("SFPATTERN_STATUS", "deprecated")
	t.Setenv("SFPATTERN_CONSULTED", "Security, Finance")
	_, out, _ = rec("-o", "-")
	requireFrontMatter(t, "the environment's", out, nil, "status: deprecated", "decision-makers: [Ana Souza, Raj Patel]", "consulted: [Security, Finance]")

	if code, _, errOut := rec("-o", "adr"); code != 0 || strings.TrimSpace(errOut) != "Wrote "+filepath.FromSlash("adr/0001-"+name) {
		t.Errorf("-o over the configured folder: exit %d, %q", code, errOut)
	}
}

// requireFrontMatter checks that a record's front matter holds each line.
func requireFrontMatter(t *testing.T, what, record string, err error, lines ...string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s record: %v", what, err)
	}
	front, _, _ := strings.Cut(strings.TrimPrefix(record, "---\n"), "\n---\n")
	for _, l := range lines {
		if !strings.Contains("\n"+front+"\n", "\n"+l+"\n") {
			t.Errorf("%s record lacks %q:\n%s", what, l, front)
		}
	}
}

// TestCheckUsesConfig: `check` without a PATH reads the configured folder, or the one .adr-dir
// names, and reports records as the user would type their paths.
func TestCheckUsesConfig(t *testing.T) {
	current, err := os.ReadFile("../../testdata/decisions/0001-use-platform-events-for-order-status-to-fulfilment-systems.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, config, folder string
	}{
		{".sfpattern.yaml", ".sfpattern.yaml", "architecture/decisions"},
		{".adr-dir", ".adr-dir", "doc/arch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content := map[string]string{".sfpattern.yaml": teamConfig, ".adr-dir": "doc/arch\n"}[tc.config]
			project(t, map[string]string{tc.config: content, tc.folder + "/0001-current.md": string(current)})
			code, out, errOut := runCmd(t, "", "check", "--format", "json")
			file := filepath.FromSlash("../" + tc.folder + "/0001-current.md")
			if code != 0 || !strings.Contains(out, `"file":"`+file+`"`) || !strings.Contains(out, `"checked":1`) {
				t.Errorf("exit %d, stdout %s, stderr %s; want %s checked", code, out, errOut, file)
			}
		})
	}
}

// TestBadConfigIsBadInput: a bad configuration is exit 2, naming the file and line, for every
// command that reads it (all that take answers, rules or an org), and nothing for those that
// do not.
func TestBadConfigIsBadInput(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	record := abs(t, "../../testdata/decisions/0001-use-platform-events-for-order-status-to-fulfilment-systems.md")
	project(t, map[string]string{".sfpattern.yaml": "decisions_dir: docs/adr\nstatus: approved\n"})
	const want = `sfpattern: ../.sfpattern.yaml:2: status: unknown status "approved"; use one of proposed, rejected, accepted, deprecated, superseded`
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"record", "-a", answers}, 2},
		{[]string{"check"}, 2},
		{[]string{"--answers", answers}, 2}, // the wizard
		{[]string{"check", record}, 2},      // a PATH given: the configuration's rules and org still apply
		{[]string{"recommend", "-a", answers}, 2},
		{[]string{"schema", "contract"}, 0},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.code, errOut)
		}
		if tc.code == 2 && (out != "" || !strings.Contains(errOut, filepath.FromSlash(want))) {
			t.Errorf("%v: stdout %q, stderr %q; want %q", tc.args, out, errOut, want)
		}
	}
}

// TestWizardRecordUsesConfig: the record the wizard prints when it need not ask carries the
// configuration's front matter.
func TestWizardRecordUsesConfig(t *testing.T) {
	answers := abs(t, "../../testdata/answers/order-events.yaml")
	project(t, map[string]string{".sfpattern.yaml": teamConfig})
	code, out, errOut := runCmd(t, "", "--answers", answers)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	requireFrontMatter(t, "the wizard's", out, nil, "status: accepted", "decision-makers: [Ana Souza, Raj Patel]")
}

// TestConfigExample: the example in `sfpattern --help` is a configuration that loads as it
// says (with the files it names in place), and the README shows the same one.
func TestConfigExample(t *testing.T) {
	example := helpExample()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```yaml\n"+example+"```\n") {
		t.Errorf("the README's configuration example is not the one in configHelp:\n%s", example)
	}
	policy, _ := os.ReadFile("../../testdata/policies/example.yaml")
	limits, _ := os.ReadFile("../../testdata/org-limits/near-event-delivery-cap.json")
	project(t, map[string]string{".sfpattern.yaml": example, "policy/integration.yaml": string(policy), "limits.json": string(limits)})
	cfg, err := config.Load(config.Settings{})
	want := config.Config{
		DecisionsDir: filepath.FromSlash("../docs/architecture/decisions"), Record: config.Record{
			Status:         "accepted",
			DecisionMakers: []string{"Ana Souza", "Raj Patel"}, Consulted: []string{"Integration CoE"}, Informed: []string{"Warehouse team"},
		},
		Rules: []string{filepath.FromSlash("../policy/integration.yaml")}, OrgLimits: filepath.FromSlash("../limits.json"),
		Addons: []string{"event_delivery_per_day=100000"},
	}
	if err != nil || cfg.DecisionsDir != want.DecisionsDir || !reflect.DeepEqual(cfg.Record, want.Record) ||
		!reflect.DeepEqual(cfg.Rules, want.Rules) || cfg.OrgLimits != want.OrgLimits || !reflect.DeepEqual(cfg.Addons, want.Addons) {
		t.Errorf("the example loads as %+v (%v); want %+v", cfg, err, want)
	}
	code, out, errOut := runCmd(t, "", "config")
	table := regexp.MustCompile(` {2,}`).ReplaceAllString(out, " | ")
	if code != 0 || !strings.Contains(table, "\ndefaults."+idOf(rules.RoleLicences)+" | 900 | ") || !strings.Contains(table, "\naddons.event_delivery_per_day | 100,000 | ") {
		t.Errorf("sfpattern config on the example: exit %d, %s\n%s", code, errOut, out)
	}
}
