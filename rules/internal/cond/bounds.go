package cond

import (
	"fmt"
	"time"
)

// The bounds every expression is held to. An organisation's rule file (`--rules`) is input from
// outside, and expr-lang on its own lets one line allocate gigabytes (`repeat`, string doubling),
// overflow the stack (parentheses create no parser nodes, so its node limit misses them) or spin
// (nested predicates). The shipped knowledge base is held to the same bounds, far inside them
// (its longest expression is under 200 bytes, its deepest nesting 4), so there is one rule for
// every expression rather than a trusted and an untrusted path.
const (
	// maxExprBytes bounds an expression's source. It is what bounds the work of one run without
	// loops: every node does at most linear work on a bounded value.
	maxExprBytes = 1000
	// maxNesting bounds how deep brackets of any kind may nest, counted in the source text
	// before parsing.
	maxNesting = 32
	// maxUnaryRun bounds a run of prefix operators (`!!!!x`, `- - -x`, `not not x`).
	maxUnaryRun = 8
	// maxChain bounds the binary operators between two commas at one nesting level: a chain
	// `a + a + a …` parses into a tree as deep as it is long.
	maxChain = 100
	// maxText bounds the text a rule condition may build (with +, repeat): the answers' own
	// strings are at most a few hundred bytes.
	maxText = 10_000
	// maxMatchText bounds the text `matches` runs a regular expression over.
	maxMatchText = 1_000
	// maxPatternBytes and maxPatternInsts bound a `matches` pattern: its source, and the size
	// of the program Go's regexp compiles it to (matching costs text length × program size).
	// maxPatternsInsts bounds the programs of all patterns together: a compiled pattern and the
	// matcher it keeps cost about a hundred bytes per instruction, and `x{999}` is seven bytes.
	maxPatternBytes  = 500
	maxPatternInsts  = 1_000
	maxPatternsInsts = 20_000
	// maxRange bounds a range with constant ends (`1..100`); the machine's budget bounds the others.
	maxRange = 10_000
	// runBudget is the expression machine's own budget for one run: the list elements it creates.
	runBudget = 100_000
	// evalBudget is what the expressions run on the machine may spend in one evaluation,
	// together: loop steps and bytes of text built or matched.
	evalBudget = 100_000
	// evalTimeLimit is how long the expressions that run on the machine may take in one
	// evaluation, together. The shipped ones take microseconds.
	evalTimeLimit = 250 * time.Millisecond
)

// BoundShare is how much of the bounds on expressions src takes: the largest share of the
// length, nesting, prefix-run and chain bounds that it reaches (1 is at a bound). The knowledge base's
// tests hold its own expressions far inside them, so that the bounds only ever refuse an
// organisation's file.
func BoundShare(src string) float64 {
	s := scanShape(src)
	return max(float64(len(src))/maxExprBytes, float64(s.depth)/maxNesting,
		float64(s.unary)/maxUnaryRun, float64(s.chain)/maxChain)
}

// checkShape refuses an expression whose source text is too long, nests too deep or chains too
// many operators. It runs before expr-lang parses anything, in constant memory, so a hostile
// source costs one pass over its bytes.
func checkShape(src string) error {
	s := scanShape(src)
	switch {
	case s.depth > maxNesting:
		return fmt.Errorf("brackets nest %d deep; a rule expression may nest at most %d", s.depth, maxNesting)
	case s.unary > maxUnaryRun:
		return fmt.Errorf("%d prefix operators in a row; a rule expression may have at most %d", s.unary, maxUnaryRun)
	case s.chain > maxChain:
		return fmt.Errorf("%d operators in one chain; a rule expression may chain at most %d (split it, or use in [...])", s.chain, maxChain)
	case len(src) > maxExprBytes:
		return fmt.Errorf("the expression is %d bytes long; a rule expression may be at most %d", len(src), maxExprBytes)
	}
	return nil
}

// shape is what scanShape measures: the deepest bracket nesting, the longest run of prefix
// operators and the longest chain of binary operators at one level.
type shape struct {
	depth, unary, chain int
}

// shapeScanner tokenises just enough of expr-lang's syntax (strings, comments, numbers, words,
// brackets, operators) to measure a source's shape.
type shapeScanner struct {
	src     string
	i       int
	max     shape
	levels  [maxNesting + 2]int // binary operators so far at each open level, up to the cap
	top     int                 // the current level's index in levels
	unary   int                 // prefix operators in the current run
	operand bool                // the previous token ends an operand, so an operator after it is binary
}

