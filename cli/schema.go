package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) schemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the data file, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of casia's data file, generated from
the types casia loads: every field, the required ones, the closed lists
(confidence, kinds, statuses, tiers, units, organisations), id and date
patterns, and a description of each record.

casia export starts with a comment that YAML language servers (VS Code's
YAML extension, Neovim and Helix with yaml-language-server) read:

  # yaml-language-server: $schema=casia.schema.json

so with the schema saved beside your file, the editor checks and completes
it as you type. The schema's $id (` + model.SchemaID + `)
names it; it is not served anywhere, so point editors at the local file.
The schema cannot see everything: references between records, dates such
as 30 February, and the warnings of validate --strict are casia validate's.`,
		Example: `  # beside your data file
  casia schema > casia.schema.json
  casia export > my.yaml
  # or point your editor at it in settings, e.g. VS Code:
  #   "yaml.schemas": {"./casia.schema.json": "my.yaml"}`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := model.Schema()
			if err != nil {
				return err
			}
			if _, err := cmd.OutOrStdout().Write(out); err != nil {
				return fmt.Errorf("write schema: %w", err)
			}
			return nil
		},
	}
}
