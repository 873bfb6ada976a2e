package main

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// options parameterise the pipeline so that tests can run it on a small
// fixture with their own window and tables.
type options struct {
	Object    string    // TopoJSON object holding the countries
	Window    rect      // clip window in degrees
	Tolerance float64   // Douglas–Peucker tolerance in (cos-scaled) degrees
	MinArea   float64   // rings smaller than this (cos-scaled degrees²) are dropped
	Decimals  int       // output precision
	Countries []country // features to keep
	Seas      []sea     // names for holes in the union of the features
	Source    string    // provenance recorded in the output
}

// country selects one TopoJSON geometry by its id (or, for geometries
// without one, its name) and says how to label it.
type country struct {
	Match     string // TopoJSON id, or name when the geometry has no id
	ID        string // ISO 3166-1 alpha-2, lowercase
	Name      string // English short name
	Signatory bool   // signed the 2025 Astana treaty
}

// sea names a hole in the union of the selected features by its shores:
// the hole is labelled only when the countries bordering it are exactly
// Shores, so a name is never attached to a gap it does not describe.
type sea struct {
	Name   string
	Shores []string // sorted ISO ids
}

// outFeature is one generated country outline.
type outFeature struct {
	country
	Polygons [][][]pt // polygons → rings (exterior first, then holes) → points
	Label    pt
}

// outSea is a generated label anchor for an enclosed sea.
type outSea struct {
	Name  string
	Label pt
}

// generate runs the whole pipeline on a TopoJSON document and returns the
// encoded outlines plus human-readable notes (skipped features and the
// like) for the caller to print.
func generate(topo []byte, o options) ([]byte, []string, error) {
	t, err := parseTopology(topo)
	if err != nil {
		return nil, nil, err
	}
	geoms, err := t.object(o.Object)
	if err != nil {
		return nil, nil, err
	}
	kx := math.Cos((o.Window.South + o.Window.North) / 2 * math.Pi / 180)

	byMatch := make(map[string]country, len(o.Countries))
	for _, c := range o.Countries {
		byMatch[c.Match] = c
	}
	type selected struct {
		country
		polys []topoPolygon
	}
	var sel []selected
	var notes []string
	seen := map[string]bool{}
	for _, g := range geoms {
		key := g.id()
		if key == "" {
			key = g.name()
		}
		polys, err := g.polygons()
		if err != nil {
			return nil, nil, err
		}
		c, ok := byMatch[key]
		if !ok {
			if intersectsWindow(t, polys, o.Window) {
				notes = append(notes, fmt.Sprintf("not selected but inside the window: %s %q", key, g.name()))
			}
			continue
		}
		if seen[key] {
			return nil, nil, fmt.Errorf("geometry %q appears twice", key)
		}
		seen[key] = true
		sel = append(sel, selected{c, polys})
	}
	for _, c := range o.Countries {
		if !seen[c.Match] {
			return nil, nil, fmt.Errorf("country %s (%s) not found in object %q", c.ID, c.Match, o.Object)
		}
	}

	// Simplify each shared arc once, so neighbours keep identical borders.
	simplified := make(map[int][]pt)
	for _, s := range sel {
		for _, p := range s.polys {
			for _, ring := range p {
				for _, ref := range ring {
					i := arcIndex(ref)
					if _, done := simplified[i]; done || i >= len(t.decoded) {
						continue
					}
					simplified[i] = simplifyDP(t.decoded[i], o.Tolerance, kx)
				}
			}
		}
	}
	simple := &topology{decoded: make([][]pt, len(t.decoded))}
	for i, a := range simplified {
		simple.decoded[i] = a
	}

	var feats []outFeature
	for _, s := range sel {
		f := outFeature{country: s.country}
		for _, p := range s.polys {
			rings, err := simple.rings(p)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", s.ID, err)
			}
			var poly [][]pt
			for ri, r := range rings {
				if len(r) > 1 && r[0] == r[len(r)-1] {
					r = r[:len(r)-1]
				}
				if !o.Window.intersects(r) {
					r = nil
				} else {
					r = cleanRing(clipRing(r, o.Window), o.Window, o.Decimals)
				}
				if r == nil || math.Abs(area(r, kx)) < o.MinArea {
					if ri == 0 {
						break // exterior gone: so are its holes
					}
					continue
				}
				// Exterior counter-clockwise, holes clockwise.
				if (area(r, 1) > 0) != (ri == 0) {
					slices.Reverse(r)
				}
				poly = append(poly, r)
			}
			if len(poly) > 0 {
				f.Polygons = append(f.Polygons, poly)
			}
		}
		if len(f.Polygons) == 0 {
			notes = append(notes, fmt.Sprintf("%s (%s) has nothing left inside the window; skipped", s.ID, s.Name))
			continue
		}
		slices.SortStableFunc(f.Polygons, func(a, b [][]pt) int {
			return -cmpFloat(polyArea(a, kx), polyArea(b, kx))
		})
		l := poleOfInaccessibility(f.Polygons[0], 0.01, kx)
		f.Label = pt{round(l.X, o.Decimals), round(l.Y, o.Decimals)}
		feats = append(feats, f)
	}
	slices.SortFunc(feats, func(a, b outFeature) int { return strings.Compare(a.ID, b.ID) })

	var owners []ownedPolys
	for _, s := range sel {
		owners = append(owners, ownedPolys{s.ID, s.polys})
	}
	seas, err := findSeas(t, owners, o, kx)
	if err != nil {
		return nil, nil, err
	}
	return encode(o, feats, seas), notes, nil
}

