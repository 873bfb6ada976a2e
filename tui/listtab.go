package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// listTab is a table of records beside (or above) the selected record's
// detail. Signatories, Partnerships, Infrastructure and Sources are list
// tabs that differ only in kind and columns; the timeline draws a rail in
// place of the table.
type listTab struct {
	results
	tbl         table
	det         detail
	w, h        int
	sized       bool // given a size: until then there is nothing to lay out
	pane        paneMode
	side        bool // table and detail side by side
	tableW      int
	tableH      int // including the header line
	top         int // first visible row
	detailFocus bool
	// extra is an optional panel (a chart) shown instead of the detail
	// when toggled with "c".
	extra     panel
	showExtra bool
	// The timeline replaces the table: its rows, its width to show every
	// row whole, and its height when stacked above the detail.
	tableViewFunc func() []string
	needFunc      func() int
	stackFunc     func(h int) int
	scrollFunc    func() // keeps the cursor on screen; nil for table rows
	// measured is set once the tab has been drawn: measuring its columns
	// (which may need every record's citations) waits until then, so
	// start-up pays only for the tab it shows.
	measured bool
	// markable tabs (Signatories) mark records with space for the
	// comparison view; marks are record indexes, kept while the tab lives.
	markable bool
	marks    map[int]bool
	// shown keeps the rows on screen, made and measured, until the hits,
	// the scroll position or the table's size change: a cursor step
	// redraws the rows' styles only.
	shown    [][]shownCell
	shownKey shownKey
	// lines keeps the rows as drawn, for the rows above: a cursor step
	// draws the two rows whose mode changed, not every row.
	lines    []drawnRow
	linesKey drawnKey
	// helpKeys are the keys the footer offers, kept while helpKeyOf holds.
	helpKeys  []key.Binding
	helpKeyOf helpKey
}

// drawnRow is a row as drawn, and how.
type drawnRow struct {
	mode   rowMode
	marked bool
	s      string
}

// drawnKey is what every drawn row depends on besides its own mode.
type drawnKey struct {
	shown shownKey
	q     string
	st    *Styles
}

// shownKey is what the rows on screen depend on.
type shownKey struct{ gen, top, rows, w, n int }

// panel is an alternative right-hand pane, such as a chart.
type panel interface {
	view(t *listTab, w, h int) []string
	keys() []key.Binding
	update(t *listTab, msg tea.KeyPressMsg) (handled bool)
}

func newListTab(c *ctx, k model.Kind, cols []colSpec, extra []model.Column) *listTab {
	t := &listTab{results: newResults(c, k)}
	if cols != nil {
		t.tbl = newTable(k, cols, extra)
	}
	t.det = detail{c: c, sel: -1}
	return t
}

func (t *listTab) filter() string      { return t.query }
func (t *listTab) filterError() string { return t.qerr }

func (t *listTab) setFilter(q string) {
	t.setQuery(q)
	t.top = 0
	t.relayout()
}

func (t *listTab) selectRef(r model.Ref) bool {
	if !t.results.selectRef(r) {
		// Not among the hits: clear the filter so the record can be shown.
		t.setQuery("")
		if !t.results.selectRef(r) {
			t.relayout()
			return false
		}
	}
	t.relayout()
	return true
}

func (t *listTab) invalidate() {
	t.det.dirty = true
	t.tbl.lkey.width = -1
}

func (t *listTab) sortState() (string, bool) { return t.sortKey(), t.reverse }

func (t *listTab) restoreSort(key string, reverse bool) {
	t.setSortKey(key, reverse)
	t.top = 0
	if t.sized {
		t.syncDetail()
	}
	// Otherwise the tab is laid out, and its detail found, when first
	// shown: restoring a remembered sort sorts nothing at start-up.
}

func (t *listTab) setPane(p paneMode) {
	t.pane = p
	if p == paneList {
		t.detailFocus = false
		t.showExtra = false
	}
	t.relayout()
	if p != paneDetail || t.showExtra || t.detailFocus {
		return
	}
	if _, ok := t.selected(); ok {
		// Zoomed to read: keys go to the pane, from its top.
		t.detailFocus = true
		t.syncDetail()
	}
}

func (t *listTab) setSize(w, h int) {
	t.w, t.h, t.sized = w, h, true
	t.relayout()
}

// Detail panes are at least this wide beside a list (or 30% of the window
// if more, up to detailMax); the list takes the rest it needs.
const (
	detailMin = 44
	detailMax = 60
)

