package geo

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// inRings reports whether p is inside the rings under the even-odd rule.
func inRings(p LonLat, rings []Ring) bool {
	in := false
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+len(r)-1)%len(r)]
			if (a.Lat > p.Lat) != (b.Lat > p.Lat) && p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
				in = !in
			}
		}
	}
	return in
}

func TestEmbeddedOutlines(t *testing.T) {
	w, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// Central Asia with all of China's west and north as far as Beijing,
	// so every signatory's capital is on the map.
	if want := (Bounds{West: 46, South: 24, East: 120, North: 56}); w.Bounds != want {
		t.Errorf("bounds = %+v, want %+v", w.Bounds, want)
	}
	var signatories []string
	for _, f := range w.Features {
		if f.Signatory {
			signatories = append(signatories, f.ID)
		}
	}
	if want := []string{"cn", "kg", "kz", "tj", "tm", "uz"}; !slices.Equal(signatories, want) {
		t.Errorf("signatories = %v, want %v", signatories, want)
	}
	for _, id := range []string{"af", "ir", "pk", "mn", "ru", "az", "in"} {
		if _, ok := w.Feature(id); !ok {
			t.Errorf("neighbour %s missing", id)
		}
	}
	if !slices.IsSortedFunc(w.Features, func(a, b Feature) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("features not sorted by id")
	}
	for _, f := range w.Features {
		if len(f.ID) != 2 || strings.ToLower(f.ID) != f.ID || f.Name == "" {
			t.Errorf("bad id/name %q/%q", f.ID, f.Name)
		}
		for _, poly := range f.Polygons {
			for _, r := range poly {
				for _, q := range r {
					if !w.Bounds.Contains(q) {
						t.Fatalf("%s: %v outside the window", f.ID, q)
					}
				}
			}
		}
		if !inRings(f.Label, f.Polygons[0]) {
			t.Errorf("%s: label %v not inside its largest polygon", f.ID, f.Label)
		}
		if !f.Box.Valid() || f.Box.West < w.Bounds.West || f.Box.North > w.Bounds.North {
			t.Errorf("%s: box %+v", f.ID, f.Box)
		}
	}
	// Sane extents for a few countries (degrees, generous).
	for id, want := range map[string]Bounds{
		"kz": {46.4, 40.5, 87.4, 55.5},
		"tm": {52.4, 35.1, 66.7, 42.8},
		"cn": {73.6, 24, 120, 51.5}, // Heilongjiang reaches 51.5°N by 120°E
	} {
		f, _ := w.Feature(id)
		got := f.Box
		if !near(got.West, want.West, 0.3) || !near(got.South, want.South, 0.3) || !near(got.East, want.East, 0.3) || !near(got.North, want.North, 0.3) {
			t.Errorf("%s box = %+v, want about %+v", id, got, want)
		}
	}
	// The Caspian is a gap between its shore states.
	if len(w.Seas) != 1 || w.Seas[0].Name != "Caspian Sea" {
		t.Fatalf("seas = %+v", w.Seas)
	}
	c := w.Seas[0].Label
	if c.Lon < 47 || c.Lon > 55 || c.Lat < 37 || c.Lat > 47 {
		t.Errorf("Caspian label %v not in the Caspian", c)
	}
	for _, f := range w.Features {
		for _, poly := range f.Polygons {
			if inRings(c, poly) {
				t.Errorf("Caspian label %v inside %s", c, f.ID)
			}
		}
	}
	// Shared: Load returns the same value every time.
	if w2, _ := Load(); w2 != w {
		t.Error("Load did not cache")
	}
}

func TestDecodeErrors(t *testing.T) {
	ok := `{"bounds":[0,0,10,10],"seas":[],"features":[{"id":"aa","name":"A","label":[1,1],"polygons":[[[0,0,2,0,2,2]]]}]}`
	if _, err := Decode([]byte(ok)); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	for name, bad := range map[string]string{
		"not json":     `{`,
		"bounds":       `{"bounds":[10,0,0,10]}`,
		"sea outside":  `{"bounds":[0,0,10,10],"seas":[{"name":"x","label":[20,20]}]}`,
		"odd ring":     `{"bounds":[0,0,10,10],"features":[{"id":"aa","label":[1,1],"polygons":[[[0,0,2,0,2]]]}]}`,
		"short ring":   `{"bounds":[0,0,10,10],"features":[{"id":"aa","label":[1,1],"polygons":[[[0,0,2,0]]]}]}`,
		"duplicate id": `{"bounds":[0,0,10,10],"features":[{"id":"aa","label":[1,1],"polygons":[[[0,0,2,0,2,2]]]},{"id":"aa","label":[1,1],"polygons":[[[0,0,2,0,2,2]]]}]}`,
		"no id":        `{"bounds":[0,0,10,10],"features":[{"label":[1,1],"polygons":[[[0,0,2,0,2,2]]]}]}`,
		"no polygons":  `{"bounds":[0,0,10,10],"features":[{"id":"aa","label":[1,1],"polygons":[]}]}`,
		"label":        `{"bounds":[0,0,10,10],"features":[{"id":"aa","label":[11,1],"polygons":[[[0,0,2,0,2,2]]]}]}`,
	} {
		if _, err := Decode([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "geo: decode outlines") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// drawRegion is a full redraw as the map tab would do it: fill the
// signatories, outline everything, carve borders, label, render.
func drawRegion(c *Canvas, w *World, cols, rows int, spans []Span) []Span {
	p := Fit(w.Bounds, cols, rows)
	c.Reset(cols, rows)
	for i := range w.Features {
		f := &w.Features[i]
		if f.Signatory {
			c.FillFeature(f, p, 2)
		}
	}
	for i := range w.Features {
		c.StrokeFeature(&w.Features[i], p, 1)
	}
	for i := range w.Features {
		if f := &w.Features[i]; f.Signatory {
			c.LabelAt(p.Project(f.Label.Lon, f.Label.Lat), f.Name, 3)
		}
	}
	for _, s := range w.Seas {
		c.LabelAt(p.Project(s.Label.Lon, s.Label.Lat), s.Name, 4)
	}
	spans = spans[:0]
	for y := range rows {
		spans = c.AppendSpans(spans, y, Braille)
	}
	return spans
}

func TestRegionMap(t *testing.T) {
	w, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{0, 0}, {1, 1}, {80, 24}, {200, 60}, {300, 100}} {
		c := NewCanvas(0, 0)
		drawRegion(c, w, size[0], size[1], nil)
		lines := c.Lines(Braille)
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if n := len([]rune(l)); n != size[0] {
				t.Fatalf("%v: line of %d cells", size, n)
			}
		}
		if size == [2]int{80, 24} {
			t.Logf("80×24 braille:\n%s", strings.Join(lines, "\n"))
			t.Logf("80×24 blocks:\n%s", strings.Join(c.Lines(Blocks), "\n"))
		}
	}
	// Kazakhstan's label lands on the map where Kazakhstan is filled.
	c := NewCanvas(80, 24)
	drawRegion(c, w, 80, 24, nil)
	if s := strings.Join(c.Lines(Braille), "\n"); !strings.Contains(s, "Kazakhstan") || !strings.Contains(s, "Caspian Sea") {
		t.Errorf("labels missing:\n%s", s)
	}
}

func TestConcurrentReaders(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			w, err := Load()
			if err != nil {
				t.Error(err)
				return
			}
			c := NewCanvas(0, 0)
			for range 5 {
				drawRegion(c, w, 120, 40, nil)
			}
		})
	}
	wg.Wait()
}
