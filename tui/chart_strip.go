package tui

import (
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// yearStrip shows when each dialogue format began and when it met, on one
// axis of years.
type yearStrip struct{}

func (yearStrip) keys() []key.Binding                   { return nil }
func (yearStrip) update(*listTab, tea.KeyPressMsg) bool { return false }

// Strip symbols, so the marks read without colour.
const (
	stripLaunch = "●"
	stripSummit = "★"
	stripLatest = "◆"
	stripNext   = "○"
)

func (yearStrip) view(t *listTab, w, h int) []string {
	st, ds := t.c.st, t.c.ds
	lo, hi := 9999, 0
	for _, i := range t.hits() {
		for _, y := range ds.Years(model.Ref{Kind: model.KindPartnership, Index: i}) {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	lines := []string{fitLine(st.Section.Render("Formats by year")+st.Dim.Render("  (c closes)"), w), ""}
	if lo > hi {
		return append(lines, st.Dim.Render("  no dates to show"))
	}
	// Names get the room the longest needs, up to a third of the pane; a
	// longer one gives way to its shortest alias that fits (GCC, EU).
	nameW := 0
	for _, i := range t.hits() {
		nameW = max(nameW, width(ds.Partnerships[i].Partner))
	}
	nameW = min(nameW, max(w/3, 8))
	trackW := max(w-nameW-3, 10)
	span := max(hi-lo, 1)
	col := func(y int) int { return (y - lo) * (trackW - 1) / span }
	// Axis: a year label every few columns, as many as fit.
	axis := []rune(strings.Repeat(" ", trackW))
	step := max(1, int(math.Ceil(float64(span)*5/float64(trackW))))
	for y := lo; y <= hi; y += step {
		c := col(y)
		s := []rune(itoa(y))
		if c+len(s) <= trackW {
			copy(axis[c:], s)
		}
	}
	lines = append(lines, strings.Repeat(" ", nameW+3)+st.Dim.Render(string(axis)))
	sel, _ := t.selected()
	for _, i := range t.hits() {
		p := &ds.Partnerships[i]
		track := []string{}
		for range trackW {
			track = append(track, st.Rule.Render("·"))
		}
		start := 0
		if p.Launched != nil {
			start = p.Launched.Date.Year()
		}
		end := hi
		if start > 0 {
			for c := col(start); c <= col(end) && c < trackW; c++ {
				track[c] = st.Rule.Render("─")
			}
			track[col(start)] = st.Section.Render(stripLaunch)
		}
		put := func(m *model.Meeting, sym string, style Ink) {
			if m != nil {
				if y := m.Date.Year(); y >= lo && y <= hi {
					track[col(y)] = style.Render(sym)
				}
			}
		}
		put(p.LatestMeeting, stripLatest, st.Text)
		put(p.FirstSummit, stripSummit, st.Title)
		put(p.NextMeeting, stripNext, st.Dim)
		mark, nameStyle := "  ", st.Text
		if sel.Kind == model.KindPartnership && sel.Index == i {
			mark, nameStyle = Marker+" ", st.Title
		}
		lines = append(lines, fitLine(mark+nameStyle.Render(padRight(stripName(p, nameW), nameW))+" "+strings.Join(track, ""), w))
	}
	lines = append(lines, "")
	lines = append(lines, wrap(st.Section.Render(stripLaunch)+" launched  "+st.Title.Render(stripSummit)+" first leaders' summit  "+
		st.Text.Render(stripLatest)+" latest meeting  "+st.Dim.Render(stripNext)+" next (planned)  "+
		st.Dim.Render("─ active since launch"), w)...)
	return lines
}

// stripName is the partner's name if it fits w cells, else its shortest
// alias that fits, else the name cut.
func stripName(p *model.Partnership, w int) string {
	if width(p.Partner) <= w {
		return p.Partner
	}
	best := ""
	for _, a := range p.PartnerAliases {
		if n := width(a); n <= w && (best == "" || n < width(best)) {
			best = a
		}
	}
	if best != "" {
		return best
	}
	return p.Partner
}
