package record

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// AnswersInfo is the info string of the fenced block that makes a record replayable.
const AnswersInfo = "yaml sfpattern-answers"

// answersSchemaVersion is the version of the answers block's layout (not of the answers).
const answersSchemaVersion = 1

// ErrNoAnswers means a Markdown file holds no answers block: it was not written by sfpattern, or
// the block was removed. `check` skips such files.
var ErrNoAnswers = errors.New("no sfpattern-answers block")

// Stored is what a record's answers block holds.
type Stored struct {
	// Answers is the answers mapping as YAML, re-marshalled so that each field sits on the
	// same line, counted from the block's opening fence, as in the record: a problem at line n
	// of Answers is at line Line+n of the record. Comments are dropped.
	Answers []byte
	// Line is the record's line of the block's opening fence.
	Line int
	// AnswersLine is the record's line of the `answers:` key, for problems about missing fields.
	AnswersLine int
	Knowledge   StoredKnowledge
	Decision    StoredDecision
	// Org is the org the decision was made for (add-ons, the org-limits snapshot's figures), or
	// nil for the edition's formula; replaying the record evaluates against it again. OrgLine is
	// the record's line of the `org:` key.
	Org     *rules.Org
	OrgLine int
}

// StoredKnowledge names the knowledge base a record was written with.
type StoredKnowledge struct {
	Version       string `yaml:"version"`
	LimitsRelease string `yaml:"limits_release"`
}

// StoredDecision is the part of the decision `check` compares: the recommendation and every
// capacity verdict.
type StoredDecision struct {
	Mechanism string `yaml:"mechanism"`
	Pattern   string `yaml:"pattern"`
	// Rules are the rules that gave the recommended mechanism points or ruled others out for it,
	// so that `check` can name the rule whose change moved a decision.
	Rules    []string        `yaml:"rules,omitempty,flow"`
	Capacity []StoredVerdict `yaml:"capacity"`
}

// StoredVerdict is one capacity row's verdicts at the stated volume and at the stress scale.
type StoredVerdict struct {
	Mechanism  string `yaml:"mechanism"`
	Limit      string `yaml:"limit"`
	Verdict1x  string `yaml:"verdict_1x"`
	Verdict10x string `yaml:"verdict_10x"`
}

// answersBlock is the block's layout, in the order it is written.
type answersBlock struct {
	SchemaVersion int             `yaml:"schema_version"`
	Knowledge     StoredKnowledge `yaml:"knowledge"`
	Answers       *yaml.Node      `yaml:"answers"`
	Org           *rules.Org      `yaml:"org,omitempty"`
	Decision      StoredDecision  `yaml:"decision"`
}

// The top-level keys of an answers block.
const (
	keySchemaVersion = "schema_version"
	keyKnowledge     = "knowledge"
	keyAnswers       = "answers"
	keyOrg           = "org"
	keyDecision      = "decision"
)

// blockKeys are the top-level keys an answers block may hold.
var blockKeys = []string{keySchemaVersion, keyKnowledge, keyAnswers, keyOrg, keyDecision}

