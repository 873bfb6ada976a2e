package tui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// Charts replace the detail pane of a list tab when toggled with "c". They
// are drawn with block characters and Lip Gloss colour, label every value
// with its unit and period, and keep the confidence symbol next to it.

// chartScale is how bar lengths map to values.
type chartScale int

const (
	// scaleFive scales the five Central Asian states to one another and
	// shows China apart, off that scale: on a shared linear scale China's
	// bar fills the width and four of the five get the same sliver.
	scaleFive chartScale = iota
	scaleLinear
	scaleLog
)

func (s chartScale) String() string {
	switch s {
	case scaleFive:
		return "the five"
	case scaleLog:
		return "log"
	}
	return "linear"
}

// barChart compares one figure across records as horizontal bars, grouped
// by dimension so tonnes are never drawn against cubic metres.
type barChart struct {
	metrics []barMetric
	cur     int
	scales  []chartScale // the scales x cycles through, the default first
	scale   int          // index into scales
}

// barMetric is one figure to compare: how to read it from a record. A
// metric with series draws each record's yearly figures instead.
type barMetric struct {
	name   string
	get    func(ds *model.Dataset, i int) *model.Figure
	series *seriesMetric
}

func (b *barChart) keys() []key.Binding { return nil }

func (b *barChart) update(t *listTab, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, t.c.keys.Metric):
		b.cur = (b.cur + 1) % len(b.metrics)
		return true
	case key.Matches(msg, t.c.keys.Scale):
		b.scale = (b.scale + 1) % len(b.scales)
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

// chartRow is one record's value in a bar chart.
type chartRow struct {
	i     int // record index
	f     *model.Figure
	base  float64 // value in the dimension's base unit
	apart bool    // drawn off the scale (China against the five)
}

// chartGroup is the rows of one dimension, on one scale.
type chartGroup struct {
	dim, unit string
	rows      []chartRow
}

// groups collects the metric's values in view and splits them by
// dimension, the largest group first.
func (b *barChart) groups(t *listTab, m barMetric) []chartGroup {
	ds := t.c.ds
	byDim := map[string]*chartGroup{}
	var order []string
	for _, i := range t.hits() {
		f := m.get(ds, i)
		if f == nil {
			continue
		}
		v, dim, ok := f.Base()
		if !ok {
			continue
		}
		g := byDim[dim]
		if g == nil {
			g = &chartGroup{dim: dim}
			byDim[dim] = g
			order = append(order, dim)
		}
		g.rows = append(g.rows, chartRow{i: i, f: f, base: v})
	}
	out := make([]chartGroup, 0, len(order))
	for _, d := range order {
		g := byDim[d]
		sort.SliceStable(g.rows, func(a, b int) bool { return g.rows[a].base > g.rows[b].base })
		units := map[string]int{}
		for _, r := range g.rows {
			units[r.f.Unit]++
			if units[r.f.Unit] > units[g.unit] || g.unit == "" {
				g.unit = r.f.Unit
			}
		}
		out = append(out, *g)
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].rows) > len(out[b].rows) })
	return out
}

func (b *barChart) view(t *listTab, w, h int) []string {
	st := t.c.st
	m := b.metrics[b.cur]
	scale := b.scales[b.scale]
	hint := "m next figure"
	if len(b.scales) > 1 && m.series == nil {
		hint += " · x scale: " + scale.String()
	}
	hint += " · c closes"
	lines := []string{
		fitLine(st.Section.Render(m.name)+st.Dim.Render(fmt.Sprintf("  %d/%d", b.cur+1, len(b.metrics))), w),
		fitLine(st.Dim.Render(hint), w),
		"",
	}
	if m.series != nil {
		return append(lines, m.series.view(t, w)...)
	}
	groups := b.groups(t, m)
	if len(groups) == 0 {
		return append(lines, st.Dim.Render("  no record in view has this figure"))
	}
	apart := false
	for gi, g := range groups {
		if len(groups) > 1 {
			if gi > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, fitLine(st.Label.Render("In "+strings.TrimSpace(model.Units[g.unit].Suffix+" "+unitName(g.unit))), w))
		}
		glines, a := b.drawGroup(t, g, scale, w)
		lines = append(lines, glines...)
		apart = apart || a
	}
	lines = append(lines, "")
	var note string
	switch {
	case scale == scaleLog:
		note = "Bars are on a log scale: each step of the same length is the same ratio."
	case apart:
		note = "Bars are linear from zero, scaled to the five Central Asian states; China (» off scale) is far larger, by the factor shown."
	default:
		note = "Bars are linear from zero."
	}
	if len(groups) > 1 {
		note += " Each unit has its own scale."
	}
	note += " ~ about · " + model.Conflicting.Symbol() + " sources disagree: the record lists every value."
	lines = append(lines, wrap(st.Dim.Render(note), w)...)
	return lines
}

// unitName names a unit for a group heading when its suffix is empty or
// only a symbol ("US$ bn" is shown as "US$ bn").
func unitName(u string) string {
	if model.Units[u].Prefix != "" {
		return u
	}
	return ""
}

