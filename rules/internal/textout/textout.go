// Package textout lays out the engine's plain-text reports (the decision, what-if, the
// portfolio) at a width: headings underlined, paragraphs wrapped after a label with a hanging
// indent. It knows nothing of what it writes.
package textout

import (
	"strings"
)

// MinWidth is the narrowest a report is laid out; a narrower width is widened to it.
const MinWidth = 40

// Writer accumulates one report.
type Writer struct {
	b     strings.Builder
	width int
}

// New returns a Writer for width columns (at least MinWidth).
func New(width int) *Writer { return &Writer{width: max(width, MinWidth)} }

// Width is the width the report is laid out at.
func (w *Writer) Width() int { return w.width }

// Heading writes a title and a rule under it as long as the title.
func (w *Writer) Heading(title string) {
	w.Wrap("", "", title)
	w.b.WriteString(strings.Repeat("─", min(len([]rune(title)), w.width)) + "\n")
}

// Line writes s as it is, then a line break.
func (w *Writer) Line(s string) { w.b.WriteString(s + "\n") }

// Blank writes an empty line.
func (w *Writer) Blank() { w.b.WriteString("\n") }

// Wrap writes text wrapped at the width, the first line after first and the rest after rest.
// A word longer than the line is written whole rather than broken.
func (w *Writer) Wrap(first, rest, text string) {
	prefix := first
	var line strings.Builder
	used := 0
	flush := func() {
		w.b.WriteString(prefix + line.String() + "\n")
		prefix, used = rest, 0
		line.Reset()
	}
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		if used > 0 && used+1+n > w.width-len([]rune(prefix)) {
			flush()
		}
		if used > 0 {
			line.WriteByte(' ')
			used++
		}
		line.WriteString(word)
		used += n
	}
	flush()
}

// String returns the report so far.
func (w *Writer) String() string { return w.b.String() }

// WriteString writes s as it is, for lines a report lays out itself (tables).
func (w *Writer) WriteString(s string) (int, error) { return w.b.WriteString(s) }

// Write writes p as it is, so that fmt.Fprintf can lay out a line.
func (w *Writer) Write(p []byte) (int, error) { return w.b.Write(p) }
