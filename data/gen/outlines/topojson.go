package main

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// topology is the subset of a TopoJSON document the generator needs.
type topology struct {
	Type      string                  `json:"type"`
	Transform *transform              `json:"transform"`
	Objects   map[string]*geometryObj `json:"objects"`
	Arcs      [][][]float64           `json:"arcs"`

	decoded [][]pt // absolute arc coordinates, filled by decodeArcs
}

// transform undoes TopoJSON quantisation: x = q*scale + translate.
type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// geometryObj is one TopoJSON geometry object; Arcs is decoded according to Type.
type geometryObj struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties map[string]any  `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []*geometryObj  `json:"geometries"`
}

// pt is a planar point in degrees (X = longitude, Y = latitude).
type pt struct{ X, Y float64 }

// topoPolygon is a polygon as TopoJSON arc references: ring 0 is the
// exterior, the others are holes; ~i (negative) means arc i reversed.
type topoPolygon [][]int

// parseTopology decodes a TopoJSON document and delta-decodes its arcs.
func parseTopology(b []byte) (*topology, error) {
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type is %q, want \"Topology\"", t.Type)
	}
	if err := t.decodeArcs(); err != nil {
		return nil, err
	}
	return &t, nil
}

// decodeArcs turns the (possibly quantised, delta-encoded) arcs into
// absolute coordinates.
func (t *topology) decodeArcs() error {
	t.decoded = make([][]pt, len(t.Arcs))
	for i, arc := range t.Arcs {
		out := make([]pt, 0, len(arc))
		var qx, qy float64
		for j, p := range arc {
			if len(p) < 2 {
				return fmt.Errorf("topojson: arc %d position %d has %d coordinates", i, j, len(p))
			}
			if t.Transform == nil {
				out = append(out, pt{p[0], p[1]})
				continue
			}
			qx += p[0]
			qy += p[1]
			out = append(out, pt{
				qx*t.Transform.Scale[0] + t.Transform.Translate[0],
				qy*t.Transform.Scale[1] + t.Transform.Translate[1],
			})
		}
		t.decoded[i] = out
	}
	return nil
}

// arc returns the decoded arc for a TopoJSON reference, reversed (as a new
// slice) when ref is negative.
func (t *topology) arc(ref int) ([]pt, error) {
	i, rev := ref, false
	if ref < 0 {
		i, rev = ^ref, true
	}
	if i >= len(t.decoded) {
		return nil, fmt.Errorf("topojson: arc index %d out of range (%d arcs)", ref, len(t.decoded))
	}
	a := t.decoded[i]
	if !rev {
		return a, nil
	}
	r := make([]pt, len(a))
	for k := range a {
		r[k] = a[len(a)-1-k]
	}
	return r, nil
}

// stitch joins the arcs of one ring into a closed coordinate ring (first
// point repeated at the end), dropping the duplicated joint points.
func stitch(arcs [][]pt) []pt {
	var ring []pt
	for k, a := range arcs {
		if k > 0 && len(a) > 0 {
			a = a[1:]
		}
		ring = append(ring, a...)
	}
	return ring
}

// polygons returns the geometry's polygons as arc references. Geometries
// other than Polygon and MultiPolygon (points, lines, null) have none.
func (g *geometryObj) polygons() ([]topoPolygon, error) {
	switch g.Type {
	case "Polygon":
		var p topoPolygon
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("topojson: polygon %s: %w", g.id(), err)
		}
		return []topoPolygon{p}, nil
	case "MultiPolygon":
		var mp []topoPolygon
		if err := json.Unmarshal(g.Arcs, &mp); err != nil {
			return nil, fmt.Errorf("topojson: multipolygon %s: %w", g.id(), err)
		}
		return mp, nil
	}
	return nil, nil
}

// id returns the geometry id as a string (TopoJSON allows strings or numbers).
func (g *geometryObj) id() string {
	if len(g.ID) == 0 || string(g.ID) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(g.ID, &s); err == nil {
		return s
	}
	var n json.Number
	if err := json.Unmarshal(g.ID, &n); err == nil {
		return n.String()
	}
	return string(g.ID)
}

// name returns the "name" property, or "".
func (g *geometryObj) name() string {
	if s, ok := g.Properties["name"].(string); ok {
		return s
	}
	return ""
}

// flatten returns the leaf geometries of a GeometryCollection (or g itself).
func (g *geometryObj) flatten() []*geometryObj {
	if g.Type != "GeometryCollection" {
		return []*geometryObj{g}
	}
	var out []*geometryObj
	for _, c := range g.Geometries {
		if c != nil {
			out = append(out, c.flatten()...)
		}
	}
	return out
}

// rings resolves a polygon's arc references into closed coordinate rings.
func (t *topology) rings(p topoPolygon) ([][]pt, error) {
	out := make([][]pt, 0, len(p))
	for ri, refs := range p {
		arcs := make([][]pt, 0, len(refs))
		for _, ref := range refs {
			a, err := t.arc(ref)
			if err != nil {
				return nil, fmt.Errorf("ring %d: %w", ri, err)
			}
			arcs = append(arcs, a)
		}
		out = append(out, stitch(arcs))
	}
	return out, nil
}

// object returns the named top-level object's leaf geometries.
func (t *topology) object(name string) ([]*geometryObj, error) {
	o, ok := t.Objects[name]
	if !ok || o == nil {
		return nil, fmt.Errorf("topojson: object %s not found", strconv.Quote(name))
	}
	return o.flatten(), nil
}
