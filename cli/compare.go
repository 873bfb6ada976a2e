package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"casia/model"
	"casia/report"
)

var compareFormats = []string{"table", "json", "csv", "markdown"}

func (a *app) compareCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "compare STATE...",
		Short: "Compare states side by side: figures, formats, memberships, shared projects",
		Long: `Compare two or more states: each figure (population, area, GDP, GDP per
capita, trade with China) as a row with a column per state, with its
reference year and confidence (✓ verified, ¹ single source, ≠ sources
disagree, ≈ derived, ~ about); then the dialogue formats and organisations
each state belongs to, and the projects the compared states share.

Name a state by its id or any of its names, in any script, case and accents
optional: kz, Kazakhstan, qazaqstan, Казахстан and 哈萨克斯坦 are one state.
An unknown or ambiguous name exits 2 and lists the candidates.

--format json gives everything as data, each figure as {"value", "unit",
"ref", "approx", "confidence", "sources"}. --format csv gives the figures in
long form, one row per figure and state, with the raw number, its unit,
reference date, approx flag, confidence, source ids (joined by ;) and the
value in the figure's base unit, ready for a spreadsheet's pivot table.
--format markdown gives tables with footnotes, like casia report.`,
		Example: `  casia compare kz uz
  casia compare kazakhstan kyrgyzstan tajikistan --format markdown
  casia compare kz uz tm --format csv > figures.csv`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: a.completeStates,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, compareFormats); err != nil {
				return err
			}
			if len(args) < 2 {
				fmt.Fprintln(cmd.ErrOrStderr(), "casia: name at least two states to compare, for example: casia compare kz uz")
				return exitError{code: 2}
			}
			ds, err := a.dataset()
			if err != nil {
				return err
			}
			ids, err := resolveStates(cmd, ds, args)
			if err != nil {
				return err
			}
			cmp, err := ds.Compare(ids)
			if err != nil {
				return err
			}
			if len(cmp.States) < 2 {
				fmt.Fprintf(cmd.ErrOrStderr(), "casia: %s name the same state, %s; name at least two different states\n",
					joinOr(quoteAll(args), "and"), ds.CountryName(cmp.States[0]))
				return exitError{code: 2}
			}
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(w, compareJSON(ds, cmp))
			case "csv":
				return writeCompareCSV(w, ds, cmp)
			case "markdown":
				return writeCompareMarkdown(w, ds, cmp)
			}
			writeCompareTable(w, ds, cmp, a.termWidth(w))
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "o", "table", "output FORMAT: "+strings.Join(compareFormats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(compareFormats))
	return cmd
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(model.Safe(s, false))
	}
	return out
}

// termWidth is the width of the terminal w writes to, or 0 when w is not
// a terminal (a pipe gets the full table).
func (a *app) termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	if cols, _, err := term.GetSize(f.Fd()); err == nil {
		return cols
	}
	return 0
}

// compareCell is a figure in the terminal table: the value ("~" for
// about) and, apart, its mark and reference year.
func compareCell(f *model.Figure) (value, rest string) {
	if f == nil {
		return "", ""
	}
	g := *f
	g.Approx = false
	value = g.String()
	if f.Approx {
		value = "~" + value
	}
	rest = f.Confidence.Symbol()
	if p := f.Period(); p != "" {
		rest += " " + strconv.Itoa(model.Date(p).Year())
	}
	return value, rest
}

// gridRow is one line of the comparison table: a label and, per state, a
// right-aligned value and a left-aligned remainder.
type gridRow struct {
	label   string
	heading bool // a section title: label only
	left    bool // words (member, observer…), left-aligned in the column
	values  []string
	rests   []string
}

