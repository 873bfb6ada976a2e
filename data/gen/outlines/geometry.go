package main

import (
	"container/heap"
	"math"
)

// rect is an axis-aligned window in degrees.
type rect struct{ West, South, East, North float64 }

// contains reports whether p lies inside or on the edge of r.
func (r rect) contains(p pt) bool {
	return p.X >= r.West && p.X <= r.East && p.Y >= r.South && p.Y <= r.North
}

// intersects reports whether the bounding box of ring overlaps r.
func (r rect) intersects(ring []pt) bool {
	if len(ring) == 0 {
		return false
	}
	b := bbox(ring)
	return b.West <= r.East && b.East >= r.West && b.South <= r.North && b.North >= r.South
}

// bbox returns the bounding box of a non-empty ring.
func bbox(ring []pt) rect {
	b := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range ring {
		b.West = min(b.West, p.X)
		b.East = max(b.East, p.X)
		b.South = min(b.South, p.Y)
		b.North = max(b.North, p.Y)
	}
	return b
}

// simplifyDP simplifies an open polyline with Douglas–Peucker, keeping both
// endpoints. Distances are measured after scaling x by kx so that the
// tolerance is isotropic on the final (cos-latitude scaled) map.
func simplifyDP(line []pt, tol, kx float64) []pt {
	if len(line) <= 2 {
		return append([]pt(nil), line...)
	}
	first, last := line[0], line[len(line)-1]
	if first == last {
		// A closed arc: split at the point farthest from the start so that
		// both halves have distinct endpoints.
		far, best := 0, -1.0
		for i, p := range line {
			d := math.Hypot((p.X-first.X)*kx, p.Y-first.Y)
			if d > best {
				far, best = i, d
			}
		}
		if far == 0 {
			return []pt{first, last}
		}
		a := simplifyDP(line[:far+1], tol, kx)
		b := simplifyDP(line[far:], tol, kx)
		return append(a, b[1:]...)
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	type span struct{ i, j int }
	stack := []span{{0, len(line) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		idx, dmax := -1, tol
		for k := s.i + 1; k < s.j; k++ {
			if d := segDist(line[k], line[s.i], line[s.j], kx); d > dmax {
				idx, dmax = k, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, span{s.i, idx}, span{idx, s.j})
		}
	}
	out := make([]pt, 0, len(line)/4+2)
	for i, k := range keep {
		if k {
			out = append(out, line[i])
		}
	}
	return out
}

// segDist is the distance from p to segment ab, with x scaled by kx.
func segDist(p, a, b pt, kx float64) float64 {
	px, py := p.X*kx, p.Y
	ax, ay := a.X*kx, a.Y
	bx, by := b.X*kx, b.Y
	dx, dy := bx-ax, by-ay
	if dx == 0 && dy == 0 {
		return math.Hypot(px-ax, py-ay)
	}
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = max(0, min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// clipRing clips an open ring (no repeated closing point) to r with
// Sutherland–Hodgman. The result may contain zero-width runs along the
// window edges where the ring leaves and re-enters; they cancel under the
// even-odd rule and are pruned by cleanRing.
func clipRing(ring []pt, r rect) []pt {
	out := ring
	for edge := range 4 {
		if len(out) == 0 {
			break
		}
		in := out
		out = make([]pt, 0, len(in)+4)
		inside := func(p pt) bool {
			switch edge {
			case 0:
				return p.X >= r.West
			case 1:
				return p.X <= r.East
			case 2:
				return p.Y >= r.South
			default:
				return p.Y <= r.North
			}
		}
		cross := func(a, b pt) pt {
			var t float64
			switch edge {
			case 0:
				t = (r.West - a.X) / (b.X - a.X)
				return pt{r.West, a.Y + t*(b.Y-a.Y)}
			case 1:
				t = (r.East - a.X) / (b.X - a.X)
				return pt{r.East, a.Y + t*(b.Y-a.Y)}
			case 2:
				t = (r.South - a.Y) / (b.Y - a.Y)
				return pt{a.X + t*(b.X-a.X), r.South}
			default:
				t = (r.North - a.Y) / (b.Y - a.Y)
				return pt{a.X + t*(b.X-a.X), r.North}
			}
		}
		prev := in[len(in)-1]
		for _, cur := range in {
			ci, pi := inside(cur), inside(prev)
			switch {
			case ci && pi:
				out = append(out, cur)
			case ci && !pi:
				out = append(out, cross(prev, cur), cur)
			case !ci && pi:
				out = append(out, cross(prev, cur))
			}
			prev = cur
		}
	}
	return out
}

// round rounds v to the given number of decimals.
func round(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no negative zero in the output
	}
	return r
}

// cleanRing rounds an open ring to the output precision and removes
// repeated points and points that are collinear on one window edge (they
// only delimit zero-area runs). It returns nil when fewer than three points
// remain.
func cleanRing(ring []pt, r rect, decimals int) []pt {
	out := make([]pt, 0, len(ring))
	for _, p := range ring {
		q := pt{round(p.X, decimals), round(p.Y, decimals)}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	// Drop the middle of three consecutive points on the same window edge,
	// and repeats revealed by that, until nothing changes.
	for changed := true; changed && len(out) >= 3; {
		changed = false
		n := len(out)
		for i := 0; i < n && n >= 3; i++ {
			a, b, c := out[(i+n-1)%n], out[i], out[(i+1)%n]
			if onSameEdge(a, b, c, r) || a == b {
				out = append(out[:i], out[i+1:]...)
				n--
				i--
				changed = true
			}
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// onSameEdge reports whether a, b and c all lie on one edge line of r.
func onSameEdge(a, b, c pt, r rect) bool {
	for _, x := range [2]float64{r.West, r.East} {
		if a.X == x && b.X == x && c.X == x {
			return true
		}
	}
	for _, y := range [2]float64{r.South, r.North} {
		if a.Y == y && b.Y == y && c.Y == y {
			return true
		}
	}
	return false
}

// area returns the signed shoelace area of an open or closed ring, with x
// scaled by kx.
func area(ring []pt, kx float64) float64 {
	var s float64
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		s += a.X*kx*b.Y - b.X*kx*a.Y
	}
	return s / 2
}

// poleOfInaccessibility returns the point inside the polygon (rings[0]
// exterior, the rest holes) farthest from its edges, found to within
// precision with the polylabel algorithm (Agafonkin, Mapbox). x is scaled
// by kx while searching so that "farthest" holds on the final map.
func poleOfInaccessibility(rings [][]pt, precision, kx float64) pt {
	scaled := make([][]pt, len(rings))
	for i, r := range rings {
		scaled[i] = make([]pt, len(r))
		for j, p := range r {
			scaled[i][j] = pt{p.X * kx, p.Y}
		}
	}
	b := bbox(scaled[0])
	w, h := b.East-b.West, b.North-b.South
	size := min(w, h)
	if size == 0 {
		return pt{b.West / kx, b.South}
	}
	q := &cellQueue{}
	for x := b.West; x < b.East; x += size {
		for y := b.South; y < b.North; y += size {
			heap.Push(q, newCell(x+size/2, y+size/2, size/2, scaled))
		}
	}
	best := centroidCell(scaled)
	if bc := newCell(b.West+w/2, b.South+h/2, 0, scaled); bc.d > best.d {
		best = bc
	}
	for q.Len() > 0 {
		c := heap.Pop(q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		hs := c.h / 2
		heap.Push(q, newCell(c.x-hs, c.y-hs, hs, scaled))
		heap.Push(q, newCell(c.x+hs, c.y-hs, hs, scaled))
		heap.Push(q, newCell(c.x-hs, c.y+hs, hs, scaled))
		heap.Push(q, newCell(c.x+hs, c.y+hs, hs, scaled))
	}
	return pt{best.x / kx, best.y}
}

// cell is a square search cell of polylabel: centre, half size, signed
// distance of the centre to the polygon and the best distance possible
// inside the cell.
type cell struct{ x, y, h, d, max float64 }

func newCell(x, y, h float64, rings [][]pt) cell {
	d := signedDist(pt{x, y}, rings)
	return cell{x, y, h, d, d + h*math.Sqrt2}
}

// centroidCell seeds polylabel with the area centroid of the exterior.
func centroidCell(rings [][]pt) cell {
	var a, cx, cy float64
	r := rings[0]
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		f := p.X*q.Y - q.X*p.Y
		cx += (p.X + q.X) * f
		cy += (p.Y + q.Y) * f
		a += f * 3
	}
	if a == 0 {
		return newCell(r[0].X, r[0].Y, 0, rings)
	}
	return newCell(cx/a, cy/a, 0, rings)
}

// signedDist is the distance from p to the nearest ring edge, negative when
// p is outside the polygon (even-odd rule).
func signedDist(p pt, rings [][]pt) float64 {
	inside := false
	best := math.Inf(1)
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
				inside = !inside
			}
			best = min(best, segDist(p, a, b, 1))
		}
	}
	if !inside {
		return -best
	}
	return best
}

// cellQueue is a max-heap of cells by potential distance.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
