package tui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"casia/data"
	"casia/model"
)

// freshDataset returns a private copy of the embedded data (which is
// shared and read-only) that a test may change before building a dashboard
// on it.
func freshDataset(t *testing.T, mutate func(ds *model.Dataset)) *model.Dataset {
	t.Helper()
	shared, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	js, err := model.MarshalJSON(shared)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := model.LoadJSON("embedded.json", js)
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(ds)
	}
	return ds
}

// chart returns the plain lines of a list tab's chart pane, w cells wide,
// after pressing keys (m, x) with the chart open.
func chart(t *testing.T, ds *model.Dataset, kind model.Kind, w int, keys ...string) []string {
	t.Helper()
	m := New(ds, Options{Theme: ThemeDark})
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	for _, tb := range m.tabs {
		lt, ok := tb.(*listTab)
		if !ok || lt.kind != kind || lt.extra == nil {
			continue
		}
		for _, k := range keys {
			lt.extra.update(lt, keyMsg(k))
		}
		var out []string
		for _, l := range lt.extra.view(lt, w, 50) {
			if ansi.StringWidth(l) > w {
				t.Fatalf("chart line wider than %d: %q", w, ansi.Strip(l))
			}
			out = append(out, strings.TrimRight(ansi.Strip(l), " "))
		}
		return out
	}
	t.Fatalf("no chart for %v", kind)
	return nil
}

// barLen is the length of the bar on a chart line, in eighths of a cell.
func barLen(line string) int {
	n := 0
	for _, r := range line {
		if i := strings.IndexRune(" ▏▎▍▌▋▊▉█", r); i > 0 {
			n += len([]rune(" ▏▎▍▌▋▊▉█"[:i]))
		}
	}
	return n
}

