package cli

import (
	"bufio"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"casia/model"
	"casia/tui"
)

// tuiFlags are the dashboard's start-up options.
type tuiFlags struct {
	tab     string
	filter  string
	theme   string
	noState bool
	ascii   bool
}

// Tabs are the dashboard's tab names, in order, as --tab accepts them.
var Tabs = []string{"summit", "signatories", "partnerships", "infrastructure", "timeline", "map", "sources"}

// Themes are the --theme values.
var Themes = []string{"auto", "dark", "light", "high-contrast"}

func (a *app) tuiFlags(root *cobra.Command) {
	f := root.Flags()
	f.StringVarP(&a.tui.tab, "tab", "t", "", "open the dashboard on TAB: "+strings.Join(Tabs, ", "))
	f.StringVarP(&a.tui.filter, "filter", "f", "", "start with TEXT in the tab's filter")
	f.StringVar(&a.tui.theme, "theme", "auto", "colour theme: "+strings.Join(Themes, ", "))
	f.BoolVar(&a.tui.noState, "no-state", false, "do not read or write the remembered tab, filters and sort")
	f.BoolVar(&a.tui.ascii, "ascii", false, "draw the map with block characters instead of braille")
	_ = root.RegisterFlagCompletionFunc("tab", fixedCompletions(Tabs))
	_ = root.RegisterFlagCompletionFunc("theme", fixedCompletions(Themes))
}

func fixedCompletions(vals []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return vals, cobra.ShellCompDirectiveNoFileComp
	}
}

// tabName resolves --tab: a number, a name, the tab bar's short title
// ("states") or a unique prefix (see tui.ParseTab).
func tabName(s string) (string, error) { return tui.ParseTab(s) }

func (a *app) runRoot(cmd *cobra.Command) error {
	tab, err := tabName(a.tui.tab)
	if err != nil {
		return err
	}
	if !slices.Contains(Themes, a.tui.theme) {
		return fmt.Errorf("unknown theme %q; use one of: %s", a.tui.theme, strings.Join(Themes, ", "))
	}
	if a.io.Terminal && a.dataFile() == "" {
		// The built-in dataset cannot fail to load (a test checks it), so
		// it is loaded while the terminal is set up.
		return dashboard(cmd, a, nil, tab)
	}
	ds, err := a.dataset()
	if err != nil {
		return err
	}
	if a.io.Terminal {
		return dashboard(cmd, a, ds, tab)
	}
	return printOverview(cmd, ds, a.dataFile())
}

// printOverview is what `casia | less` shows: the summit record and what
// else the dataset holds.
// Its last line says which data it is: title, dates, counts and file.
func printOverview(cmd *cobra.Command, ds *model.Dataset, file string) error {
	w := bufio.NewWriter(cmd.OutOrStdout())
	if ds.Len(model.KindSummit) > 0 {
		fmt.Fprint(w, ds.Describe(model.Ref{Kind: model.KindSummit}))
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Run casia in a terminal for the dashboard, or see casia --help for list, show and export.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, ds.AboutLine(file))
	return w.Flush()
}
