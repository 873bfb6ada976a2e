package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// timelineTab draws the events as a vertical rail with year markers, a
// symbol per kind of event and the countries involved, beside the selected
// event's detail.
type timelineTab struct {
	*listTab
	rows    []tlRow // display rows: year headings and events
	rowsGen int     // results.gen the rows were built for
}

type tlRow struct {
	year int // heading when hit < 0
	hit  int // index into hits, or -1
}

// KindSymbols mark event kinds on the rail, so kinds read without colour.
var KindSymbols = map[model.EventKind]string{
	model.Independence:   "◆",
	model.Diplomacy:      "●",
	model.SummitEvent:    "★",
	model.Organisation:   "■",
	model.Infrastructure: "═",
	model.Initiative:     "✦",
}

func newTimelineTab(c *ctx) *timelineTab {
	t := &timelineTab{listTab: newListTab(c, model.KindEvent, "Timeline", "Time", nil)}
	t.tableViewFunc = t.railView
	t.rebuild()
	return t
}

// rebuild groups the hits under year headings when sorted by date.
func (t *timelineTab) rebuild() {
	if t.rows != nil && t.rowsGen == t.gen {
		return
	}
	t.rowsGen = t.gen
	t.rows = t.rows[:0]
	byDate := t.sortKey() == "date"
	last := -1
	for i, h := range t.hits {
		if byDate {
			if y := t.c.ds.Events[h].Date.Year(); y != last {
				t.rows = append(t.rows, tlRow{year: y, hit: -1})
				last = y
			}
		}
		t.rows = append(t.rows, tlRow{hit: i})
	}
}

func (t *timelineTab) cursorRow() int {
	for i, r := range t.rows {
		if r.hit == t.cur {
			return i
		}
	}
	return 0
}

func (t *timelineTab) setFilter(q string) {
	t.listTab.setFilter(q)
	t.rebuild()
	t.scrollRail()
}

func (t *timelineTab) selectRef(r model.Ref) bool {
	ok := t.listTab.selectRef(r)
	t.rebuild()
	t.scrollRail()
	return ok
}

func (t *timelineTab) restoreSort(key string, reverse bool) {
	t.listTab.restoreSort(key, reverse)
	t.rebuild()
	t.scrollRail()
}

func (t *timelineTab) setSize(w, h int) {
	t.listTab.setSize(w, h)
	if !t.side {
		// The rail needs more rows than a table to be useful.
		rows := max((h-1)/2, 2)
		t.tableH = min(rows, h)
		t.det.setSize(w, max(h-t.tableH-1, 0))
	}
	t.scrollRail()
}

// scrollRail keeps the cursor's row (and its year heading) on screen.
func (t *timelineTab) scrollRail() {
	h := t.tableH
	if h <= 0 {
		return
	}
	c := t.cursorRow()
	if c-1 < t.top {
		t.top = max(c-1, 0)
	}
	if c >= t.top+h {
		t.top = c - h + 1
	}
	t.top = max(0, min(t.top, max(len(t.rows)-h, 0)))
}

func (t *timelineTab) update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.MouseClickMsg); ok && !t.inDetail(m.X, m.Y) {
		if m.Button == tea.MouseLeft && m.X < t.tableW {
			if r := t.top + m.Y; r >= 0 && r < len(t.rows) && t.rows[r].hit >= 0 {
				t.cur = t.rows[r].hit
				t.detailFocus = false
				t.syncDetail()
			}
		}
		return nil
	}
	cmd := t.listTab.update(msg)
	t.rebuild()
	t.scrollRail()
	return cmd
}

func (t *timelineTab) view() string {
	t.rebuild()
	return t.listTab.view()
}

func (t *timelineTab) railView() []string {
	st := t.c.st
	w, h := t.tableW, t.tableH
	lines := make([]string, 0, h)
	const yearW = 6
	for i := t.top; i < len(t.rows) && len(lines) < h; i++ {
		r := t.rows[i]
		if r.hit < 0 {
			lines = append(lines, fitLine(st.YearMark.Render(padLeft(itoa(r.year), yearW-2))+" "+st.Rail.Render("┼"), w))
			continue
		}
		e := &t.c.ds.Events[t.hits[r.hit]]
		sym := KindSymbols[e.Kind]
		if sym == "" {
			sym = "•"
		}
		date := e.Date.Human()
		if y := itoa(e.Date.Year()); strings.HasSuffix(date, " "+y) && t.sortKey() == "date" {
			date = strings.TrimSuffix(date, " "+y)
		} else if date == y && t.sortKey() == "date" {
			date = "—"
		}
		countries := strings.ToUpper(strings.Join(e.Countries, " "))
		selected := r.hit == t.cur
		prefix := strings.Repeat(" ", yearW-1) + st.Rail.Render("├─") + " "
		if selected {
			prefix = strings.Repeat(" ", yearW-3) + Marker + " " + st.Rail.Render("├─") + " "
		}
		kindStyle := st.Badge[model.SingleSource]
		titleW := w - yearW - 3 - 2 - 8 - len(countries) - 2
		title := e.Title
		if e.Confidence != model.Verified {
			title += " " + ConfidenceSymbol(e.Confidence)
		}
		body := padRight(date, 7) + " " + padRight(title, max(titleW, 8))
		body = styleRanges(body, shift(model.MatchRanges(body, t.q), 0), st.Row.Render, st.Match.Render)
		if selected && !t.detailFocus {
			body = st.RowSelected.Render(padRight(date, 7) + " " + padRight(title, max(titleW, 8)))
		}
		line := prefix + kindStyle.Render(sym) + " " + body + "  " + st.Dim.Render(countries)
		lines = append(lines, fitLine(line, w))
	}
	return fitLines(lines, w, h)
}

func shift(r [][2]int, by int) [][2]int {
	for i := range r {
		r[i][0] += by
		r[i][1] += by
	}
	return r
}

func (t *timelineTab) help() []key.Binding { return t.listTab.help() }
