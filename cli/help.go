package cli

import (
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// layOutHelp prepares root's help pages for helpWidth columns. fang
// v2.0.1 measures os.Stdout alone (120 columns when it is not a terminal)
// and pads its text to that width, so `casia --help | less` on an
// 80-column screen showed a blank line after every line of prose; the
// variable it reads first (meant for its own tests) sets the width it
// uses to the one the descriptions are wrapped for.
func layOutHelp(root *cobra.Command) {
	w := helpWidth()
	if os.Getenv(fangWidth) == "" {
		_ = os.Setenv(fangWidth, strconv.Itoa(w))
	}
	fitHelp(root, w)
}

const fangWidth = "__FANG_TEST_WIDTH"

// wantsHelp reports whether args may print one of root's help pages: -h or
// --help (also in a group of short flags) before any "--", or the help
// command. Only then is help laid out: it takes about 0.3 ms, a tenth of
// the dashboard's start-up. Every casia command runs, so cobra shows help
// for nothing else, and fang prints errors without usage.
func wantsHelp(root *cobra.Command, args []string) bool {
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--help" || strings.HasPrefix(a, "--help="):
			return true
		case len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.ContainsRune(a[1:], 'h'):
			return true
		}
	}
	root.InitDefaultHelpCmd()
	c, _, err := root.Find(args)
	return err == nil && c != root && c.Name() == "help" && c.Parent() == root
}

// helpWidth is the width help pages are laid out for: the terminal's,
// at most 80 columns (and 80 when stdout is not a terminal, so `casia
// --help | less` reads the same).
func helpWidth() int {
	// fang reads the same override in its tests; honour it so both agree.
	if s := os.Getenv(fangWidth); s != "" {
		if w, err := strconv.Atoi(s); err == nil && w > 0 {
			return min(w, 80)
		}
	}
	if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
		return min(w, 80)
	}
	return 80
}

// fitHelp word-wraps the descriptions of commands and flags for help
// pages of the given width.
//
// fang lays out a help page's COMMANDS and FLAGS sections as two columns
// (a key, then the description at a common offset) and writes each
// description on one line, however long, so the terminal wraps it
// between letters (fang v2.0.1, help.go renderGroup). It does keep line
// breaks within a description, aligned under the column. So the breaks
// are put in here, at word boundaries, for the column each description
// will be printed in. Cobra shows only the first line of a description in
// shell completions, so the wrapped text does not disturb them; the
// originals are kept in Annotations for anything that wants them whole.
func fitHelp(root *cobra.Command, width int) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		col := helpColumn(c)
		avail := max(width-col, 24)
		for _, sc := range c.Commands() {
			if sc.Short != "" && !sc.Hidden {
				sc.Short = wrapWords(unwrapped(sc, "short", sc.Short), avail)
			}
		}
		wrapFlags := func(fs *pflag.FlagSet) {
			fs.VisitAll(func(f *pflag.Flag) {
				if f.Annotations == nil {
					f.Annotations = map[string][]string{}
				}
				orig, ok := f.Annotations["casia_usage"]
				if !ok {
					orig = []string{f.Usage}
					f.Annotations["casia_usage"] = orig
				}
				// Persistent flags appear on every page below: wrap them
				// for the narrowest column they will sit in.
				a := avail
				if f.Annotations["casia_persistent"] != nil {
					a = max(width-deepestColumn(c), 24)
				}
				// fang appends " (default)" to the last line: wrap with a
				// stand-in word of that width, then take it out.
				if f.DefValue == "" || f.DefValue == "false" || f.DefValue == "0" || f.DefValue == "[]" {
					f.Usage = wrapWords(orig[0], a)
					return
				}
				stand := strings.Repeat("\u2588", ansi.StringWidth("("+f.DefValue+")"))
				u := wrapWords(orig[0]+" "+stand, a)
				u = strings.TrimSuffix(u, stand)
				f.Usage = strings.TrimRight(u, " \n")
			})
		}
		wrapFlags(c.LocalNonPersistentFlags())
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) {
			if f.Annotations == nil {
				f.Annotations = map[string][]string{}
			}
			f.Annotations["casia_persistent"] = []string{"1"}
		})
		wrapFlags(c.PersistentFlags())
		for _, sc := range c.Commands() {
			walk(sc)
		}
	}
	walk(root)
}

// unwrapped keeps a command's text as written, the first time it is
// wrapped, so a second fitHelp (another width) starts from the original.
func unwrapped(c *cobra.Command, key, s string) string {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	if orig, ok := c.Annotations["casia_"+key]; ok {
		return orig
	}
	c.Annotations["casia_"+key] = s
	return s
}

// deepestColumn is the widest description offset of c's page and every
// page below it.
func deepestColumn(c *cobra.Command) int {
	col := helpColumn(c)
	for _, sc := range c.Commands() {
		col = max(col, deepestColumn(sc))
	}
	return col
}

var bracketArgs = regexp.MustCompile(`(\[.*\])`)

// helpColumn is where fang starts the descriptions on c's help page: four
// spaces, the widest key (a subcommand's usage or a flag's names), two
// spaces (fang v2.0.1 help.go: calculateSpace, renderGroup, styleUsage).
func helpColumn(c *cobra.Command) int {
	widest := 8 // fang's minimum space of 10, less its 2-space gap
	for _, sc := range c.Commands() {
		if sc.Hidden {
			continue
		}
		u := sc.Use
		n := 0
		for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
			u = strings.ReplaceAll(u, k, "")
		}
		for _, arg := range bracketArgs.FindAllString(u, -1) {
			u = strings.ReplaceAll(u, arg, "")
			n += 1 + ansi.StringWidth(arg)
		}
		n += ansi.StringWidth(strings.TrimSpace(u))
		if sc.HasAvailableSubCommands() || strings.Contains(sc.Use, "[command]") {
			n += len(" [command]")
		}
		n += len(" [--flags]") // every command has at least --help

		widest = max(widest, n)
	}
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		n := len("--" + f.Name)
		if f.Shorthand != "" {
			n += len("-" + f.Shorthand + " ")
		}
		widest = max(widest, n)
	}
	c.LocalFlags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return 4 + widest + 2
}

// wrapWords breaks s into lines of at most width cells at spaces; a word
// longer than the width stands on a line of its own. Existing line breaks
// are kept.
func wrapWords(s string, width int) string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