func lineWith(lines []string, s string) string {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// TestChartFiveScale: by default the five Central Asian states share one
// scale and China stands apart, marked off scale with its multiple; x
// cycles to linear and log.
func TestChartFiveScale(t *testing.T) {
	pops := map[string]float64{"cn": 1_400_000_000, "uz": 37_000_000, "kz": 20_000_000, "tj": 10_000_000, "kg": 7_300_000, "tm": 7_000_000}
	ds := freshDataset(t, func(ds *model.Dataset) {
		for i := range ds.Countries {
			c := &ds.Countries[i]
			c.Population = &model.Figure{Value: pops[c.ID], Unit: "people", Year: 2025, Confidence: model.Verified, Sources: []string{"x"}}
		}
	})
	lines := chart(t, ds, model.KindCountry, 70)
	china := lineWith(lines, "China")
	if !strings.Contains(china, "»") || !strings.Contains(china, "×38") {
		t.Errorf("China not marked off the five's scale with its multiple (1.4 bn / 37 m ≈ ×38):\n%s", strings.Join(lines, "\n"))
	}
	uz, kz, tm := barLen(lineWith(lines, "Uzbekistan")), barLen(lineWith(lines, "Kazakhstan")), barLen(lineWith(lines, "Turkmenistan"))
	if uz == 0 || math.Abs(float64(kz)/float64(uz)-20.0/37) > 0.05 || math.Abs(float64(tm)/float64(uz)-7.0/37) > 0.05 {
		t.Errorf("the five are not drawn to their own scale: uz %d, kz %d, tm %d eighths", uz, kz, tm)
	}
	if lineWith(lines, "scale: the five") == "" {
		t.Error("the scale in use is not named")
	}
	lines = chart(t, ds, model.KindCountry, 70, "x")
	if strings.Contains(strings.Join(lines, "\n"), "»") || lineWith(lines, "scale: linear") == "" {
		t.Errorf("x did not switch to one linear scale:\n%s", strings.Join(lines, "\n"))
	}
	lines = chart(t, ds, model.KindCountry, 70, "x", "x")
	prev := 1 << 30
	for _, id := range []string{"China", "Uzbekistan", "Kazakhstan", "Tajikistan", "Kyrgyzstan", "Turkmenistan"} {
		n := barLen(lineWith(lines, id))
		if n == 0 || n > prev {
			t.Errorf("log bars not ordered by value at %s (%d after %d):\n%s", id, n, prev, strings.Join(lines, "\n"))
		}
		prev = n
	}
	if lineWith(lines, "log scale") == "" {
		t.Error("log scale not explained")
	}
}

// TestChartUnitsGrouped: capacities in different units are drawn in their
// own groups on their own scales, none pushed into a paragraph.
func TestChartUnitsGrouped(t *testing.T) {
	ds := freshDataset(t, func(ds *model.Dataset) {
		for i := range ds.Projects {
			ds.Projects[i].Capacity = nil
		}
		set := func(i int, v float64, unit string) {
			ds.Projects[i].Capacity = &model.Figure{Value: v, Unit: unit, Confidence: model.Verified, Sources: []string{"x"}}
		}
		set(0, 55, "bcm/yr")
		set(1, 30, "bcm/yr")
		set(2, 20, "Mt/yr")
		set(3, 3780, "MW")
	})
	lines := chart(t, ds, model.KindProject, 60, "m", "m")
	for _, h := range []string{"In bcm/yr", "In Mt/yr", "In MW"} {
		if lineWith(lines, h) == "" {
			t.Errorf("no group %q:\n%s", h, strings.Join(lines, "\n"))
		}
	}
	// Each group's largest value fills its own scale.
	for _, v := range []string{"55 bcm/yr", "20 Mt/yr", "3,780 MW"} {
		i := indexOfLine(lines, v)
		if i < 0 || barLen(lines[i]) < barLen(lineWith(lines, "30 bcm/yr")) {
			t.Errorf("%s is not the full bar of its group:\n%s", v, strings.Join(lines, "\n"))
		}
	}
}

func indexOfLine(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}

// TestChartNamesWhole: long project names are wrapped above their bars,
// never cut, and no two rows read the same.
func TestChartNamesWhole(t *testing.T) {
	ds := dataset(t)
	for _, w := range []int{40, 52, 80} {
		lines := chart(t, ds, model.KindProject, w)
		text := strings.Join(lines, "\n")
		if strings.Contains(text, "…") {
			t.Errorf("width %d: a label was cut:\n%s", w, text)
		}
		squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
		joined := squeeze(text)
		for _, p := range ds.Projects {
			if p.Length != nil && !strings.Contains(joined, squeeze(p.Name)) {
				t.Errorf("width %d: %q not shown whole", w, p.Name)
			}
		}
	}
}

// TestChartTradeSeries: trade by year draws the region's total per year
// and a sparkline per state with its first and last values.
func TestChartTradeSeries(t *testing.T) {
	fig := func(y int, v float64) model.Figure {
		return model.Figure{Value: v, Unit: "US$ bn", Year: y, Confidence: model.Verified, Sources: []string{"x"}}
	}
	ds := freshDataset(t, func(ds *model.Dataset) {
		ds.Summit.TradeHistory = []model.Figure{fig(2023, 89.4), fig(2024, 94.8), fig(2025, 106.3)}
		for i := range ds.Countries {
			ds.Countries[i].TradeHistory = nil
		}
		ds.Countries[1].TradeHistory = []model.Figure{fig(2022, 10), fig(2023, 20), fig(2024, 30)}
		ds.Countries[2].TradeHistory = []model.Figure{fig(2024, 5), fig(2025, 4)}
	})
	lines := chart(t, ds, model.KindCountry, 80, "m", "m", "m", "m", "m")
	text := strings.Join(lines, "\n")
	if lineWith(lines, "by year") == "" || lineWith(lines, "2025") == "" || lineWith(lines, "US$106.3 bn") == "" {
		t.Fatalf("no yearly totals:\n%s", text)
	}
	if barLen(lineWith(lines, "US$106.3 bn")) <= barLen(lineWith(lines, "US$89.4 bn")) {
		t.Errorf("2025's bar is not longer than 2023's:\n%s", text)
	}
	a := lineWith(lines, ds.Countries[1].Names.Common)
	if !strings.Contains(a, "▁▅█ ") || !strings.Contains(a, "2022 US$10 bn → 2024 US$30 bn") {
		t.Errorf("sparkline for a rising series = %q", a)
	}
	b := lineWith(lines, ds.Countries[2].Names.Common)
	if !strings.Contains(b, "  █▁") {
		t.Errorf("sparkline with missing years = %q", b)
	}
}

// TestGoldenCharts pins the charts at the common sizes: the signatories on
// each scale, trade by year, and project capacity grouped by unit.
func TestGoldenCharts(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"population-five", []string{"2", "c"}},
		{"gdp-linear", []string{"2", "c", "m", "x"}},
		{"gdp-log", []string{"2", "c", "m", "x", "x"}},
		{"trade-by-year", []string{"2", "c", "m", "m", "m", "m", "m"}},
		{"capacity", []string{"4", "c", "m", "m"}},
		{"formats-by-year", []string{"3", "c"}},
	}
	for _, c := range cases {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s/%dx%d", c.name, sz[0], sz[1]), func(t *testing.T) {
				m := newSized(t, sz[0], sz[1])
				press(m, c.keys...)
				assertFits(t, m, sz[0], sz[1], c.name)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}
