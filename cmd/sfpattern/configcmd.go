package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
)

// configOptions are the flags of `sfpattern config`: the flags that override the configuration
// in other commands, so that it can show what they would run with.
type configOptions struct {
	rules []string
	orgFlags
	frontMatter
	format string
}

func newConfigCmd() *cobra.Command {
	var o configOptions
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each value came from",
		Long: `Prints the configuration the other commands run with: the decisions folder, a new record's
status and people, the rule files, the add-ons, the org-limits snapshot and the answers defaults,
each with where it came from: a flag, an SFPATTERN_* variable, a file and line, a folder
convention (.adr-dir, an existing docs/decisions or docs/adr), or sfpattern's default. It checks
what the other commands would check (each default against the question set, each add-on against
the allocations), so a configuration it prints is one they accept.

The flags are those of the other commands, to see what a run with them would use.`,
		Example: `  sfpattern config
  sfpattern config --format json
  sfpattern config --rules extra.yaml --status accepted`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s := sourceFlags(cmd.Flags(), o.rules, o.orgFlags)
			o.into(cmd.Flags(), &s)
			return o.run(s, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	registerRules(f, &o.rules, "add an organisation's rule file, after the configuration's (repeatable)")
	o.registerOrg(f)
	o.register(f)
	textOrJSON.register(f, &o.format)
	return cmd
}

func (o configOptions) run(flags config.Settings, stdin io.Reader, stdout io.Writer) error {
	if err := textOrJSON.check(o.format); err != nil {
		return err
	}
	cfg, cat, err := configuredCatalog(flags, stdin)
	if err != nil {
		return err
	}
	entries, err := cfg.Report(cat)
	if err != nil {
		return err
	}
	if o.format == formatJSON {
		return writeJSON(stdout, map[string]any{"schema_version": 1, "files": cfg.Files(), "settings": entries})
	}
	return writeConfigText(stdout, cfg.Files(), entries)
}

// writeConfigText writes the files looked for, then one setting a line in three columns: key,
// value, origin.
func writeConfigText(w io.Writer, files []config.File, entries []config.Entry) error {
	var b strings.Builder
	for _, f := range files {
		switch {
		case f.Path == "":
			fmt.Fprintf(&b, "%-8s (none found)\n", f.Scope)
		case !f.Found:
			fmt.Fprintf(&b, "%-8s %s (not found)\n", f.Scope, f.Path)
		default:
			fmt.Fprintf(&b, "%-8s %s\n", f.Scope, f.Path)
		}
	}
	b.WriteString("\n")
	keyWidth, valueWidth := 0, 0
	values := make([]string, len(entries))
	for i, e := range entries {
		values[i] = configValue(e.Value)
		keyWidth, valueWidth = max(keyWidth, len(e.Key)), max(valueWidth, len(values[i]))
	}
	for i, e := range entries {
		fmt.Fprintf(&b, "%-*s  %-*s  %s\n", keyWidth, e.Key, valueWidth, values[i], e.From)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// configValue writes a setting's value for the text listing.
func configValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case []string:
		if len(x) == 0 {
			return "(no one)"
		}
		return strings.Join(x, ", ")
	case float64:
		return rules.FormatNumber(x)
	}
	return rules.FormatValue(v)
}
