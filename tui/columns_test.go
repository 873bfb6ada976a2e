package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/internal/synth"
	"casia/model"
)

// layoutDatasets are the data the name-protection rules must hold for:
// they say nothing about any one dataset's facts.
func layoutDatasets(t *testing.T) map[string]*model.Dataset {
	t.Helper()
	hostile, err := model.LoadFile("../model/testdata/hostile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string]*model.Dataset{"embedded": dataset(t), "hostile": hostile}
	if !testing.Short() {
		big, err := synth.Dataset(100_000)
		if err != nil {
			t.Fatal(err)
		}
		sets["synth-100k"] = big
	}
	return sets
}

// TestNamesProtected is issue 10's layout rule, checked on every list tab
// at the three common sizes, in every pane mode, at the top, the middle and
// the end of the list (the zoomed detail has no list), and for every
// dataset above: a name is never cut
// while another cell on its row has room to spare, and no two different
// names on screen read the same.
func TestNamesProtected(t *testing.T) {
	for dsName, ds := range layoutDatasets(t) {
		m := New(ds, Options{Theme: ThemeDark})
		for _, sz := range goldenSizes {
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			for _, tab := range []int{tabSignatories, tabPartnerships, tabInfrastructure, tabTimeline, tabSources} {
				press(m, fmt.Sprint(tab+1))
				for _, pane := range []paneMode{paneSplit, paneList} {
					m.setPane(pane)
					for _, at := range [][]string{{"home"}, {"pgdown", "pgdown", "pgdown"}, {"end"}} {
						press(m, at...)
						where := fmt.Sprintf("%s tab %d %dx%d pane %s after %v", dsName, tab+1, sz[0], sz[1], pane, at)
						if ds.Len(model.KindProject) <= sampleAll {
							// (A synthetic state's detail lists 30,000
							// links: slow to draw, and not this test's
							// business.)
							assertFits(t, m, sz[0], sz[1], where)
						}
						checkNames(t, m, where)
						if t.Failed() {
							return
						}
					}
				}
			}
		}
	}
}

func checkNames(t *testing.T, m *Model, where string) {
	t.Helper()
	seen := map[string]string{} // shown name -> whole name
	distinct := func(shown, full string) {
		if other, ok := seen[shown]; ok && other != full {
			t.Errorf("%s: %q and %q both read %q", where, other, full, shown)
		}
		seen[shown] = full
	}
	if lt := listOf(m, m.active); lt != nil && !lt.measured {
		lt.measured = true // as the first view does
		lt.relayout()
	}
	switch tt := m.tabs[m.active].(type) {
	case *timelineTab:
		tt.rebuild()
		for _, r := range tt.shownRail() {
			if r.hit < 0 {
				continue
			}
			if r.title != r.full && r.codes != "" {
				t.Errorf("%s: %q cut to %q while the row shows %q", where, r.full, r.title, r.codes)
			}
			distinct(r.title, r.full)
		}
	case *listTab:
		if tt.tableW <= 0 || tt.tableH <= 0 {
			return
		}
		for _, row := range tt.shownRows() {
			for j, c := range row {
				if c.role != roleName || c.text == c.full {
					continue
				}
				distinct(c.text, c.full)
				for k, o := range row {
					if k != j && ansi.StringWidth(o.text) < o.width {
						t.Errorf("%s: name %q cut to %q while %q has %d spare cells", where, c.full, c.text, o.full, o.width-ansi.StringWidth(o.text))
					}
				}
			}
			for _, c := range row {
				if c.role == roleName && c.text == c.full {
					distinct(c.text, c.full)
				}
			}
		}
	default:
		t.Fatalf("%s: tab %T is not a list", where, tt)
	}
}

// TestCutNames: cut names stay apart, whatever they share.
func TestCutNames(t *testing.T) {
	for _, c := range []struct {
		names []string
		w     int
	}{
		{[]string{"Central Asia–China gas pipeline, Line D", "Central Asia–China gas pipeline, Lines A, B and C"}, 20},
		{[]string{"Kashgar–Andijan railway 12", "Kashgar–Andijan railway 13", "Kashgar–Andijan railway 14"}, 12},
		{[]string{"A report on X, part one, by Y", "A report on Z, part one, by Y", "A report on X, part two, by Y"}, 14},
		{[]string{"same", "same", "same but longer than the cell"}, 6},
		{[]string{"abcdefghijklmnop-1-qrstuvwxyz", "abcdefghijklmnop-2-qrstuvwxyz"}, 9},
		{[]string{"中华人民共和国中华人民共和国甲", "中华人民共和国中华人民共和国乙"}, 9},
	} {
		got := cutNames(c.names, c.w)
		for i := range got {
			if w := ansi.StringWidth(got[i]); w > c.w {
				t.Errorf("%q cut to %q: %d cells, want ≤ %d", c.names[i], got[i], w, c.w)
			}
			for j := range i {
				if got[i] == got[j] && c.names[i] != c.names[j] {
					t.Errorf("%q and %q both read %q", c.names[i], c.names[j], got[i])
				}
			}
		}
	}
}

// TestSortShowsColumn: sorting by a column the width had dropped brings it
// back with its arrow, at every size, and puts the cursor on the first row.
func TestSortShowsColumn(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {80, 24}, {120, 40}} {
		m := newSized(t, sz[0], sz[1])
		press(m, "7", "j", "j", "j")
		lt := m.tabs[tabSources].(*listTab)
		for range model.SortFields(model.KindSource) {
			press(m, "s")
			if lt.cur != 0 || lt.top != 0 {
				t.Errorf("%dx%d sort %s: cursor at %d (top %d), want the first row", sz[0], sz[1], lt.sortKey(), lt.cur, lt.top)
			}
			for range 2 {
				header := screenLine(m, m.headerHeight())
				want := "▲"
				if lt.descending() {
					want = "▼"
				}
				if !strings.Contains(header, want) {
					t.Errorf("%dx%d sorted by %s: no %s in %q", sz[0], sz[1], lt.sortKey(), want, header)
				}
				press(m, "S")
			}
		}
	}
}

func screenLine(m *Model, i int) string {
	lines := strings.Split(screen(m), "\n")
	if i < len(lines) {
		return lines[i]
	}
	return ""
}
