package tui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

var goldenSizes = [][2]int{{80, 24}, {120, 40}, {200, 60}}

// TestGolden pins every tab's first screen at three sizes (colour
// stripped). Regenerate with -update only after reading the diff.
func TestGolden(t *testing.T) {
	for i, name := range TabNames() {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%d-%s/%dx%d", i+1, name, sz[0], sz[1]), func(t *testing.T) {
				m := newSized(t, sz[0], sz[1])
				press(m, fmt.Sprint(i+1))
				assertFits(t, m, sz[0], sz[1], name)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}

// TestGoldenStates pins the overlays and modes that matter.
func TestGoldenStates(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"filter-turk", []string{"3", "/", "t", "u", "r", "k"}},
		{"detail-focus", []string{"2", "j", "enter", "j"}},
		{"help", []string{"?"}},
		{"palette", []string{":", "r", "a", "i", "l"}},
		{"sorted-population", []string{"2", "s", "s"}},
		{"no-match", []string{"4", "/", "z", "z", "z", "z", "enter"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newSized(t, 100, 30)
			press(m, c.keys...)
			assertFits(t, m, 100, 30, c.name)
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestViewFitsEverywhere sweeps sizes from 1×1 to 300×100 on every tab and
// overlay: nothing may panic, no line may be wider than the window and
// there must be exactly as many lines as rows.
func TestViewFitsEverywhere(t *testing.T) {
	var sizes [][2]int
	for _, w := range []int{0, 1, 2, 5, 10, 20, 39, 40, 41, 60, 79, 80, 99, 100, 101, 119, 120, 150, 200, 250, 300} {
		for _, h := range []int{0, 1, 2, 5, 11, 12, 13, 15, 16, 20, 24, 30, 40, 60, 100} {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	modes := [][]string{nil, {"?"}, {":"}, {"/", "x"}, {"j", "enter", "j"}, {"c"}, {"p"}, {"z"},
		{"i"}, {"e"}, {"space", "j", "space", "C"}, {"2", "space", "j", "space", "C", "G"}}
	ds := dataset(t)
	for tabI := range TabNames() {
		t.Run(fmt.Sprint("tab-", tabI+1), func(t *testing.T) {
			t.Parallel() // sessions share only the read-only dataset
			for _, mode := range modes {
				m := New(ds, Options{Theme: ThemeDark, ExportDir: t.TempDir()})
				m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
				press(m, fmt.Sprint(tabI+1))
				press(m, mode...)
				for _, sz := range sizes {
					m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					assertFits(t, m, sz[0], sz[1], fmt.Sprintf("tab %d %v at %dx%d", tabI+1, mode, sz[0], sz[1]))
				}
			}
		})
	}
}

// TestGoldenMap pins the map at the sizes, in both selection modes
// and with block glyphs.
func TestGoldenMap(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys []string
	}{
		{"countries-80x24", 80, 24, []string{"6", "j"}},
		{"countries-160x50", 160, 50, []string{"6", "j"}},
		{"projects-160x50", 160, 50, []string{"6", "v"}},
		{"blocks-160x50", 160, 50, []string{"6", "a", "j", "j"}},
		{"blocks-80x24", 80, 24, []string{"6", "a"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newSized(t, c.w, c.h)
			press(m, c.keys...)
			assertFits(t, m, c.w, c.h, c.name)
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestMapInteraction: enter opens the selected country or project on its
// own tab; a click selects the country under the pointer.
func TestMapInteraction(t *testing.T) {
	m := newSized(t, 160, 50)
	press(m, "6", "j", "enter")
	if m.active != tabSignatories || selectedID(t, m) != "kz" {
		t.Fatalf("enter on the map went to tab %d, %q", m.active, selectedID(t, m))
	}
	press(m, "6", "v", "enter")
	if m.active != tabInfrastructure {
		t.Fatalf("enter in projects mode went to tab %d", m.active)
	}
	press(m, "6", "v")
	mt := m.tabs[tabMap].(*mapTab)
	// Click on Astana's cell: the country there is Kazakhstan.
	kz := m.c.ds.Country("kz")
	pt := mt.proj.Project(kz.Capital.Lon, kz.Capital.Lat)
	run(m, tea.MouseClickMsg{X: int(pt.X / 2), Y: int(pt.Y/4) + m.headerHeight(), Button: tea.MouseLeft})
	if r, _ := mt.selected(); m.c.ds.ID(r) != "kz" {
		t.Errorf("click at Astana selected %q", m.c.ds.ID(r))
	}
}
