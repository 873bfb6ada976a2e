package tui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// Charts replace the detail pane of a list tab when toggled with "c". They
// are drawn with block characters and Lip Gloss colour, label every value
// with its unit and period, and keep the confidence symbol next to it.

// barChart compares one figure across records as horizontal bars.
type barChart struct {
	metrics []barMetric
	cur     int
}

// barMetric is one figure to compare: how to read it from a record.
type barMetric struct {
	name string
	get  func(ds *model.Dataset, i int) *model.Figure
}

func (b *barChart) keys() []key.Binding { return nil }

func (b *barChart) update(t *listTab, msg tea.KeyPressMsg) bool {
	if key.Matches(msg, t.c.keys.Metric) {
		b.cur = (b.cur + 1) % len(b.metrics)
		return true
	}
	return false
}

// bar draws a bar of frac (0–1) of w cells with eighth-block precision,
// coloured along its length.
func bar(st *Styles, frac float64, w int) string {
	if w <= 0 || math.IsNaN(frac) {
		return ""
	}
	frac = max(0, min(frac, 1))
	eighths := int(math.Round(frac * float64(w*8)))
	if frac > 0 && eighths == 0 {
		eighths = 1 // a value, however small, is visible
	}
	full, rest := eighths/8, eighths%8
	var b strings.Builder
	for i := range full {
		b.WriteString(barCell(st, i, w, "█"))
	}
	if rest > 0 {
		b.WriteString(barCell(st, full, w, string([]rune(" ▏▎▍▌▋▊▉")[rest])))
	}
	return b.String()
}

func barCell(st *Styles, i, w int, s string) string {
	if len(st.Bar) == 0 {
		return s
	}
	return st.Bar[min(i*len(st.Bar)/max(w, 1), len(st.Bar)-1)].Render(s)
}

func (b *barChart) view(t *listTab, w, h int) []string {
	st, ds := t.c.st, t.c.ds
	m := b.metrics[b.cur]
	var lines []string
	title := st.Section.Render(m.name) + st.Dim.Render(fmt.Sprintf("  (%d/%d · m next · c closes)", b.cur+1, len(b.metrics)))
	lines = append(lines, fitLine(title, w), "")
	type row struct {
		i    int
		f    *model.Figure
		base float64
		dim  string
	}
	var rows []row
	var others []string
	dims := map[string]int{}
	for _, i := range t.hits {
		f := m.get(ds, i)
		if f == nil {
			continue
		}
		v, dim, ok := f.Base()
		if !ok {
			continue
		}
		rows = append(rows, row{i, f, v, dim})
		dims[dim]++
	}
	// Compare only like with like: the most common unit is charted, the
	// rest listed below (a cost in tenge is not drawn against dollars).
	main := ""
	for d, n := range dims {
		if n > dims[main] || (n == dims[main] && d < main) {
			main = d
		}
	}
	var charted []row
	top := 0.0
	for _, r := range rows {
		if r.dim != main {
			others = append(others, ds.Title(model.Ref{Kind: t.kind, Index: r.i})+": "+model.FigureText(r.f))
			continue
		}
		charted = append(charted, r)
		top = max(top, r.base)
	}
	sort.SliceStable(charted, func(a, b int) bool { return charted[a].base > charted[b].base })
	nameW := 0
	for _, r := range charted {
		nameW = max(nameW, ansi.StringWidth(ds.Title(model.Ref{Kind: t.kind, Index: r.i})))
	}
	nameW = min(nameW, max(w/4, 8))
	// Every bar shares one scale, so the longest label decides the room
	// left for bars; when that is too little, labels drop their period.
	label := func(f *model.Figure, period bool) string {
		l := f.String()
		if p := f.Period(); p != "" && period {
			l += " · " + model.Date(p).Human()
		}
		return l + " " + st.badge(f.Confidence)
	}
	labels := make([]string, len(charted))
	labelW := 0
	for _, period := range []bool{true, false} {
		labelW = 0
		for j, r := range charted {
			labels[j] = label(r.f, period)
			labelW = max(labelW, ansi.StringWidth(labels[j]))
		}
		if w-nameW-4-labelW >= 10 {
			break
		}
	}
	barW := max(w-nameW-4-labelW, 3)
	sel, _ := t.selected()
	for j, r := range charted {
		name := truncate(ds.Title(model.Ref{Kind: t.kind, Index: r.i}), nameW)
		frac := 0.0
		if top > 0 {
			frac = r.base / top
		}
		mark := "  "
		nameStyle := st.Text
		if r.i == sel.Index && sel.Kind == t.kind {
			mark, nameStyle = Marker+" ", st.Title
		}
		line := mark + nameStyle.Render(padRight(name, nameW)) + " " + fitLine(bar(st, frac, barW), barW) + " " + labels[j]
		lines = append(lines, fitLine(line, w))
	}
	if len(charted) == 0 {
		lines = append(lines, st.Dim.Render("  no record in view has this figure"))
	}
	if len(others) > 0 {
		lines = append(lines, "", st.Dim.Render("In other units (not drawn to scale):"))
		for _, o := range others {
			lines = append(lines, wrap("  "+st.Dim.Render(o), w)...)
		}
	}
	lines = append(lines, "")
	lines = append(lines, wrap(st.Dim.Render("Bars are linear from zero. ~ about · "+
		ConfidenceSymbol(model.Conflicting)+" sources disagree: the record lists every value. Sources: each record's figure."), w)...)
	return lines
}