// relayout shares the area between list and detail for the pane mode.
func (t *listTab) relayout() {
	if !t.sized {
		return // the root sizes a tab when it is first shown
	}
	w, h := t.w, t.h
	t.side = false
	switch {
	case t.pane == paneList:
		t.tableW, t.tableH = w, h
		t.det.setSize(0, 0)
	case t.pane == paneDetail:
		t.tableW, t.tableH = 0, 0
		t.det.setSize(w, h)
	case w >= 100:
		t.side = true
		dmin := min(max(detailMin, w*3/10), detailMax)
		switch {
		case !t.measured:
			t.tableW = min(w*11/20, w-dmin-1) // until view measures it
		case t.needFunc != nil:
			t.tableW = min(max(t.needFunc(), w*2/5), w-dmin-1)
		default:
			t.tableW = min(max(t.tbl.need(t.c.ds, t.kind), w*2/5), w-dmin-1)
			// Columns that drop leave their room to the detail.
			t.tableW = max(t.tbl.fit(t.c.ds, t.kind, t.tableW, t.tbl.forcedFor(t.sortKey())), w*2/5)
		}
		t.tableH = h
		t.det.setSize(w-t.tableW-1, h)
	default:
		t.tableW = w
		var rows int
		if t.stackFunc != nil {
			rows = t.stackFunc(h)
		} else {
			rows = min(len(t.hits()), max((h-1)*2/5-1, 2)) + 1
		}
		t.tableH = min(rows, h)
		t.det.setSize(w, max(h-t.tableH-1, 0))
	}
	t.syncDetail()
}

// syncDetail shows the selected record in the detail pane and keeps the
// cursor's row on screen.
func (t *listTab) syncDetail() {
	if r, ok := t.selected(); ok {
		t.det.show(r, t.q)
	} else {
		t.det.clear()
		t.detailFocus = false
	}
	t.det.focused = t.detailFocus
	if t.scrollFunc != nil {
		t.scrollFunc()
		return
	}
	rows := t.tableH - 1
	if rows <= 0 {
		return
	}
	if t.cur < t.top {
		t.top = t.cur
	}
	if t.cur >= t.top+rows {
		t.top = t.cur - rows + 1
	}
	t.top = max(0, min(t.top, max(len(t.hits())-rows, 0)))
}

func (t *listTab) selected() (model.Ref, bool) { return t.results.selected() }

func (t *listTab) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return t.key(msg)
	case tea.MouseClickMsg:
		return t.click(msg.Mouse())
	case tea.MouseWheelMsg:
		m := msg.Mouse()
		n := 3
		if m.Button == tea.MouseWheelUp {
			n = -3
		}
		if t.inDetail(m.X, m.Y) {
			t.det.scroll(n)
			return nil
		}
		t.move(n)
		t.syncDetail()
	}
	return nil
}

func toPane(p paneMode) tea.Cmd { return func() tea.Msg { return paneMsg(p) } }

func (t *listTab) key(msg tea.KeyPressMsg) tea.Cmd {
	k := t.c.keys
	if t.extra != nil && key.Matches(msg, k.Chart) {
		t.showExtra = !t.showExtra
		if t.showExtra {
			t.detailFocus = false
		}
		t.syncDetail()
		if t.showExtra && t.pane == paneList {
			return toPane(paneSplit)
		}
		return nil
	}
	if t.showExtra && t.extra != nil && t.extra.update(t, msg) {
		return nil
	}
	if t.detailFocus {
		switch {
		case key.Matches(msg, k.Back), key.Matches(msg, k.Left):
			t.detailFocus = false
			t.det.sel, t.det.dirty = -1, true
			t.syncDetail()
			if t.pane == paneDetail {
				return toPane(paneSplit)
			}
			return nil
		}
		return t.det.update(msg)
	}
	page := max(t.tableH-2, 1)
	switch {
	case key.Matches(msg, k.Down):
		t.move(1)
	case key.Matches(msg, k.Up):
		t.move(-1)
	case key.Matches(msg, k.PageDown):
		t.move(page)
	case key.Matches(msg, k.PageUp):
		t.move(-page)
	case key.Matches(msg, k.Top):
		t.move(-len(t.hits()))
	case key.Matches(msg, k.Bottom):
		t.move(len(t.hits()))
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Right):
		if _, ok := t.selected(); ok && !t.showExtra {
			t.detailFocus = true
			t.det.selectLink(0)
			if t.pane == paneList {
				t.syncDetail()
				return toPane(paneSplit)
			}
		}
	case key.Matches(msg, k.Sort):
		t.setSort(t.sortI+1, false)
		t.top = 0
	case key.Matches(msg, k.SortReverse):
		t.setSort(t.sortI, !t.reverse)
		t.top = 0
	case t.markable && key.Matches(msg, k.Mark):
		t.toggleMark()
	case t.markable && key.Matches(msg, k.Compare):
		return command(cmdCompare)
	case key.Matches(msg, k.Back):
		if t.query != "" {
			t.setFilter("")
			return func() tea.Msg { return filterClearedMsg{} }
		}
		return func() tea.Msg { return historyBackMsg{} }
	default:
		return nil
	}
	t.syncDetail()
	return nil
}

