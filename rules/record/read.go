package record

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/sfpattern/sfpattern/rules"
)

// Input is what ReadAnswers gives: the answers and, from a decision record, the org the
// decision was made for and the block the record stored.
type Input struct {
	// Answers are ready for Evaluate (defaults filled in, every check passed) or, read with
	// Partial, the values as given, each checked on its own.
	Answers rules.Answers
	// Warnings are the answers' own (an answer to a question that does not apply); a partial
	// read has none.
	Warnings []rules.Warning
	// Org is the org a record was decided for (its add-ons, its org-limits snapshot), or nil:
	// an answers file, or a record decided on the edition's formula.
	Org *rules.Org
	// Stored is the record's answers block; nil for an answers file.
	Stored *Stored
}

// ReadOptions say how far ReadAnswers goes.
type ReadOptions struct {
	// Sets are `field=value` overrides, applied over the file's answers.
	Sets []string
	// Partial reads a starting point, as the wizard's --answers does: every value given is
	// checked, but nothing is required, no default is filled in and no cross-field check runs.
	Partial bool
	// Defaults are a configuration's standing defaults: a field neither the file nor Sets give
	// takes its value from them, ahead of the question set's defaults. A partial read leaves
	// them out, for the wizard offers them as each field's starting value instead.
	Defaults rules.Answers
}

// ReadAnswers is the one way answers come in from a file, for every command. A decision record
// (a .md file, or input that opens with front matter) gives the answers of its answers block
// and the org it stored; anything else is an answers file, YAML or JSON (nil data: no file,
// only Sets). Every problem is reported at once, at the file's own line, a record's included.
// A Markdown file without an answers block gives an error wrapping ErrNoAnswers; other input
// that opens with "---" but holds no block is an answers file after all, since YAML may open
// with a document marker.
func ReadAnswers(cat *rules.Catalog, file string, data []byte, opt ReadOptions) (Input, error) {
	if !isMarkdown(file) && !opensWithFrontMatter(data) {
		return readAt(cat, file, data, rules.Location{}, opt)
	}
	in, err := readRecord(cat, file, data, opt)
	if errors.Is(err, ErrNoAnswers) && !isMarkdown(file) {
		return readAt(cat, file, data, rules.Location{}, opt)
	}
	return in, err
}

// readRecord reads the answers block of a decision record, whatever the file is called: check
// reads every file it is given as a record.
func readRecord(cat *rules.Catalog, file string, data []byte, opt ReadOptions) (Input, error) {
	s, err := extractAnswers(file, data)
	if err != nil {
		return Input{}, err
	}
	in, err := readAt(cat, file, s.Answers, rules.Location{Offset: s.Line, Line: s.AnswersLine}, opt)
	in.Org, in.Stored = s.Org, &s
	orgErr := cat.CheckOrg(file, s.OrgLine, s.Org)
	if ps := rules.AsProblems(err); orgErr != nil && (err == nil || ps != nil) {
		err = append(ps, rules.AsProblems(orgErr)...)
	}
	return in, err
}

// readAt reads answers that sit at a location of file (the whole file, or a record's block).
func readAt(cat *rules.Catalog, file string, data []byte, at rules.Location, opt ReadOptions) (Input, error) {
	if !opt.Partial {
		a, warnings, err := cat.ReadAnswersFilled(file, data, at, opt.Sets, opt.Defaults)
		return Input{Answers: a, Warnings: warnings}, err
	}
	a := rules.NewAnswers()
	if data != nil {
		var err error
		if a, err = cat.ParseAnswersAt(file, data, at); err != nil {
			return Input{Answers: a}, err
		}
	}
	var ps rules.Problems
	for _, s := range opt.Sets {
		ps = append(ps, rules.AsProblems(cat.Set(a, s))...)
	}
	if len(ps) > 0 {
		return Input{Answers: a}, ps
	}
	return Input{Answers: a}, nil
}

func isMarkdown(file string) bool { return strings.EqualFold(filepath.Ext(file), ".md") }

// opensWithFrontMatter reports whether data opens with a YAML front matter marker, read as text
// whatever its encoding (a record saved again by a Windows editor may be UTF-16).
func opensWithFrontMatter(data []byte) bool {
	if text, err := rules.ToUTF8(data); err == nil {
		data = text
	}
	return bytes.HasPrefix(data, []byte("---"))
}
