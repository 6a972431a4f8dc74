package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
)

// answersWithout is the order-events answers file without the lines of the given fields,
// written into the working folder as name.
func answersWithout(t *testing.T, name string, ids ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "answers", "order-events.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		drop := false
		for _, id := range ids {
			drop = drop || strings.HasPrefix(line, id+":")
		}
		if !drop {
			kept = append(kept, line)
		}
	}
	if err := os.WriteFile(name, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// repoRootDir is the module's root, found from the package's folder before any test moves away.
var repoRootDir = func() string { d, _ := filepath.Abs("../.."); return d }()

// repoRoot is the module's root.
func repoRoot(t *testing.T) string {
	t.Helper()
	return repoRootDir
}

// decidedAnswers runs recommend --format json and returns the answers it decided on.
func decidedAnswers(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errOut := runCmd(t, "", append([]string{"recommend", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	var d struct {
		Answers map[string]any `json:"answers"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	return d.Answers
}

// TestConfigDefaultsApply: a repository root's defaults fill the fields an answers file leaves
// out, from a folder below; the file's own value and --set beat them, and they beat the
// question set's defaults.
func TestConfigDefaultsApply(t *testing.T) {
	edition, licences := idOf(rules.RoleEdition), idOf(rules.RoleLicences)
	project(t, map[string]string{".sfpattern.yaml": "defaults: {" + edition + ": unlimited, " + licences + ": 900}\n"})
	file := answersWithout(t, "x.yaml", edition, licences)
	a := decidedAnswers(t, "--answers", file)
	if a[edition] != "unlimited" || a[licences] != 900.0 {
		t.Errorf("with the defaults: %s %v, %s %v; want unlimited, 900", edition, a[edition], licences, a[licences])
	}
	a = decidedAnswers(t, "--answers", filepath.Join(repoRoot(t), "testdata/answers/order-events.yaml"), "--set", licences+"=50")
	if a[edition] != "unlimited" || a[licences] != 50.0 {
		t.Errorf("the file's own edition and --set: %v, %v; want unlimited (the file's), 50", a[edition], a[licences])
	}
	os.WriteFile("../.sfpattern.yaml", []byte("defaults: {"+licences+": 900}\n"), 0o644)
	a = decidedAnswers(t, "--answers", file)
	if a[edition] != "enterprise" || a[licences] != 900.0 {
		t.Errorf("a default for licences only: %v, %v; want the question set's edition (enterprise), 900", a[edition], a[licences])
	}
}

// TestConfigDefaultsEverywhere: every command that takes answers reads the defaults (a bad
// one stops each with its file and line), and a record written with them replays on check
// after the configuration is gone, since it stores the answers it was decided on.
func TestConfigDefaultsEverywhere(t *testing.T) {
	edition, licences := idOf(rules.RoleEdition), idOf(rules.RoleLicences)
	project(t, map[string]string{".sfpattern.yaml": "defaults:\n  " + edition + ": unlimited\n  " + licences + ": 900\n"})
	file := answersWithout(t, "x.yaml", edition, licences)
	for _, args := range [][]string{
		{"recommend", "-a", file}, {"contract", "-a", file}, {"whatif", "-a", file}, {"record", "-a", file, "-o", "-"}, {"--answers", file},
	} {
		if code, _, errOut := runCmd(t, "", args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
	}
	// The wizard without a terminal prints the record: the defaults stand, as for recommend.
	if code, out, errOut := runCmd(t, "", "--answers", file); code != 0 || !strings.Contains(out, "\n  "+licences+": 900\n") {
		t.Errorf("the wizard's record: exit %d, %s; want %s: 900 in its answers block", code, errOut, licences)
	}
	if code, _, errOut := runCmd(t, "", "record", "-a", file, "--date", pinnedDate); code != 0 {
		t.Fatalf("record: exit %d: %s", code, errOut)
	}
	os.Remove("../.sfpattern.yaml")
	if code, out, errOut := runCmd(t, "", "check"); code != 0 || out != "1 checked, 0 stale, 0 skipped\n" {
		t.Errorf("check without the configuration: exit %d, %q, %s", code, out, errOut)
	}
	os.WriteFile("../.sfpattern.yaml", []byte("defaults:\n  "+edition+": unlimited\n  "+licences+": lots\n"), 0o644)
	want := filepath.FromSlash("../.sfpattern.yaml:3: defaults." + licences + ":")
	for _, args := range [][]string{
		{"recommend", "-a", file},
		{"contract", "-a", file},
		{"whatif", "-a", file},
		{"record", "-a", file, "-o", "-"},
		{"--answers", file},
		{"portfolio", filepath.Join(repoRoot(t), "testdata/portfolio/acme-enterprise.yaml")},
		{"config"},
	} {
		if code, out, errOut := runCmd(t, "", args...); code != 2 || out != "" || !strings.Contains(errOut, want) {
			t.Errorf("%v with a bad default: exit %d, stdout %q, stderr %q; want 2 and %q", args, code, out, errOut, want)
		}
	}
}

// TestPortfolioDefaults: an entry that leaves a field out takes the configured default, while
// edition and licences still come from the portfolio's org.
func TestPortfolioDefaults(t *testing.T) {
	edition, licences, ack := idOf(rules.RoleEdition), idOf(rules.RoleLicences), idOf(rules.RoleAcknowledgement)
	project(t, map[string]string{})
	entry := answersWithout(t, "entry.yaml", edition, licences, ack, "#")
	data, _ := os.ReadFile(entry)
	var fields map[string]any
	if err := yaml.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	doc, _ := yaml.Marshal(map[string]any{"org": map[string]any{edition: "enterprise", licences: 400}, "integrations": []any{fields}})
	os.WriteFile("p.yaml", doc, 0o644)
	if code, _, errOut := runCmd(t, "", "portfolio", "p.yaml"); code != 2 || !strings.Contains(errOut, ack+": missing") {
		t.Fatalf("without a default for %s: exit %d: %s", ack, code, errOut)
	}
	os.WriteFile("../.sfpattern.yaml", []byte("defaults: {"+ack+": delivery, "+edition+": unlimited}\n"), 0o644)
	code, out, errOut := runCmd(t, "", "portfolio", "p.yaml", "--format", "json")
	if code != 0 || !strings.Contains(out, `"edition":"enterprise"`) || !strings.Contains(out, `"mechanism":"platform_events"`) {
		t.Errorf("with the default: exit %d, stderr %s, stdout %.400s", code, errOut, out)
	}
}

// TestConfigRulesAndOrg: the configuration's rule files, add-ons and snapshot apply as their
// flags do; flags add rule files, replace the snapshot, and replace an add-on for its limit.
func TestConfigRulesAndOrg(t *testing.T) {
	policy, _ := os.ReadFile(filepath.Join(repoRoot(t), "testdata/policies/example.yaml"))
	limits, _ := os.ReadFile(filepath.Join(repoRoot(t), "testdata/org-limits/near-event-delivery-cap.json"))
	project(t, map[string]string{
		".sfpattern.yaml":   "rules: [policy/house.yaml]\norg_limits: limits/org.json\naddons: {bulk_batches_per_day: 7, event_delivery_per_day: 1}\n",
		"policy/house.yaml": string(policy), "limits/org.json": string(limits), "src/now.json": string(limits),
	})
	answers := filepath.Join(repoRoot(t), "testdata/answers/order-events.yaml")
	code, out, errOut := runCmd(t, "", "recommend", "-a", answers, "--format", "json")
	if code != 0 || !strings.Contains(out, `"policy-no-new-outbound-messaging"`) ||
		!strings.Contains(out, `"addons":{"bulk_batches_per_day":7,"event_delivery_per_day":1}`) || !strings.Contains(out, `"file":"../limits/org.json"`) {
		t.Errorf("the configuration's rules and org: exit %d, %s, %.300s", code, errOut, out)
	}
	code, out, errOut = runCmd(t, "", "recommend", "-a", answers, "--format", "json", "--org-limits", "now.json", "--addon", "event_delivery_per_day=5")
	if code != 0 || !strings.Contains(out, `"addons":{"bulk_batches_per_day":7,"event_delivery_per_day":5}`) || !strings.Contains(out, `"file":"now.json"`) {
		t.Errorf("flags over the configuration: exit %d, %s, %.300s", code, errOut, out)
	}
	os.WriteFile("../.sfpattern.yaml", []byte("rules: [policy/gone.yaml]\n"), 0o644)
	if code, _, errOut := runCmd(t, "", "recommend", "-a", answers); code != 2 || !strings.Contains(errOut, filepath.FromSlash(`../.sfpattern.yaml:1: rules: item 1: "../policy/gone.yaml": no such file`)) {
		t.Errorf("a missing rule file: exit %d: %s", code, errOut)
	}
}

// TestConfigCommand: `sfpattern config` names where each setting came from, in text and JSON.
func TestConfigCommand(t *testing.T) {
	edition := idOf(rules.RoleEdition)
	project(t, map[string]string{
		".sfpattern.yaml": "decisions: records\nstatus: accepted\ndefaults:\n  " + edition + ": unlimited\n", "records/": "",
		".adr-dir": "doc/adr\n",
	})
	t.Setenv("SFPATTERN_CONSULTED", "Security")
	code, out, errOut := runCmd(t, "", "config", "--informed", "Ops")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Columns are padded to the widest value; compare them with the padding as one " | ".
	table := regexp.MustCompile(` {2,}`).ReplaceAllString(out, " | ")
	for _, want := range []string{
		"project | " + filepath.FromSlash("../.sfpattern.yaml") + "\n",
		"user | ",
		"\ndecisions | " + filepath.FromSlash("../records") + " | " + filepath.FromSlash("../.sfpattern.yaml:1") + "\n",
		"\nstatus | accepted | " + filepath.FromSlash("../.sfpattern.yaml:2") + "\n",
		"\ndecision_makers | (no one) | default\n",
		"\nconsulted | Security | SFPATTERN_CONSULTED\n",
		"\ninformed | Ops | --informed\n",
		"\nrules | (none) | default\n",
		"\ndefaults." + edition + " | unlimited | " + filepath.FromSlash("../.sfpattern.yaml:4") + "\n",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	os.WriteFile("../.sfpattern.yaml", nil, 0o644)
	code, out, _ = runCmd(t, "", "config", "--format", "json")
	var got struct {
		Files    []config.File  `json:"files"`
		Settings []config.Entry `json:"settings"`
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got.Files) != 2 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	first := got.Settings[0]
	if first.Key != "decisions" || first.Value != filepath.FromSlash("../doc/adr") || first.Kind != config.KindConvention || first.From != "convention: "+filepath.FromSlash("../.adr-dir") {
		t.Errorf("the decisions folder from .adr-dir: %+v", first)
	}
}

// TestSchemaConfig: `sfpattern schema config` prints the shipped schema, and the configuration
// example the help and the README show is valid under it.
func TestSchemaConfig(t *testing.T) {
	code, out, errOut := runCmd(t, "", "schema", "config")
	shipped, err := os.ReadFile("../../internal/config/config.schema.json")
	if code != 0 || err != nil || out != string(shipped) {
		t.Fatalf("exit %d (%s), %v; the output differs from internal/config/config.schema.json", code, errOut, err)
	}
	doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(out))
	c := jsonschema.NewCompiler()
	if err := c.AddResource(config.SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(config.SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"the help's example": helpExample(), "a bad one": "status: done\ncolour: blue\n"} {
		var v any
		if err := yaml.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(v)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(j))
		if valid := schema.Validate(inst) == nil; valid != (name != "a bad one") {
			t.Errorf("%s: valid %v:\n%s", name, valid, text)
		}
	}
}

// helpExample is the configuration example of `sfpattern --help`: its indented lines.
func helpExample() string {
	var example strings.Builder
	for _, line := range strings.Split(configHelp(), "\n") {
		if yaml, ok := strings.CutPrefix(line, "    "); ok {
			example.WriteString(yaml + "\n")
		}
	}
	return example.String()
}

// TestRecordFolderConventions: without a configured folder, record writes (and check then
// reads) the folder .adr-dir names, else an existing docs/decisions, else an existing docs/adr,
// else a new docs/decisions, and config names the convention that chose it.
func TestRecordFolderConventions(t *testing.T) {
	answers := filepath.Join(repoRoot(t), "testdata/answers/order-events.yaml")
	for _, tc := range []struct {
		name   string
		files  map[string]string
		folder string
		from   string
	}{
		{".adr-dir", map[string]string{".adr-dir": "doc/arch\n", "docs/decisions/": ""}, "doc/arch", "convention: ../.adr-dir"},
		{"docs/decisions before docs/adr", map[string]string{"docs/decisions/": "", "docs/adr/": ""}, "docs/decisions", "convention: an existing ../docs/decisions"},
		{"docs/adr", map[string]string{"docs/adr/": ""}, "docs/adr", "convention: an existing ../docs/adr"},
		{"none", map[string]string{}, "docs/decisions", "default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			project(t, tc.files)
			code, _, errOut := runCmd(t, "", "record", "-a", answers, "--date", pinnedDate)
			want := filepath.FromSlash("../" + tc.folder + "/0001-")
			if code != 0 || !strings.HasPrefix(errOut, "Wrote "+want) {
				t.Fatalf("exit %d, %q; want it written to %s…", code, errOut, want)
			}
			if code, out, errOut := runCmd(t, "", "check"); code != 0 || out != "1 checked, 0 stale, 0 skipped\n" {
				t.Errorf("check: exit %d, %q, %s", code, out, errOut)
			}
			_, out, _ := runCmd(t, "", "config", "--format", "json")
			if !strings.Contains(out, `"from":"`+filepath.FromSlash(tc.from)+`"`) {
				t.Errorf("config does not say %q: %.200s", tc.from, out)
			}
		})
	}
}
