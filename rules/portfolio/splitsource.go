package portfolio

import (
	"context"
	"errors"

	"go.yaml.in/yaml/v3"

	"github.com/sfpattern/sfpattern/rules"
)

// evaluateSplit reads the file by its fast path: the guards of the whole parse over the whole
// text, the header parsed alone, then each entry parsed on its own by the workers and dropped
// once evaluated, so memory holds one entry's nodes per worker rather than the file's tree.
// done is false when the file needs the whole parse instead: a layout the splitter does not
// take, a problem with the file as a whole (the whole parse words it), or an entry that does not
// parse alone to what the whole parse would give.
func (c catalog) evaluateSplit(ctx context.Context, file string, data []byte, extra *rules.Org) (*Result, bool, error) {
	text, err := rules.ToUTF8(data)
	if err != nil || rules.PrecheckYAML(file, text, MaxSize) != nil {
		return nil, false, nil //nolint:nilerr // the whole parse reports it
	}
	l, ok := splitLayout(text)
	if !ok || len(l.entries) > MaxIntegrations {
		return nil, false, nil
	}
	org, ok := c.splitHeader(file, &l)
	if !ok {
		return nil, false, nil
	}
	res, err := c.evaluateSource(ctx, file, withExtra(org, extra), &splitSource{data: text, l: &l})
	if errors.Is(err, errFallback) {
		return nil, false, nil
	}
	return res, true, err
}

// splitHeader reads the org from the header alone; false when the header has any problem, or
// its integrations key is not the bare key the splitter found.
func (c catalog) splitHeader(file string, l *layout) (Org, bool) {
	doc := parsePiece(l.header)
	if doc == nil {
		return Org{}, false
	}
	org, list, ps := c.readHeader(file, doc)
	if len(ps) > 0 || list == nil || list.Kind != yaml.ScalarNode || list.Tag != "!!null" || list.Value != "" || list.Style != 0 {
		return Org{}, false
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if k := doc.Content[i]; k.Value == keyIntegrations {
			return org, k.Line == l.keyLine && k.Style == 0
		}
	}
	return Org{}, false
}

// splitSource hands out the entries of a split file, each parsed from its text when asked for.
type splitSource struct {
	data []byte
	l    *layout
}

func (s *splitSource) count() int { return len(s.l.entries) }

// entry parses entry i alone: its text is a block list of one item at the column of the whole
// file's list, so it parses to the same item, whose lines are then moved to the file's. Any
// other outcome returns nil. An entry of plain `key: value` lines is read without yaml.v3.
func (s *splitSource) entry(i int) *yaml.Node {
	sp := s.l.entries[i]
	if n := quickEntry(s.data[sp.start:sp.end], s.l.indent); n != nil {
		shiftLines(n, sp.line-1)
		return n
	}
	seq := parsePiece(s.data[sp.start:sp.end])
	if seq == nil || seq.Kind != yaml.SequenceNode || seq.Style != 0 || len(seq.Content) != 1 || seq.Content[0].Line != 1 {
		return nil
	}
	n := seq.Content[0]
	shiftLines(n, sp.line-1)
	return n
}

// done lets the node go: the text is kept, and a bad entry is parsed again to be listed.
func (s *splitSource) done(int, bool) {}

func (s *splitSource) again(i int) *yaml.Node { return s.entry(i) }

// parsePiece parses a piece of the file and returns its document's node, or nil when it does not
// parse or holds what the splitter leaves to the whole parse: an anchor, an alias, a tag or a
// merge key.
func parsePiece(text []byte) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil || root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil
	}
	if !plain(root.Content[0]) {
		return nil
	}
	return root.Content[0]
}

// plain reports whether a node tree has no anchor, alias, explicit tag or merge key.
func plain(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0 || n.Tag == "!!merge" {
		return false
	}
	for _, child := range n.Content {
		if !plain(child) {
			return false
		}
	}
	return true
}

// shiftLines adds by to the line of every node of a tree.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, child := range n.Content {
		shiftLines(child, by)
	}
}