func (t *listTab) inDetail(x, y int) bool {
	switch {
	case t.pane == paneList:
		return false
	case t.pane == paneDetail:
		return true
	case t.side:
		return x > t.tableW
	}
	return y > t.tableH
}

func (t *listTab) click(m tea.Mouse) tea.Cmd {
	if m.Button != tea.MouseLeft {
		return nil
	}
	if t.inDetail(m.X, m.Y) {
		if t.showExtra {
			return nil
		}
		x, y := m.X, m.Y
		if t.side && t.pane == paneSplit {
			x -= t.tableW + 1
		}
		if !t.side && t.pane == paneSplit {
			y -= t.tableH + 1
		}
		t.detailFocus = true
		cmd := t.det.clickAt(x, y)
		t.syncDetail()
		return cmd
	}
	if m.Y == 0 || m.X >= t.tableW {
		return nil
	}
	row := t.top + m.Y - 1
	if row >= 0 && row < len(t.hits()) {
		t.cur = row
		t.detailFocus = false
		t.syncDetail()
	}
	return nil
}

func (t *listTab) view() string {
	if t.w <= 0 || t.h <= 0 {
		return ""
	}
	if !t.measured {
		t.measured = true
		t.relayout()
	}
	st := t.c.st
	var tbl []string
	if t.pane != paneDetail {
		if t.tableViewFunc != nil {
			tbl = t.tableViewFunc()
		} else {
			tbl = t.tableView()
		}
	}
	if t.pane == paneList {
		return block(tbl, t.w, t.h)
	}
	var right []string
	rw, rh := t.det.w, t.det.h
	switch {
	case t.showExtra && t.extra != nil:
		right = fitLines(t.extra.view(t, rw, rh), rw, rh)
	case len(t.hits()) == 0:
		msg := "nothing matches the filter"
		if t.query == "" {
			msg = "no records"
		}
		right = t.det.empty(msg)
	default:
		t.det.focused = t.detailFocus
		right = t.det.view()
	}
	switch {
	case t.pane == paneDetail:
		return block(right, t.w, t.h)
	case t.side:
		sep := make([]string, t.h)
		bar := st.Rule.Render("│")
		for i := range sep {
			sep[i] = bar
		}
		return hjoin(t.h, tbl, sep, right)
	}
	lines := append(tbl, st.Rule.Render(strings.Repeat("─", t.w)))
	lines = append(lines, right...)
	return block(lines, t.w, t.h)
}

// visibleRows are the records on screen, in order.
func (t *listTab) visibleRows() []int {
	rows := max(t.tableH-1, 0)
	end := min(t.top+rows, len(t.hits()))
	if t.top >= end {
		return nil
	}
	return t.hits()[t.top:end]
}

// shownCell is a table cell as drawn: its text, the whole value, and its
// column's width and role.
type shownCell struct {
	text, full   string
	width, textW int // the column's width, the text's
	role         colRole
}

// shownRows lays out the table for its width and returns the visible rows'
// cells as they will be drawn: names cut so that no two read alike.
func (t *listTab) shownRows() [][]shownCell {
	vis := t.visibleRows()
	k := shownKey{t.gen, t.top, len(vis), t.tableW, len(t.hits())}
	if t.shown != nil && k == t.shownKey {
		return t.shown
	}
	t.shown, t.shownKey = t.makeRows(vis), k
	return t.shown
}