// extractAnswers finds the answers block in a decision record and reads it. A file without one
// gives an error wrapping ErrNoAnswers; a block that is not valid YAML, not a mapping, or holds
// no answers gives rules.Problems naming the file and the line.
func extractAnswers(file string, data []byte) (Stored, error) {
	var s Stored
	data, err := rules.ToUTF8(data) // a record saved again by a Windows editor
	if err != nil {
		return s, rules.Problems{{File: file, Msg: err.Error()}}
	}
	body, line, err := findAnswersBlock(file, data)
	if errors.Is(err, ErrNoAnswers) && bytes.IndexByte(data, 0) >= 0 {
		// Not text: most likely UTF-16 without its byte-order mark. Saying so beats skipping
		// it as a Markdown file that sfpattern did not write.
		return s, rules.Problems{{File: file, Msg: "not UTF-8 text (it holds NUL bytes; UTF-16 without a byte-order mark?); save it as UTF-8"}}
	}
	if err != nil {
		return s, err
	}
	s.Line = line
	at := func(n int, format string, args ...any) error {
		return rules.Problems{{File: file, Line: line + n, Msg: "answers block: " + fmt.Sprintf(format, args...)}}
	}
	if err := rules.OneDocument(file, body, line); err != nil {
		return s, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(body, &root); err != nil {
		n, msg := yamlProblem(err)
		return s, at(n, "not valid YAML: %s", msg)
	}
	if len(root.Content) == 0 {
		return s, at(1, "empty; it needs at least the answers")
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return s, at(doc.Line, "expected a mapping with answers, knowledge and decision")
	}
	var answers *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		switch key.Value {
		case keyAnswers:
			answers, s.AnswersLine = val, line+key.Line
		case keySchemaVersion:
			if val.Value != strconv.Itoa(answersSchemaVersion) {
				return s, at(val.Line, "unsupported schema_version %q; this sfpattern reads version %d", clipValue(val.Value), answersSchemaVersion)
			}
		case keyKnowledge:
			if err := val.Decode(&s.Knowledge); err != nil {
				return s, at(val.Line, "knowledge: expected version and limits_release")
			}
		case keyDecision:
			if err := val.Decode(&s.Decision); err != nil {
				return s, at(val.Line, "decision: expected mechanism, pattern and a capacity list")
			}
		case keyOrg:
			var o rules.Org
			dec := yaml.NewDecoder(bytes.NewReader(mustMarshal(val)))
			dec.KnownFields(true)
			if err := dec.Decode(&o); err != nil {
				return s, at(val.Line, "org: expected addons and a snapshot of limits")
			}
			s.Org, s.OrgLine = &o, line+val.Line
		default:
			return s, at(key.Line, "unknown key %q; the block holds %s", clipValue(key.Value), strings.Join(blockKeys, ", "))
		}
	}
	switch {
	case answers == nil:
		return s, at(doc.Line, "no answers")
	case answers.Kind != yaml.MappingNode:
		return s, at(answers.Line, "answers must be a mapping of field: value")
	}
	s.Answers, err = relineAnswers(answers)
	return s, err
}

// findAnswersBlock returns the body of the one answers block in a Markdown file and the line of
// its opening fence.
func findAnswersBlock(file string, data []byte) ([]byte, int, error) {
	lines := strings.Split(string(data), "\n")
	open := -1
	for i, l := range lines {
		if !isAnswersFence(l) {
			continue
		}
		if open >= 0 {
			return nil, 0, rules.Problems{{File: file, Line: i + 1, Msg: fmt.Sprintf("a second answers block (the first opens on line %d); keep one", open+1)}}
		}
		open = i
	}
	if open < 0 {
		return nil, 0, fmt.Errorf("%s: %w", file, ErrNoAnswers)
	}
	for i := open + 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r") == "```" {
			return []byte(strings.Join(lines[open+1:i], "\n")), open + 1, nil
		}
	}
	return nil, 0, rules.Problems{{File: file, Line: open + 1, Msg: "the answers block is never closed (no ``` line after it)"}}
}

// isAnswersFence recognises the block's opening line, whatever the spacing of its info string.
func isAnswersFence(line string) bool {
	rest, ok := strings.CutPrefix(strings.TrimRight(line, " \t\r"), "```")
	return ok && strings.Join(strings.Fields(rest), " ") == AnswersInfo
}

