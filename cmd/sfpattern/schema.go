package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// schemaDoc is one JSON Schema `sfpattern schema` prints: the name that asks for it, what it
// describes, and how it is generated from the knowledge base (so the schema and the reader of
// those files never disagree).
type schemaDoc struct {
	name, about string
	generate    func(*rules.Catalog) []byte
}

// schemas are the schemas the command prints, one line each, in the order its help lists them.
var schemas = []schemaDoc{
	{"contract", "the integration contract (its first line points at the schema)", contract.Schema},
	{"answers", "an answers file (the drafts sfpattern writes point at it)", (*rules.Catalog).AnswersSchema},
	{"config", "the configuration file (.sfpattern.yaml, config.yaml), its defaults from the question set", config.Schema},
}

func newSchemaCmd() *cobra.Command {
	names := make([]string, len(schemas))
	width := 0
	for i, s := range schemas {
		names[i] = s.name
		width = max(width, len(s.name))
	}
	var about strings.Builder
	for _, s := range schemas {
		fmt.Fprintf(&about, "\n  %-*s  %s", width, s.name, s.about)
	}
	return &cobra.Command{
		Use:   "schema " + strings.Join(names, "|"),
		Short: "Print the JSON Schema of a file sfpattern reads",
		Long: `Prints the JSON Schema (draft 2020-12) of a file sfpattern reads, which editors use to validate
and complete it as it is filled in:
` + about.String(),
		Example:   "  sfpattern schema contract > contract.schema.json\n  sfpattern schema answers > answers.schema.json\n  sfpattern schema config > sfpattern-config.schema.json",
		ValidArgs: names,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || findSchema(args[0]) == nil {
				return badInput("schema takes one argument: %s", strings.Join(names, " or "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return printSchema(cmd.OutOrStdout(), findSchema(args[0]))
		},
	}
}

// findSchema is the schema of that name, or nil.
func findSchema(name string) *schemaDoc {
	for i := range schemas {
		if schemas[i].name == name {
			return &schemas[i]
		}
	}
	return nil
}

func printSchema(w io.Writer, s *schemaDoc) error {
	cat, err := loadCatalog(nil, nil)
	if err != nil {
		return err
	}
	_, err = w.Write(s.generate(cat))
	return err
}
