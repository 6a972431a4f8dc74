package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/sfpattern/sfpattern/rules"
)

// answerFlags are the flags of every command that evaluates one integration's answers:
// recommend, record, contract and whatif.
type answerFlags struct {
	answers string
	sets    []string
	rules   []string
}

func (a *answerFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&a.answers, "answers", "a", "", "answers file, YAML or JSON, or a decision record (- for standard input)")
	f.StringArrayVar(&a.sets, "set", nil, "override one answer: field=value (repeatable)")
	f.StringArrayVar(&a.rules, "rules", nil, "add an organisation's rule file (repeatable)")
}

// load loads the knowledge base with the organisation's rules and the checked answers, with
// the warnings the answers raised (an answer to a question that does not apply, for one).
func (a answerFlags) load(stdin io.Reader) (*rules.Catalog, rules.Answers, []rules.Warning, error) {
	if a.answers == "" && len(a.sets) == 0 {
		return nil, rules.Answers{}, nil, badInput("no answers: give --answers FILE, or --set field=value for every required field")
	}
	cat, err := loadCatalog(a.rules, stdin)
	if err != nil {
		return nil, rules.Answers{}, nil, err
	}
	answers, warnings, err := collectAnswers(cat, a.answers, a.sets, stdin)
	return cat, answers, warnings, err
}

// decide loads everything and evaluates, keeping the answers' own warnings first.
func (a answerFlags) decide(stdin io.Reader) (*rules.Catalog, *rules.Decision, error) {
	cat, answers, warnings, err := a.load(stdin)
	if err != nil {
		return nil, nil, err
	}
	d, err := cat.Evaluate(answers)
	if err != nil {
		return nil, nil, err
	}
	d.Warnings = append(append([]rules.Warning{}, warnings...), d.Warnings...)
	return cat, d, nil
}
