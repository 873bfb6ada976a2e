package tui

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// timelineTab draws the events as a vertical rail with year markers, a
// symbol per kind of event and the countries involved, beside the selected
// event's detail. Each row gives the title its full length first: the
// country codes shrink ("CN+5"), then go, before a title is cut.
type timelineTab struct {
	*listTab
	rail     *railShared
	heads    []tlHead // year headings, when sorted by date
	headsGen int      // results.gen the headings were found for, -1 for none
	headsKey string   // sort key they were found for
}

// tlHead is a year heading, drawn on the rail just above the hit at. The
// rail's rows are the hits with the headings between them, so a row is
// found by arithmetic rather than kept in a list as long as the hits.
type tlHead struct{ at, year int }

// railShared is what every session's timeline over one dataset measures
// alike, built once and shared (model.Dataset.Shared): each event's year,
// the rail's widths, and the headings of the unfiltered date order. The
// titles' widths are measured as they are first drawn, by any session.
type railShared struct {
	years   []int32
	titleW  []atomic.Int32 // width of each event's rail title + 1; 0 until measured
	measure sync.Once
	need    int    // widest title and countries over the first sampleAll events
	dateW   [2]int // the date column: not sorted by date, and under year headings
	// The headings of the unfiltered date order, forward and reversed.
	headsOnce [2]sync.Once
	heads     [2][]tlHead
}

type railKey struct{}

func sharedRail(ds *model.Dataset) *railShared {
	return ds.Shared(railKey{}, func() any {
		r := &railShared{years: make([]int32, len(ds.Events)), titleW: make([]atomic.Int32, len(ds.Events))}
		for i := range ds.Events {
			r.years[i] = int32(ds.Events[i].Date.Year())
		}
		return r
	}).(*railShared)
}

// allHeads are the headings of every event in date order.
func (r *railShared) allHeads(ds *model.Dataset, reverse bool) []tlHead {
	i := boolInt(reverse)
	r.headsOnce[i].Do(func() { r.heads[i] = findHeads(r.years, ds.Order(model.KindEvent, "date", reverse)) })
	return r.heads[i]
}

// findHeads lists where the year changes along hits.
func findHeads(years []int32, hits []int) []tlHead {
	var heads []tlHead
	last := int32(-1)
	for i, h := range hits {
		if y := years[h]; y != last || i == 0 {
			heads = append(heads, tlHead{at: i, year: int(y)})
			last = y
		}
	}
	return heads
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
	t := &timelineTab{listTab: newListTab(c, model.KindEvent, nil, nil), rail: sharedRail(c.ds), headsGen: -1}
	t.tableViewFunc = t.railView
	t.needFunc = t.railNeed
	// The rail needs more rows than a table to be useful.
	t.stackFunc = func(h int) int { return max((h-1)/2, 2) }
	t.scrollFunc = t.scrollRail
	t.relayout()
	return t
}

// rebuild finds the year headings when sorted by date: the dataset's own
// when the list is unfiltered.
func (t *timelineTab) rebuild() {
	if t.headsGen == t.gen && t.headsKey == t.sortKey() {
		return
	}
	t.headsGen, t.headsKey = t.gen, t.sortKey()
	switch {
	case t.sortKey() != "date":
		t.heads = nil
	case t.q.Empty():
		t.heads = t.rail.allHeads(t.c.ds, t.reverse)
	default:
		t.heads = findHeads(t.rail.years, t.hits())
	}
}

// numRows is the rail's length: events and year headings.
func (t *timelineTab) numRows() int { return len(t.hits()) + len(t.heads) }

// rowAt is what rail row r shows: a year heading (hit < 0) or a hit.
func (t *timelineTab) rowAt(r int) (year, hit int) {
	// Heading k is on row heads[k].at + k: find the last one at or above r.
	k := sort.Search(len(t.heads), func(k int) bool { return t.heads[k].at+k > r }) - 1
	if k >= 0 && t.heads[k].at+k == r {
		return t.heads[k].year, -1
	}
	return 0, r - (k + 1)
}

// rowOf is the rail row of hit i.
func (t *timelineTab) rowOf(i int) int {
	return i + sort.Search(len(t.heads), func(k int) bool { return t.heads[k].at > i })
}

func (t *timelineTab) cursorRow() int { return t.rowOf(t.cur) }

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
	t.top = max(0, min(t.top, max(t.numRows()-h, 0)))
}

func (t *timelineTab) update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.MouseClickMsg); ok && !t.inDetail(m.X, m.Y) {
		if m.Button == tea.MouseLeft && m.X < t.tableW {
			if r := t.top + m.Y; r >= 0 && r < t.numRows() {
				if _, hit := t.rowAt(r); hit >= 0 {
					t.cur = hit
				}
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
	t.measureRail()
	return t.rail.dateW[boolInt(t.sortKey() == "date")]
}

// measureRail measures the first sampleAll events' dates, titles and
// countries, once per dataset.
func (t *timelineTab) measureRail() {
	t.rail.measure.Do(func() {
		r, evs := t.rail, t.c.ds.Events
		r.dateW = [2]int{4, 4}
		for j := range min(len(evs), sampleAll) {
			for i := range r.dateW {
				r.dateW[i] = max(r.dateW[i], width(railDate(&evs[j], i == 1)))
			}
			r.need = max(r.need, t.titleWidth(j, t.title(j))+gap+len(countryCodes(evs[j].Countries)))
		}
	})
}

// railDate is an event's date on the rail: without its year under a year
// heading ("31 Aug", "18–19 May", "—" for a bare year).
func railDate(e *model.Event, byDate bool) string {
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
	return railPrefix + railSym + t.dateWidth() + 1 + t.rail.need
}

// titleWidth is the width of event i's rail title, measured once per
// dataset.
func (t *timelineTab) titleWidth(i int, title string) int {
	w := &t.rail.titleW[i]
	if v := w.Load(); v != 0 {
		return int(v) - 1
	}
	v := int32(width(title))
	w.Store(v + 1)
	return int(v)
}

// title is an event's name on the rail, with its confidence mark.
func (t *timelineTab) title(i int) string {
	e := &t.c.ds.Events[i]
	if e.Confidence != model.Verified {
		return e.Title + " " + e.Confidence.Symbol()
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
	end := min(t.top+t.tableH, t.numRows())
	var out []railRow
	var cutIdx []int
	var cutIn []string
	for i := max(t.top, 0); i < end; i++ {
		year, hit := t.rowAt(i)
		if hit < 0 {
			out = append(out, railRow{year: year, hit: -1})
			continue
		}
		e := &t.c.ds.Events[t.hits()[hit]]
		title := t.title(t.hits()[hit])
		tw := t.titleWidth(t.hits()[hit], title)
		row := railRow{hit: hit, title: title, full: title, titleW: tw}
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
		out[cutIdx[j]].titleW = width(s)
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
		e := &t.c.ds.Events[t.hits()[r.hit]]
		date := railDate(e, t.sortKey() == "date")
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
	return padLines(lines, w, h)
}
