package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// table is a list ready to print: the records (by index) of one kind, in
// order, and the columns to show.
type table struct {
	ds    *model.Dataset
	cols  []model.Column
	rows  []int
	width int // the terminal's width when stdout is one; 0 prints full width
}

func (t table) write(w, errw io.Writer, format string) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "json":
		if err := t.json(bw); err != nil {
			return err
		}
	case "csv":
		if err := model.WriteCSV(bw, t.ds, t.cols, t.rows); err != nil {
			return err
		}
	case "markdown":
		if err := model.WriteMarkdown(bw, t.ds, t.cols, t.rows); err != nil {
			return err
		}
	default:
		t.aligned(bw, errw)
	}
	return bw.Flush()
}

// cells are the rows as people read them, and whether any figure carries
// a mark (~ or *) that the footnote explains.
func (t table) cells() (header []string, rows [][]string, marked bool) {
	return model.ListCells(t.ds, t.cols, t.rows)
}

// aligned prints a plain table: columns two spaces apart, numbers
// right-aligned, widths measured in terminal cells, no trailing spaces.
// Given a width (stdout is a terminal), the table fits it: see fit.
func (t table) aligned(w, errw io.Writer) {
	header, rows, marked := t.cells()
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for c, v := range r {
			widths[c] = max(widths[c], ansi.StringWidth(v))
		}
	}
	keep := len(header)
	if t.width > 0 {
		keep = fit(widths, t.cols, header, t.width)
		if keep < len(header) {
			var left []string
			for _, c := range t.cols[keep:] {
				left = append(left, c.Key)
			}
			fmt.Fprintln(errw, wrapWords(fmt.Sprintf("casia: %s left out to fit %d columns; --columns picks them, and a pipe gets them all",
				strings.Join(left, ", "), t.width), t.width))
		}
	}
	for _, r := range append([][]string{header}, rows...) {
		var b strings.Builder
		for c, v := range r[:keep] {
			if ansi.StringWidth(v) > widths[c] {
				v = ansi.Truncate(v, widths[c], "…")
			}
			pad := strings.Repeat(" ", widths[c]-ansi.StringWidth(v))
			if c > 0 {
				b.WriteString("  ")
			}
			if t.cols[c].Right {
				b.WriteString(pad + v)
			} else {
				b.WriteString(v + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if marked {
		fmt.Fprintf(w, "\n%s\n", model.ConflictMark)
	}
}

// fit makes the table at most width cells wide and returns how many
// columns to print. Text columns give up cells one at a time, always the
// widest, down to their heading's width, their minimum and at least 8
// cells (12 for long text); ids, dates, numbers and fixed-width columns
// are never cut. If that is not enough, columns are left out from the
// right (never the first) and the rest laid out again.
func fit(widths []int, cols []model.Column, header []string, width int) int {
	natural := slices.Clone(widths)
	floors := make([]int, len(widths))
	for c, col := range cols {
		switch {
		case col.Right, col.Key == "id", col.Shape == model.DateShape, col.Shape == model.SpanShape, col.Min >= col.Max:
			floors[c] = natural[c]
		case col.Flex:
			floors[c] = min(natural[c], max(ansi.StringWidth(header[c]), col.Min, 12))
		default:
			floors[c] = min(natural[c], max(ansi.StringWidth(header[c]), col.Min, 8))
		}
	}
	for keep := len(widths); ; keep-- {
		copy(widths, natural)
		total := 2 * (keep - 1)
		for _, w := range widths[:keep] {
			total += w
		}
		for total > width {
			widest := -1
			for c, w := range widths[:keep] {
				if w > floors[c] && (widest < 0 || w > widths[widest]) {
					widest = c
				}
			}
			if widest < 0 {
				break
			}
			widths[widest]--
			total--
		}
		if total <= width || keep == 1 {
			return keep
		}
	}
}

// mdEscape and csvSafe are the model's (model.WriteMarkdown, WriteCSV),
// named here for the tests of what they defuse.
var (
	mdEscape = model.MarkdownCell
	csvSafe  = model.CSVSafe
)

// json prints the rows as an array of objects keyed by column, figures
// as model.CleanFigure objects.
func (t table) json(w io.Writer) error {
	out := make([]model.Object, len(t.rows))
	for j, i := range t.rows {
		var o model.Object
		for _, col := range t.cols {
			v := col.Data(t.ds, i)
			switch col.Shape {
			case model.FigureShape:
				o = append(o, model.Field{Key: col.Key, Value: v.(*model.Figure).Clean()})
			case model.ListShape:
				ids := v.([]string)
				if ids == nil {
					ids = []string{}
				}
				o = append(o, model.Field{Key: col.Key, Value: ids})
			case model.DateShape:
				o = append(o, model.Field{Key: col.Key, Value: orNull(string(v.(model.Date)))})
			case model.SpanShape:
				s := v.([2]model.Date)
				o = append(o, model.Field{Key: col.Key, Value: orNull(string(s[0]))},
					model.Field{Key: col.Key + "_end", Value: orNull(string(s[1]))})
			default:
				o = append(o, model.Field{Key: col.Key, Value: v})
			}
		}
		out[j] = o
	}
	return writeJSON(w, out)
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