func countryChart() *barChart {
	fig := func(f func(c *model.Country) *model.Figure) func(ds *model.Dataset, i int) *model.Figure {
		return func(ds *model.Dataset, i int) *model.Figure { return f(&ds.Countries[i]) }
	}
	return &barChart{metrics: []barMetric{
		{"Population", fig(func(c *model.Country) *model.Figure { return c.Population })},
		{"GDP (nominal)", fig(func(c *model.Country) *model.Figure { return c.GDP })},
		{"Area", fig(func(c *model.Country) *model.Figure { return c.Area })},
		{"Trade with China", fig(func(c *model.Country) *model.Figure { return c.TradeWithChina })},
		{"GDP per capita", fig(func(c *model.Country) *model.Figure { return c.GDPPerCapita })},
	}}
}

func projectChart() *barChart {
	fig := func(f func(p *model.Project) *model.Figure) func(ds *model.Dataset, i int) *model.Figure {
		return func(ds *model.Dataset, i int) *model.Figure { return f(&ds.Projects[i]) }
	}
	return &barChart{metrics: []barMetric{
		{"Length", fig(func(p *model.Project) *model.Figure { return p.Length })},
		{"Cost", fig(func(p *model.Project) *model.Figure { return p.Cost })},
		{"Capacity", fig(func(p *model.Project) *model.Figure { return p.Capacity })},
	}}
}

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
	for _, i := range t.hits {
		for _, y := range ds.Years(model.Ref{Kind: model.KindPartnership, Index: i}) {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	lines := []string{fitLine(st.Section.Render("Formats by year")+st.Dim.Render("  (c closes)"), w), ""}
	if lo > hi {
		return append(lines, st.Dim.Render("  no dates to show"))
	}
	nameW := min(16, max(w/4, 8))
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
	for _, i := range t.hits {
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
		lines = append(lines, fitLine(mark+nameStyle.Render(padRight(p.Partner, nameW))+" "+strings.Join(track, ""), w))
	}
	lines = append(lines, "")
	lines = append(lines, wrap(st.Section.Render(stripLaunch)+" launched  "+st.Title.Render(stripSummit)+" first leaders' summit  "+
		st.Text.Render(stripLatest)+" latest meeting  "+st.Dim.Render(stripNext)+" next (planned)  "+
		st.Dim.Render("─ active since launch"), w)...)
	return lines
}
