package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/advisor"
	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/record"
)

// recommendOptions are the flags of `sfpattern recommend`.
type recommendOptions struct {
	answerFlags
	format string
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
overriding single fields; --set alone is enough when it gives every required field. A decision
record written by 'sfpattern record' is an answers file too: its answers block is read.

--org-limits reads the org's real limits (the JSON of 'sf org list limits --json', or the body of
the REST /limits resource): their maxima replace the edition's formula and what the org already
uses counts against them. --addon adds a purchased allocation (limit=amount).

--format markdown prints the decision record that 'sfpattern record' writes: rendered for reading
on a terminal (at most 120 columns wide, in the terminal's light or dark style, plain under
NO_COLOR), and the Markdown itself when piped or redirected.`,
		Example: `  sfpattern recommend --answers answers.yaml
  sfpattern recommend --answers answers.yaml --format json
  sfpattern recommend --answers docs/decisions/0003-use-bulk-api-2-0-for-invoices.md --format markdown
  sfpattern recommend --answers a.yaml ` + setFlag(rules.RoleTiming, "minutes") + " " + setFlag(rules.RoleDailyVolume, "2000000") + `
  sfpattern recommend --answers a.yaml --rules our-policy.yaml
  sf org list limits --json > limits.json && sfpattern recommend --answers a.yaml --org-limits limits.json
  sfpattern recommend --answers a.yaml --addon event_delivery_per_day=100000`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(o.settings(cmd.Flags()), cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	o.register(f)
	textJSONMarkdown.register(f, &o.format)
	return cmd
}

func (o recommendOptions) run(flags config.Settings, stdin io.Reader, stdout io.Writer) error {
	if err := textJSONMarkdown.check(o.format); err != nil {
		return err
	}
	cfg, err := config.Load(flags)
	if err != nil {
		return err
	}
	var meta record.Meta
	if o.format == formatMarkdown {
		date, err := recordDate("")
		if err != nil {
			return err
		}
		meta.Date = date
	}
	cat, d, err := o.decide(cfg, stdin)
	if err != nil {
		return err
	}
	switch o.format {
	case formatJSON:
		return writeJSON(stdout, d)
	case formatMarkdown:
		return writeMarkdown(stdin, stdout, cat, d, meta)
	}
	return rules.WriteText(stdout, d, textWidth(stdout))
}

// collectAnswers reads the answers file (or decision record), applies --set overrides, fills
// what both leave out from the configuration's defaults, and checks the result; a record also
// gives the org it was decided for.
func collectAnswers(cat *rules.Catalog, file string, sets []string, defaults rules.Answers, stdin io.Reader) (rules.Answers, *rules.Org, []rules.Warning, error) {
	in, err := readAnswers(cat, file, stdin, record.ReadOptions{Sets: sets, Defaults: defaults})
	return in.Answers, in.Org, in.Warnings, err
}

// readAnswers reads a user-named answers file or decision record ("-" is standard input; ""
// is none, for --set alone) through record.ReadAnswers, the one reader every command shares.
func readAnswers(cat *rules.Catalog, file string, stdin io.Reader, opt record.ReadOptions) (record.Input, error) {
	var data []byte
	name := file
	if file != "" {
		var err error
		if data, err = readInput(file, stdin); err != nil {
			return record.Input{}, err
		}
		if file == "-" {
			name = stdinName
		}
	}
	in, err := record.ReadAnswers(cat, name, data, opt)
	if errors.Is(err, record.ErrNoAnswers) {
		return in, badInput("%v: a decision record is read through the answers block that 'sfpattern record' writes at its end", err)
	}
	return in, err
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

// writeMarkdown prints the decision record: to a pipe or a file the Markdown byte for byte as
// 'sfpattern record' writes it; on a terminal rendered for reading, as gh renders Markdown, in
// the terminal's width up to 120 columns and in its background's style.
func writeMarkdown(stdin io.Reader, stdout io.Writer, cat *rules.Catalog, d *rules.Decision, meta record.Meta) error {
	terminal, width := terminalWidth(stdout)
	if width == 0 {
		return record.Write(stdout, cat, d, meta)
	}
	var md bytes.Buffer
	if err := record.Write(&md, cat, d, meta); err != nil {
		return err
	}
	dark := true // NO_COLOR's plain style has no colours to choose, so the terminal is not asked
	if os.Getenv("NO_COLOR") == "" {
		in, _ := underlying(stdin).(*os.File)
		dark = advisor.DarkTerminal(in, terminal)
	}
	out, err := advisor.RenderRecord(md.String(), min(width, 120), dark)
	if err != nil {
		_, err = stdout.Write(md.Bytes())
		return err
	}
	// Past the escaping writer, which would show glamour's escape sequences as text: record.Write
	// has escaped every control character that came from an input already. The colours are fitted
	// to what the terminal can show (none for TERM=dumb).
	_, err = io.WriteString(colorprofile.NewWriter(terminal, os.Environ()), out)
	return err
}

// textWidth is the terminal's width (at most 110 columns, which stays readable), or the
// default for a pipe or file.
func textWidth(w io.Writer) int {
	if _, width := terminalWidth(w); width > 0 {
		return min(width, 110)
	}
	return rules.DefaultTextWidth
}

// terminalWidth returns the terminal a stream writes to, looking through wrapping writers, and
// its width; 0 for a pipe or a file.
func terminalWidth(w io.Writer) (*os.File, int) {
	f, ok := underlying(w).(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return nil, 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return nil, 0
	}
	return f, width
}

// isTerminal reports whether a stream is a terminal.
func isTerminal(stream any) bool {
	f, ok := underlying(stream).(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// underlying looks through writers that wrap another, such as the escaping writer every command
// writes through, to the stream itself.
func underlying(stream any) any {
	for {
		w, ok := stream.(interface{ Unwrap() io.Writer })
		if !ok {
			return stream
		}
		stream = w.Unwrap()
	}
}
