package rules_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestAnswersSchemaFileCurrent keeps the schema shipped in the repository, which the $id URL
// serves, equal to the generated one.
func TestAnswersSchemaFileCurrent(t *testing.T) {
	want := shipped.Catalog(t).AnswersSchema()
	got, err := os.ReadFile("answers.schema.json")
	if err != nil || !bytes.Equal(got, want) {
		if os.Getenv("SFPATTERN_UPDATE_SCHEMA") == "1" {
			if err := os.WriteFile("answers.schema.json", want, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Fatalf("rules/answers.schema.json is out of date: run SFPATTERN_UPDATE_SCHEMA=1 go test ./rules")
	}
}

// TestAnswersSchemaQuestions: every question is a property, typed by its kind, with its options
// and bounds; nothing else is allowed but schema_version.
func TestAnswersSchemaQuestions(t *testing.T) {
	cat := shipped.Catalog(t)
	var s struct {
		Schema     string `json:"$schema"`
		ID         string `json:"$id"`
		Additional *bool  `json:"additionalProperties"`
		Properties map[string]struct {
			Type        string   `json:"type"`
			Enum        []string `json:"enum"`
			Minimum     *int64   `json:"minimum"`
			Maximum     *int64   `json:"maximum"`
			MaxLength   int      `json:"maxLength"`
			Title       string   `json:"title"`
			Description string   `json:"description"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(cat.AnswersSchema(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.ID != rules.AnswersSchemaURL || s.Additional == nil || *s.Additional {
		t.Errorf("$schema %q, $id %q, additionalProperties %v", s.Schema, s.ID, s.Additional)
	}
	types := map[rules.Kind]string{rules.KindText: "string", rules.KindSelect: "string", rules.KindNumber: "integer", rules.KindBoolean: "boolean"}
	for _, q := range cat.Questions {
		p, ok := s.Properties[q.ID]
		switch {
		case !ok:
			t.Errorf("%s: not in the schema", q.ID)
		case p.Type != types[q.Kind] || !slices.Equal(p.Enum, q.OptionIDs()) && q.Kind == rules.KindSelect:
			t.Errorf("%s: type %s, enum %v", q.ID, p.Type, p.Enum)
		case q.Min.Set && (p.Minimum == nil || *p.Minimum != q.Min.Value), q.Max.Set && (p.Maximum == nil || *p.Maximum != q.Max.Value):
			t.Errorf("%s: bounds %v..%v", q.ID, p.Minimum, p.Maximum)
		case p.MaxLength != q.MaxLength, p.Title != q.Title, len(p.Description) < len(q.Title):
			t.Errorf("%s: maxLength %d, title %q, description %q", q.ID, p.MaxLength, p.Title, p.Description)
		}
	}
	if len(s.Properties) != len(cat.Questions)+1 {
		t.Errorf("%d properties for %d questions and schema_version", len(s.Properties), len(cat.Questions))
	}
}

// answersValidator compiles the answers schema with a full JSON Schema implementation.
func answersValidator(t *testing.T) func(v any) error {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(shipped.Catalog(t).AnswersSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(rules.AnswersSchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(rules.AnswersSchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	return func(v any) error {
		data, err := json.Marshal(v) // YAML's ints and maps, as JSON would carry them
		if err != nil {
			return err
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		return schema.Validate(inst)
	}
}

// TestAnswersSchemaAcceptsTheSamples: the sample answers files, every scenario's answers, every
// integration of the sample portfolios and a partial draft are valid.
func TestAnswersSchemaAcceptsTheSamples(t *testing.T) {
	validate := answersValidator(t)
	cat := shipped.Catalog(t)
	checked := 0
	valid := func(what string, v any) {
		t.Helper()
		checked++
		if err := validate(v); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	samples, _ := filepath.Glob("../testdata/answers/*")
	for _, f := range samples {
		valid(f, readYAML(t, f))
	}
	scenarios, _ := filepath.Glob("../testdata/scenarios/*.yaml")
	for _, f := range scenarios {
		valid(f, readYAML(t, f).(map[string]any)["answers"])
	}
	for _, f := range []string{"../testdata/portfolio/acme-enterprise.yaml", "../testdata/portfolio/retail-over-delivery.yaml"} {
		for i, entry := range readYAML(t, f).(map[string]any)["integrations"].([]any) {
			valid(fmt.Sprintf("%s, integration %d", f, i+1), entry)
		}
	}
	title := cat.Role(rules.RoleTitle).ID
	valid("a draft", map[string]any{"schema_version": 1, title: "Half done"})
	if checked < len(scenarios)+3 {
		t.Fatalf("only %d answers validated", checked)
	}
}

// TestAnswersSchemaRefusesBadInput: every bad answers file the schema can tell is refused; the
// rest are listed with why no schema can.
func TestAnswersSchemaRefusesBadInput(t *testing.T) {
	validate := answersValidator(t)
	beyond := map[string]string{
		"content-after-end.yaml": "a YAML stream matter: the first document alone is valid",
		"second-document.yaml":   "a YAML stream matter: the first document alone is valid",
		"trailing-comma.json":    "YAML reads the comma JSON refuses",
		"missing-required.yaml":  "a draft may leave any answer out",
		"run-above-day.yaml":     "a check across two answers",
	}
	for _, name := range []string{"bidi-override", "c1-csi", "clear-screen", "nul", "osc52-clipboard", "two-lines", "zero-width"} {
		beyond["name-"+name+".yaml"] = "characters the reader refuses in a name; editors' regular expressions differ too much to say it"
	}
	files, _ := filepath.Glob("../testdata/bad/*")
	refused := 0
	for _, f := range files {
		base := filepath.Base(f)
		data, _ := os.ReadFile(f)
		var v any
		if yaml.Unmarshal(data, &v) != nil {
			continue // not YAML at all: editors say so before any schema
		}
		err := validate(v)
		switch why, listed := beyond[base]; {
		case listed && err != nil:
			t.Errorf("%s is refused after all; take it off the list (%s)", base, why)
		case !listed && err == nil:
			t.Errorf("%s is valid against the schema", base)
		case err != nil:
			refused++
		}
	}
	if refused < 25 {
		t.Errorf("only %d bad files refused", refused)
	}
	title := rules.RoleTitle
	cat := shipped.Catalog(t)
	for what, v := range map[string]any{
		"schema version 2": map[string]any{"schema_version": 2},
		"a long title":     map[string]any{cat.Role(title).ID: strings.Repeat("x", cat.Role(title).MaxLength+1)},
		"a fraction":       map[string]any{cat.Role(rules.RoleDailyVolume).ID: 2.5},
	} {
		if validate(v) == nil {
			t.Errorf("%s is valid", what)
		}
	}
}

func readYAML(t *testing.T, file string) any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}
