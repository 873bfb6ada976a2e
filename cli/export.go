package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Print the whole dataset as YAML or JSON, ready to edit and load with --data",
		Example: `  # write the dataset, edit it, check it, use it
  casia export > my.yaml
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
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "format", "o", "yaml", "output FORMAT: yaml or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions([]string{"yaml", "json"}))
	return cmd
}
