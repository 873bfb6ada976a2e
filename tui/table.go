package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// table lays out a kind's columns (from model.Columns, shared with `casia
// list`) in a given width and renders only the visible rows.
type table struct {
	cols   []model.Column
	widths []int
	width  int
	key    string // what the widths were computed for
}

// sample is how many records decide column widths: enough to be
// representative, few enough to be cheap.
const sample = 200

// layout picks the columns that fit and their widths. keys lists the
// columns wanted, most important first; the least important are dropped
// when the pane is narrow. Widths come from the kind's first records, not
// the current hits, so columns stay put while the user types a filter.
func (t *table) layout(ds *model.Dataset, k model.Kind, keys []string, width int) {
	cacheKey := strings.Join(keys, ",")
	if t.width == width && t.key == cacheKey {
		return
	}
	t.width, t.key = width, cacheKey
	all := model.Columns(k)
	var cols []model.Column
	for _, key := range keys {
		for _, c := range all {
			if c.Key == key {
				cols = append(cols, c)
			}
		}
	}
	natural := make([]int, len(cols))
	for i, c := range cols {
		natural[i] = max(ansi.StringWidth(c.Title)+2, c.Min) // room for a sort arrow
		for h := range min(ds.Len(k), sample) {
			natural[i] = max(natural[i], ansi.StringWidth(c.Cell(ds, h)))
		}
		natural[i] = min(natural[i], max(c.Max, c.Min))
	}
	const gap = 2
	avail := width - 2 // the selection marker
	// floor is the narrowest a column may get before a less important
	// column is dropped instead: numbers never truncate, text columns keep
	// enough to be read.
	floor := func(i int) int {
		c := cols[i]
		switch {
		case c.Right:
			return natural[i]
		case c.Flex:
			return min(natural[i], max(c.Min, 18))
		}
		return min(natural[i], max(c.Min, 8))
	}
	for len(cols) > 1 {
		total := gap * (len(cols) - 1)
		for i := range cols {
			total += floor(i)
		}
		if total <= avail {
			break
		}
		cols, natural = cols[:len(cols)-1], natural[:len(natural)-1]
	}
	widths := make([]int, len(cols))
	used := gap * (len(cols) - 1)
	for i := range cols {
		widths[i] = natural[i]
		used += widths[i]
	}
	// Shrink the flexible (long text) columns first, then every column in
	// proportion to its slack above its floor.
	for i := range cols {
		if used > avail && cols[i].Flex {
			cut := min(used-avail, widths[i]-floor(i))
			widths[i] -= cut
			used -= cut
		}
	}
	if used > avail {
		slack := 0
		for i := range cols {
			slack += widths[i] - floor(i)
		}
		over := used - avail
		for i := range cols {
			if slack == 0 {
				break
			}
			cut := (widths[i] - floor(i)) * over / slack
			widths[i] -= cut
			used -= cut
		}
		for i := len(cols) - 1; i >= 0 && used > avail; i-- {
			cut := min(used-avail, widths[i]-floor(i))
			widths[i] -= cut
			used -= cut
		}
	}
	if used > avail && len(widths) > 0 {
		widths[0] = max(widths[0]-(used-avail), 1)
		used = avail
	}
	// Give leftover space to the flexible columns, up to their maximum.
	for i := range cols {
		if used >= avail {
			break
		}
		if cols[i].Flex {
			add := min(avail-used, cols[i].Max-widths[i])
			if add > 0 {
				widths[i] += add
				used += add
			}
		}
	}
	t.cols, t.widths = cols, widths
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

// header renders the column titles with an arrow on the sorted column.
func (t *table) header(st *Styles, sortKey string, desc bool, width int) string {
	var b strings.Builder
	b.WriteString("  ")
	for i, c := range t.cols {
		if i > 0 {
			b.WriteString("  ")
		}
		title := c.Title
		if c.Key == sortKey || (sortKey == "date" && c.Key == "date") || (sortKey == "launched" && c.Key == "since") {
			if desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		if c.Right {
			b.WriteString(padLeft(title, t.widths[i]))
		} else {
			b.WriteString(padRight(title, t.widths[i]))
		}
	}
	return st.TableHeader.Render(fitLine(b.String(), width))
}

// row renders one record; the selected row is reversed and marked so it
// shows without colour. Filter matches are underlined in every cell.
func (t *table) row(c *ctx, k model.Kind, i int, mode rowMode, q model.Query, width int) string {
	var b strings.Builder
	var ranges [][2]int
	selected := mode == rowSelected
	if mode != rowPlain {
		b.WriteString(Marker + " ")
	} else {
		b.WriteString("  ")
	}
	for j, col := range t.cols {
		if j > 0 {
			b.WriteString("  ")
		}
		cell := truncate(col.Cell(c.ds, i), t.widths[j])
		pad := strings.Repeat(" ", max(t.widths[j]-ansi.StringWidth(cell), 0))
		if col.Right {
			b.WriteString(pad)
		}
		at := b.Len()
		b.WriteString(cell)
		if !q.Empty() {
			for _, r := range model.MatchRanges(cell, q) {
				ranges = append(ranges, [2]int{at + r[0], at + r[1]})
			}
		}
		if !col.Right {
			b.WriteString(pad)
		}
	}
	line := fitLine(b.String(), width)
	base, match := c.st.Row, c.st.Match
	if selected {
		base, match = c.st.RowSelected, c.st.MatchSelected
	}
	return styleRanges(line, ranges, base.Render, match.Render)
}

// rowMode is how a table row shows the cursor.
type rowMode int

const (
	rowPlain    rowMode = iota
	rowSelected         // reversed and marked
	rowMarked           // marked only: the cursor while another pane has focus
)

// styleRanges styles plain text, with a second style on byte ranges.
func styleRanges(s string, ranges [][2]int, base, match func(...string) string) string {
	if len(ranges) == 0 {
		return base(s)
	}
	var b strings.Builder
	at := 0
	for _, r := range ranges {
		if r[0] >= len(s) {
			break
		}
		r[1] = min(r[1], len(s))
		if r[0] > at {
			b.WriteString(base(s[at:r[0]]))
		}
		b.WriteString(match(s[r[0]:r[1]]))
		at = r[1]
	}
	if at < len(s) {
		b.WriteString(base(s[at:]))
	}
	return b.String()
}