// arcIndex strips the reversal marker from a TopoJSON arc reference.
func arcIndex(ref int) int {
	if ref < 0 {
		return ^ref
	}
	return ref
}

// intersectsWindow reports whether any exterior ring's bounding box meets w.
func intersectsWindow(t *topology, polys []topoPolygon, w rect) bool {
	for _, p := range polys {
		rings, err := t.rings(p)
		if err == nil && len(rings) > 0 && w.intersects(rings[0]) {
			return true
		}
	}
	return false
}

// polyArea is the exterior area minus the holes' areas.
func polyArea(p [][]pt, kx float64) float64 {
	a := 0.0
	for i, r := range p {
		if i == 0 {
			a += math.Abs(area(r, kx))
		} else {
			a -= math.Abs(area(r, kx))
		}
	}
	return a
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ownedPolys pairs a feature id with its polygons as arc references.
type ownedPolys struct {
	id    string
	polys []topoPolygon
}

// findSeas finds the holes in the union of the selected features (rings
// of arcs used by exactly one feature, oriented against the exteriors),
// names the ones listed in o.Seas by their shores, and anchors each label
// at the hole's pole of inaccessibility.
func findSeas(t *topology, feats []ownedPolys, o options, kx float64) ([]outSea, error) {
	if len(o.Seas) == 0 {
		return nil, nil
	}
	type use struct {
		ref   int
		owner string
	}
	count := map[int]int{}
	uses := map[int]use{}
	outerSign, outerArea := 0.0, 0.0
	for _, f := range feats {
		for _, p := range f.polys {
			for ri, ring := range p {
				for _, ref := range ring {
					i := arcIndex(ref)
					count[i]++
					uses[i] = use{ref, f.id}
				}
				if ri != 0 {
					continue
				}
				rings, err := t.rings(topoPolygon{ring})
				if err != nil {
					return nil, fmt.Errorf("%s: %w", f.id, err)
				}
				if a := area(rings[0], 1); math.Abs(a) > outerArea {
					outerArea, outerSign = math.Abs(a), math.Copysign(1, a)
				}
			}
		}
	}
	var boundary []int
	for i, n := range count {
		if n == 1 {
			boundary = append(boundary, i)
		}
	}
	slices.Sort(boundary)
	starts := map[pt][]int{}
	for _, i := range boundary {
		a, err := t.arc(uses[i].ref)
		if err != nil || len(a) == 0 {
			continue
		}
		starts[a[0]] = append(starts[a[0]], i)
	}
	used := map[int]bool{}
	best := map[string]outSea{}
	bestArea := map[string]float64{}
	for _, b := range boundary {
		if used[b] {
			continue
		}
		var ring []pt
		shores := map[string]bool{}
		cur, closed := b, false
		for !used[cur] {
			used[cur] = true
			a, err := t.arc(uses[cur].ref)
			if err != nil || len(a) == 0 {
				break
			}
			shores[uses[cur].owner] = true
			if len(ring) > 0 {
				a = a[1:]
			}
			ring = append(ring, a...)
			end := ring[len(ring)-1]
			if end == ring[0] {
				closed = true
				break
			}
			next := -1
			for _, c := range starts[end] {
				if !used[c] {
					next = c
					break
				}
			}
			if next < 0 {
				break
			}
			cur = next
		}
		if !closed || len(ring) < 4 {
			continue
		}
		a := area(ring, 1)
		if a == 0 || math.Copysign(1, a) == outerSign {
			continue // an outer boundary, not a hole
		}
		ids := make([]string, 0, len(shores))
		for id := range shores {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, s := range o.Seas {
			if !slices.Equal(ids, s.Shores) || math.Abs(a) <= bestArea[s.Name] {
				continue
			}
			l := poleOfInaccessibility([][]pt{ring[:len(ring)-1]}, 0.01, kx)
			l = pt{round(l.X, o.Decimals), round(l.Y, o.Decimals)}
			if !o.Window.contains(l) {
				continue
			}
			best[s.Name], bestArea[s.Name] = outSea{s.Name, l}, math.Abs(a)
		}
	}
	var seas []outSea
	for _, s := range o.Seas {
		if v, ok := best[s.Name]; ok {
			seas = append(seas, v)
		}
	}
	return seas, nil
}

// encode writes the outlines as compact, deterministic JSON: one feature
// per line, rings as flat [lon,lat,lon,lat,…] arrays with fixed precision.
func encode(o options, feats []outFeature, seas []outSea) []byte {
	var b bytes.Buffer
	num := func(v float64) {
		b.WriteString(strconv.FormatFloat(round(v, o.Decimals), 'f', -1, 64))
	}
	str := func(s string) { b.WriteString(strconv.Quote(s)) }
	point := func(p pt) {
		b.WriteByte('[')
		num(p.X)
		b.WriteByte(',')
		num(p.Y)
		b.WriteByte(']')
	}
	b.WriteString(`{"source":`)
	str(o.Source)
	b.WriteString(`,"bounds":[`)
	num(o.Window.West)
	b.WriteByte(',')
	num(o.Window.South)
	b.WriteByte(',')
	num(o.Window.East)
	b.WriteByte(',')
	num(o.Window.North)
	b.WriteString("],\n\"seas\":[")
	for i, s := range seas {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":`)
		str(s.Name)
		b.WriteString(`,"label":`)
		point(s.Label)
		b.WriteByte('}')
	}
	b.WriteString("],\n\"features\":[")
	for i, f := range feats {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"id\":")
		str(f.ID)
		b.WriteString(`,"name":`)
		str(f.Name)
		b.WriteString(`,"signatory":`)
		b.WriteString(strconv.FormatBool(f.Signatory))
		b.WriteString(`,"label":`)
		point(f.Label)
		b.WriteString(`,"polygons":[`)
		for pi, p := range f.Polygons {
			if pi > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			for ri, r := range p {
				if ri > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				for k, q := range r {
					if k > 0 {
						b.WriteByte(',')
					}
					num(q.X)
					b.WriteByte(',')
					num(q.Y)
				}
				b.WriteByte(']')
			}
			b.WriteByte(']')
		}
		b.WriteString("]}")
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}
