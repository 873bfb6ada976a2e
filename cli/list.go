package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
)

var listFormats = []string{"table", "json", "csv", "markdown"}

func (a *app) listCmd() *cobra.Command {
	var filter, sortKey, format string
	var reverse bool
	var columns []string
	cmd := &cobra.Command{
		Use:   "list LIST",
		Short: "Print signatories, partnerships, projects, events or sources as a table, JSON, CSV or Markdown",
		Long: `Print one of the dataset's lists: signatories, partnerships, projects,
events or sources. --filter takes the same query language as the
dashboard's "/" filter: words must all match (case-insensitive unless you
type a capital; accents optional: "turkiye" finds Türkiye), "!word"
excludes, and field:value narrows by one attribute:

` + queryHelp() + `
Tables and Markdown are for people: in them a figure marked ~ is
approximate and one marked * is contested (sources disagree; casia show ID
lists every value with its source). A table fits the terminal, shortening
the widest text column; piped, it is printed in full.

CSV and JSON are data. A figure column such as population is the number in
its unit (20286084), with population_unit, population_ref (the reference
year or date), population_approx, population_confidence and
population_sources (source ids joined with ";") beside it; in JSON a figure
is one object with those six keys (and note, when the sources disagree).
Dates are YYYY-MM-DD (or YYYY-MM, YYYY) as the source gives them; lists of
ids are joined with ";". Every row carries its record's source ids. Text
that a spreadsheet would run as a formula (starting with = + - @) is
prefixed with ' in CSV.

--columns picks and orders columns (comma-separated; see the list below).

Columns (the data-only ones in brackets):
` + columnHelp() + `
Sort fields (the first is the default):
` + sortHelp(),
		Example: `  casia list signatories
  casia list partnerships --filter EU --format json
  casia list projects --filter "kind:rail !status:operating" --sort cost
  casia list signatories --columns name,population,gdp --format csv
  casia list events --filter year:2023..2025 --format markdown
  casia list sources --sort cited --format csv`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"signatories", "partnerships", "projects", "events", "sources"},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := model.ParseList(args[0])
			if err != nil {
				return usageError{err}
			}
			if err := oneOf("format", format, listFormats); err != nil {
				return err
			}
			cols, err := pickColumns(kind, columns, format)
			if err != nil {
				return err
			}
			ds, err := a.dataset()
			if err != nil {
				return err
			}
			if err := ds.CheckQuery(kind, filter); err != nil {
				// A malformed filter is a usage error: say what is valid.
				fmt.Fprintln(cmd.ErrOrStderr(), "casia: "+model.Safe(err.Error(), false))
				return exitError{code: 2}
			}
			idx, err := ds.Query(kind, filter, sortKey, reverse)
			if err != nil {
				return err
			}
			if len(idx) == 0 && format != "json" {
				fmt.Fprintf(cmd.ErrOrStderr(), "casia: no %s match %q\n", kind.ListName(), filter)
			}
			t := table{ds: ds, cols: cols, rows: idx, width: a.io.Width}
			return t.write(cmd.OutOrStdout(), cmd.ErrOrStderr(), format)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&filter, "filter", "f", "", "only records matching QUERY")
	f.StringVarP(&sortKey, "sort", "s", "", "order by FIELD (see the sort fields above)")
	f.BoolVarP(&reverse, "reverse", "r", false, "reverse the order")
	f.StringVarP(&format, "format", "o", "table", "output FORMAT: "+strings.Join(listFormats, ", "))
	f.StringSliceVarP(&columns, "columns", "c", nil, "only these COLUMNS, in this order (see the columns above)")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(listFormats))
	_ = cmd.RegisterFlagCompletionFunc("sort", func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		k, err := model.ParseList(args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var keys []string
		for _, sf := range model.SortFields(k) {
			keys = append(keys, sf.Key+"\t"+sf.Label)
		}
		return keys, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("columns", completeColumns)
	return cmd
}

// completeColumns offers the list's column names after whatever columns
// are already typed ("name,pop<TAB>").
func completeColumns(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	k, err := model.ParseList(args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	done := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done = toComplete[:i+1]
	}
	var out []string
	for _, c := range model.Columns(k) {
		if !strings.Contains(","+done, ","+c.Key+",") {
			out = append(out, done+c.Key+"\t"+c.Title)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// pickColumns resolves --columns, or the format's default: tables and
// Markdown show the columns for people, CSV and JSON every column.
func pickColumns(k model.Kind, names []string, format string) ([]model.Column, error) {
	if len(names) == 0 {
		return model.ListColumns(k, format == "csv" || format == "json"), nil
	}
	all := model.Columns(k)
	var out []model.Column
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		found := false
		for _, c := range all {
			if c.Key == n {
				out, found = append(out, c), true
				break
			}
		}
		if !found {
			valid := make([]string, len(all))
			for i, c := range all {
				valid[i] = c.Key
			}
			return nil, usageError{fmt.Errorf("unknown column %q for %s; use one of: %s", n, k.ListName(), strings.Join(valid, ", "))}
		}
	}
	return out, nil
}

func columnHelp() string {
	var b strings.Builder
	for _, k := range model.Lists {
		var keys []string
		for _, c := range model.Columns(k) {
			if c.Extra {
				keys = append(keys, "["+c.Key+"]")
			} else {
				keys = append(keys, c.Key)
			}
		}
		b.WriteString(wrapList(fmt.Sprintf("  %-13s ", k.ListName()), keys, 78))
	}
	return b.String()
}

// wrapList writes words after a prefix, comma-separated, wrapping lines
// under the prefix's width.
func wrapList(prefix string, words []string, width int) string {
	var b strings.Builder
	line := prefix
	indent := strings.Repeat(" ", len(prefix))
	for i, w := range words {
		if i < len(words)-1 {
			w += ","
		}
		if len(line)+len(w)+1 > width && line != prefix {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		if line != prefix && line != indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
	return b.String()
}

func queryHelp() string {
	var b strings.Builder
	for _, f := range model.QueryFields {
		fmt.Fprintf(&b, "  %-11s %s\n", f.Name+":", f.Help)
	}
	return b.String()
}

func sortHelp() string {
	var b strings.Builder
	for _, k := range model.Lists {
		var keys []string
		for _, f := range model.SortFields(k) {
			keys = append(keys, f.Key)
		}
		fmt.Fprintf(&b, "  %-13s %s\n", k.ListName(), strings.Join(keys, ", "))
	}
	return b.String()
}

func oneOf(flag, val string, allowed []string) error {
	for _, a := range allowed {
		if val == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("invalid --%s %q; use one of: %s", flag, val, strings.Join(allowed, ", "))}
}
