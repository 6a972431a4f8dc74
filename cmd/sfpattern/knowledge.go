package main

import (
	"io"
	"sync"

	"github.com/sfpattern/sfpattern/internal/config"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// embedded is the knowledge base without an organisation's rules, loaded once per process: the
// help's examples need it as much as most commands do, and it is immutable once loaded.
var embedded = sync.OnceValues(func() (*rules.Catalog, error) { return load(nil) })

// loadCatalog loads the embedded knowledge base plus the organisation's rule files.
func loadCatalog(ruleFiles []string, stdin io.Reader) (*rules.Catalog, error) {
	if len(ruleFiles) == 0 {
		return embedded()
	}
	extra := make([]rules.RuleFile, 0, len(ruleFiles))
	for _, path := range ruleFiles {
		data, err := readInput(path, stdin)
		if err != nil {
			return nil, err
		}
		extra = append(extra, rules.RuleFile{Name: path, Data: data})
	}
	return load(extra)
}

// configuredCatalog loads the configuration the flags complete and the knowledge base with its
// rule files.
func configuredCatalog(flags config.Settings, stdin io.Reader) (config.Config, *rules.Catalog, error) {
	cfg, err := config.Load(flags)
	if err != nil {
		return cfg, nil, err
	}
	cat, err := loadCatalog(cfg.Rules, stdin)
	return cfg, cat, err
}

// load loads the knowledge base with extra rule files, and checks that the contract has a place
// for every answer the question set puts in it.
func load(extra []rules.RuleFile) (*rules.Catalog, error) {
	cat, err := rules.Load(content.FS, extra...)
	if err == nil {
		err = contract.CheckQuestions(cat)
	}
	if err != nil {
		return nil, err
	}
	return cat, nil
}

// setFlag is `--set id=value` for the question that plays r, for the help's examples.
func setFlag(r rules.Role, value string) string { return "--set " + idOf(r) + "=" + value }

// idOf is the id of the question that plays r, for help texts: question ids live in the
// question set alone.
func idOf(r rules.Role) string {
	cat, err := embedded()
	if err != nil {
		return string(r) // the embedded knowledge base always loads; its tests see to that
	}
	return cat.Role(r).ID
}
