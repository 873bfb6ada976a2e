package geo

import (
	"math"
	"testing"
)

func FuzzCanvas(f *testing.F) {
	f.Add(uint16(0), uint16(0), 0.0, 0.0, 1.0, 1.0, 2.0, 0.5, "x")
	f.Add(uint16(1), uint16(1), -1.0, -1.0, 3.0, 5.0, 0.5, 2.5, "label")
	f.Add(uint16(300), uint16(100), 1e300, -1e300, math.Inf(1), math.NaN(), 599.9, 399.9, "Kazakhstan")
	f.Add(uint16(80), uint16(24), 46.0, 56.0, 100.0, 24.0, 70.0, 40.0, "中文")
	f.Fuzz(func(t *testing.T, w, h uint16, x0, y0, x1, y1, x2, y2 float64, s string) {
		cols, rows := int(w%400), int(h%150)
		c := NewCanvas(cols, rows)
		a, b, d := Point{x0, y0}, Point{x1, y1}, Point{x2, y2}
		c.Line(a, b, 1)
		c.EraseLine(b, d)
		c.Fill([][]Point{{a, b, d}, {d, a}, {b}}, 2)
		c.Stroke([]Point{a, b, d}, 3)
		c.Polyline([]Point{d, a}, 4)
		c.Marker(d, 5)
		c.Plot(a, 6)
		c.Set(int(math.Mod(x0, 1e6)), int(math.Mod(y0, 1e6)), 7)
		c.Label(int(math.Mod(x1, 1e6)), int(math.Mod(y1, 1e6)), s, 8)
		c.LabelAt(b, s, 9)

		// The projection never panics either, whatever the window.
		p := Fit(Bounds{x0, y0, x1, y1}, cols, rows)
		q := p.Project(x2, y2)
		c.Line(q, p.Project(y2, x2), 1)
		_ = p.Unproject(q)

		gw, gh := c.Size()
		if gw != cols || gh != rows {
			t.Fatalf("size %d×%d, want %d×%d", gw, gh, cols, rows)
		}
		for _, g := range []Glyphs{Braille, Blocks} {
			lines := c.Lines(g)
			if len(lines) != rows {
				t.Fatalf("%d lines, want %d", len(lines), rows)
			}
			var row []Cell
			for y := range rows {
				row = c.Row(row, y, g)
				if len(row) != cols {
					t.Fatalf("row %d: %d cells, want %d", y, len(row), cols)
				}
				if n := len([]rune(lines[y])); n != cols {
					t.Fatalf("line %d: %d runes, want %d", y, n, cols)
				}
				n := 0
				for _, sp := range c.AppendSpans(nil, y, g) {
					n += len([]rune(sp.Text))
				}
				if n != cols {
					t.Fatalf("spans of row %d cover %d cells, want %d", y, n, cols)
				}
			}
		}
	})
}
