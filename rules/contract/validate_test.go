package contract

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/shipped"
)

// TestValidatorAgreesWithLibrary checks the built-in validator against a full JSON Schema
// implementation on the sample contracts and on mutations of them: both must accept and refuse
// the same documents.
func TestValidatorAgreesWithLibrary(t *testing.T) {
	cat := shipped.Catalog(t)
	raw := Schema(cat)
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURL, doc); err != nil {
		t.Fatal(err)
	}
	lib, err := c.Compile(SchemaURL)
	if err != nil {
		t.Fatal(err)
	}
	var mine map[string]any
	if err := json.Unmarshal(raw, &mine); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/contracts/*.yaml")
	checked := 0
	for _, file := range files {
		data, _ := os.ReadFile(file)
		var v any
		if yaml.Unmarshal(data, &v) != nil {
			continue
		}
		m, ok := normalizeYAML(v).(map[string]any)
		if !ok {
			continue
		}
		for name, mutate := range mutations() {
			doc := deepCopy(m)
			mutate(doc)
			var issues []schemaIssue
			validate(mine, doc, nil, &issues)
			j, _ := json.Marshal(doc)
			inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(j))
			libOK := lib.Validate(inst) == nil
			if libOK != (len(issues) == 0) {
				t.Errorf("%s / %s: library valid=%v, built-in issues=%v", filepath.Base(file), name, libOK, issues)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("only %d documents compared", checked)
	}
}

func mutations() map[string]func(map[string]any) {
	return map[string]func(map[string]any){
		"as is":             func(map[string]any) {},
		"unknown key":       func(d map[string]any) { d["colour"] = "blue" },
		"missing section":   func(d map[string]any) { delete(d, "delivery") },
		"wrong type":        func(d map[string]any) { sub(d, "volume")["per_day"] = "many" },
		"negative":          func(d map[string]any) { sub(d, "volume")["per_day"] = -1.0 },
		"fraction":          func(d map[string]any) { sub(d, "receiver")["subscribers"] = 2.5 },
		"bad enum":          func(d map[string]any) { d["direction"] = "sideways" },
		"empty text":        func(d map[string]any) { d["variant"] = "" },
		"empty list":        func(d map[string]any) { d["recovery_runbook"] = []any{} },
		"todo number":       func(d map[string]any) { sub(sub(d, "error_path"), "alert")["dlq_depth_threshold"] = "TODO: later" },
		"bad todo number":   func(d map[string]any) { sub(sub(d, "error_path"), "alert")["dlq_depth_threshold"] = "ten" },
		"wrong schema ver":  func(d map[string]any) { d["schema_version"] = 2.0 },
		"nested unknown":    func(d map[string]any) { sub(d, "payload")["encoding"] = "utf-8" },
		"monitor not a map": func(d map[string]any) { d["monitoring"] = []any{"watch it"} },
	}
}

func sub(d map[string]any, key string) map[string]any {
	m, ok := d[key].(map[string]any)
	if !ok {
		m = map[string]any{}
		d[key] = m
	}
	return m
}

func deepCopy(m map[string]any) map[string]any {
	j, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(j, &out)
	return out
}
