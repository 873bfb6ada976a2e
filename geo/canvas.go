package geo

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

const (
	dotsX = 2 // dots per cell, horizontally
	dotsY = 4 // dots per cell, vertically
	// MaxCells bounds each canvas dimension; larger sizes are clamped so a
	// bogus window size cannot allocate without limit.
	MaxCells = 4096
)

// Glyphs selects how Row and friends turn dots into characters.
type Glyphs uint8

const (
	// Braille renders each cell's 2×4 dots exactly (U+2800 block).
	Braille Glyphs = iota
	// Blocks renders each cell as 2×2 quadrant blocks (▘▝▀▖▌▞▛▗▚▐▜▄▙▟█),
	// a quadrant being set when either of its two dots is: coarser, but
	// legible in fonts without braille and without colour.
	Blocks
)

// Cell is one rendered terminal cell: its character and the layer the
// caller uses to style it. Empty cells are a space on layer 0.
type Cell struct {
	Rune  rune
	Layer uint8
}

// Span is a run of adjacent cells in one row that share a layer, so a TUI
// can style a whole run at once.
type Span struct {
	Layer uint8
	Text  string
}

// Canvas is a grid of W×H terminal cells, each holding 2×4 dots and a
// layer. Drawing a dot raises its cell's layer to the drawing layer if
// higher (the layer is a priority: a cell shows the colour of its most
// important content). Text labels sit on top of dots. The zero value is
// an empty 0×0 canvas. A Canvas is reused across frames (Reset) and is
// not safe for concurrent use; give each session its own.
type Canvas struct {
	w, h    int
	dots    []uint8 // braille bit mask per cell
	layer   []uint8 // dot layer per cell
	text    []rune  // label rune per cell, 0 when none
	tlayer  []uint8 // label layer per cell
	scratch scratch
}

// scratch holds buffers reused between draws so that steady-state
// redraws do not allocate.
type scratch struct {
	pts   []Point
	rings [][]Point
	xs    []crossing
}

// crossing is where a polygon edge crosses the centre line of a dot row.
type crossing struct {
	row int32
	x   float64
}

// NewCanvas returns an empty canvas of w×h cells (negative sizes count as
// 0, sizes above MaxCells are clamped).
func NewCanvas(w, h int) *Canvas {
	c := &Canvas{}
	c.Reset(w, h)
	return c
}

