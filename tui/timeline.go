package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// timelineTab draws the events as a vertical rail with year markers, a
// symbol per kind of event and the countries involved, beside the selected
// event's detail. Each row gives the title its full length first: the
// country codes shrink ("CN+5"), then go, before a title is cut.
type timelineTab struct {
	*listTab
	rows    []tlRow // display rows: year headings and events
	rowsGen int     // results.gen the rows were built for
	rowsKey string  // sort key the rows were built for
	need    int     // railNeed's measure of the titles, once
	titleW  []int32 // width of each event's rail title, measured on first use
	dateW   [2]int  // the date column, under year headings and not; 0 until measured
}

type tlRow struct {
	year int // heading when hit < 0
	hit  int // index into hits, or -1
}

// eventKinds lists the timeline's kinds in the order the legend gives them.
func eventKinds() []model.EventKind {
	return []model.EventKind{model.Independence, model.Diplomacy, model.SummitEvent,
		model.Organisation, model.Infrastructure, model.Initiative}
}

// kindSymbol marks an event kind on the rail, so kinds read without colour.
func kindSymbol(k model.EventKind) string {
	switch k {
	case model.Independence:
		return "◆"
	case model.Diplomacy:
		return "●"
	case model.SummitEvent:
		return "★"
	case model.Organisation:
		return "■"
	case model.Infrastructure:
		return "═"
	case model.Initiative:
		return "✦"
	}
	return "•"
}

// Rail geometry: the year gutter, "├─ ", the kind symbol and its space.
const (
	railYearW  = 6
	railPrefix = railYearW - 1 + 3
	railSym    = 2
)

func newTimelineTab(c *ctx) *timelineTab {
	t := &timelineTab{listTab: newListTab(c, model.KindEvent, nil, nil)}
	t.tableViewFunc = t.railView
	t.needFunc = t.railNeed
	// The rail needs more rows than a table to be useful.
	t.stackFunc = func(h int) int { return max((h-1)/2, 2) }
	t.scrollFunc = t.scrollRail
	t.relayout()
	return t
}