// writeCompareTable prints the comparison as one grid, every section
// sharing the label column and the state columns so they line up. When
// the terminal is narrower than the grid, the states are printed in
// groups that fit, each repeating the labels.
func writeCompareTable(w io.Writer, ds *model.Dataset, cmp *model.Comparison, width int) {
	n := len(cmp.States)
	var rows []gridRow
	add := func(r gridRow) {
		if r.values == nil {
			r.values, r.rests = make([]string, n), make([]string, n)
		}
		rows = append(rows, r)
	}
	for _, fr := range cmp.Figures {
		r := gridRow{label: fr.Label, values: make([]string, n), rests: make([]string, n)}
		for j, f := range fr.Values {
			r.values[j], r.rests[j] = compareCell(f)
		}
		add(r)
	}
	if len(cmp.Formats) > 0 {
		add(gridRow{})
		add(gridRow{label: "Dialogue formats", heading: true})
		for _, fr := range cmp.Formats {
			r := gridRow{label: ds.Partnerships[fr.Partnership].Partner, left: true, values: make([]string, n), rests: make([]string, n)}
			for j, role := range fr.Roles {
				r.rests[j] = role.Word()
			}
			add(r)
		}
	}
	if len(cmp.Memberships) > 0 {
		add(gridRow{})
		add(gridRow{label: "Memberships", heading: true})
		for _, mr := range cmp.Memberships {
			r := gridRow{label: strings.ToUpper(string(mr.Org)), left: true, values: make([]string, n), rests: make([]string, n)}
			for j, es := range mr.Entries {
				r.rests[j] = model.Current(es).Span()
			}
			add(r)
		}
	} else {
		add(gridRow{})
		add(gridRow{label: "Memberships: none in the data", heading: true})
	}
	labelW := 0
	for _, r := range rows {
		if !r.heading {
			labelW = max(labelW, ansi.StringWidth(r.label))
		}
	}
	valW, restW, colW := make([]int, n), make([]int, n), make([]int, n)
	for j, id := range cmp.States {
		colW[j] = ansi.StringWidth(ds.CountryName(id))
	}
	for _, r := range rows {
		for j := range n {
			if r.left {
				colW[j] = max(colW[j], ansi.StringWidth(r.rests[j]))
				continue
			}
			valW[j] = max(valW[j], ansi.StringWidth(r.values[j]))
			restW[j] = max(restW[j], ansi.StringWidth(r.rests[j]))
		}
	}
	for j := range n {
		inner := valW[j] + restW[j]
		if valW[j] > 0 && restW[j] > 0 {
			inner++
		}
		colW[j] = max(colW[j], inner)
	}
	// Split the states into groups that fit the terminal.
	var groups [][]int
	var cur []int
	used := labelW
	for j := range n {
		if len(cur) > 0 && width > 0 && used+2+colW[j] > width {
			groups = append(groups, cur)
			cur, used = nil, labelW
		}
		cur = append(cur, j)
		used += 2 + colW[j]
	}
	groups = append(groups, cur)
	for g, group := range groups {
		if g > 0 {
			fmt.Fprintln(w)
		}
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", labelW))
		for _, j := range group {
			b.WriteString("  " + padTo(ds.CountryName(cmp.States[j]), colW[j]))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		for _, r := range rows {
			b.Reset()
			if r.heading || r.label == "" {
				fmt.Fprintln(w, r.label)
				continue
			}
			b.WriteString(padTo(r.label, labelW))
			for _, j := range group {
				if r.left {
					b.WriteString("  " + padTo(r.rests[j], colW[j]))
					continue
				}
				cell := strings.Repeat(" ", valW[j]-ansi.StringWidth(r.values[j])) + r.values[j]
				if valW[j] > 0 && restW[j] > 0 {
					cell += " "
				}
				cell += r.rests[j]
				b.WriteString("  " + padTo(cell, colW[j]))
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
	}
	if len(cmp.Shared) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Shared projects")
		for _, sp := range cmp.Shared {
			p := &ds.Projects[sp.Project]
			fmt.Fprintln(w, wrapIndent(fmt.Sprintf("  %s (%s, %s): %s", p.Name, p.Kind, p.Status, strings.Join(ds.CountryNames(sp.States), ", ")), width, "    "))
		}
	} else {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Shared projects: none in the data")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrapIndent(compareLegend, width, ""))
}

const compareLegend = "✓ verified · ¹ single source · ≠ sources disagree · ≈ derived · ~ about; casia show ID gives each value's sources"

// wrapIndent wraps a line of prose at word boundaries to fit width
// (0: no limit), indenting the lines after the first.
func wrapIndent(s string, width int, indent string) string {
	if width <= 0 || ansi.StringWidth(s) <= width {
		return s
	}
	lines := strings.Split(ansi.Wordwrap(s, max(width-len(indent), 1), ""), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = indent + strings.TrimLeft(lines[i], " ")
	}
	// A word longer than the line is cut where it must be.
	return ansi.Wrap(strings.Join(lines, "\n"), width, "")
}

func padTo(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// The JSON shape of a comparison: maps keyed by state id for lookups
// (.figures[0].values.kz.value), with "states" giving the order.
type (
	compareOut struct {
		States      []stateOut      `json:"states"`
		Figures     []figureOut     `json:"figures"`
		Formats     []formatOut     `json:"formats"`
		Memberships []membershipOut `json:"memberships"`
		Shared      []sharedOut     `json:"shared_projects"`
	}
	stateOut struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	figureOut struct {
		Key    string                        `json:"key"`
		Label  string                        `json:"label"`
		Values map[string]*model.CleanFigure `json:"values"`
	}
	formatOut struct {
		ID      string            `json:"id"`
		Partner string            `json:"partner"`
		Format  string            `json:"format"`
		Roles   map[string]string `json:"roles"`
	}
	membershipOut struct {
		Org    string                        `json:"org"`
		Name   string                        `json:"name"`
		States map[string][]model.Membership `json:"states"`
	}
	sharedOut struct {
		ID     string   `json:"id"`
		Name   string   `json:"name"`
		Kind   string   `json:"kind"`
		Status string   `json:"status"`
		States []string `json:"states"`
	}
)

func compareJSON(ds *model.Dataset, cmp *model.Comparison) compareOut {
	out := compareOut{States: []stateOut{}, Figures: []figureOut{}, Formats: []formatOut{}, Memberships: []membershipOut{}, Shared: []sharedOut{}}
	for _, id := range cmp.States {
		out.States = append(out.States, stateOut{id, ds.CountryName(id)})
	}
	for _, fr := range cmp.Figures {
		fo := figureOut{Key: fr.Key, Label: fr.Label, Values: map[string]*model.CleanFigure{}}
		for j, f := range fr.Values {
			fo.Values[cmp.States[j]] = f.Clean()
		}
		out.Figures = append(out.Figures, fo)
	}
	for _, fr := range cmp.Formats {
		p := &ds.Partnerships[fr.Partnership]
		fo := formatOut{ID: p.ID, Partner: p.Partner, Format: p.Format, Roles: map[string]string{}}
		for j, r := range fr.Roles {
			if r != "" {
				fo.Roles[cmp.States[j]] = string(r)
			}
		}
		out.Formats = append(out.Formats, fo)
	}
	for _, mr := range cmp.Memberships {
		mo := membershipOut{Org: string(mr.Org), Name: mr.Org.Name(), States: map[string][]model.Membership{}}
		for j, es := range mr.Entries {
			if len(es) > 0 {
				mo.States[cmp.States[j]] = es
			}
		}
		out.Memberships = append(out.Memberships, mo)
	}
	for _, sp := range cmp.Shared {
		p := &ds.Projects[sp.Project]
		out.Shared = append(out.Shared, sharedOut{p.ID, p.Name, string(p.Kind), string(p.Status), sp.States})
	}
	return out
}

// compareCSVHeader is the long shape: one row per figure and state.
var compareCSVHeader = []string{"figure", "label", "state", "name", "value", "unit", "ref", "approx", "confidence", "sources", "base_value", "base_unit"}

// writeCompareCSV writes the figures in long form. value and unit are as
// the source gives them; base_value and base_unit restate the value in
// the figure's base unit (people, km², US$), so a column of one figure
// sums, sorts and charts even when one state's population is in millions.
// A state without the figure still gets its row, with empty cells.
func writeCompareCSV(w io.Writer, ds *model.Dataset, cmp *model.Comparison) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(compareCSVHeader)
	for _, fr := range cmp.Figures {
		for j, f := range fr.Values {
			row := []string{fr.Key, fr.Label, cmp.States[j], ds.CountryName(cmp.States[j])}
			row = append(row, f.CSV()...)
			base, unit := "", ""
			if f != nil {
				if v, dim, ok := f.Base(); ok {
					base, unit = model.RawNumber(v), model.BaseUnit(dim)
				}
			}
			_ = cw.Write(append(row, base, unit))
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeCompareMarkdown writes the comparison as Markdown tables with the
// report's marks and numbered footnotes.
func writeCompareMarkdown(w io.Writer, ds *model.Dataset, cmp *model.Comparison) error {
	md := report.EscapeMarkdown
	var notes []string
	num := map[string]int{}
	refs := func(ids []string) string {
		var b strings.Builder
		for _, id := range ids {
			n, ok := num[id]
			if !ok {
				if ds.Source(id) == nil {
					continue
				}
				notes = append(notes, id)
				n = len(notes)
				num[id] = n
			}
			fmt.Fprintf(&b, "[^%d]", n)
		}
		return b.String()
	}
	row := func(cells ...string) { fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |") }
	names := make([]string, len(cmp.States))
	for j, id := range cmp.States {
		names[j] = md(ds.CountryName(id))
	}
	sep := func(first string, rightCols bool) {
		cells := []string{first}
		for range cmp.States {
			if rightCols {
				cells = append(cells, "---:")
			} else {
				cells = append(cells, "---")
			}
		}
		row(cells...)
	}
	row(append([]string{"Figure"}, names...)...)
	sep("---", true)
	for _, fr := range cmp.Figures {
		cells := []string{md(fr.Label)}
		for _, f := range fr.Values {
			c := ""
			if f != nil {
				c = md(f.String())
				if p := f.Period(); p != "" {
					c += " (" + md(model.Date(p).Human()) + ")"
				}
				if mk := report.Mark(f.Confidence); mk != "" {
					c += " " + mk
				}
				c += refs(f.Sources)
			}
			cells = append(cells, c)
		}
		row(cells...)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, md(report.Legend))
	if len(cmp.Formats) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "## Dialogue formats")
		fmt.Fprintln(w)
		row(append([]string{"Format"}, names...)...)
		sep("---", false)
		for _, fr := range cmp.Formats {
			p := &ds.Partnerships[fr.Partnership]
			cells := []string{md(p.Partner+": "+p.Format) + refs(p.Sources)}
			for _, r := range fr.Roles {
				cells = append(cells, r.Word())
			}
			row(cells...)
		}
	}
	if len(cmp.Memberships) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "## Memberships")
		fmt.Fprintln(w)
		row(append([]string{"Organisation"}, names...)...)
		sep("---", false)
		for _, mr := range cmp.Memberships {
			cells := []string{md(mr.Org.Name())}
			for _, es := range mr.Entries {
				c := ""
				if m := model.Current(es); m != nil {
					c = md(m.Span())
					if mk := report.Mark(m.Confidence); mk != "" {
						c += " " + mk
					}
					c += refs(m.Sources)
				}
				cells = append(cells, c)
			}
			row(cells...)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Shared projects")
	fmt.Fprintln(w)
	if len(cmp.Shared) == 0 {
		fmt.Fprintln(w, "None in the data.")
	}
	for _, sp := range cmp.Shared {
		p := &ds.Projects[sp.Project]
		fmt.Fprintf(w, "- %s%s (%s, %s): %s\n", md(p.Name), refs(p.Sources), md(string(p.Kind)), md(string(p.Status)), md(strings.Join(ds.CountryNames(sp.States), ", ")))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "## Sources")
		for i, id := range notes {
			s := ds.Source(id)
			line := md(s.Publisher) + ", “" + md(s.Title) + "”"
			if s.Date != "" {
				line += ", " + md(s.Date.Human())
			}
			fmt.Fprintf(w, "\n[^%d]: %s. <%s>\n", i+1, line, report.AutolinkURL(s.URL))
		}
	}
	return nil
}
