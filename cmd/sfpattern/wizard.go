package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/advisor"
	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/internal/safetext"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// wizardOptions are the root command's flags: `sfpattern` alone runs the wizard.
type wizardOptions struct {
	answers    string
	rules      []string
	accessible bool
	orgFlags
	org  *rules.Org // from the flags, or the decision record the answers came from
	s    streams
	date time.Time // the record's date, resolved once
	// cfg is the project configuration: where `e` exports, and the record's front matter.
	cfg config.Config
	// defaults are the configuration's answers for the fields the draft leaves open: the
	// questions are still asked, starting from them.
	defaults rules.Answers
}

func addWizardFlags(cmd *cobra.Command, o *wizardOptions) {
	f := cmd.Flags()
	f.StringVarP(&o.answers, "answers", "a", "", "answers file (or decision record) to start from; only what it leaves open is asked")
	registerRules(f, &o.rules, "add an organisation's rule file, after the configuration's (repeatable)")
	f.BoolVar(&o.accessible, "accessible", false, "plain line prompts for screen readers (also ACCESSIBLE=1 or TERM=dumb)")
	o.registerOrg(f)
}

// run runs the wizard; flags are the configuration flags given (--rules, --org-limits, --addon).
func (o *wizardOptions) run(ctx context.Context, flags config.Settings) error {
	date, err := recordDate("")
	if err != nil {
		return err
	}
	o.date = date
	if o.cfg, err = config.Load(flags); err != nil {
		return err
	}
	cat, defaults, err := catalogWithDefaults(o.cfg, o.s.in)
	if err != nil {
		return err
	}
	o.defaults = defaults
	prefill, err := o.prefill(cat)
	if err != nil {
		return err
	}
	if o.org, err = orgOf(o.cfg, cat, o.s.in, o.org); err != nil {
		return err
	}
	if o.accessibleMode() {
		return o.runAccessible(cat, prefill)
	}
	if !isTerminal(o.s.in) {
		return o.runWithoutTerminal(cat, prefill)
	}
	res, err := advisor.Run(ctx, advisor.Options{
		Catalog: cat, Prefill: prefill, Defaults: defaults, Org: o.org, Input: o.s.in, Output: o.s.err,
		Now: func() time.Time { return o.date }, ExportDir: o.cfg.DecisionsDir, RecordMeta: o.cfg.Record.Meta,
	})
	if errors.Is(err, advisor.ErrAborted) {
		return context.Canceled
	}
	if err == nil && res.Draft != "" {
		d := safetext.Escape(res.Draft)
		notef(o.s.err, "Saved a draft of the answers to %s; resume with: sfpattern --answers %s\n", d, d)
	}
	if err != nil || res.Decision == nil {
		return err
	}
	return o.printOutcome(cat, res.Decision, res.Exported)
}

// prefill reads the starting answers: every value given is checked, and nothing is required.
func (o *wizardOptions) prefill(cat *rules.Catalog) (rules.Answers, error) {
	if o.answers == "" {
		return rules.NewAnswers(), nil
	}
	in, err := readAnswers(cat, o.answers, o.s.in, record.ReadOptions{Partial: true})
	o.org = in.Org
	return in.Answers, err
}

// decide evaluates complete answers for the org, completing a decision that nothing fits with
// the answers that would change that.
func (o *wizardOptions) decide(cat *rules.Catalog, a rules.Answers) (*rules.Decision, error) {
	d, err := cat.EvaluateOrg(a, o.org)
	if err == nil {
		err = cat.WhatWouldChange(d, a, o.org)
	}
	return d, err
}

func (o *wizardOptions) accessibleMode() bool {
	return o.accessible || os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb"
}

// runWithoutTerminal serves scripts: complete answers print the record; anything missing is an
// input error that points at the non-interactive command.
func (o *wizardOptions) runWithoutTerminal(cat *rules.Catalog, prefill rules.Answers) error {
	filled := prefill.Clone()
	filled.Fill(o.defaults) // nobody to ask: the configured defaults stand, as for recommend
	a, _, err := cat.CheckAnswers(filled)
	if err != nil {
		return badInput("standard input is not a terminal, so the wizard cannot ask: give every answer in a file and run 'sfpattern recommend --answers FILE' (or use --accessible to answer line by line)")
	}
	d, err := o.decide(cat, a)
	if err != nil {
		return err
	}
	return record.Write(o.s.out, cat, d, o.meta())
}

func (o *wizardOptions) runAccessible(cat *rules.Catalog, prefill rules.Answers) error {
	answers, err := advisor.AskAccessible(cat, prefill, o.defaults, o.s.in, o.s.err)
	if err != nil {
		return badInput("%v", err)
	}
	a, warnings, err := cat.CheckAnswers(answers)
	if err != nil {
		return err
	}
	d, err := o.decide(cat, a)
	if err != nil {
		return err
	}
	d.Warnings = append(append([]rules.Warning{}, warnings...), d.Warnings...)
	var text strings.Builder
	if err := rules.WriteText(&text, d, rules.DefaultTextWidth); err != nil {
		return err
	}
	// The decision is what the person answering came for: a terminal that cannot show it fails
	// the run, unlike a note.
	if _, err := io.WriteString(o.s.err, "\n"+withoutRules(text.String())); err != nil {
		return err
	}
	if !isTerminal(o.s.out) {
		return record.Write(o.s.out, cat, d, o.meta())
	}
	return nil
}

// withoutRules drops the underline rules of headings: screen readers spell out box drawing.
func withoutRules(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if strings.Trim(l, "─") != "" || l == "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// printOutcome writes the decision record to stdout when it is redirected (sfpattern > x.md),
// and a one-paragraph summary when it is the terminal.
func (o *wizardOptions) printOutcome(cat *rules.Catalog, d *rules.Decision, exported []string) error {
	if !isTerminal(o.s.out) {
		return record.Write(o.s.out, cat, d, o.meta())
	}
	var b strings.Builder
	b.WriteString(d.Recommendation.Summary + "\n")
	for _, p := range exported {
		b.WriteString("Wrote " + safetext.Escape(p) + "\n")
	}
	_, err := io.WriteString(o.s.out, b.String())
	return err
}

// meta is the front matter of the record the wizard prints: the configuration's status and
// people; the export form starts from the same defaults (o.cfg.Record.Meta).
func (o *wizardOptions) meta() record.Meta {
	return o.cfg.Record.Meta(o.date)
}
