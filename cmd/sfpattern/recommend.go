package main

import (
	"encoding/json"
	"io"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/content"
	"github.com/sfpattern/sfpattern/rules"
)

// recommendOptions are the flags of `sfpattern recommend`.
type recommendOptions struct {
	answers string
	sets    []string
	rules   []string
	format  string
}

func newRecommendCmd() *cobra.Command {
	var o recommendOptions
	cmd := &cobra.Command{
		Use:   "recommend",
		Short: "Recommend a pattern and mechanism for answers given in a file or with --set",
		Long: `Evaluates one integration's answers and prints the recommended pattern and mechanism, the
reasons for and against every mechanism, the capacity of the design at the stated volume and at 10x,
the failure modes to design for, and warnings about contradictory answers.

Answers come from --answers (YAML or JSON; "-" reads standard input), with --set field=value
overriding single fields; --set alone is enough when it gives every required field.`,
		Example: `  sfpattern recommend --answers answers.yaml
  sfpattern recommend --answers answers.yaml --format json
  sfpattern recommend --answers a.yaml --set latency=minutes --set records_per_day=2000000
  sfpattern recommend --answers a.yaml --rules our-policy.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.answers, "answers", "a", "", "answers file, YAML or JSON (- for standard input)")
	f.StringArrayVar(&o.sets, "set", nil, "override one answer: field=value (repeatable)")
	f.StringArrayVar(&o.rules, "rules", nil, "add an organisation's rule file (repeatable)")
	f.StringVarP(&o.format, "format", "f", "text", "output format: text or json")
	return cmd
}

func (o recommendOptions) run(stdin io.Reader, stdout io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return badInput("--format: unknown format %q; use text or json", o.format)
	}
	if o.answers == "" && len(o.sets) == 0 {
		return badInput("no answers: give --answers FILE, or --set field=value for every required field")
	}
	cat, err := loadCatalog(o.rules, stdin)
	if err != nil {
		return err
	}
	answers, warnings, err := collectAnswers(cat, o.answers, o.sets, stdin)
	if err != nil {
		return err
	}
	d, err := cat.Evaluate(answers)
	if err != nil {
		return err
	}
	d.Warnings = append(append([]rules.Warning{}, warnings...), d.Warnings...)
	if o.format == "json" {
		return writeJSON(stdout, d)
	}
	return rules.WriteText(stdout, d, textWidth(stdout))
}

// loadCatalog loads the embedded knowledge base plus the organisation's rule files.
func loadCatalog(ruleFiles []string, stdin io.Reader) (*rules.Catalog, error) {
	extra := make([]rules.RuleFile, 0, len(ruleFiles))
	for _, path := range ruleFiles {
		data, err := readInput(path, stdin)
		if err != nil {
			return nil, err
		}
		extra = append(extra, rules.RuleFile{Name: path, Data: data})
	}
	return rules.Load(content.FS, extra...)
}

// collectAnswers reads the answers file, applies --set overrides, and checks the result.
func collectAnswers(cat *rules.Catalog, file string, sets []string, stdin io.Reader) (rules.Answers, []rules.Warning, error) {
	var data []byte
	name := file
	if file != "" {
		var err error
		if data, err = readInput(file, stdin); err != nil {
			return rules.Answers{}, nil, err
		}
		if file == "-" {
			name = "standard input"
		}
	}
	return cat.ReadAnswers(name, data, sets)
}

// writeJSON writes v indented for a person at a terminal and compact for a pipe, as gh does:
// jq and friends do not need the whitespace, and it is a third of the encoding time.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	if isTerminal(w) {
		enc.SetIndent("", "  ")
	}
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// textWidth is the terminal's width (at most 110 columns, which stays readable), or the
// default for a pipe or file.
func textWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return rules.DefaultTextWidth
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return rules.DefaultTextWidth
	}
	return min(width, 110)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