// makeRows makes the cells of the rows vis and lays out the table for them.
func (t *listTab) makeRows(vis []int) [][]shownCell {
	ds := t.c.ds
	// Every column's cells on screen, each made and measured once: the
	// layout needs their widths (a list larger than sampleAll is measured
	// on its first records and the rows on screen), the rows their text.
	nc := len(t.tbl.specs)
	texts := make([]string, len(vis)*nc)
	widths := make([]int, len(vis)*nc)
	nat := t.tbl.natural(ds, t.kind)
	big := ds.Len(t.kind) > sampleAll
	if big {
		nat = append([]int(nil), nat...)
	}
	for r, rec := range vis {
		for i := range nc {
			s := t.tbl.cols[i].Cell(ds, rec)
			w := t.tbl.cellWidth(rec, i, s)
			texts[r*nc+i], widths[r*nc+i] = s, w
			if big {
				nat[i] = max(nat[i], w)
			}
		}
	}
	t.tbl.layout(nat, t.tableW, t.tbl.forcedFor(t.sortKey()))
	rows := make([][]shownCell, len(vis))
	names := make([]string, len(vis))
	nameCut := false
	cells := make([]shownCell, len(vis)*len(t.tbl.show))
	for r := range vis {
		row := cells[r*len(t.tbl.show) : (r+1)*len(t.tbl.show)]
		for j, i := range t.tbl.show {
			full := texts[r*nc+i]
			fw, cw := widths[r*nc+i], t.tbl.widths[j]
			c := shownCell{text: full, full: full, width: cw, textW: fw, role: t.tbl.specs[i].role}
			if fw > cw {
				if i == t.tbl.name {
					nameCut = true
				} else {
					c.text = truncate(full, cw)
					c.textW = width(c.text)
				}
			}
			if i == t.tbl.name {
				names[r] = full
			}
			row[j] = c
		}
		rows[r] = row
	}
	if nameCut {
		names = cutNames(names, t.tbl.nameWidth())
		for r := range rows {
			for j, i := range t.tbl.show {
				if i == t.tbl.name && names[r] != rows[r][j].full {
					rows[r][j].text = names[r]
					rows[r][j].textW = width(names[r])
				}
			}
		}
	}
	return rows
}

func (t *listTab) tableView() []string {
	w, h := t.tableW, t.tableH
	if w <= 0 || h <= 0 {
		return nil
	}
	rows := t.shownRows()
	if k := (drawnKey{t.shownKey, t.query, t.c.st}); k != t.linesKey || len(t.lines) != len(rows) {
		t.linesKey = k
		t.lines = make([]drawnRow, len(rows))
	}
	lines := make([]string, 0, h)
	lines = append(lines, t.tbl.header(t.c.st, t.sortKey(), t.descending(), w))
	for r, row := range rows {
		mode := rowPlain
		if t.top+r == t.cur {
			// While the detail pane has focus the row stays marked but
			// not reversed, so it is clear where keys go.
			mode = rowSelected
			if t.detailFocus {
				mode = rowMarked
			}
		}
		marked := t.marks[t.hits()[t.top+r]]
		if d := &t.lines[r]; d.s == "" || d.mode != mode || d.marked != marked {
			*d = drawnRow{mode, marked, t.tbl.row(t.c, row, mode, marked, t.q, w)}
		}
		lines = append(lines, t.lines[r].s)
	}
	return padLines(lines, w, h)
}

func (t *listTab) help() []key.Binding {
	if t.showExtra {
		return t.makeHelp() // a chart's keys change with the chart
	}
	hk := helpKey{t.detailFocus, t.pane, t.c.keys}
	if t.helpKeys == nil || hk != t.helpKeyOf {
		t.helpKeys, t.helpKeyOf = slices.Clip(t.makeHelp()), hk
	}
	return t.helpKeys
}

// helpKey is what a list's keys depend on, a chart aside.
type helpKey struct {
	detailFocus bool
	pane        paneMode
	keys        *KeyMap
}

func (t *listTab) makeHelp() []key.Binding {
	k := t.c.keys
	if t.detailFocus {
		back := k.Back
		back.SetHelp("esc", "back to the list")
		enter := k.Enter
		enter.SetHelp("enter", "follow link")
		return []key.Binding{enter, k.Up, k.Down, back, k.Open, k.Copy, k.CopyURL, k.Cite, k.HistBack}
	}
	pane, zoom := k.Pane, k.Zoom
	if t.pane == paneList {
		pane.SetHelp("p", "show detail")
	}
	b := []key.Binding{k.Filter, k.Enter, k.Sort}
	if t.markable {
		b = append(b, k.Mark, k.Compare)
	}
	b = append(b, pane, zoom)
	if t.extra != nil {
		b = append(b, k.Chart)
		if t.showExtra {
			b = append(b, t.extra.keys()...)
		}
	}
	return append(b, k.Export, k.SortReverse, k.Copy, k.Up, k.Down)
}

func (t *listTab) status() string {
	s := t.count()
	if len(t.marks) > 0 {
		s += " · " + itoa(len(t.marks)) + " marked"
	}
	if ss := t.sortStatus(); ss != "" {
		s += " · " + ss
	}
	if t.detailFocus && !t.showExtra {
		s += footnoteStatus(t.c, &t.det)
	}
	return s
}
