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
	for i, name := range tabNames {
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
	modes := [][]string{nil, {"?"}, {":"}, {"/", "x"}, {"j", "enter", "j"}, {"c"}}
	ds := dataset(t)
	for tabI := range tabNames {
		for _, mode := range modes {
			m := New(ds, Options{Theme: ThemeDark})
			m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			press(m, fmt.Sprint(tabI+1))
			press(m, mode...)
			for _, sz := range sizes {
				m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				assertFits(t, m, sz[0], sz[1], fmt.Sprintf("tab %d %v at %dx%d", tabI+1, mode, sz[0], sz[1]))
			}
		}
	}
}
