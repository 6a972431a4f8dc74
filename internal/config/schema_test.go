package config

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestSchemaFileCurrent keeps config.schema.json, which SchemaURL points editors at, equal to
// the generated schema.
func TestSchemaFileCurrent(t *testing.T) {
	want := Schema(shipped.Catalog(t))
	got, err := os.ReadFile("config.schema.json")
	if err != nil || !bytes.Equal(got, want) {
		if os.Getenv("SFPATTERN_UPDATE_SCHEMA") == "1" {
			if err := os.WriteFile("config.schema.json", want, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Fatalf("internal/config/config.schema.json is out of date: run SFPATTERN_UPDATE_SCHEMA=1 go test ./internal/config")
	}
}

// compileSchema compiles the generated schema with a full JSON Schema implementation.
func compileSchema(t *testing.T, cat *rules.Catalog) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema(cat)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemaAccepts validates a configuration written in YAML against the schema.
func schemaAccepts(t *testing.T, s *jsonschema.Schema, text string) bool {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst) == nil
}

// readerAccepts reports whether the reader takes a configuration, checking its defaults and
// add-ons with the question set; that files exist is Load's to check, not the schema's.
func readerAccepts(cat *rules.Catalog, text string) bool {
	s, err := parse("c.yaml", []byte(text))
	if err != nil {
		return false
	}
	c := Config{Addons: deref(s.Addons), Defaults: Defaults{layers: layers(s)}, from: s.from}
	if _, err := c.Defaults.Answers(cat); err != nil {
		return false
	}
	_, err = c.AddonAmounts(cat)
	return err == nil
}

// TestSchemaAgreesWithReader: the schema accepts the configurations the reader accepts and
// refuses those it refuses by shape, type or value (not those it refuses for a character, an
// encoding or a file that is not there, which a schema cannot see).
func TestSchemaAgreesWithReader(t *testing.T) {
	cat := shipped.Catalog(t)
	s := compileSchema(t, cat)
	edition, licences, middleware := cat.Role(rules.RoleEdition).ID, cat.Role(rules.RoleLicences).ID, cat.Role(rules.RoleMiddleware).ID
	cases := []struct {
		name, text string
		good       bool
	}{
		{"every key", "decisions: docs/adr\nstatus: Superseded by ADR-0007\ndecision_makers: [Ana]\nconsulted: []\ninformed: [Ops]\n" +
			"defaults:\n  " + edition + ": unlimited\n  " + licences + ": 900\n  " + middleware + ": true\n" +
			"rules: [policy.yaml]\naddons: {event_delivery_per_day: 100000, bulk_batches_per_day: 5k}\norg_limits: limits.json\n", true},
		{"the older name of decisions", "decisions_dir: docs/adr\n", true},
		{"keys with nothing after them", "status:\ndefaults:\naddons:\n", true},
		{"a status in capitals", "status: ACCEPTED\n", true},
		{"both names of decisions", "decisions: a\ndecisions_dir: b\n", false},
		{"an unknown key", "colour: blue\n", false},
		{"an unknown status", "status: approved\n", false},
		{"accepted by someone", "status: accepted by Ana\n", false},
		{"names as text", "informed: Ops\n", false},
		{"rules as text", "rules: policy.yaml\n", false},
		{"an org-limits list", "org_limits: [a.json]\n", false},
		{"an unknown field", "defaults: {editon: unlimited}\n", false},
		{"an unknown option", "defaults: {" + edition + ": platinum}\n", false},
		{"a number out of range", "defaults: {" + licences + ": -1}\n", false},
		{"a number as text", "defaults: {" + licences + ": many}\n", false},
		{"a boolean as text", "defaults: {" + middleware + ": maybe}\n", false},
		{"defaults as a list", "defaults: [a]\n", false},
		{"an add-on no one sells", "addons: {warp_drives: 1}\n", false},
		{"an add-on of a mapping", "addons: {event_delivery_per_day: {a: 1}}\n", false},
		{"a negative add-on", "addons: {event_delivery_per_day: -1}\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := readerAccepts(cat, tc.text); got != tc.good {
				t.Errorf("the reader accepts it: %v, want %v", got, tc.good)
			}
			if got := schemaAccepts(t, s, tc.text); got != tc.good {
				t.Errorf("the schema accepts it: %v, want %v", got, tc.good)
			}
		})
	}
}
