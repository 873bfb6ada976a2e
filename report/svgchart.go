package report

import (
	"slices"
	"strings"
	"unicode/utf8"

	"casia/model"
)

// OffScaleRatio is how many times the next largest value a value must be
// to be drawn off the scale: China's population, GDP and area dwarf the
// five Central Asian states', so they are shown on their own scale with
// China's bar broken and its value written out.
const OffScaleRatio = 3

// Chart geometry, in SVG user units.
const (
	chartW     = 600
	chartRowH  = 26
	chartNameW = 116
	chartPad   = 8
	charW      = 6.9 // a generous average width of a 12-unit label character
)

// svgChart is one figure compared across the covered states.
type svgChart struct {
	ID, Title, Desc string
	W, H            string
	Bars            []svgBar
	Others          []Fig // in another unit: listed, not drawn
	Refs            []Ref
	OffScale        string // the off-scale state, if any
}

// svgBar is one state's bar.
type svgBar struct {
	Name     string
	Y, TextY string
	X, W     string // the bar
	Label    svgText
	Off      bool
	Break    string // the path of the break mark on an off-scale bar
	Fig      Fig
}

// buildCharts draws each of the states' figures as bars on one linear
// scale from zero, like the dashboard's charts: only figures in the
// dimension most states share are drawn (no dollars against tenge), and
// a value more than OffScaleRatio times the next is drawn off the scale.
func (b *Brief) buildCharts() []svgChart {
	var charts []svgChart
	for j, cf := range b.Figures.Columns {
		type row struct {
			fig  Fig
			name string
			base float64
			dim  string
		}
		var rows []row
		dims := map[string]int{}
		for _, r := range b.Figures.Rows {
			f := r.Figures[j]
			if f.F == nil {
				continue
			}
			v, dim, ok := f.F.Base()
			if !ok || v < 0 {
				continue
			}
			rows = append(rows, row{f, r.Country.Names.Common, v, dim})
			dims[dim]++
		}
		if len(rows) == 0 {
			continue
		}
		main := ""
		for d, n := range dims {
			if n > dims[main] || (n == dims[main] && d < main) {
				main = d
			}
		}
		ch := svgChart{ID: "chart-" + strings.ReplaceAll(cf.Key, "_", "-"), Title: cf.Label}
		var drawn []row
		for _, r := range rows {
			if r.dim != main {
				f := r.fig
				f.Label = r.name
				f.Refs = plainRefs(f.Refs)
				ch.Others = append(ch.Others, f)
				continue
			}
			drawn = append(drawn, r)
		}
		slices.SortStableFunc(drawn, func(x, y row) int {
			switch {
			case x.base > y.base:
				return -1
			case x.base < y.base:
				return 1
			}
			return 0
		})
		top := drawn[0].base
		off := len(drawn) >= 2 && drawn[1].base > 0 && drawn[0].base > OffScaleRatio*drawn[1].base
		if off {
			top = drawn[1].base
			ch.OffScale = drawn[0].name
		}
		labels := make([]string, len(drawn))
		longest := 0
		for i, r := range drawn {
			labels[i] = figLabel(r.fig)
			if i == 0 && off {
				labels[i] += " · off scale"
			}
			longest = max(longest, utf8.RuneCountInString(labels[i]))
		}
		barX := float64(chartNameW + chartPad)
		barMax := max(float64(chartW)-barX-2*chartPad-float64(longest)*charW, 120)
		var desc []string
		for i, r := range drawn {
			y := float64(chartPad + i*chartRowH)
			w := barMax * r.base / max(top, 1e-300)
			bar := svgBar{Name: r.name, Y: num(y + 4), TextY: num(y + 17), X: num(barX), Fig: r.fig}
			if i == 0 && off {
				w = barMax + 18
				bx := barX + barMax - 14
				bar.Off = true
				bar.Break = "M" + num(bx) + " " + num(y+22) + " L" + num(bx+6) + " " + num(y+2) + " M" + num(bx+6) + " " + num(y+22) + " L" + num(bx+12) + " " + num(y+2)
			}
			if r.base > 0 {
				w = max(w, 1) // a value, however small, is visible
			}
			bar.W = num(w)
			bar.Label = svgText{X: num(barX + w + 6), Y: num(y + 17), Text: labels[i], Class: "val", Anchor: "start"}
			ch.Bars = append(ch.Bars, bar)
			ch.Refs = append(ch.Refs, plainRefs(r.fig.Refs)...)
			desc = append(desc, r.name+": "+labels[i]+" ("+ConfidenceName(r.fig.Conf)+")")
		}
		ch.Refs = uniqueRefs(ch.Refs)
		ch.W = num(chartW)
		ch.H = num(float64(2*chartPad + len(drawn)*chartRowH))
		ch.Desc = cf.Label + ". " + strings.Join(desc, "; ") + "."
		charts = append(charts, ch)
	}
	return charts
}

// figLabel is a bar's label: value, reference date and mark.
func figLabel(f Fig) string {
	s := f.Text
	if f.When != "" {
		s += " (" + f.When + ")"
	}
	if mk := Mark(f.Conf); mk != "" {
		s += " " + mk
	}
	return s
}

// plainRefs copies refs without the First flag, for a second mention of
// the same sources (a chart's caption), so anchors stay unique.
func plainRefs(refs []Ref) []Ref {
	out := make([]Ref, len(refs))
	for i, r := range refs {
		out[i] = Ref{N: r.N}
	}
	return out
}

func uniqueRefs(refs []Ref) []Ref {
	slices.SortFunc(refs, func(a, b Ref) int { return a.N - b.N })
	return slices.CompactFunc(refs, func(a, b Ref) bool { return a.N == b.N })
}

// ConfidenceName is a confidence in words, for screen readers and alt
// text.
func ConfidenceName(c model.Confidence) string {
	switch c {
	case model.Verified:
		return "verified"
	case model.SingleSource:
		return "single source"
	case model.Conflicting:
		return "sources disagree"
	case model.Derived:
		return "derived"
	}
	return ""
}
