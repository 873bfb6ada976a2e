package geo

// project projects every ring of f through p into the canvas's scratch
// buffers and returns them (valid until the next draw call).
func (c *Canvas) project(f *Feature, p Projection) [][]Point {
	pts := c.scratch.pts[:0]
	n := 0
	for _, poly := range f.Polygons {
		for _, r := range poly {
			n += len(r)
		}
	}
	if cap(pts) < n {
		pts = make([]Point, 0, n)
	}
	rings := c.scratch.rings[:0]
	for _, poly := range f.Polygons {
		for _, r := range poly {
			start := len(pts)
			for _, q := range r {
				pts = append(pts, p.Project(q.Lon, q.Lat))
			}
			rings = append(rings, pts[start:len(pts):len(pts)])
		}
	}
	c.scratch.pts, c.scratch.rings = pts[:0], rings[:0]
	return rings
}

// FillFeature fills every polygon of f, holes left open, projected
// through p. Features thinner than a dot may fill nothing: stroke them too
// when they must stay visible.
func (c *Canvas) FillFeature(f *Feature, p Projection, layer uint8) {
	if f == nil {
		return
	}
	c.Fill(c.project(f, p), layer)
}

// StrokeFeature draws the outlines of f projected through p, leaving out
// the edges that run along the window's frame: they are where the
// generator clipped the country, not borders or coasts.
func (c *Canvas) StrokeFeature(f *Feature, p Projection, layer uint8) {
	c.outline(f, p, layer, false)
}

// CarveFeature clears the dots along the outline of f (frame edges
// excepted), so that filled neighbours stay apart even without colour.
func (c *Canvas) CarveFeature(f *Feature, p Projection) {
	c.outline(f, p, 0, true)
}

// outline strokes or carves the non-frame edges of f.
func (c *Canvas) outline(f *Feature, p Projection, layer uint8, erase bool) {
	if f == nil {
		return
	}
	b := p.Bounds()
	for _, poly := range f.Polygons {
		for _, r := range poly {
			if len(r) < 2 {
				continue
			}
			prev := r[len(r)-1]
			pp := p.Project(prev.Lon, prev.Lat)
			for _, q := range r {
				qp := p.Project(q.Lon, q.Lat)
				if !onFrame(prev, q, b) {
					c.line(pp, qp, layer, erase)
				}
				prev, pp = q, qp
			}
		}
	}
}

// onFrame reports whether segment ab runs along one edge of b.
func onFrame(a, b LonLat, w Bounds) bool {
	return a.Lon == b.Lon && (a.Lon == w.West || a.Lon == w.East) ||
		a.Lat == b.Lat && (a.Lat == w.South || a.Lat == w.North)
}
