package contract

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
)

// Finding levels.
const (
	LevelError   = "error"
	LevelWarning = "warning"
)

// Finding codes: what a finding is about, for tools that read `lint --format json`.
const (
	CodeSchema    = "schema"     // the contract breaks its JSON Schema
	CodeTodo      = "todo"       // a value only the team can fill in is still TODO
	CodeText      = "text"       // a key or value holds what a terminal must not get (a control character)
	CodeFacts     = "facts"      // the contract's facts are not answers the engine accepts
	CodeEngine    = "engine"     // the engine rules the mechanism out, prefers another or another pattern, or fails
	CodeBudget    = "budget"     // the limits budget is missing a limit, disagrees with the engine, or is over
	CodeRecovery  = "recovery"   // the receiver may be down longer than Salesforce bridges
	CodeStress    = "stress"     // the stress test goes over a limit
	CodeErrorPath = "error-path" // no dead-letter queue, or no retries where the mechanism does not retry
	CodeDelivery  = "delivery"   // no idempotency key, or no replay position where the mechanism needs one
	CodePayload   = "payload"    // the payload is above the mechanism's message limit
)

// Finding is one thing lint has to say about a contract, located by line and field path.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Path    string `json:"path,omitempty"`
	Level   string `json:"level"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	loc := safetext.Name(f.File)
	if f.Line > 0 {
		loc += fmt.Sprintf(":%d", f.Line)
	}
	if f.Path != "" {
		return fmt.Sprintf("%s: %s: %s: %s", loc, f.Level, f.Path, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", loc, f.Level, f.Message)
}

// Linter checks filled-in contracts against the schema, for TODOs left, and against the engine.
type Linter struct {
	cat    *rules.Catalog
	schema map[string]any
}

// NewLinter reads the contract schema for the catalog.
func NewLinter(cat *rules.Catalog) (*Linter, error) {
	var schema map[string]any
	if err := json.Unmarshal(Schema(cat), &schema); err != nil {
		return nil, fmt.Errorf("contract: the schema: %w", err)
	}
	return &Linter{cat: cat, schema: schema}, nil
}

// Lint checks one contract. The error is for input that is not a contract at all (unreadable,
// not YAML, not a mapping), or for an organisation's rule that failed at run time; everything
// else is a finding.
func (l *Linter) Lint(file string, data []byte) ([]Finding, error) {
	root, err := rules.ParseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, rules.Problems{{File: file, Line: root.Line, Msg: "a contract is a mapping of sections, not a list or a single value"}}
	}
	doc := nodeDoc{file: file, root: root}
	findings := l.schemaFindings(doc)
	findings = append(findings, todoFindings(doc)...)
	findings = append(findings, textFindings(doc)...)
	if len(findings) > 0 && !onlyTODOs(findings) {
		slices.SortStableFunc(findings, func(a, b Finding) int { return a.Line - b.Line })
		return findings, nil // the engine needs a well-formed contract
	}
	var c Contract
	if err := root.Decode(&c); err != nil {
		return append(findings, undecodable(file, err)), nil
	}
	engine, err := l.engineFindings(doc, c)
	if err != nil {
		return nil, err
	}
	findings = append(findings, engine...)
	slices.SortStableFunc(findings, func(a, b Finding) int { return a.Line - b.Line })
	return findings, nil
}

// undecodable is the finding for a document that does not decode: the contract does not have the
// schema's shape, though the reason is YAML's rather than the schema's.
func undecodable(file string, err error) Finding {
	return Finding{File: file, Level: LevelError, Code: CodeSchema, Message: err.Error()}
}

func onlyTODOs(fs []Finding) bool {
	return !slices.ContainsFunc(fs, func(f Finding) bool { return f.Code != CodeTodo })
}

// schemaFindings validates the document against the JSON Schema, one finding per failure.
func (l *Linter) schemaFindings(doc nodeDoc) []Finding {
	var v any
	if err := doc.root.Decode(&v); err != nil {
		return []Finding{undecodable(doc.file, err)}
	}
	var issues []schemaIssue
	validate(l.schema, normalizeYAML(v), nil, &issues)
	out := make([]Finding, 0, len(issues))
	for _, is := range issues {
		out = append(out, Finding{
			File: doc.file, Line: doc.line(is.path), Path: strings.Join(is.path, "."),
			Level: LevelError, Code: CodeSchema, Message: is.msg,
		})
	}
	slices.SortStableFunc(out, func(a, b Finding) int { return a.Line - b.Line })
	return out
}

// normalizeYAML turns yaml.v3's decoded values into what encoding/json can write.
func normalizeYAML(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeYAML(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = normalizeYAML(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalizeYAML(e)
		}
	}
	return v
}

// todoFindings reports every value still starting with TODO, with its hint.
func todoFindings(doc nodeDoc) []Finding {
	var out []Finding
	doc.walk(doc.root, nil, func(path []string, n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && IsTODO(n.Value) {
			hint := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n.Value), "TODO"))
			hint = strings.TrimSpace(strings.TrimPrefix(hint, ":"))
			out = append(out, Finding{
				File: doc.file, Line: n.Line, Path: strings.Join(path, "."),
				Level: LevelError, Code: CodeTodo, Message: "still TODO: " + hint,
			})
		}
	})
	return out
}

// textFindings reports every key and value that carries a control character (a line break
// aside), a bidi override or a zero-width character: a contract is read in editors, reviews and
// terminals, where such text can hide what it says or act on the screen. Lint prints them
// escaped; the contract should not hold them at all.
func textFindings(doc nodeDoc) []Finding {
	var out []Finding
	check := func(path []string, n *yaml.Node, what string) {
		if bad := safetext.Check(strings.ReplaceAll(n.Value, "\n", " ")); bad != "" {
			out = append(out, Finding{
				File: doc.file, Line: n.Line, Path: strings.Join(path, "."),
				Level: LevelError, Code: CodeText, Message: what + " contains " + bad + "; a contract holds plain text",
			})
		}
	}
	doc.walk(doc.root, nil, func(path []string, n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode:
			check(path, n, "the value")
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				check(append(slices.Clone(path), n.Content[i].Value), n.Content[i], "the key")
			}
		case yaml.SequenceNode, yaml.DocumentNode, yaml.AliasNode:
			// No text of their own: the walk visits a list's items, and an alias repeats a node
			// checked where it is anchored.
		}
	})
	return out
}

// nodeDoc locates field paths in the parsed document.
type nodeDoc struct {
	file string
	root *yaml.Node
}

// line returns the line of the value at path, or of its nearest existing parent.
func (d nodeDoc) line(path []string) int {
	n := d.root
	for _, key := range path {
		next := child(n, key)
		if next == nil {
			break
		}
		n = next
	}
	return n.Line
}

func child(n *yaml.Node, key string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		var idx int
		if _, err := fmt.Sscan(key, &idx); err == nil && idx >= 0 && idx < len(n.Content) {
			return n.Content[idx]
		}
	case yaml.ScalarNode, yaml.DocumentNode, yaml.AliasNode:
		// Nothing below them has a key.
	}
	return nil
}

func (d nodeDoc) walk(n *yaml.Node, path []string, visit func([]string, *yaml.Node)) {
	visit(path, n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.walk(n.Content[i+1], append(slices.Clone(path), n.Content[i].Value), visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			d.walk(c, append(slices.Clone(path), fmt.Sprint(i)), visit)
		}
	case yaml.ScalarNode, yaml.DocumentNode, yaml.AliasNode:
		// Leaves: the walk starts below the document, and an alias repeats a node walked where
		// it is anchored.
	}
}
