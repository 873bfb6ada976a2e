package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) showCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one record with all its fields and sources",
		Long: `Print one record. Countries use their ISO 3166-1 alpha-2 code (kz, cn, …);
everything else a slug (casia list … shows the IDs in the first column).`,
		Example: `  casia show kz
  casia show cku-railway --format json
  casia show astana-2025`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			ds, err := a.dataset()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var ids []string
			for k := model.KindSummit; k <= model.KindSource; k++ {
				for i := range ds.Len(k) {
					r := model.Ref{Kind: k, Index: i}
					ids = append(ids, ds.ID(r)+"\t"+ds.Title(r))
				}
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, []string{"text", "json"}); err != nil {
				return err
			}
			ds, err := a.dataset()
			if err != nil {
				return err
			}
			r, ok := ds.Lookup(args[0])
			if !ok {
				return fmt.Errorf("no record with id %q%s", args[0], didYouMean(ds, args[0]))
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), ds.Record(r))
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), ds.Describe(r))
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "format", "o", "text", "output FORMAT: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions([]string{"text", "json"}))
	return cmd
}

// didYouMean suggests ids close to what was typed.
func didYouMean(ds *model.Dataset, typed string) string {
	if s := ds.Suggest(typed, 3); len(s) > 0 {
		return "; did you mean " + strings.Join(s, ", ") + "?"
	}
	return "; casia list signatories (or partnerships, projects, events, sources) shows the IDs"
}
