// Package advisor is sfpattern's terminal interface: a wizard that asks the question set, a live
// panel with the leading mechanism, a review screen where any answer can be changed, and tabbed
// results (recommendation, alternatives, capacity, failure modes, contract, decision record). It
// collects answers and shows what the engine decided; it decides nothing itself.
package advisor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// ErrAborted reports that the user left with Ctrl-C; nothing was written.
var ErrAborted = errors.New("aborted")

// Options configure a session.
type Options struct {
	Catalog *rules.Catalog
	// Prefill holds answers given up front (an answers file): those questions are not asked.
	Prefill rules.Answers
	// Defaults are the configuration's answers for fields the prefill leaves open: those
	// questions are still asked, starting from the configured value instead of the question
	// set's default.
	Defaults rules.Answers
	// ExportDir is where `e` writes the record and the contract (default
	// config.DefaultDecisionsDir).
	ExportDir string
	// DraftDir is where ctrl+s writes a draft of the answers (default: the working folder).
	DraftDir string
	// RecordMeta gives the record's status and people as the project configures them, for a
	// date; the export form starts from it. Nil means config.DefaultRecord().Meta: proposed,
	// naming no one.
	RecordMeta func(time.Time) record.Meta
	// Now dates the decision record; tests pin it.
	Now func() time.Time
	// Org is the org beyond its edition's formula (add-ons, an org-limits snapshot), or nil.
	Org *rules.Org
	// Input and Output are the terminal; the program draws on Output (stderr in the command).
	Input  io.Reader
	Output io.Writer
	// Extra program options (tests set the window size and colour profile).
	ProgramOptions []tea.ProgramOption
}

// startValue is what the field for q starts at: the configuration's default, else the question
// set's for the answers so far.
func startValue(cat *rules.Catalog, defaults rules.Answers, q *rules.Question, a rules.Answers) any {
	if v, ok := defaults.Get(q.ID); ok {
		return v
	}
	return cat.DefaultFor(q, a)
}

// Result is what a session produced.
type Result struct {
	Answers  rules.Answers
	Decision *rules.Decision
	// Exported lists the files written with `e`.
	Exported []string
	// Draft is the last draft of the answers saved with ctrl+s, "" if none.
	Draft string
}

// Run runs the wizard and the results screens until the user quits.
func Run(ctx context.Context, o Options) (Result, error) {
	m := newModel(o)
	opts := append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(o.Input), tea.WithOutput(o.Output), tea.WithFPS(120)},
		o.ProgramOptions...)
	final, err := tea.NewProgram(m, opts...).Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return Result{}, ErrAborted
	}
	if err != nil {
		return Result{}, fmt.Errorf("advisor: %w", err)
	}
	fm := final.(*model)
	if fm.aborted {
		return Result{}, ErrAborted
	}
	return Result{Answers: fm.answers, Decision: fm.decision, Exported: fm.exported, Draft: fm.draft}, nil
}
