package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Print the whole dataset as YAML or JSON, ready to edit and load with --data",
		Long: `Print the whole dataset as YAML (the default) or JSON, in the format
casia --data and casia validate read.

The YAML begins with a comment that YAML language servers (VS Code,
Neovim, Helix) read to check and complete the file as you edit it:

  ` + model.SchemaComment + `

Write the schema beside your file with casia schema > ` + model.SchemaFile + `.`,
		Example: `  # write the dataset and its schema, edit it, check it, use it
  casia export > my.yaml && casia schema > casia.schema.json
  casia validate my.yaml && casia --data my.yaml
  # JSON for other tools
  casia export --format json | jq '.projects[].name'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, []string{"yaml", "json"}); err != nil {
				return err
			}
			ds, err := a.dataset()
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), ds)
			}
			out, err := model.Marshal(ds)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			w := cmd.OutOrStdout()
			if _, err := io.WriteString(w, model.SchemaComment+"\n# (casia schema > "+model.SchemaFile+" writes the schema beside this file)\n"); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if _, err := w.Write(out); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "o", "yaml", "output FORMAT: yaml or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions([]string{"yaml", "json"}))
	return cmd
}
