package rules

import (
	"go.yaml.in/yaml/v3"
)

// The pieces of the engine that the packages built on it (the portfolio reader among them) use
// to read answers the way an answers file is read, and to word their problems the same way.

// ParseAnswersNode reads one answers mapping of a larger document, such as one entry of a
// portfolio: every field converted to its question's type and every problem reported at its
// line, as for an answers file. Defaults and cross-field checks come later, from CheckAnswers.
func (c *Catalog) ParseAnswersNode(file string, n *yaml.Node) (Answers, Problems) {
	a := NewAnswers()
	a.source = file
	return a, c.parseFields(file, n, a)
}

// ParseAnswerNode reads one field (its key and value nodes) into a, as ParseAnswersNode does for
// each; it returns the problem when it cannot.
func (c *Catalog) ParseAnswerNode(file string, key, val *yaml.Node, a Answers) (Problem, bool) {
	return c.parseField(file, key, val, a)
}

// Problem words a problem with the answer id, at the file and line it was given on.
func (a Answers) Problem(id, msg string) Problem { return a.problem(id, "%s", msg) }

// Mention reports whether any of the problems concerns field.
func (ps Problems) Mention(field string) bool { return ps.mention(field) }

// Err returns the problems as an error, or nil when there are none.
func (ps Problems) Err() error { return ps.err() }

// NodeKind names a YAML node for a message: "a list", "a mapping", or a scalar's type and value.
func NodeKind(n *yaml.Node) string { return nodeKind(n) }

// Clip shortens text quoted in a message to a readable length.
func Clip(s string) string { return short(s) }

// FormatValue writes an answer's value for a message, numbers with thousands separators.
func FormatValue(v any) string { return formatValue(v) }

// DescribeValues says what values a question accepts: its options, or its range.
func (q *Question) DescribeValues() string { return describeValues(q) }
