package geo

import "math"

// Point is a position in dot space: x grows to the right, y downwards, and
// dot (i, j) covers [i, i+1) × [j, j+1).
type Point struct{ X, Y float64 }

// Projection maps longitude/latitude to canvas dots with an equirectangular
// projection whose x axis is scaled by the cosine of the window's middle
// latitude, so shapes keep their proportions around the map's centre. It
// assumes square dots, which holds for braille on a terminal whose cells
// are about twice as tall as wide (2×4 dots per cell). The map is fitted
// into the dots and centred. A Projection is a small value, safe to copy
// and to share between goroutines.
type Projection struct {
	bounds Bounds
	kx     float64 // cos(middle latitude)
	s      float64 // dots per degree of latitude; 0 when nothing fits
	x0, y0 float64 // dot position of the window's north-west corner
	w, h   int     // canvas size in dots
}

// Fit returns the projection of b onto a canvas of cols×rows cells
// (2×4 dots each), the usual way to size a map to the terminal.
func Fit(b Bounds, cols, rows int) Projection {
	cols, rows = clampCells(cols), clampCells(rows)
	return FitDots(b, cols*dotsX, rows*dotsY)
}

// FitDots returns the projection of b onto w×h dots, for callers that
// manage dot space themselves. Invalid bounds or an empty canvas give a
// projection that maps everything to the canvas centre.
func FitDots(b Bounds, w, h int) Projection {
	w, h = max(w, 0), max(h, 0)
	p := Projection{bounds: b, w: w, h: h, kx: 1, x0: float64(w) / 2, y0: float64(h) / 2}
	if !b.Valid() || w == 0 || h == 0 {
		return p
	}
	p.kx = max(math.Cos((b.South+b.North)/2*math.Pi/180), 0.01)
	mw, mh := (b.East-b.West)*p.kx, b.North-b.South
	p.s = min(float64(w)/mw, float64(h)/mh)
	p.x0 = (float64(w) - mw*p.s) / 2
	p.y0 = (float64(h) - mh*p.s) / 2
	return p
}

// Bounds returns the window the projection was fitted to.
func (p Projection) Bounds() Bounds { return p.bounds }

// Scale returns the number of dots per degree of latitude (0 when the
// canvas or the bounds are empty), to pick detail levels or marker sizes.
func (p Projection) Scale() float64 { return p.s }

// Frame returns the rectangle in dot space that the window covers: the map
// fills it, and the canvas margins around it are empty.
func (p Projection) Frame() (topLeft, bottomRight Point) {
	tl := Point{p.x0, p.y0}
	br := Point{p.x0 + (p.bounds.East-p.bounds.West)*p.kx*p.s, p.y0 + (p.bounds.North-p.bounds.South)*p.s}
	if p.s == 0 {
		br = tl
	}
	return tl, br
}

// Project maps a position to dot space. Positions outside the window map
// outside the frame (the canvas clips them); an empty projection maps
// everything to the canvas centre.
func (p Projection) Project(lon, lat float64) Point {
	if p.s == 0 {
		return Point{p.x0, p.y0}
	}
	return Point{
		X: p.x0 + (lon-p.bounds.West)*p.kx*p.s,
		Y: p.y0 + (p.bounds.North-lat)*p.s,
	}
}

// Unproject is the inverse of Project, for mouse hit-testing: it maps a
// dot position back to longitude/latitude. With an empty projection it
// returns the centre of the bounds.
func (p Projection) Unproject(pt Point) LonLat {
	if p.s == 0 {
		return LonLat{(p.bounds.West + p.bounds.East) / 2, (p.bounds.South + p.bounds.North) / 2}
	}
	return LonLat{
		Lon: p.bounds.West + (pt.X-p.x0)/(p.kx*p.s),
		Lat: p.bounds.North - (pt.Y-p.y0)/p.s,
	}
}

// CellOf returns the cell (column, row) that holds a dot position, for
// placing labels next to projected points. Far-away points give far-away
// cells; nothing is clamped.
func CellOf(pt Point) (col, row int) {
	return floorInt(pt.X / dotsX), floorInt(pt.Y / dotsY)
}

// floorInt floors v into the int range a canvas can use, mapping NaN to
// a large negative value (off every canvas).
func floorInt(v float64) int {
	const lim = 1 << 30
	switch {
	case v != v, v < -lim:
		return -lim
	case v > lim:
		return lim
	}
	return int(math.Floor(v))
}