// relineAnswers marshals an answers mapping back to YAML with every key on the line where the
// record has it (counted from the fence), so that the engine's problems, offset by the fence's
// line, point into the record. It writes one flow mapping spread over those lines, which keeps
// keys that share a line in a hand-edited flow mapping on one line too. The explicit !!map tag
// stops the opening brace from passing for JSON.
func relineAnswers(m *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("!!map {")
	line := 1
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		if i > 0 {
			b.WriteString(", ")
		}
		for ; line < key.Line; line++ {
			b.WriteByte('\n')
		}
		pair, err := yaml.Marshal(&yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{oneLine(key), oneLine(val)}})
		if err != nil {
			return nil, fmt.Errorf("answers block: %w", err)
		}
		text := strings.TrimSpace(string(pair))
		text = strings.TrimSuffix(strings.TrimPrefix(text, "{"), "}")
		b.WriteString(text)
		line += strings.Count(text, "\n")
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// oneLine copies a node so that it marshals on one line: collections in flow style, text with
// line breaks double-quoted. Tags are kept, so `name: "42"` stays text and `records_per_day:
// "many"` stays a wrong type, exactly as the engine would read them from a file.
func oneLine(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	switch {
	case c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode:
		c.Style = yaml.FlowStyle
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = oneLine(child)
		}
	case c.Kind == yaml.ScalarNode && strings.ContainsAny(c.Value, "\n\r"):
		c.Style = yaml.DoubleQuotedStyle
	case c.Kind == yaml.AliasNode:
		// An alias marshals as *name without its anchor; the engine refuses it as a wrong type.
		c = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "*" + n.Value, Line: n.Line}
	}
	return &c
}

// yamlLine finds the line in a yaml.v3 error message ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlProblem splits a yaml.v3 error into its line (1 when it names none) and its message.
func yamlProblem(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return 1, msg
	}
	n, _ := strconv.Atoi(m[1])
	if rest, ok := strings.CutPrefix(msg, m[0]+": "); ok {
		msg = rest
	}
	return n, msg
}

// mustMarshal re-encodes a node that was just decoded; it cannot fail.
func mustMarshal(n *yaml.Node) []byte {
	b, _ := yaml.Marshal(n)
	return b
}

// encodeAnswersBlock writes the block for a decision: knowledge, normalised answers in question
// order, and the verdicts `check` compares (one flow mapping per capacity row).
func encodeAnswersBlock(d *rules.Decision) ([]byte, error) {
	answers := &yaml.Node{Kind: yaml.MappingNode}
	for _, a := range d.Answers {
		var v yaml.Node
		if err := v.Encode(a.Value); err != nil {
			return nil, fmt.Errorf("answer %s: %w", a.ID, err)
		}
		answers.Content = append(answers.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: a.ID}, oneLine(&v))
	}
	block := answersBlock{
		SchemaVersion: answersSchemaVersion,
		Knowledge:     StoredKnowledge{Version: d.Knowledge.Version, LimitsRelease: d.Knowledge.LimitsRelease},
		Answers:       answers,
		Org:           d.Org,
		Decision: StoredDecision{
			Mechanism: d.Recommendation.Mechanism, Pattern: d.Recommendation.Pattern,
			Rules: decidingRules(d),
		},
	}
	for _, row := range d.Capacity {
		block.Decision.Capacity = append(block.Decision.Capacity, StoredVerdict{
			Mechanism: row.Mechanism, Limit: row.Limit, Verdict1x: row.Verdict1x, Verdict10x: row.Verdict10x,
		})
	}
	var root yaml.Node
	if err := root.Encode(block); err != nil {
		return nil, fmt.Errorf("answers block: %w", err)
	}
	flowCapacityRows(&root)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, fmt.Errorf("answers block: %w", err)
	}
	return b.Bytes(), enc.Close()
}

// decidingRules lists, once each and in trace order, the rules that gave the recommended
// mechanism points or cost it some (none when nothing fits: every mechanism is ruled out).
func decidingRules(d *rules.Decision) []string {
	var out []string
	if !d.Feasible() || len(d.Ranking) == 0 {
		return nil
	}
	for _, r := range d.Ranking[0].Reasons {
		if r.Points != 0 && !slices.Contains(out, r.Rule) {
			out = append(out, r.Rule)
		}
	}
	return out
}

// flowCapacityRows writes each capacity row of the encoded block on one line.
func flowCapacityRows(root *yaml.Node) {
	decision := blockValue(root, keyDecision)
	if capacity := blockValue(decision, "capacity"); capacity != nil {
		for _, row := range capacity.Content {
			row.Style = yaml.FlowStyle
		}
	}
}

// blockValue returns the value of key in a mapping node, or nil.
func blockValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// clipValue shortens a value echoed in a message, so a line of junk is not printed back whole.
func clipValue(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
