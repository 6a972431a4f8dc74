package main

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// The output formats, as --format names them.
const (
	formatText     = "text"
	formatJSON     = "json"
	formatMarkdown = "markdown"
)

// formats lists the output formats one command offers, in the order its help names them; the
// first is the default.
type formats []string

var (
	textOrJSON       = formats{formatText, formatJSON}
	textJSONMarkdown = formats{formatText, formatJSON, formatMarkdown}
)

// register adds --format (-f) to a command's flags, with help text naming every choice and the
// choices kept for completion (see completeFormat).
func (fs formats) register(f *pflag.FlagSet, p *string) {
	f.StringVarP(p, "format", "f", fs[0], "output format: "+fs.String())
	_ = f.SetAnnotation("format", formatsAnnotation, fs) // the flag was defined on the line above
}

// check refuses a format the command does not offer, naming the ones it does.
func (fs formats) check(got string) error {
	if slices.Contains(fs, got) {
		return nil
	}
	return badInput("--format: unknown format %q; use %s", got, fs)
}

// String names the choices as a sentence would: "text, json or markdown".
func (fs formats) String() string {
	if len(fs) == 1 {
		return fs[0]
	}
	return strings.Join(fs[:len(fs)-1], ", ") + " or " + fs[len(fs)-1]
}
