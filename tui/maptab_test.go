package tui

import (
	"fmt"
	"strings"
	"testing"

	"casia/geo"
)

// mapOf returns the map tab, shown, of a dashboard sized w×h.
func mapOf(t *testing.T, w, h int) *mapTab {
	t.Helper()
	m := newSized(t, w, h)
	m.switchTab(tabMap) // a tab is laid out when it is shown
	for _, tb := range m.tabs {
		if mt, ok := tb.(*mapTab); ok {
			return mt
		}
	}
	t.Fatal("no map tab")
	return nil
}

// labelled reports whether name is written whole on the canvas as a label
// of the given layer.
func labelled(mt *mapTab, name string, layer uint8) bool {
	r := []rune(name)
	for row := range mt.mapH {
	cols:
		for col := 0; col+len(r) <= mt.mapW; col++ {
			for i, c := range r {
				if mt.canvas.Text(col+i, row) != c || mt.canvas.TextLayer(col+i, row) != layer {
					continue cols
				}
			}
			return true
		}
	}
	return false
}

// TestMapLabelsEveryCapital: all six capitals are named, whole, at every
// common size, whichever country or project is selected and at any zoom
// that keeps the capital in the window.
func TestMapLabelsEveryCapital(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {90, 30}, {100, 30}, {120, 30}, {120, 40}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			mt := mapOf(t, sz[0], sz[1])
			ds := mt.c.ds
			check := func(what string) {
				t.Helper()
				mt.draw()
				for _, c := range ds.Countries {
					if c.Capital != nil && !labelled(mt, c.Capital.Name, layerLabel) {
						t.Errorf("%s: capital %s not labelled", what, c.Capital.Name)
					}
				}
			}
			for i := range ds.Countries {
				mt.projects, mt.country = false, i
				check("country " + ds.Countries[i].ID)
			}
			for i, p := range mt.routed {
				mt.projects, mt.project = true, i
				check("project " + ds.Projects[p].ID)
			}
		})
	}
}

// TestMapSelectionWithoutColour: the selected country and the selected
// route's stops carry glyphs, not only a colour, so NO_COLOR users see them.
func TestMapSelectionWithoutColour(t *testing.T) {
	mt := mapOf(t, 120, 40)
	ds := mt.c.ds
	mt.projects, mt.country = false, 1
	mt.draw()
	if name := "▶" + strings.ToUpper(ds.Countries[1].Names.Common) + "◀"; !labelled(mt, name, layerLabelSel) {
		t.Errorf("selected country not marked %q", name)
	}
	if len(mt.routed) == 0 {
		t.Skip("no routed projects")
	}
	mt.projects, mt.project = true, 0
	mt.draw()
	marks := 0
	for row := range mt.mapH {
		for col := range mt.mapW {
			if mt.canvas.Text(col, row) == '◆' {
				marks++
			}
		}
	}
	if marks == 0 {
		t.Error("selected route has no ◆ stop marks")
	}
}

// TestMapZoomPan: + zooms on the selection, arrows pan while zoomed and
// select when not, - and 0 zoom out, and the window never leaves the map.
func TestMapZoomPan(t *testing.T) {
	mt := mapOf(t, 120, 40)
	mt.draw()
	full := mt.window()
	mt.country = 5 // the last state; its capital becomes the centre
	mt.update(keyMsg("+"))
	if mt.zoom != 1 {
		t.Fatalf("zoom = %d after +", mt.zoom)
	}
	w := mt.window()
	if got, want := w.East-w.West, (full.East-full.West)/2; got != want {
		t.Errorf("zoomed width = %v, want %v", got, want)
	}
	c := mt.c.ds.Countries[5].Capital
	if !w.Contains(geo.LonLat{Lon: c.Lon, Lat: c.Lat}) {
		t.Errorf("window %+v does not hold the selected capital %s", w, c.Name)
	}
	mt.update(keyMsg("right"))
	if mt.country != 5 {
		t.Error("an arrow key changed the selection while zoomed")
	}
	if w2 := mt.window(); w2.West <= w.West {
		t.Errorf("right did not pan east: %+v → %+v", w, w2)
	}
	for range 20 {
		mt.update(keyMsg("right"))
		mt.update(keyMsg("up"))
	}
	if w3 := mt.window(); w3.East > full.East+1e-9 || w3.North > full.North+1e-9 {
		t.Errorf("panned off the map: %+v beyond %+v", w3, full)
	}
	for range 10 {
		mt.update(keyMsg("+"))
	}
	if mt.zoom != maxZoom {
		t.Errorf("zoom = %d, want the maximum %d", mt.zoom, maxZoom)
	}
	mt.update(keyMsg("0"))
	if mt.zoom != 0 || mt.window() != full {
		t.Errorf("0 did not show the whole map: zoom %d, %+v", mt.zoom, mt.window())
	}
	mt.update(keyMsg("down"))
	if mt.country != 0 {
		t.Errorf("down at full view selected %d, want the next state (0)", mt.country)
	}
}
