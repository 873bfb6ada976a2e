package tui

import (
	"strings"

	"casia/model"
)

// colRole says how a column gives way when a row is too narrow for all of
// them. The record's name is protected: it gets its full length first,
// codes, dates and numbers drop before it is cut, and long text shrinks.
type colRole uint8

const (
	roleName  colRole = iota // the record's name: whole, or cut only when it is alone
	roleName2                // another name on the row (a leader): whole or not at all
	roleFixed                // codes, dates, numbers: whole or not at all
	roleText                 // long text: shrinks to a floor, then goes
)

// colSpec is one column of a list tab, in display order.
type colSpec struct {
	key      string
	role     colRole
	prio     int    // lower keeps its place longer; the name is 0
	sortKey  string // the sort field this column shows, if any
	sortOnly bool   // shown only while the list is sorted by it
}

// gap is the space between columns; the row starts with the selection
// marker's two cells.
const (
	gap       = 2
	markerW   = 2
	textFloor = 20
)

// sampleAll is how many records decide column widths by themselves; larger
// lists are measured on their first sampleAll records plus the rows on
// screen, so widths hold still while typing a filter.
const sampleAll = 1000

// table lays out a list tab's columns in a width and renders the visible
// rows. Cells come from model.Columns (shared with `casia list`) or the
// tab's own extra columns.
type table struct {
	specs []colSpec
	cols  []model.Column // parallel to specs
	name  int            // index of the name column in specs
	// The natural widths over the first sampleAll records and their cells'
	// widths, measured once per dataset and shared (tableWidths).
	widthsOf *tableWidths

	// the current layout
	show   []int // indexes into specs, in display order
	widths []int // parallel to show
	lkey   layoutKey
}

type layoutKey struct {
	width, forced int
	natural       uint64 // a hash of the natural widths
}

func newTable(k model.Kind, specs []colSpec, extra []model.Column) table {
	t := table{specs: specs, name: -1}
	all := append(model.Columns(k), extra...)
	for i, s := range specs {
		for _, c := range all {
			if c.Key == s.key {
				t.cols = append(t.cols, c)
				break
			}
		}
		if len(t.cols) != i+1 {
			panic("tui: no column " + s.key + " for " + k.String())
		}
		if s.role == roleName && t.name < 0 {
			t.name = i
		}
	}
	if t.name < 0 {
		t.name = 0
	}
	t.lkey.width = -1
	return t
}

// headerWidth is a column title plus room for a sort arrow.
func (t *table) headerWidth(i int) int {
	w := width(t.cols[i].Title)
	if t.specs[i].sortKey != "" {
		w += 2
	}
	return w
}

// tableWidths is a table's measure of the first sampleAll records of a
// dataset: each column's natural width and every cell's, record-major, so
// frames need not measure again. It is built once per dataset and set of
// columns and shared by every session (read-only).
type tableWidths struct {
	base  []int
	cellW []int32
}

// widthsKey names a table's widths among a dataset's shared values: the
// kind and the columns, in order.
type widthsKey struct {
	kind model.Kind
	cols string
}

func (t *table) measured(ds *model.Dataset, k model.Kind) *tableWidths {
	if t.widthsOf != nil {
		return t.widthsOf
	}
	keys := make([]string, len(t.specs))
	for i, s := range t.specs {
		keys[i] = s.key
	}
	t.widthsOf = ds.Shared(widthsKey{k, strings.Join(keys, ",")}, func() any {
		n, nc := ds.Len(k), len(t.specs)
		tw := &tableWidths{base: make([]int, nc), cellW: make([]int32, min(n, sampleAll)*nc)}
		for i := range t.specs {
			tw.base[i] = t.headerWidth(i)
			for r := range min(n, sampleAll) {
				w := width(t.cols[i].Cell(ds, r))
				tw.cellW[r*nc+i] = int32(w)
				tw.base[i] = max(tw.base[i], w)
			}
		}
		return tw
	}).(*tableWidths)
	return t.widthsOf
}

// cellWidth is the width of record r's cell in column i.
func (t *table) cellWidth(r, i int, cell string) int {
	if tw := t.widthsOf; tw != nil {
		if j := r*len(t.specs) + i; j < len(tw.cellW) {
			return int(tw.cellW[j])
		}
	}
	return width(cell)
}

// natural is each column's width to show every measured cell whole, over
// the first sampleAll records (shared: not to be modified).
func (t *table) natural(ds *model.Dataset, k model.Kind) []int {
	return t.measured(ds, k).base
}

// need is the width that shows every column (but sort-only ones) whole.
func (t *table) need(ds *model.Dataset, k model.Kind) int {
	nat := t.natural(ds, k)
	w := markerW
	for i, s := range t.specs {
		if !s.sortOnly {
			w += nat[i] + gap
		}
	}
	return w - gap
}

// fit is the width the layout in width actually uses, so a list whose
// columns dropped can give the rest to the detail.
func (t *table) fit(ds *model.Dataset, k model.Kind, width, forced int) int {
	_, widths := allot(t.specs, t.natural(ds, k), t.name, width-markerW, forced)
	used := markerW
	for _, w := range widths {
		used += w + gap
	}
	return min(used-gap, width)
}

// forcedFor is the column showing a sort field, or -1.
func (t *table) forcedFor(sortKey string) int {
	for i, s := range t.specs {
		if s.sortKey != "" && s.sortKey == sortKey {
			return i
		}
	}
	return -1
}

