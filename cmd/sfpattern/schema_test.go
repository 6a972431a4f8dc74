package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/sfpattern/sfpattern/internal/shipped"
	"github.com/sfpattern/sfpattern/rules"
)

// TestSchemaAnswers: `schema answers` prints the schema its $id serves (the shipped file), with
// a property for every question.
func TestSchemaAnswers(t *testing.T) {
	code, out, errOut := runCmd(t, "", "schema", "answers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	file, err := os.ReadFile("../../rules/answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(file) {
		t.Error("sfpattern schema answers differs from rules/answers.schema.json")
	}
	var s struct {
		ID         string                     `json:"$id"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != rules.AnswersSchemaURL {
		t.Errorf("$id %q", s.ID)
	}
	for _, q := range shipped.Catalog(t).Questions {
		if _, ok := s.Properties[q.ID]; !ok {
			t.Errorf("no property for %s", q.ID)
		}
	}
}
