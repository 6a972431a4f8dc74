package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/reference"
)

// formatsAnnotation is the flag annotation under which --format keeps the formats its command
// offers, so one completion function serves every command.
const formatsAnnotation = "sfpattern_formats"

// fileFlags are the flags that name a file, with the extensions the shell should offer. An
// answers file may also be a decision record; an org's limits are the JSON sf or REST prints.
var fileFlags = map[string][]string{
	"answers":    {"yaml", "yml", "json", "md"},
	"rules":      {"yaml", "yml"},
	"org-limits": {"json"},
}

// registerCompletions teaches every command of the tree to complete its flags' values: files
// by extension, formats, answers after --set and allocations after --addon. The shells ask
// through cobra's hidden __complete command, which these functions answer.
func registerCompletions(c *cobra.Command) {
	for name, exts := range fileFlags {
		if c.Flags().Lookup(name) != nil {
			_ = c.MarkFlagFilename(name, exts...) // the flag exists: looked up just above
		}
	}
	for name, complete := range map[string]cobra.CompletionFunc{
		"format": completeFormat,
		"set":    completeSet,
		"addon":  completeAddon,
	} {
		if c.Flags().Lookup(name) != nil {
			_ = c.RegisterFlagCompletionFunc(name, complete) // each flag once: c is visited once
		}
	}
	for _, sub := range c.Commands() {
		registerCompletions(sub)
	}
}

// completeFormat offers the formats the command's --format accepts.
func completeFormat(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return withPrefix(cmd.Flag("format").Annotations[formatsAnnotation], toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completeSet completes --set field=value: first the fields, each with its "=" and no space
// after, then, once the field is typed, the values its question takes, written whole
// (direction=inbound) since the shell matches them against everything typed.
func completeSet(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := embedded()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	id, typed, chosen := strings.Cut(toComplete, "=")
	if !chosen {
		var fields []cobra.Completion
		for _, q := range cat.Questions {
			if strings.HasPrefix(q.ID, id) {
				fields = append(fields, cobra.CompletionWithDesc(q.ID+"=", q.Title))
			}
		}
		return fields, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}
	q := cat.Question(id)
	if q == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var values []cobra.Completion
	for _, v := range answerValues(q) {
		if strings.HasPrefix(v.value, typed) {
			values = append(values, cobra.CompletionWithDesc(id+"="+v.value, v.desc))
		}
	}
	return values, cobra.ShellCompDirectiveNoFileComp
}

// completion is one value a shell may offer, with what it means.
type completion struct{ value, desc string }

// answerValues are the values worth offering for a question: a select's options, a boolean's
// two values, a number's default when it has a fixed one. Text has none to offer.
func answerValues(q *rules.Question) []completion {
	switch q.Kind {
	case rules.KindSelect:
		out := make([]completion, len(q.Options))
		for i, o := range q.Options {
			out[i] = completion{o.ID, o.Label}
		}
		return out
	case rules.KindBoolean:
		return []completion{{"true", "yes"}, {"false", "no"}}
	case rules.KindNumber:
		if n, ok := q.Default.(int); ok && q.DefaultExpr == "" {
			return []completion{{strconv.Itoa(n), "the default"}}
		}
	case rules.KindText:
	}
	return nil
}

// completeAddon completes --addon limit=amount with the allocations that can be bought; the
// amount is the user's to type.
func completeAddon(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := embedded()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	if strings.Contains(toComplete, "=") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var ids []cobra.Completion
	for _, id := range cat.AllocationIDs() {
		if strings.HasPrefix(id, toComplete) {
			ids = append(ids, cobra.CompletionWithDesc(id+"=", cat.Limit(id).Title))
		}
	}
	return ids, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

// completeCatalogID offers catalog's page ids, each with its kind and title.
func completeCatalogID(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cat, err := embedded()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var ids []cobra.Completion
	for _, e := range reference.Entries(cat) {
		if strings.HasPrefix(e.ID, toComplete) {
			ids = append(ids, cobra.CompletionWithDesc(e.ID, e.Kind+": "+e.Title))
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// withPrefix keeps the choices that start with what is typed.
func withPrefix(choices []string, typed string) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range choices {
		if strings.HasPrefix(c, typed) {
			out = append(out, c)
		}
	}
	return out
}