// Reset clears the canvas and resizes it to w×h cells, reusing its memory,
// so a TUI can redraw every frame without allocating.
func (c *Canvas) Reset(w, h int) {
	w, h = clampCells(w), clampCells(h)
	n := w * h
	c.w, c.h = w, h
	c.dots = resize(c.dots, n)
	c.layer = resize(c.layer, n)
	c.tlayer = resize(c.tlayer, n)
	c.text = resize(c.text, n)
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func clampCells(n int) int { return min(max(n, 0), MaxCells) }

// Size returns the canvas size in cells.
func (c *Canvas) Size() (w, h int) { return c.w, c.h }

// DotSize returns the canvas size in dots (2×4 per cell).
func (c *Canvas) DotSize() (w, h int) { return c.w * dotsX, c.h * dotsY }

// brailleBit is the U+2800 bit of the dot at column dx (0–1), row dy (0–3)
// of a cell.
func brailleBit(dx, dy int) uint8 {
	if dy == 3 {
		return 0x40 << dx
	}
	return 1 << (dy + 3*dx)
}

// Set turns on the dot at (x, y) with the given layer; dots off the
// canvas are ignored.
func (c *Canvas) Set(x, y int, layer uint8) {
	if x < 0 || y < 0 || x >= c.w*dotsX || y >= c.h*dotsY {
		return
	}
	i := (y/dotsY)*c.w + x/dotsX
	c.dots[i] |= brailleBit(x%dotsX, y%dotsY)
	if layer > c.layer[i] {
		c.layer[i] = layer
	}
}

// Unset turns off the dot at (x, y), for carving borders or gaps out of
// fills; the cell's layer is kept.
func (c *Canvas) Unset(x, y int) {
	if x < 0 || y < 0 || x >= c.w*dotsX || y >= c.h*dotsY {
		return
	}
	c.dots[(y/dotsY)*c.w+x/dotsX] &^= brailleBit(x%dotsX, y%dotsY)
}

// Dot reports whether the dot at (x, y) is on (false off the canvas).
func (c *Canvas) Dot(x, y int) bool {
	if x < 0 || y < 0 || x >= c.w*dotsX || y >= c.h*dotsY {
		return false
	}
	return c.dots[(y/dotsY)*c.w+x/dotsX]&brailleBit(x%dotsX, y%dotsY) != 0
}

// dotIndex converts a coordinate already clamped to [0, n] into a dot
// index, counting the far edge (v == n) as the last dot.
func dotIndex(v float64, n int) int {
	i := int(math.Floor(v))
	return min(max(i, 0), n-1)
}

// Plot turns on the dot containing p (a point exactly on the canvas's
// right or bottom edge counts as inside).
func (c *Canvas) Plot(p Point, layer uint8) {
	w, h := c.DotSize()
	if !(p.X >= 0 && p.Y >= 0 && p.X <= float64(w) && p.Y <= float64(h)) || w == 0 || h == 0 {
		return
	}
	c.Set(dotIndex(p.X, w), dotIndex(p.Y, h), layer)
}

// Marker draws a small plus (the dot containing p and its four
// neighbours), visible on its own and distinct from lines.
func (c *Canvas) Marker(p Point, layer uint8) {
	w, h := c.DotSize()
	if !(p.X >= -1 && p.Y >= -1 && p.X <= float64(w)+1 && p.Y <= float64(h)+1) {
		return
	}
	x, y := int(math.Floor(p.X)), int(math.Floor(p.Y))
	if p.X == float64(w) {
		x--
	}
	if p.Y == float64(h) {
		y--
	}
	c.Set(x, y, layer)
	c.Set(x-1, y, layer)
	c.Set(x+1, y, layer)
	c.Set(x, y-1, layer)
	c.Set(x, y+1, layer)
}

// lerp interpolates without overflow for any finite a, b and t in [0, 1].
func lerp(a, b, t float64) float64 { return a*(1-t) + b*t }

// clipSegment clips segment ab to [0, w] × [0, h] (Cohen–Sutherland).
// Each clipped endpoint is put exactly on the edge it crossed and the
// other coordinate is interpolated on halved values, so far-away
// coordinates (1e300) neither overflow nor lose the visible part.
func clipSegment(a, b Point, w, h float64) (Point, Point, bool) {
	if !isFinite(a.X) || !isFinite(a.Y) || !isFinite(b.X) || !isFinite(b.Y) {
		return a, b, false
	}
	const left, right, above, below = 1, 2, 4, 8
	code := func(p Point) int {
		c := 0
		if p.X < 0 {
			c |= left
		} else if p.X > w {
			c |= right
		}
		if p.Y < 0 {
			c |= above
		} else if p.Y > h {
			c |= below
		}
		return c
	}
	// at returns the parameter where v goes from v0 to v1 through e.
	at := func(e, v0, v1 float64) float64 {
		return min(max((e/2-v0/2)/(v1/2-v0/2), 0), 1)
	}
	ca, cb := code(a), code(b)
	for range 8 { // each pass moves one endpoint onto one edge line
		if ca|cb == 0 {
			break
		}
		if ca&cb != 0 {
			return a, b, false
		}
		c := ca
		if c == 0 {
			c = cb
		}
		var p Point
		switch {
		case c&left != 0:
			p = Point{0, lerp(a.Y, b.Y, at(0, a.X, b.X))}
		case c&right != 0:
			p = Point{w, lerp(a.Y, b.Y, at(w, a.X, b.X))}
		case c&above != 0:
			p = Point{lerp(a.X, b.X, at(0, a.Y, b.Y)), 0}
		default:
			p = Point{lerp(a.X, b.X, at(h, a.Y, b.Y)), h}
		}
		if c == ca {
			a, ca = p, code(p)
		} else {
			b, cb = p, code(p)
		}
	}
	if ca|cb != 0 {
		return a, b, false
	}
	return a, b, true
}

// Line draws the segment from a to b (Bresenham between the dots holding
// the clipped endpoints). Non-finite or far-away coordinates are fine:
// the segment is clipped to the canvas first.
func (c *Canvas) Line(a, b Point, layer uint8) { c.line(a, b, layer, false) }

// EraseLine turns off the dots along the segment from a to b, for cutting
// a border or a route's casing out of a fill.
func (c *Canvas) EraseLine(a, b Point) { c.line(a, b, 0, true) }

// line draws (or, with erase, clears) the dots along segment ab.
func (c *Canvas) line(a, b Point, layer uint8, erase bool) {
	w, h := c.DotSize()
	if w == 0 || h == 0 {
		return
	}
	a, b, ok := clipSegment(a, b, float64(w), float64(h))
	if !ok {
		return
	}
	x0, y0 := dotIndex(a.X, w), dotIndex(a.Y, h)
	x1, y1 := dotIndex(b.X, w), dotIndex(b.Y, h)
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := 1, 1
	if x0 > x1 {
		sx = -1
	}
	if y0 > y1 {
		sy = -1
	}
	e := dx + dy
	for {
		if erase {
			c.Unset(x0, y0)
		} else {
			c.Set(x0, y0, layer)
		}
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// Polyline draws the open path through pts (a railway or pipeline route).
func (c *Canvas) Polyline(pts []Point, layer uint8) {
	for i := 1; i < len(pts); i++ {
		c.Line(pts[i-1], pts[i], layer)
	}
	if len(pts) == 1 {
		c.Plot(pts[0], layer)
	}
}

// Stroke draws the outline of a closed ring (the closing edge included).
func (c *Canvas) Stroke(ring []Point, layer uint8) {
	c.Polyline(ring, layer)
	if len(ring) > 2 {
		c.Line(ring[len(ring)-1], ring[0], layer)
	}
}

// Fill fills the area enclosed by rings under the even-odd rule, so holes
// and several pieces can be passed together. A dot is filled when its
// centre is inside. Degenerate rings (fewer than three points, zero area,
// non-finite points) fill nothing.
func (c *Canvas) Fill(rings [][]Point, layer uint8) {
	w, h := c.DotSize()
	if w == 0 || h == 0 {
		return
	}
	xs := c.scratch.xs[:0]
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		prev := r[len(r)-1]
		for _, cur := range r {
			xs = appendCrossings(xs, prev, cur, w, h)
			prev = cur
		}
	}
	slices.SortFunc(xs, func(a, b crossing) int {
		if a.row != b.row {
			return cmp.Compare(a.row, b.row)
		}
		return cmp.Compare(a.x, b.x)
	})
	for i := 0; i+1 < len(xs); {
		if xs[i].row != xs[i+1].row {
			i++ // an odd crossing left over by clamping: skip it
			continue
		}
		y := int(xs[i].row)
		lo := int(math.Ceil(xs[i].x - 0.5))
		hi := int(math.Ceil(xs[i+1].x-0.5)) - 1
		for x := max(lo, 0); x <= min(hi, w-1); x++ {
			c.Set(x, y, layer)
		}
		i += 2
	}
	c.scratch.xs = xs[:0]
}

// appendCrossings adds the crossings of edge ab with the centre lines
// (y = row + 0.5) of the canvas rows, half-open so shared vertices count
// once. x is clamped to [-1, w+1]: points far outside only need to be on
// the right side.
func appendCrossings(xs []crossing, a, b Point, w, h int) []crossing {
	if !isFinite(a.X) || !isFinite(a.Y) || !isFinite(b.X) || !isFinite(b.Y) || a.Y == b.Y {
		return xs
	}
	den := b.Y/2 - a.Y/2
	if den == 0 {
		return xs
	}
	// Rows r with lo <= r+0.5 < hi, limited to the canvas.
	fh := float64(h)
	lo := min(max(min(a.Y, b.Y), -1), fh+1)
	hi := min(max(max(a.Y, b.Y), -1), fh+1)
	r0 := max(int(math.Ceil(lo-0.5)), 0)
	r1 := min(int(math.Ceil(hi-0.5))-1, h-1)
	for r := r0; r <= r1; r++ {
		t := ((float64(r)+0.5)/2 - a.Y/2) / den
		t = min(max(t, 0), 1)
		x := min(max(lerp(a.X, b.X, t), -1), float64(w)+1)
		xs = append(xs, crossing{int32(r), x})
	}
	return xs
}

// Row renders cell row y into dst (reusing its memory) and returns exactly
// W cells, or none when y is off the canvas.
func (c *Canvas) Row(dst []Cell, y int, g Glyphs) []Cell {
	dst = dst[:0]
	if y < 0 || y >= c.h {
		return dst
	}
	for i := y * c.w; i < (y+1)*c.w; i++ {
		dst = append(dst, c.cell(i, g))
	}
	return dst
}

// cell renders cell i.
func (c *Canvas) cell(i int, g Glyphs) Cell {
	if r := c.text[i]; r != 0 {
		return Cell{r, c.tlayer[i]}
	}
	m := c.dots[i]
	if m == 0 {
		return Cell{' ', 0}
	}
	if g == Blocks {
		return Cell{quadrant(m), c.layer[i]}
	}
	return Cell{0x2800 + rune(m), c.layer[i]}
}

// quadrant downsamples a braille mask to a 2×2 quadrant block glyph: each
// quadrant covers two vertically adjacent dots.
func quadrant(m uint8) rune {
	var q uint8
	if m&(0x01|0x02) != 0 {
		q |= 1 // upper left
	}
	if m&(0x08|0x10) != 0 {
		q |= 2 // upper right
	}
	if m&(0x04|0x40) != 0 {
		q |= 4 // lower left
	}
	if m&(0x20|0x80) != 0 {
		q |= 8 // lower right
	}
	switch q {
	case 1:
		return '▘'
	case 2:
		return '▝'
	case 3:
		return '▀'
	case 4:
		return '▖'
	case 5:
		return '▌'
	case 6:
		return '▞'
	case 7:
		return '▛'
	case 8:
		return '▗'
	case 9:
		return '▚'
	case 10:
		return '▐'
	case 11:
		return '▜'
	case 12:
		return '▄'
	case 13:
		return '▙'
	case 14:
		return '▟'
	case 15:
		return '█'
	}
	return ' '
}

// AppendSpans renders cell row y as runs of equal layer, appended to dst.
// The spans of one row share a single string allocation.
func (c *Canvas) AppendSpans(dst []Span, y int, g Glyphs) []Span {
	if y < 0 || y >= c.h || c.w == 0 {
		return dst
	}
	var sb strings.Builder
	sb.Grow(c.w * 3)
	type cut struct {
		layer uint8
		end   int
	}
	var cutsBuf [32]cut
	cuts := cutsBuf[:0]
	for i := y * c.w; i < (y+1)*c.w; i++ {
		cl := c.cell(i, g)
		if len(cuts) > 0 && cuts[len(cuts)-1].layer != cl.Layer || len(cuts) == 0 {
			if len(cuts) > 0 {
				cuts[len(cuts)-1].end = sb.Len()
			}
			cuts = append(cuts, cut{layer: cl.Layer})
		}
		sb.WriteRune(cl.Rune)
	}
	cuts[len(cuts)-1].end = sb.Len()
	s := sb.String()
	start := 0
	for _, k := range cuts {
		dst = append(dst, Span{k.layer, s[start:k.end]})
		start = k.end
	}
	return dst
}

// Lines renders the whole canvas as plain text, one string per row, for
// output without styles (pipes, tests, NO_COLOR).
func (c *Canvas) Lines(g Glyphs) []string {
	out := make([]string, c.h)
	var row []Cell
	var sb strings.Builder
	for y := range c.h {
		row = c.Row(row, y, g)
		sb.Reset()
		for _, cl := range row {
			sb.WriteRune(cl.Rune)
		}
		out[y] = sb.String()
	}
	return out
}

// String renders the canvas as braille text, rows joined by newlines.
func (c *Canvas) String() string { return strings.Join(c.Lines(Braille), "\n") }
