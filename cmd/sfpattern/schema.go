package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/internal/config"
	"github.com/sfpattern/sfpattern/rules"
	"github.com/sfpattern/sfpattern/rules/contract"
)

// schemaDoc is one JSON Schema the command prints, generated from the knowledge base.
type schemaDoc struct {
	name     string
	generate func(*rules.Catalog) []byte
}

// schemas are the files sfpattern reads that have a JSON Schema, in the order help lists them.
var schemas = []schemaDoc{
	{"contract", contract.Schema},
	{"config", config.Schema},
}

func schemaNames() []string {
	names := make([]string, len(schemas))
	for i, s := range schemas {
		names[i] = s.name
	}
	return names
}

func newSchemaCmd() *cobra.Command {
	names := strings.Join(schemaNames(), "|")
	return &cobra.Command{
		Use:   "schema " + names,
		Short: "Print the JSON Schema of a file sfpattern reads",
		Long: `Prints a JSON Schema (draft 2020-12), which editors use to validate files as they are filled in:
contract, the integration contract's (the contract's first line points at it); config, the
configuration file's (.sfpattern.yaml, config.yaml), its defaults generated from the question set.`,
		Example:   "  sfpattern schema contract > contract.schema.json\n  sfpattern schema config > sfpattern-config.schema.json",
		ValidArgs: schemaNames(),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || schemaFor(args[0]) == nil {
				return badInput("schema takes one argument: %s", strings.Join(schemaNames(), " or "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return printSchema(cmd.OutOrStdout(), schemaFor(args[0]))
		},
	}
}

// schemaFor is the schema of that name, or nil.
func schemaFor(name string) *schemaDoc {
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