// rebuild groups the hits under year headings when sorted by date.
func (t *timelineTab) rebuild() {
	if t.rows != nil && t.rowsGen == t.gen && t.rowsKey == t.sortKey() {
		return
	}
	t.rowsGen, t.rowsKey = t.gen, t.sortKey()
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

// scrollRail keeps the cursor's row (and its year heading) on screen.
func (t *timelineTab) scrollRail() {
	t.rebuild()
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
	return t.listTab.update(msg)
}

func (t *timelineTab) view() string {
	t.rebuild()
	return t.listTab.view()
}

// dateWidth is the date column: wide enough for the events' dates (the
// first sampleAll), without the year under a year heading.
func (t *timelineTab) dateWidth() int {
	byDate := t.sortKey() == "date"
	i := 0
	if byDate {
		i = 1
	}
	if t.dateW[i] == 0 {
		t.dateW[i] = 4
		for j := range min(len(t.c.ds.Events), sampleAll) {
			t.dateW[i] = max(t.dateW[i], ansi.StringWidth(t.railDate(&t.c.ds.Events[j], byDate)))
		}
	}
	return t.dateW[i]
}

// railDate is an event's date on the rail: without its year under a year
// heading ("31 Aug", "18–19 May", "—" for a bare year).
func (t *timelineTab) railDate(e *model.Event, byDate bool) string {
	date := model.Span(e.Date, e.End)
	if !byDate {
		return date
	}
	y := itoa(e.Date.Year())
	switch {
	case date == y:
		return "—"
	case strings.HasSuffix(date, " "+y) && !strings.Contains(date, " – "):
		return strings.TrimSuffix(date, " "+y)
	}
	return date
}

// railNeed is the width that shows every event's title and countries (the
// first sampleAll events of a large list).
func (t *timelineTab) railNeed() int {
	if t.need == 0 {
		for i := range min(len(t.c.ds.Events), sampleAll) {
			t.need = max(t.need, ansi.StringWidth(t.title(i))+gap+len(countryCodes(t.c.ds.Events[i].Countries)))
		}
	}
	return railPrefix + railSym + t.dateWidth() + 1 + t.need
}

// titleWidth is the width of event i's rail title.
func (t *timelineTab) titleWidth(i int, title string) int {
	if t.titleW == nil {
		t.titleW = make([]int32, len(t.c.ds.Events))
	}
	if t.titleW[i] == 0 {
		t.titleW[i] = int32(ansi.StringWidth(title)) + 1 // 0 means not yet measured
	}
	return int(t.titleW[i]) - 1
}

// title is an event's name on the rail, with its confidence mark.
func (t *timelineTab) title(i int) string {
	e := &t.c.ds.Events[i]
	if e.Confidence != model.Verified {
		return e.Title + " " + ConfidenceSymbol(e.Confidence)
	}
	return e.Title
}

func countryCodes(ids []string) string { return strings.ToUpper(strings.Join(ids, " ")) }

// compactCodes is a country list in a few cells: "CN+5".
func compactCodes(ids []string) string {
	if len(ids) <= 1 {
		return countryCodes(ids)
	}
	return strings.ToUpper(ids[0]) + "+" + itoa(len(ids)-1)
}

// railRow is one line of the rail as drawn: a year heading, or an event
// with its title (cut only when nothing else is left to give way), its
// whole title and the country codes shown.
type railRow struct {
	year               int // heading when hit < 0
	hit                int
	title, full, codes string
	titleW             int // the shown title's width
}

// shownRail returns the visible rail rows as they will be drawn.
func (t *timelineTab) shownRail() []railRow {
	room := t.tableW - railPrefix - railSym - t.dateWidth() - 1 // for title and countries
	end := min(t.top+t.tableH, len(t.rows))
	var out []railRow
	var cutIdx []int
	var cutIn []string
	for i := max(t.top, 0); i < end; i++ {
		r := t.rows[i]
		if r.hit < 0 {
			out = append(out, railRow{year: r.year, hit: -1})
			continue
		}
		e := &t.c.ds.Events[t.hits[r.hit]]
		title := t.title(t.hits[r.hit])
		tw := t.titleWidth(t.hits[r.hit], title)
		row := railRow{hit: r.hit, title: title, full: title, titleW: tw}
		switch full, short := countryCodes(e.Countries), compactCodes(e.Countries); {
		case tw+gap+len(full) <= room:
			row.codes = full
		case tw+gap+len(short) <= room:
			row.codes = short
		case tw > room:
			cutIdx = append(cutIdx, len(out))
			cutIn = append(cutIn, title)
		}
		out = append(out, row)
	}
	for j, s := range cutNames(cutIn, max(room, 1)) {
		out[cutIdx[j]].title = s
		out[cutIdx[j]].titleW = ansi.StringWidth(s)
	}
	return out
}

func (t *timelineTab) railView() []string {
	st := t.c.st
	w, h := t.tableW, t.tableH
	if w <= 0 || h <= 0 {
		return nil
	}
	dw := t.dateWidth()
	room := w - railPrefix - railSym - dw - 1
	lines := make([]string, 0, h)
	for _, r := range t.shownRail() {
		if r.hit < 0 {
			lines = append(lines, fitLine(st.YearMark.Render(padLeft(itoa(r.year), railYearW-2))+" "+st.Rail.Render("┼"), w))
			continue
		}
		e := &t.c.ds.Events[t.hits[r.hit]]
		date := t.railDate(e, t.sortKey() == "date")
		selected := r.hit == t.cur
		prefix := strings.Repeat(" ", railYearW-1) + st.Rail.Render("├─") + " "
		if selected {
			prefix = strings.Repeat(" ", railYearW-3) + Marker + " " + st.Rail.Render("├─") + " "
		}
		titleW := room
		if r.codes != "" {
			titleW -= len(r.codes) + gap
		}
		body := padRight(date, dw) + " " + r.title + spaces(titleW-r.titleW)
		if selected && !t.detailFocus {
			body = st.RowSelected.Render(body)
		} else {
			body = styleRanges(body, model.MatchRanges(body, t.q), st.Row.Render, st.Match.Render)
		}
		line := prefix + st.Badge[model.SingleSource].Render(kindSymbol(e.Kind)) + " " + body
		used := railPrefix + railSym + dw + 1 + max(titleW, r.titleW)
		if r.codes != "" {
			line += spaces(gap) + st.Dim.Render(r.codes)
			used += gap + len(r.codes)
		}
		if used != w {
			line = fitLine(line, w)
		}
		lines = append(lines, line)
	}
	return fitLines(lines, w, h)
}
