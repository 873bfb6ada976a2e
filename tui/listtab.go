package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// listTab is a table of records beside (or above) the selected record's
// detail. Signatories, Partnerships, Infrastructure and Sources are list
// tabs that differ only in kind and columns.
type listTab struct {
	results
	name, short string
	cols        []string // model column keys, most important first
	tbl         table
	det         detail
	w, h        int
	side        bool // table and detail side by side
	tableW      int
	tableH      int // including the header line
	top         int // first visible row
	detailFocus bool
	// extra is an optional panel (a chart) shown instead of the detail
	// when toggled with "c".
	extra     panel
	showExtra bool
	// tableViewFunc replaces the table (the timeline draws a rail).
	tableViewFunc func() []string
}

// panel is an alternative right-hand pane, such as a chart.
type panel interface {
	view(t *listTab, w, h int) []string
	keys() []key.Binding
	update(t *listTab, msg tea.KeyPressMsg) (handled bool)
}

func newListTab(c *ctx, k model.Kind, name, short string, cols []string) *listTab {
	t := &listTab{results: newResults(c, k), name: name, short: short, cols: cols}
	t.det = detail{c: c, sel: -1}
	return t
}

func (t *listTab) title() string      { return t.name }
func (t *listTab) shortTitle() string { return t.short }
func (t *listTab) filterable() bool   { return true }
func (t *listTab) filter() string     { return t.query }

func (t *listTab) setFilter(q string) {
	t.setQuery(q)
	t.syncDetail()
}

func (t *listTab) selectRef(r model.Ref) bool {
	if !t.results.selectRef(r) {
		// Not among the hits: clear the filter so the record can be shown.
		t.setQuery("")
		if !t.results.selectRef(r) {
			return false
		}
	}
	t.syncDetail()
	return true
}

func (t *listTab) invalidate() {
	t.det.dirty = true
	t.tbl.key = ""
}

func (t *listTab) sortState() (string, bool) { return t.sortKey(), t.reverse }

func (t *listTab) restoreSort(key string, reverse bool) {
	t.setSortKey(key, reverse)
	t.syncDetail()
}

func (t *listTab) setSize(w, h int) {
	t.w, t.h = w, h
	t.side = w >= 100
	if t.side {
		t.tableW = max(w*11/20, 40)
		t.tableH = h
		t.det.setSize(w-t.tableW-1, h)
	} else {
		t.tableW = w
		rows := min(len(t.hits), max((h-1)*2/5-1, 2))
		t.tableH = min(rows+1, h)
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
	t.top = max(0, min(t.top, max(len(t.hits)-rows, 0)))
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

func (t *listTab) key(msg tea.KeyPressMsg) tea.Cmd {
	k := t.c.keys
	if t.extra != nil && key.Matches(msg, k.Chart) {
		t.showExtra = !t.showExtra
		if t.showExtra {
			t.detailFocus = false
		}
		t.syncDetail()
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
		t.move(-len(t.hits))
	case key.Matches(msg, k.Bottom):
		t.move(len(t.hits))
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Right):
		if _, ok := t.selected(); ok && !t.showExtra {
			t.detailFocus = true
			t.det.selectLink(0)
		}
	case key.Matches(msg, k.Sort):
		t.setSort(t.sortI+1, false)
	case key.Matches(msg, k.SortReverse):
		t.setSort(t.sortI, !t.reverse)
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
	if t.side {
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
		y := m.Y
		if !t.side {
			y -= t.tableH + 1
		}
		t.detailFocus = true
		cmd := t.det.clickLine(y)
		t.syncDetail()
		return cmd
	}
	if m.Y == 0 || m.X >= t.tableW {
		return nil
	}
	row := t.top + m.Y - 1
	if row >= 0 && row < len(t.hits) {
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
	st := t.c.st
	var tbl []string
	if t.tableViewFunc != nil {
		tbl = t.tableViewFunc()
	} else {
		tbl = t.tableView()
	}
	var right []string
	rw, rh := t.det.w, t.det.h
	switch {
	case t.showExtra && t.extra != nil:
		right = fitLines(t.extra.view(t, rw, rh), rw, rh)
	case len(t.hits) == 0:
		msg := "nothing matches the filter"
		if t.query == "" {
			msg = "no records"
		}
		right = t.det.empty(msg)
	default:
		t.det.focused = t.detailFocus
		right = t.det.view()
	}
	if t.side {
		sep := make([]string, t.h)
		for i := range sep {
			sep[i] = st.Rule.Render("│")
		}
		return strings.Join(hjoin(t.h, tbl, sep, right), "\n")
	}
	lines := append(tbl, st.Rule.Render(strings.Repeat("─", t.w)))
	lines = append(lines, right...)
	return block(lines, t.w, t.h)
}

func (t *listTab) tableView() []string {
	st := t.c.st
	w, h := t.tableW, t.tableH
	t.tbl.layout(t.c.ds, t.kind, t.cols, w)
	lines := make([]string, 0, h)
	if h > 0 {
		lines = append(lines, t.tbl.header(st, t.sortKey(), t.descending(), w))
	}
	for i := t.top; i < len(t.hits) && len(lines) < h; i++ {
		mode := rowPlain
		if i == t.cur {
			// While the detail pane has focus the row stays marked but
			// not reversed, so it is clear where keys go.
			mode = rowSelected
			if t.detailFocus {
				mode = rowMarked
			}
		}
		lines = append(lines, t.tbl.row(t.c, t.kind, t.hits[i], mode, t.q, w))
	}
	return fitLines(lines, w, h)
}

func (t *listTab) help() []key.Binding {
	k := t.c.keys
	if t.detailFocus {
		return []key.Binding{k.Up, k.Down, k.Enter, k.Back, k.Copy, k.Open}
	}
	b := []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Sort}
	if t.extra != nil {
		b = append(b, k.Chart)
		if t.showExtra {
			b = append(b, t.extra.keys()...)
		}
	}
	return append(b, k.Copy)
}

func (t *listTab) status() string {
	s := t.count()
	if ss := t.sortStatus(); ss != "" {
		s += " · " + ss
	}
	return s
}