// layout picks the columns shown in width and their widths. forced is a
// column that must show (the one the list is sorted by), or -1.
func (t *table) layout(nat []int, width, forced int) {
	key := layoutKey{width: width, forced: forced, natural: intsHash(nat)}
	if key == t.lkey {
		return
	}
	t.lkey = key
	t.show, t.widths = allot(t.specs, nat, t.name, width-markerW, forced)
}

// intsHash is FNV-1a over the ints.
func intsHash(v []int) uint64 {
	h := uint64(14695981039346656037)
	for _, x := range v {
		h = (h ^ uint64(x)) * 1099511628211
	}
	return h
}

// allot is the layout algorithm. The name column gets its natural width
// first (less only the forced sort column); if it is still cut, nothing
// else is shown. Otherwise the other columns join in priority order while
// they fit: text takes what it needs of the rest down to a floor, the
// others show whole.
func allot(specs []colSpec, nat []int, name, avail, forced int) (show, widths []int) {
	w := make([]int, len(specs)) // 0: not shown
	if avail <= 0 {
		return []int{name}, []int{max(avail, 0)}
	}
	if forced == name {
		forced = -1
	}
	used := 0
	nameFloor := min(nat[name], 12)
	if forced >= 0 {
		fw := nat[forced]
		if specs[forced].role == roleText {
			// Long text shown for its order takes what the name leaves.
			fw = min(fw, max(min(fw, textFloor), avail-gap-nat[name]))
		}
		if avail-gap-fw < nameFloor {
			fw = min(fw, avail-gap-nameFloor) // the sort column shrinks before the name goes under its floor
		}
		if fw >= 4 {
			w[forced] = fw
			used += fw + gap
		}
	}
	w[name] = min(nat[name], avail-used)
	used += w[name]
	if w[name] == nat[name] {
		order := make([]int, 0, len(specs))
		for i, s := range specs {
			if i != name && i != forced && !s.sortOnly {
				order = append(order, i)
			}
		}
		// Stable by priority.
		for a := 1; a < len(order); a++ {
			for b := a; b > 0 && specs[order[b]].prio < specs[order[b-1]].prio; b-- {
				order[b], order[b-1] = order[b-1], order[b]
			}
		}
		// In priority order: a text column takes all it needs of what is
		// left (at least its floor), anything else shows whole or not at
		// all; so at a given width the higher column is whole before a
		// lower one joins.
		for _, i := range order {
			left := avail - used - gap
			switch {
			case specs[i].role == roleText && left >= min(nat[i], textFloor):
				w[i] = min(nat[i], left)
			case specs[i].role != roleText && left >= nat[i]:
				w[i] = nat[i]
			default:
				continue
			}
			if w[i] > 0 {
				used += gap + w[i]
			}
		}
	}
	for i := range specs {
		if w[i] > 0 || i == name {
			show = append(show, i)
			widths = append(widths, w[i])
		}
	}
	return show, widths
}

// spaces is n blanks, without allocating for the common short runs.
func spaces(n int) string {
	const blank = "                                                                                "
	if n <= len(blank) {
		return blank[:max(n, 0)]
	}
	return strings.Repeat(" ", n)
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

// header renders the column titles with an arrow on the sorted column; a
// title too long for its column is cut before the arrow is.
func (t *table) header(st *Styles, sortKey string, desc bool, width int) string {
	var b strings.Builder
	b.WriteString("  ")
	for j, i := range t.show {
		if j > 0 {
			b.WriteString("  ")
		}
		c, cw := t.cols[i], t.widths[j]
		title := c.Title
		if sk := t.specs[i].sortKey; sk != "" && sk == sortKey {
			arrow := " ▲"
			if desc {
				arrow = " ▼"
			}
			title = truncate(title, max(cw-2, 1)) + arrow
		}
		if c.Right {
			b.WriteString(padLeft(title, cw))
		} else {
			b.WriteString(padRight(title, cw))
		}
	}
	return st.TableHeader.Render(fitLine(b.String(), width))
}

// nameWidth is the width of the name column in the current layout.
func (t *table) nameWidth() int {
	for j, i := range t.show {
		if i == t.name {
			return t.widths[j]
		}
	}
	return 0
}

// row renders one record's cells; the selected row is reversed and marked
// so it shows without colour. Filter matches are underlined in every cell.
func (t *table) row(c *ctx, cells []shownCell, mode rowMode, marked bool, q model.Query, width int) string {
	var b strings.Builder
	b.Grow(width + 16)
	var ranges [][2]int
	if mode != rowPlain {
		b.WriteString(Marker)
	} else {
		b.WriteString(" ")
	}
	if marked { // marked for comparison (compare.go)
		b.WriteString(markMark)
	} else {
		b.WriteString(" ")
	}
	used := markerW
	for j, i := range t.show {
		if j > 0 {
			b.WriteString("  ")
			used += gap
		}
		cell := cells[j].text
		pad := spaces(max(t.widths[j]-cells[j].textW, 0))
		used += max(t.widths[j], cells[j].textW)
		right := t.cols[i].Right
		if right {
			b.WriteString(pad)
		}
		at := b.Len()
		b.WriteString(cell)
		if !q.Empty() {
			for _, r := range model.MatchRanges(cell, q) {
				ranges = append(ranges, [2]int{at + r[0], at + r[1]})
			}
		}
		if !right {
			b.WriteString(pad)
		}
	}
	line := b.String()
	switch {
	case used < width:
		line += spaces(width - used)
	case used > width:
		line = fitLine(line, width)
	}
	base, match := c.st.Row, c.st.Match
	if mode == rowSelected {
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
		if r[0] < at {
			continue
		}
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
