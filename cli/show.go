package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
)

func (a *app) showCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID|NAME",
		Short: "Print one record with every value's sources",
		Long: `Print one record. Name it by its id (casia list … shows the ids in the
first column), a state by any of its names in any script ("kazakhstan",
"Qazaqstan", "Казахстан", "哈萨克斯坦"; case and accents do not matter),
or any record by its title.

Each value ends with the numbers of the sources that back it, listed at
the end with publisher, title, date and URL. As JSON, every fact, figure,
meeting and milestone carries its own source ids, and every figure is an
object: value, unit, ref (reference year or date), approx, confidence,
sources.`,
		Example: `  casia show kz
  casia show kazakhstan
  casia show "Xi'an summit"
  casia show cku-railway --format json`,
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
			r, err := resolve(ds, args[0])
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), model.CleanRecord(ds.Record(r)))
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), ds.Describe(r))
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "format", "o", "text", "output FORMAT: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions([]string{"text", "json"}))
	return cmd
}

// resolve finds the record a user named: by id; a state by any of its
// names (model.CountriesNamed); else any record by its title, whole or
// a unique beginning, case and accents folded. Several states or titles
// for one name is a usage error that lists them.
func resolve(ds *model.Dataset, typed string) (model.Ref, error) {
	if r, ok := ds.Lookup(typed); ok {
		return r, nil
	}
	switch ids := ds.CountriesNamed(typed); len(ids) {
	case 0:
	case 1:
		r, _ := ds.Lookup(ids[0])
		return r, nil
	default:
		var refs []model.Ref
		for _, id := range ids {
			r, _ := ds.Lookup(id)
			refs = append(refs, r)
		}
		return model.Ref{}, ambiguous(ds, typed, refs)
	}
	q := strings.TrimSpace(model.Fold(typed))
	if q == "" {
		return model.Ref{}, usageError{fmt.Errorf("name a record: an id, a state's name or a title")}
	}
	var exact, prefix []model.Ref
	for k := model.KindSummit; k <= model.KindSource; k++ {
		for i := range ds.Len(k) {
			r := model.Ref{Kind: k, Index: i}
			t := strings.TrimSpace(model.Fold(ds.Title(r)))
			switch {
			case t == q:
				exact = append(exact, r)
			case len([]rune(q)) >= 3 && strings.HasPrefix(t, q):
				prefix = append(prefix, r)
			}
		}
	}
	for _, hits := range [][]model.Ref{exact, prefix} {
		switch len(hits) {
		case 0:
			continue
		case 1:
			return hits[0], nil
		}
		return model.Ref{}, ambiguous(ds, typed, hits)
	}
	return model.Ref{}, fmt.Errorf("no record with id or name %q%s", typed, didYouMean(ds, typed))
}

// ambiguous lists the records a name could mean (at most ten) as id and
// title, one per line.
func ambiguous(ds *model.Dataset, typed string, refs []model.Ref) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%q could be %d records; name one by its id:", typed, len(refs))
	for _, r := range refs[:min(len(refs), 10)] {
		fmt.Fprintf(&b, "\n  %-28s %s (%s)", ds.ID(r), ds.Title(r), r.Kind)
	}
	if len(refs) > 10 {
		fmt.Fprintf(&b, "\n  … and %d more", len(refs)-10)
	}
	return usageError{fmt.Errorf("%s", b.String())}
}

// didYouMean suggests ids close to what was typed.
func didYouMean(ds *model.Dataset, typed string) string {
	if s := ds.Suggest(typed, 3); len(s) > 0 {
		return "; did you mean " + strings.Join(slices.Clip(s), ", ") + "?"
	}
	return "; casia list signatories (or partnerships, projects, events, sources) shows the IDs"
}
