package cli

import (
	"encoding/csv"

	"encoding/json"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
)

var listFormats = []string{"table", "json", "csv", "markdown"}

func (a *app) listCmd() *cobra.Command {
	var filter, sortKey, format string
	var reverse bool
	cmd := &cobra.Command{
		Use:   "list signatories|partnerships|projects|events|sources",
		Short: "Print a list of records as a table, JSON, CSV or Markdown",
		Long: `Print one of the dataset's lists. --filter takes the same query language as
the dashboard's "/" filter: words must all match (case-insensitive unless
you type a capital; accents optional: "turkiye" finds Türkiye), "!word"
excludes, and field:value narrows by one attribute:

` + queryHelp() + `
In table, CSV and Markdown output a figure marked ~ is approximate and one
marked * is contested: sources disagree, and casia show ID lists every
value with its source. JSON carries the full figures (approx, confidence,
note, sources).

Sort fields (the first is the default):
` + sortHelp(),
		Example: `  casia list signatories
  casia list partnerships --filter EU --format json
  casia list projects --filter "kind:rail !status:operating" --sort cost
  casia list events --filter year:2023..2025 --format markdown
  casia list sources --sort cited --format csv`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"signatories", "partnerships", "projects", "events", "sources"},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := model.ParseList(args[0])
			if err != nil {
				return err
			}
			if err := oneOf("format", format, listFormats); err != nil {
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
			return writeList(cmd.OutOrStdout(), ds, kind, idx, format)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&filter, "filter", "f", "", "only records matching QUERY")
	f.StringVarP(&sortKey, "sort", "s", "", "order by FIELD (see the sort fields above)")
	f.BoolVarP(&reverse, "reverse", "r", false, "reverse the order")
	f.StringVarP(&format, "format", "o", "table", "output FORMAT: "+strings.Join(listFormats, ", "))
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
	return cmd
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
	return fmt.Errorf("invalid --%s %q; use one of: %s", flag, val, strings.Join(allowed, ", "))
}

func writeList(w io.Writer, ds *model.Dataset, k model.Kind, idx []int, format string) error {
	if format == "json" {
		recs := make([]any, len(idx))
		for j, i := range idx {
			recs[j] = ds.Record(model.Ref{Kind: k, Index: i})
		}
		return writeJSON(w, recs)
	}
	cols := model.Columns(k)
	header := make([]string, len(cols))
	for c, col := range cols {
		header[c] = col.Title
		if format == "csv" {
			header[c] = col.Key
		}
	}
	rows := make([][]string, len(idx))
	contested := false
	for j, i := range idx {
		rows[j] = make([]string, len(cols))
		for c, col := range cols {
			v := col.Cell(ds, i)
			if col.Right && (strings.HasSuffix(v, "*") || strings.HasPrefix(v, "~")) {
				contested = true
			}
			rows[j][c] = v
		}
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(header)
		_ = cw.WriteAll(rows)
		return cw.Error()
	case "markdown":
		esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
		fmt.Fprintf(w, "| %s |\n", strings.Join(mapStrings(header, esc), " | "))
		seps := make([]string, len(cols))
		for c, col := range cols {
			seps[c] = "---"
			if col.Right {
				seps[c] = "---:"
			}
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(seps, " | "))
		for _, r := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(mapStrings(r, esc), " | "))
		}
	default:
		right := make([]bool, len(cols))
		for c, col := range cols {
			right[c] = col.Right
		}
		writeAligned(w, header, rows, right)
	}
	if contested {
		fmt.Fprintf(w, "\n%s\n", model.ConflictMark)
	}
	return nil
}

// writeAligned prints a plain table: columns two spaces apart, numbers
// right-aligned, widths measured in terminal cells, no trailing spaces.
func writeAligned(w io.Writer, header []string, rows [][]string, right []bool) {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for c, v := range r {
			widths[c] = max(widths[c], ansi.StringWidth(v))
		}
	}
	for _, r := range append([][]string{header}, rows...) {
		var b strings.Builder
		for c, v := range r {
			pad := strings.Repeat(" ", widths[c]-ansi.StringWidth(v))
			if c > 0 {
				b.WriteString("  ")
			}
			if right[c] {
				b.WriteString(pad + v)
			} else {
				b.WriteString(v + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func mapStrings(ss []string, f func(string) string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
