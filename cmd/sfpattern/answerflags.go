package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/sfpattern/sfpattern/internal/config"
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
	registerRules(f, &a.rules, "add an organisation's rule file, after the configuration's (repeatable)")
	a.registerOrg(f)
}

// registerRules adds --rules.
func registerRules(f *pflag.FlagSet, dst *[]string, usage string) {
	f.StringArrayVar(dst, "rules", nil, usage)
}

func (o *orgFlags) registerOrg(f *pflag.FlagSet) {
	f.StringVar(&o.orgLimits, "org-limits", "", "the org's real limits: the JSON of 'sf org list limits --json' or of REST /limits (replaces the configuration's)")
	f.StringArrayVar(&o.addons, "addon", nil, "a purchased allocation, limit=amount (repeatable; replaces the configuration's for that limit), e.g. event_delivery_per_day=100000")
}

// sourceFlags passes the flags that the configuration also gives (--rules, --org-limits,
// --addon, when set) to config.Load, which puts them first.
func sourceFlags(f *pflag.FlagSet, ruleFiles []string, o orgFlags) config.Settings {
	var s config.Settings
	if f.Changed("rules") {
		s.Rules = &ruleFiles
	}
	if f.Changed("org-limits") {
		s.OrgLimits = &o.orgLimits
	}
	if f.Changed("addon") {
		s.Addons = &o.addons
	}
	return s
}

// orgOf reads the org the configuration and the flags describe (the flags come first in cfg),
// or returns stored (from a decision record) when neither names add-ons or a snapshot: a
// configured org, like the flags, replaces what a record remembers.
func orgOf(cfg config.Config, cat *rules.Catalog, stdin io.Reader, stored *rules.Org) (*rules.Org, error) {
	if cfg.OrgLimits == "" && len(cfg.Addons) == 0 {
		return stored, nil
	}
	org := &rules.Org{}
	addons, err := cfg.AddonAmounts(cat)
	ps := rules.AsProblems(err)
	if len(addons) > 0 {
		org.Addons = addons
	}
	if cfg.OrgLimits != "" {
		data, err := readInput(cfg.OrgLimits, stdin)
		if err != nil {
			return nil, err
		}
		name := cfg.OrgLimits
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

// settings are the configuration flags an answers command was given.
func (a answerFlags) settings(f *pflag.FlagSet) config.Settings {
	return sourceFlags(f, a.rules, a.orgFlags)
}

// loaded is what an answers command works from: the knowledge base with the organisation's
// rules, the checked answers, the org, and the warnings the answers raised (an answer to a
// question that does not apply, for one).
type loaded struct {
	cat      *rules.Catalog
	answers  rules.Answers
	org      *rules.Org
	warnings []rules.Warning
}

// load loads the knowledge base with the configuration's and the flags' rules, reads the
// answers over the configuration's defaults, and the org.
func (a answerFlags) load(cfg config.Config, stdin io.Reader) (loaded, error) {
	if a.answers == "" && len(a.sets) == 0 {
		return loaded{}, badInput("no answers: give --answers FILE, or --set field=value for every required field")
	}
	if a.answers == "-" && cfg.OrgLimits == "-" {
		return loaded{}, badInput("--answers and --org-limits cannot both read standard input")
	}
	cat, defaults, err := catalogWithDefaults(cfg, stdin)
	if err != nil {
		return loaded{}, err
	}
	answers, stored, warnings, err := collectAnswers(cat, a.answers, a.sets, defaults, stdin)
	if err != nil {
		return loaded{}, err
	}
	org, err := orgOf(cfg, cat, stdin, stored)
	return loaded{cat: cat, answers: answers, org: org, warnings: warnings}, err
}

// catalogWithDefaults loads the knowledge base with the configured rule files and checks the
// configuration's defaults against its question set.
func catalogWithDefaults(cfg config.Config, stdin io.Reader) (*rules.Catalog, rules.Answers, error) {
	cat, err := loadCatalog(cfg.Rules, stdin)
	if err != nil {
		return nil, rules.Answers{}, err
	}
	defaults, err := cfg.Defaults.Answers(cat)
	if err != nil {
		return nil, rules.Answers{}, err
	}
	return cat, defaults, nil
}

// decide loads everything and evaluates, keeping the answers' own warnings first. When nothing
// meets the requirements it also works out which single answers would change that.
func (a answerFlags) decide(cfg config.Config, stdin io.Reader) (*rules.Catalog, *rules.Decision, error) {
	l, err := a.load(cfg, stdin)
	if err != nil {
		return nil, nil, err
	}
	d, err := l.cat.EvaluateOrg(l.answers, l.org)
	if err == nil {
		err = l.cat.WhatWouldChange(d, l.answers, l.org)
	}
	if err != nil {
		return nil, nil, err
	}
	d.Warnings = append(append([]rules.Warning{}, l.warnings...), d.Warnings...)
	return l.cat, d, nil
}