// scanShape measures src in one pass. The bracket stack is capped just past the refusal depth,
// so even a megabyte of opening brackets costs no memory.
func scanShape(src string) shape {
	sc := &shapeScanner{src: src}
	depth := 0
	for sc.i < len(src) {
		switch c := src[sc.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			sc.i++
		case c == '"' || c == '\'' || c == '`':
			sc.skipString(c)
			sc.setOperand()
		case c == '/' && sc.peek(1) == '/':
			sc.skipTo("\n")
		case c == '/' && sc.peek(1) == '*':
			sc.skipTo("*/")
		case c >= '0' && c <= '9':
			sc.skipNumber()
			sc.setOperand()
		case isWordByte(c) || c == '#':
			sc.word()
		case c == '(' || c == '[' || c == '{':
			sc.i++
			depth++
			sc.max.depth = max(sc.max.depth, depth)
			if sc.top < len(sc.levels)-1 {
				sc.top++
				sc.levels[sc.top] = 0
			}
			sc.operand, sc.unary = false, 0
		case c == ')' || c == ']' || c == '}':
			sc.i++
			if depth > 0 {
				depth--
			}
			sc.top = min(sc.top, depth)
			sc.setOperand()
		case c == ',':
			sc.i++
			sc.levels[sc.top] = 0
			sc.operand, sc.unary = false, 0
		default:
			sc.operator()
		}
	}
	return sc.max
}

func (sc *shapeScanner) peek(k int) byte {
	if sc.i+k < len(sc.src) {
		return sc.src[sc.i+k]
	}
	return 0
}

func (sc *shapeScanner) setOperand() { sc.operand, sc.unary = true, 0 }

// skipString skips a quoted string; only the double and single quotes have escapes.
func (sc *shapeScanner) skipString(quote byte) {
	sc.i++
	for sc.i < len(sc.src) {
		c := sc.src[sc.i]
		sc.i++
		switch {
		case c == '\\' && quote != '`':
			sc.i++
		case c == quote:
			return
		}
	}
}

func (sc *shapeScanner) skipTo(end string) {
	for sc.i < len(sc.src) && !hasPrefixAt(sc.src, sc.i, end) {
		sc.i++
	}
	sc.i += len(end)
}

func hasPrefixAt(s string, i int, prefix string) bool {
	return len(s)-i >= len(prefix) && s[i:i+len(prefix)] == prefix
}

// skipNumber skips a number; a dot belongs to it only when a digit follows (1..2 is a range).
func (sc *shapeScanner) skipNumber() {
	for sc.i < len(sc.src) {
		c := sc.src[sc.i]
		if next := sc.peek(1); c == '.' && (next < '0' || next > '9') {
			return
		}
		if !isWordByte(c) && c != '.' {
			return
		}
		sc.i++
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

// word reads an identifier, a #pointer or a word operator.
func (sc *shapeScanner) word() {
	start := sc.i
	sc.i++
	for sc.i < len(sc.src) && isWordByte(sc.src[sc.i]) {
		sc.i++
	}
	switch sc.src[start:sc.i] {
	case "not":
		if !sc.operand {
			sc.prefix()
			return
		}
		sc.operand = false // a not in b: one operator, counted at the in
	case "and", "or", "in", "matches", "contains", "startsWith", "endsWith", "let", "if", "else":
		sc.binary()
	default:
		sc.setOperand()
	}
}

// operator reads one operator token the way expr-lang's lexer splits them. A let's = and the ;
// that ends it deepen nothing (the let itself is counted), so they only end an operand.
func (sc *shapeScanner) operator() {
	c := sc.src[sc.i]
	sc.i++
	switch n := sc.peek(0); {
	case n != 0 && isPair(c, n):
		sc.i++
	case c == '=' || c == ';':
		sc.operand, sc.unary = false, 0
		return
	case !sc.operand && (c == '!' || c == '-' || c == '+'):
		sc.prefix()
		return
	}
	sc.binary()
}

// isPair reports whether c and n form one two-character operator.
func isPair(c, n byte) bool {
	switch string([]byte{c, n}) {
	case "&&", "||", "==", "!=", "<=", ">=", "**", "??", "?.", "..":
		return true
	}
	return false
}

func (sc *shapeScanner) prefix() {
	sc.unary++
	sc.max.unary = max(sc.max.unary, sc.unary)
}

func (sc *shapeScanner) binary() {
	sc.levels[sc.top]++
	sc.max.chain = max(sc.max.chain, sc.levels[sc.top])
	sc.operand, sc.unary = false, 0
}
