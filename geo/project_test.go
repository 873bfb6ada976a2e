package geo

import (
	"math"
	"testing"
)

var region = Bounds{West: 46, South: 24, East: 100, North: 56}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestProjectionCorners(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}, {300, 100}, {40, 40}, {1, 1}, {500, 10}} {
		p := Fit(region, size[0], size[1])
		w, h := float64(size[0]*2), float64(size[1]*4)
		tl, br := p.Frame()
		if got := p.Project(region.West, region.North); !near(got.X, tl.X, 1e-9) || !near(got.Y, tl.Y, 1e-9) {
			t.Errorf("%v: NW corner → %v, want %v", size, got, tl)
		}
		if got := p.Project(region.East, region.South); !near(got.X, br.X, 1e-9) || !near(got.Y, br.Y, 1e-9) {
			t.Errorf("%v: SE corner → %v, want %v", size, got, br)
		}
		// The frame fills the canvas in one direction and is centred in
		// the other.
		fillsW := near(tl.X, 0, 1e-9) && near(br.X, w, 1e-9)
		fillsH := near(tl.Y, 0, 1e-9) && near(br.Y, h, 1e-9)
		if !fillsW && !fillsH {
			t.Errorf("%v: frame %v–%v fills neither dimension of %v×%v", size, tl, br, w, h)
		}
		if !near(tl.X, w-br.X, 1e-9) || !near(tl.Y, h-br.Y, 1e-9) {
			t.Errorf("%v: frame %v–%v not centred in %v×%v", size, tl, br, w, h)
		}
		// Aspect: width/height = lon span × cos(mid-latitude) / lat span.
		want := (region.East - region.West) * math.Cos(40*math.Pi/180) / (region.North - region.South)
		if got := (br.X - tl.X) / (br.Y - tl.Y); !near(got, want, 1e-9) {
			t.Errorf("%v: aspect %v, want %v", size, got, want)
		}
		// Inverse.
		for _, ll := range []LonLat{{46, 24}, {71.4, 51.2}, {100, 56}, {120, -10}} {
			back := p.Unproject(p.Project(ll.Lon, ll.Lat))
			if !near(back.Lon, ll.Lon, 1e-9) || !near(back.Lat, ll.Lat, 1e-9) {
				t.Errorf("%v: unproject(project(%v)) = %v", size, ll, back)
			}
		}
	}
	// 80×24: height-bound, 3 dots per degree of latitude.
	if s := Fit(region, 80, 24).Scale(); !near(s, 3, 1e-12) {
		t.Errorf("80×24 scale = %v, want 3", s)
	}
}

func TestProjectionDegenerate(t *testing.T) {
	for _, p := range []Projection{
		Fit(region, 0, 0), Fit(region, 0, 10), Fit(region, -5, -5),
		Fit(Bounds{}, 80, 24), Fit(Bounds{10, 10, 5, 5}, 80, 24),
		Fit(Bounds{math.NaN(), 0, 1, 1}, 80, 24), FitDots(region, 3, 0), {},
	} {
		pt := p.Project(70, 40)
		if math.IsNaN(pt.X) || math.IsNaN(pt.Y) {
			t.Errorf("%+v: Project gave NaN", p)
		}
		if p.Scale() != 0 {
			t.Errorf("%+v: scale %v, want 0", p, p.Scale())
		}
		_ = p.Unproject(Point{1, 1})
		tl, br := p.Frame()
		if tl != br {
			t.Errorf("%+v: empty projection has a frame %v–%v", p, tl, br)
		}
	}
	if col, row := CellOf(Point{5, 9}); col != 2 || row != 2 {
		t.Errorf("CellOf = %d,%d", col, row)
	}
	if col, row := CellOf(Point{math.NaN(), math.Inf(1)}); col >= 0 || row <= 0 {
		t.Errorf("CellOf(NaN, Inf) = %d,%d", col, row)
	}
}
