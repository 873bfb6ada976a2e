package tui

import (
	"math"
	"strconv"
	"strings"

	"casia/model"
)

// seriesMetric draws trade with China by year: the region's total as one
// bar per year, then each state's own years as a sparkline with its first
// and last values, so a reader sees the trend at a glance.
type seriesMetric struct{}

// sparkRunes are the eight heights of a sparkline cell.
var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values (NaN for a year without data, shown blank) on
// their own range: the lowest is ▁ and the highest █.
func sparkline(vals []float64) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if !math.IsNaN(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	var b strings.Builder
	for _, v := range vals {
		switch {
		case math.IsNaN(v):
			b.WriteByte(' ')
		case hi == lo:
			b.WriteRune(sparkRunes[len(sparkRunes)/2])
		default:
			b.WriteRune(sparkRunes[int((v-lo)/(hi-lo)*float64(len(sparkRunes)-1)+0.5)])
		}
	}
	return b.String()
}

func (seriesMetric) view(t *listTab, w int) []string {
	st, ds := t.c.st, t.c.ds
	var lines []string
	if pts := ds.Summit.TradeHistory; len(pts) > 0 {
		lines = append(lines, fitLine(st.Label.Render("China–Central Asia, all five"), w))
		top := 0.0
		for _, f := range pts {
			if v, _, ok := f.Base(); ok {
				top = max(top, v)
			}
		}
		labels := make([]string, len(pts))
		labelW := 0
		for i, f := range pts {
			labels[i] = f.String() + " " + st.badge(f.Confidence)
			labelW = max(labelW, width(labels[i]))
		}
		barW := max(w-8-labelW, 3)
		for i, f := range pts {
			v, _, _ := f.Base()
			frac := 0.0
			if top > 0 {
				frac = v / top
			}
			year := strconv.Itoa(f.Year)
			if f.Year == 0 {
				year = string(f.Date)
			}
			lines = append(lines, fitLine("  "+st.Text.Render(padRight(year, 4))+" "+fitLine(bar(st, frac, barW), barW)+" "+labels[i], w))
		}
		lines = append(lines, "")
	}
	// The years any state in view has, for one shared axis.
	yearSet := map[int]bool{}
	var rows []int
	for _, i := range t.hits() {
		c := &ds.Countries[i]
		if len(c.TradeHistory) == 0 {
			continue
		}
		rows = append(rows, i)
		for _, f := range c.TradeHistory {
			yearSet[f.Year] = true
		}
	}
	if len(rows) == 0 {
		if len(lines) == 0 {
			return []string{st.Dim.Render("  no trade series in this dataset")}
		}
		return lines
	}
	lo, hi := math.MaxInt, 0
	for y := range yearSet {
		lo, hi = min(lo, y), max(hi, y)
	}
	nameW := 0
	for _, i := range rows {
		nameW = max(nameW, width(ds.Countries[i].Names.Common))
	}
	lines = append(lines, fitLine(st.Label.Render("Each state's trade with China, ")+st.Dim.Render(strconv.Itoa(lo)+"–"+strconv.Itoa(hi)), w))
	sel, _ := t.selected()
	for _, i := range rows {
		c := &ds.Countries[i]
		vals := make([]float64, hi-lo+1)
		for j := range vals {
			vals[j] = math.NaN()
		}
		var first, last *model.Figure
		for k := range c.TradeHistory {
			f := &c.TradeHistory[k]
			if v, _, ok := f.Base(); ok && f.Year >= lo && f.Year <= hi {
				vals[f.Year-lo] = v
				if first == nil || f.Year < first.Year {
					first = f
				}
				if last == nil || f.Year > last.Year {
					last = f
				}
			}
		}
		mark, nameStyle := "  ", st.Text
		if sel.Kind == model.KindCountry && sel.Index == i {
			mark, nameStyle = Marker+" ", st.Title
		}
		span := ""
		if first != nil {
			span = strconv.Itoa(first.Year) + " " + first.String()
			if last != first {
				span += " → " + strconv.Itoa(last.Year) + " " + last.String() + " " + st.badge(last.Confidence)
			}
		}
		lines = append(lines, fitLine(mark+nameStyle.Render(padRight(c.Names.Common, nameW))+" "+st.Section.Render(sparkline(vals))+"  "+span, w))
	}
	lines = append(lines, "")
	lines = append(lines, wrap(st.Dim.Render("Bars: the region's total from zero. Sparklines: each state on its own range, ▁ its lowest year and █ its highest; a gap is a year without a sourced figure."), w)...)
	return lines
}
