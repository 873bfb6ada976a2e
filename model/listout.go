package model

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// The writers of a list as CSV and Markdown. `casia list` and the
// dashboard's export both call them, so a file exported from a tab is
// byte for byte what `casia list TAB --filter Q --sort S --format csv`
// prints.

// ListColumns are the columns a list prints when none are picked: data
// formats (CSV, JSON) get every column, the formats for people (tables,
// Markdown) leave out the data-only ones.
func ListColumns(k Kind, data bool) []Column {
	var out []Column
	for _, c := range Columns(k) {
		if !c.Extra || data {
			out = append(out, c)
		}
	}
	return out
}

// ListCells are the rows as people read them, and whether any figure
// carries a mark (~ or *) that ConflictMark explains.
func ListCells(ds *Dataset, cols []Column, rows []int) (header []string, cells [][]string, marked bool) {
	header = make([]string, len(cols))
	for c, col := range cols {
		header[c] = col.Title
	}
	cells = make([][]string, len(rows))
	for j, i := range rows {
		cells[j] = make([]string, len(cols))
		for c, col := range cols {
			v := col.Cell(ds, i)
			if col.Shape == FigureShape && (strings.HasSuffix(v, "*") || strings.HasPrefix(v, "~")) {
				marked = true
			}
			cells[j][c] = v
		}
	}
	return header, cells, marked
}

// WriteMarkdown writes a GitHub-flavoured table of the rows. Cells are
// escaped so data cannot break the table or inject markup.
func WriteMarkdown(w io.Writer, ds *Dataset, cols []Column, rows []int) error {
	header, cells, marked := ListCells(ds, cols, rows)
	esc := func(ss []string) string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = MarkdownCell(s)
		}
		return strings.Join(out, " | ")
	}
	if _, err := fmt.Fprintf(w, "| %s |\n", esc(header)); err != nil {
		return err
	}
	seps := make([]string, len(cols))
	for c, col := range cols {
		seps[c] = "---"
		if col.Right {
			seps[c] = "---:"
		}
	}
	if _, err := fmt.Fprintf(w, "| %s |\n", strings.Join(seps, " | ")); err != nil {
		return err
	}
	for _, r := range cells {
		if _, err := fmt.Fprintf(w, "| %s |\n", esc(r)); err != nil {
			return err
		}
	}
	if marked {
		if _, err := fmt.Fprintf(w, "\n%s\n", MarkdownCell(ConflictMark)); err != nil {
			return err
		}
	}
	return nil
}

// MarkdownCell makes text safe in a Markdown table cell: a backslash
// before the characters that end a cell or start markup (| \ ` * _ [ ] <
// > ~), line breaks as spaces.
var MarkdownCell = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`,
	"[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "~", `\~`,
	"\r\n", " ", "\n", " ", "\r", " ",
).Replace

// WriteCSV writes the rows as data (see Column.DataFields): a header of
// field names, numbers plain, lists joined with ";".
func WriteCSV(w io.Writer, ds *Dataset, cols []Column, rows []int) error {
	cw := csv.NewWriter(w)
	var header []string
	for _, col := range cols {
		header = append(header, col.DataFields()...)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	for _, i := range rows {
		rec = rec[:0]
		for _, col := range cols {
			for _, v := range col.DataValues(ds, i) {
				rec = append(rec, CSVSafe(v))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVSafe defuses spreadsheet formulas: a cell that starts with = + - @
// (or a tab or carriage return, which some spreadsheets skip first) is
// run as a formula when the file is opened, so such text gets a leading
// apostrophe, as OWASP recommends. casia's numbers are never negative, so
// no number is touched.
func CSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