// drawGroup draws one dimension's bars on one scale; apart reports whether
// a row was drawn off the five's scale.
func (b *barChart) drawGroup(t *listTab, g chartGroup, scale chartScale, w int) (lines []string, apart bool) {
	st, ds := t.c.st, t.c.ds
	rows := g.rows
	if scale == scaleFive && t.kind == model.KindCountry {
		// China apart, when the five have values to set the scale.
		var five, rest []chartRow
		for _, r := range rows {
			if ds.Countries[r.i].ID == model.ChinaID {
				r.apart = true
				rest = append(rest, r)
			} else {
				five = append(five, r)
			}
		}
		if len(five) > 0 && len(rest) > 0 {
			rows = append(five, rest...)
		} else {
			rows = g.rows
			for j := range rows {
				rows[j].apart = false
			}
		}
	}
	top, lo := 0.0, math.Inf(1)
	for _, r := range rows {
		if !r.apart {
			top = max(top, r.base)
		}
		if r.base > 0 {
			lo = min(lo, r.base)
		}
	}
	frac := func(r chartRow) float64 {
		switch {
		case r.apart || top <= 0:
			return 1
		case scale == scaleLog:
			floor := lo / 4 // the smallest value still gets a visible bar
			if r.base <= floor || top <= floor {
				return 0
			}
			return math.Log(r.base/floor) / math.Log(top/floor)
		}
		return r.base / top
	}
	names := make([]string, len(rows))
	nameW := 0
	for j, r := range rows {
		names[j] = ds.Title(model.Ref{Kind: t.kind, Index: r.i})
		nameW = max(nameW, width(names[j]))
	}
	// Short names share the bar's line; long ones (projects) get lines of
	// their own above the bar, wrapped, so no name is cut.
	stacked := nameW > max(w/3, 16)
	label := func(r chartRow, period bool) string {
		l := r.f.String()
		if p := r.f.Period(); p != "" && period {
			l += " · " + model.Date(p).Human()
		}
		if r.apart && top > 0 {
			l += fmt.Sprintf(" · ×%s", ratio(r.base/top))
		}
		return l + " " + st.badge(r.f.Confidence)
	}
	labels := make([]string, len(rows))
	lead := nameW + 3
	if stacked {
		lead = 4
	}
	labelW := 0
	for _, period := range []bool{true, false} {
		labelW = 0
		for j, r := range rows {
			labels[j] = label(r, period)
			labelW = max(labelW, width(labels[j]))
		}
		if w-lead-1-labelW >= 10 {
			break
		}
	}
	barW := max(w-lead-1-labelW, 3)
	sel, _ := t.selected()
	for j, r := range rows {
		if r.apart && (j == 0 || !rows[j-1].apart) {
			lines = append(lines, fitLine(st.Dim.Render("  ╌ off the five's scale ╌"), w))
			apart = true
		}
		mark, nameStyle := "  ", st.Text
		if r.i == sel.Index && sel.Kind == t.kind {
			mark, nameStyle = Marker+" ", st.Title
		}
		bw := barW
		drawn := bar(st, frac(r), bw)
		if r.apart {
			drawn = bar(st, 1, bw-1) + st.Alarm.Render("»")
		}
		bars := fitLine(drawn, bw) + " " + labels[j]
		if stacked {
			for k, l := range wrap(names[j], max(w-2, 1)) {
				if k > 0 {
					mark = "  "
				}
				lines = append(lines, fitLine(mark+nameStyle.Render(l), w))
			}
			lines = append(lines, fitLine("    "+bars, w))
			continue
		}
		lines = append(lines, fitLine(mark+nameStyle.Render(padRight(names[j], nameW))+" "+bars, w))
	}
	return lines, apart
}

// ratio prints a multiple readably: ×37, ×3.5.
func ratio(x float64) string {
	if x >= 10 {
		return model.FormatNumber(math.Round(x))
	}
	return model.FormatNumber(math.Round(x*10) / 10)
}

func countryChart() *barChart {
	fig := func(f func(c *model.Country) *model.Figure) func(ds *model.Dataset, i int) *model.Figure {
		return func(ds *model.Dataset, i int) *model.Figure { return f(&ds.Countries[i]) }
	}
	return &barChart{
		scales: []chartScale{scaleFive, scaleLinear, scaleLog},
		metrics: []barMetric{
			{name: "Population", get: fig(func(c *model.Country) *model.Figure { return c.Population })},
			{name: "GDP (nominal)", get: fig(func(c *model.Country) *model.Figure { return c.GDP })},
			{name: "GDP per capita", get: fig(func(c *model.Country) *model.Figure { return c.GDPPerCapita })},
			{name: "Area", get: fig(func(c *model.Country) *model.Figure { return c.Area })},
			{name: "Trade with China", get: fig(func(c *model.Country) *model.Figure { return c.TradeWithChina })},
			{name: "Trade with China, by year", series: &seriesMetric{}},
		},
	}
}

func projectChart() *barChart {
	fig := func(f func(p *model.Project) *model.Figure) func(ds *model.Dataset, i int) *model.Figure {
		return func(ds *model.Dataset, i int) *model.Figure { return f(&ds.Projects[i]) }
	}
	return &barChart{
		scales: []chartScale{scaleLinear, scaleLog},
		metrics: []barMetric{
			{name: "Length", get: fig(func(p *model.Project) *model.Figure { return p.Length })},
			{name: "Cost", get: fig(func(p *model.Project) *model.Figure { return p.Cost })},
			{name: "Capacity", get: fig(func(p *model.Project) *model.Figure { return p.Capacity })},
		},
	}
}
