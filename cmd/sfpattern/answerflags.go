package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/sfpattern/sfpattern/rules"
)

// answerFlags are the flags of every command that evaluates one integration's answers:
// recommend, record, contract, whatif and the wizard.
type answerFlags struct {
	answers string
	sets    []string
	rules   []string
	orgFlags
}

// orgFlags describe the org beyond its edition's formula: purchased add-ons and a snapshot of
// its real limits. Portfolio takes them too.
type orgFlags struct {
	orgLimits string
	addons    []string
}

func (a *answerFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&a.answers, "answers", "a", "", "answers file, YAML or JSON, or a decision record (- for standard input)")
	f.StringArrayVar(&a.sets, "set", nil, "override one answer: field=value (repeatable)")
	f.StringArrayVar(&a.rules, "rules", nil, "add an organisation's rule file (repeatable)")
	a.registerOrg(f)
}

func (o *orgFlags) registerOrg(f *pflag.FlagSet) {
	f.StringVar(&o.orgLimits, "org-limits", "", "the org's real limits: the JSON of 'sf org list limits --json' or of REST /limits")
	f.StringArrayVar(&o.addons, "addon", nil, "a purchased allocation, limit=amount (repeatable), e.g. event_delivery_per_day=100000")
}

// given reports whether any org flag was given.
func (o orgFlags) given() bool { return o.orgLimits != "" || len(o.addons) > 0 }

// org reads the org the flags describe, or returns stored (from a decision record) when none
// was given: flags replace what a record remembers.
func (o orgFlags) org(cat *rules.Catalog, stdin io.Reader, stored *rules.Org) (*rules.Org, error) {
	if !o.given() {
		return stored, nil
	}
	org := &rules.Org{}
	var ps rules.Problems
	for _, s := range o.addons {
		id, amount, err := cat.ParseAddon(s)
		if err != nil {
			ps = append(ps, rules.AsProblems(err)...)
			continue
		}
		if org.Addons == nil {
			org.Addons = map[string]float64{}
		}
		org.Addons[id] += amount
	}
	if o.orgLimits != "" {
		data, err := readInput(o.orgLimits, stdin)
		if err != nil {
			return nil, err
		}
		name := o.orgLimits
		if name == "-" {
			name = stdinName
		}
		snap, err := cat.ParseOrgLimits(name, data)
		if err != nil {
			ps = append(ps, rules.AsProblems(err)...)
		}
		org.Snapshot = snap
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return org, nil
}

// load loads the knowledge base with the organisation's rules, the checked answers and the org,
// with the warnings the answers raised (an answer to a question that does not apply, for one).
func (a answerFlags) load(stdin io.Reader) (*rules.Catalog, rules.Answers, *rules.Org, []rules.Warning, error) {
	if a.answers == "" && len(a.sets) == 0 {
		return nil, rules.Answers{}, nil, nil, badInput("no answers: give --answers FILE, or --set field=value for every required field")
	}
	if a.answers == "-" && a.orgLimits == "-" {
		return nil, rules.Answers{}, nil, nil, badInput("--answers and --org-limits cannot both read standard input")
	}
	cat, err := loadCatalog(a.rules, stdin)
	if err != nil {
		return nil, rules.Answers{}, nil, nil, err
	}
	answers, stored, warnings, err := collectAnswers(cat, a.answers, a.sets, stdin)
	if err != nil {
		return nil, rules.Answers{}, nil, nil, err
	}
	org, err := a.org(cat, stdin, stored)
	return cat, answers, org, warnings, err
}

// decide loads everything and evaluates, keeping the answers' own warnings first. When nothing
// meets the requirements it also works out which single answers would change that.
func (a answerFlags) decide(stdin io.Reader) (*rules.Catalog, *rules.Decision, error) {
	cat, answers, org, warnings, err := a.load(stdin)
	if err != nil {
		return nil, nil, err
	}
	d, err := cat.EvaluateOrg(answers, org)
	if err == nil {
		err = cat.WhatWouldChange(d, answers, org)
	}
	if err != nil {
		return nil, nil, err
	}
	d.Warnings = append(append([]rules.Warning{}, warnings...), d.Warnings...)
	return cat, d, nil
}
