package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/sfpattern/sfpattern/rules/contract"
)

// schemaContract names the one schema the command prints, the integration contract's.
const schemaContract = "contract"

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema contract",
		Short: "Print the JSON Schema of a file sfpattern reads",
		Long: `Prints the JSON Schema (draft 2020-12) of the integration contract, which editors use to
validate contracts as they are filled in (the contract's first line points at it).`,
		Example:   `  sfpattern schema contract > contract.schema.json`,
		ValidArgs: []string{schemaContract},
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || args[0] != schemaContract {
				return badInput("schema takes one argument: %s", schemaContract)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return printSchema(cmd.OutOrStdout()) },
	}
}

func printSchema(w io.Writer) error {
	cat, err := loadCatalog(nil, nil)
	if err != nil {
		return err
	}
	_, err = w.Write(contract.Schema(cat))
	return err
}
