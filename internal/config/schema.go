package config

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// SchemaURL is where editors find the configuration's JSON Schema: config.schema.json beside
// this file, which a test keeps equal to what Schema generates (and `sfpattern schema config`
// prints), in the style of the contract's.
const SchemaURL = "https://raw.githubusercontent.com/sfpattern/sfpattern/main/internal/config/config.schema.json"

// JSON Schema's names of the types used more than once.
const (
	typeString = "string"
	typeObject = "object"
)

// obj is a JSON Schema object; encoding/json writes its keys sorted, so the schema is the same
// bytes on every run.
type obj = map[string]any

// Schema is the JSON Schema (draft 2020-12) of .sfpattern.yaml and config.yaml. The defaults'
// properties come from the question set, so a rule file's questions are in it too. A key with
// no value (status:) is allowed, as the reader takes it for an absent key.
func Schema(cat *rules.Catalog) []byte {
	text := func() obj { return nullable(obj{"type": typeString, "minLength": 1}) }
	names := func() obj { return nullable(obj{"type": "array", "items": obj{"type": typeString, "minLength": 1}}) }
	schema := obj{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  SchemaURL,
		"title":                "sfpattern configuration",
		"description":          "The project's .sfpattern.yaml or the user's $XDG_CONFIG_HOME/sfpattern/config.yaml: the decisions folder, a record's front matter, answers defaults, rule files, add-ons and an org-limits snapshot. Paths are relative to the file.",
		"type":                 typeObject,
		"additionalProperties": false,
		"not":                  obj{"required": []string{keyDecisions, keyDecisionsDir}, "description": "decisions_dir is the older name of decisions: give one"},
		"properties": obj{
			keyDecisions:      describe(text(), "the folder of the decision records, relative to this file"),
			keyDecisionsDir:   describe(withDeprecated(text()), "the older name of decisions"),
			keyStatus:         describe(nullable(obj{"type": typeString, "pattern": statusPattern()}), "a new record's status: "+strings.Join(record.Statuses, ", ")+", or superseded by ADR-0123"),
			keyDecisionMakers: describe(names(), "who decides"),
			keyConsulted:      describe(names(), "whose opinion is sought"),
			keyInformed:       describe(names(), "who is kept informed"),
			keyDefaults:       describe(nullable(defaultsSchema(cat)), "answers for the fields an answers file leaves out; the file's own values and --set win"),
			keyRules:          describe(names(), "an organisation's rule files, relative to this file"),
			keyAddons:         describe(nullable(addonsSchema(cat)), "purchased allocations: limit id to the amount bought"),
			keyOrgLimits:      describe(text(), "the org's real limits (the JSON of sf org list limits --json), relative to this file"),
		},
	}
	data, _ := json.MarshalIndent(schema, "", "  ")
	return append(data, '\n')
}

// defaultsSchema accepts what an answers file accepts for each question.
func defaultsSchema(cat *rules.Catalog) obj {
	props := obj{}
	for _, q := range cat.Questions {
		props[q.ID] = q.Schema()
	}
	return obj{"type": typeObject, "additionalProperties": false, "properties": props}
}

// addonsSchema names the allocations that can be bought; an amount is a whole number, or text
// such as 100k as --addon takes it.
func addonsSchema(cat *rules.Catalog) obj {
	return obj{
		"type":          typeObject,
		"propertyNames": obj{"enum": cat.AllocationIDs()},
		"additionalProperties": obj{"oneOf": []obj{
			{"type": "integer", "minimum": 0},
			{"type": typeString, "pattern": `^\s*[0-9][0-9_, ]*(\.[0-9]+)?\s*[kKmMbB]?\s*$`},
		}},
	}
}

// statusPattern matches what record.ParseStatus reads: a status in any case, superseded with
// an optional "by" and a reference, or nothing (proposed).
func statusPattern() string {
	alts := make([]string, len(record.Statuses))
	for i, s := range record.Statuses {
		alts[i] = anyCase(s)
	}
	superseded := anyCase(record.Statuses[len(record.Statuses)-1]) + `\s+` + anyCase("by") + `\s+\S.*`
	return `^\s*(` + strings.Join(alts, "|") + `|` + superseded + `)?\s*$`
}

// anyCase is a pattern matching word in upper or lower case, letter by letter (JSON Schema's
// regular expressions have no case-insensitive flag).
func anyCase(word string) string {
	var b strings.Builder
	for _, r := range word {
		if unicode.IsLetter(r) {
			b.WriteString("[" + string(unicode.ToLower(r)) + string(unicode.ToUpper(r)) + "]")
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

func nullable(s obj) obj { return obj{"anyOf": []obj{s, {"type": "null"}}} }

func withDeprecated(s obj) obj { return obj{"anyOf": s["anyOf"], "deprecated": true} }

func describe(s obj, text string) obj {
	s["description"] = text
	return s
}
