package rules

import (
	"encoding/json"
	"strings"
)

// AnswersSchemaURL is where editors find the answers file's JSON Schema: the document
// `sfpattern schema answers` prints, shipped beside this file as answers.schema.json. Every
// answers file sfpattern writes names it in its first line.
const AnswersSchemaURL = "https://raw.githubusercontent.com/sfpattern/sfpattern/main/rules/answers.schema.json"

// AnswersSchemaComment is the first line of every answers file sfpattern writes: the
// yaml-language-server modeline that has editors validate and complete the file against the
// schema. To the reader it is a comment like any other.
const AnswersSchemaComment = "# yaml-language-server: $schema=" + AnswersSchemaURL

// AnswersSchema is the JSON Schema (draft 2020-12) of an answers file, generated from the
// question set: one property per question, of its kind, with its options, bounds, fixed default
// and words, plus schema_version. No property is required, since a draft for the wizard to
// resume is an answers file too: which answers are missing depends on the others, and
// ReadAnswers says so with the question's own words.
func (c *Catalog) AnswersSchema() []byte {
	props := map[string]any{
		"schema_version": map[string]any{
			"const":       c.Knowledge.AnswersSchemaVersion,
			"description": "The answers format's version; optional.",
		},
	}
	for _, q := range c.Questions {
		props[q.ID] = q.Schema()
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  AnswersSchemaURL,
		"title":                "sfpattern answers",
		"description":          "One integration's answers to sfpattern's questions, as `sfpattern recommend --answers` and the wizard read them. Questions left out are asked by the wizard, or reported by the other commands when they are required.",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}
	data, _ := json.MarshalIndent(schema, "", "  ") // maps of strings, numbers and lists only
	return append(data, '\n')
}

// Schema is the JSON Schema of what one question accepts, as ParseAnswers checks it, with its
// words: the property of an answers file, and of a configuration's defaults.
func (q *Question) Schema() map[string]any {
	s := map[string]any{"title": q.Title, "description": questionDescription(q)}
	switch q.Kind {
	case KindSelect:
		s["type"], s["enum"] = "string", q.OptionIDs()
	case KindNumber:
		s["type"] = "integer"
		if q.Min.Set {
			s["minimum"] = q.Min.Value
		}
		if q.Max.Set {
			s["maximum"] = q.Max.Value
		}
	case KindBoolean:
		s["type"] = "boolean"
	case KindText:
		s["type"] = "string"
		if q.MinLength > 0 {
			s["minLength"] = q.MinLength
		}
		if q.MaxLength > 0 {
			s["maxLength"] = q.MaxLength
		}
	}
	if q.Default != nil && q.DefaultExpr == "" {
		s["default"] = q.Default
	}
	return s
}

// questionDescription is the question, its help and, for a choice, what each option means: what
// an editor shows beside the field.
func questionDescription(q *Question) string {
	parts := []string{q.Title}
	if q.Help != "" {
		parts = append(parts, q.Help)
	}
	if q.DefaultText != "" {
		parts = append(parts, "Default: "+q.DefaultText+".")
	}
	options := make([]string, 0, len(q.Options))
	for _, o := range q.Options {
		line := "- " + o.ID + ": " + o.Label
		if o.Help != "" {
			line += ". " + o.Help
		}
		options = append(options, line)
	}
	if len(options) > 0 {
		parts = append(parts, strings.Join(options, "\n"))
	}
	return strings.Join(parts, "\n\n")
}
