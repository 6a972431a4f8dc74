package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/internal/safetext"
)

// MaxFileSize is the largest answers, rules or knowledge file the engine reads. Anything larger
// is refused before parsing, so a hostile file cannot cost memory or time.
const MaxFileSize = 1 << 20

// maxDepth bounds nesting in user files; no legitimate answers or rules file comes near it.
const maxDepth = 64

// Problem is one thing wrong with an input file, located as precisely as the input allows.
type Problem struct {
	File  string // file name as the user gave it
	Line  int    // 1-based; 0 when unknown
	Field string // answer field or rule id; empty when the problem concerns the whole file
	Msg   string
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(safetext.Name(p.File)) // a path from a folder listing may hold a line break
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in one pass; it is returned whole so users fix all at once.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}

// err returns ps as an error, or nil when there are none.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// AsProblems extracts the individual problems from an error returned by this package.
func AsProblems(err error) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	return nil
}

// parseDocument reads data as one YAML (or JSON) document and returns its root node. It refuses
// empty input, oversized input, invalid JSON, alias bombs and deep nesting with clear messages.
func parseDocument(file string, data []byte) (*yaml.Node, error) {
	return parseDocumentLimit(file, data, MaxFileSize)
}

// parseDocumentLimit is parseDocument with another size limit, for documents that are larger by
// nature (a portfolio of many integrations).
func parseDocumentLimit(file string, data []byte, maxBytes int) (*yaml.Node, error) {
	fail := func(line int, format string, args ...any) error {
		return Problems{{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}}
	}
	data, err := ToUTF8(data)
	if err != nil {
		return nil, fail(0, "%v", err)
	}
	if err := precheckLimit(file, data, maxBytes); err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fail(yamlErrorLine(err), "not valid YAML or JSON: %s", yamlErrorText(err))
	}
	if root.Kind == 0 || len(root.Content) == 0 || isNull(root.Content[0]) {
		return nil, fail(0, "file is empty")
	}
	doc := root.Content[0]
	if n := countAliases(doc, 0); n > maxAliases {
		return nil, fail(0, "too many aliases (%d); aliases are not needed in this file", n)
	}
	if n := aliasGrowth(doc, maxAliasGrowth); n > maxAliasGrowth {
		return nil, fail(0, "aliases expand the document by more than %s nodes (an alias bomb); aliases are not needed in this file", formatInt(maxAliasGrowth))
	}
	return doc, nil
}

// precheck refuses input that is too large, empty, nested too deeply or invalid JSON, before any
// parser sees it.
func precheck(file string, data []byte) error {
	return precheckLimit(file, data, MaxFileSize)
}

func precheckLimit(file string, data []byte, maxBytes int) error {
	fail := func(format string, args ...any) error {
		return Problems{{File: file, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(data) > maxBytes {
		return fail("file is %s bytes; the limit is %s", formatInt(int64(len(data))), formatInt(int64(maxBytes)))
	}
	if line, what := rawControl(data); line > 0 {
		return Problems{{File: file, Line: line, Msg: what}}
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return fail("file is empty")
	case nestingDepth(data) > maxDepth:
		return fail("input is nested too deeply (more than %d levels)", maxDepth)
	}
	// Before the JSON check: a JSON snapshot with a YAML document pasted after it is named for
	// what it is.
	if err := OneDocument(file, data, 0); err != nil {
		return err
	}
	if looksLikeJSON(file, data) && !json.Valid(data) {
		return fail("not valid JSON: %s", jsonError(data))
	}
	return nil
}

// ParseYAML reads one YAML (or JSON) document from a user's file with the same guards as an
// answers file: size, emptiness, nesting, JSON validity and alias bombs. Problems name the file.
func ParseYAML(file string, data []byte) (*yaml.Node, error) {
	return parseDocument(file, data)
}

// ParseYAMLLimit is ParseYAML with another size limit than MaxFileSize, for documents that are
// larger by nature, such as a portfolio of thousands of integrations. Every other guard holds.
func ParseYAMLLimit(file string, data []byte, maxBytes int) (*yaml.Node, error) {
	return parseDocumentLimit(file, data, maxBytes)
}

// maxAliases bounds alias use: yaml.v3 already refuses exponential expansion, and a plain
// answers or rules file has no reason to use more than a handful.
const maxAliases = 100

func countAliases(n *yaml.Node, depth int) int {
	if n == nil || depth > maxDepth {
		return 0
	}
	count := 0
	if n.Kind == yaml.AliasNode {
		count++
	}
	for _, c := range n.Content {
		count += countAliases(c, depth+1)
		if count > maxAliases {
			return count
		}
	}
	return count
}

// nestingDepth counts bracket and indentation nesting cheaply, without parsing, so deeply
// nested input is refused before a parser recurses into it.
func nestingDepth(data []byte) int {
	depth, deepest := 0, 0
	inQuote := byte(0)
	for _, c := range data {
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth = max(0, depth-1)
		case c == '\n':
			inQuote = 0
		}
	}
	return max(deepest, indentDepth(data))
}

// indentDepth estimates block nesting from indentation: each deeper indentation step is a level.
func indentDepth(data []byte) int {
	var stack []int
	deepest := 0
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " -")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		indent := len(line) - len(trimmed)
		for len(stack) > 0 && stack[len(stack)-1] >= indent {
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, indent)
		deepest = max(deepest, len(stack))
	}
	return deepest
}

func looksLikeJSON(file string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(file), ".json") {
		return true
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

func jsonError(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("%s (line %d)", syn.Error(), line)
	}
	if err != nil {
		return err.Error()
	}
	return "syntax error"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// yamlErrorLine pulls the line number out of a yaml.v3 error message ("yaml: line 3: ..."), or
// 0 when it has none.
func yamlErrorLine(err error) int {
	msg := err.Error()
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	var line int
	if _, err := fmt.Sscanf(msg[i:], "line %d", &line); err != nil {
		return 0 // "line " in other words, with no number after it
	}
	return line
}

// yamlErrorText strips yaml.v3's "yaml: line N: " prefix; the line is reported separately.
func yamlErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return msg
}

// decodeFile decodes data into v refusing unknown keys, after the same cheap guards as
// parseDocument (size, emptiness, nesting, JSON validity). yaml.v3 refuses alias bombs itself when
// decoding into Go values, so the document is parsed only once. Used for the knowledge base and
// rule files, whose shapes are fixed Go types.
func decodeFile(file string, data []byte, v any) error {
	data, err := ToUTF8(data)
	if err != nil {
		return Problems{{File: file, Msg: err.Error()}}
	}
	if err := precheck(file, data); err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err = dec.Decode(v)
	if errors.Is(err, io.EOF) {
		return Problems{{File: file, Msg: "file is empty"}}
	}
	if err != nil {
		return typeErrors(file, err)
	}
	return nil
}

// typeErrors turns yaml.v3's TypeError (one line per field) into Problems with line numbers.
func typeErrors(file string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return Problems{{File: file, Line: yamlErrorLine(err), Msg: "not valid YAML: " + yamlErrorText(err)}}
	}
	ps := make(Problems, 0, len(te.Errors))
	for _, e := range te.Errors {
		ps = append(ps, Problem{File: file, Line: yamlErrorLine(errors.New(e)), Msg: yamlErrorText(errors.New(e))})
	}
	return ps
}
