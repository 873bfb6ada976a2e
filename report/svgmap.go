package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"casia/geo"
	"casia/model"
)

// mapWidth is the map's width in SVG user units; its height follows from
// the projection (about 620).
const mapWidth = 800

// svgMap is the map's geometry, ready for the template: every number is
// already a string, so the template only places them.
type svgMap struct {
	W, H      string
	Countries []svgShape
	Labels    []svgText
	Routes    []svgRoute
	Capitals  []svgCapital
	Kinds     []model.ProjectKind // route kinds drawn, for the legend
	Source    string              // the outlines' provenance
	Desc      string
}

type svgShape struct {
	ID, Name, Class, D string
}

type svgText struct {
	X, Y, Text, Class, Anchor string
}

type svgRoute struct {
	Name, Kind, Points string
}

type svgCapital struct {
	Name, Country string
	X, Y          string
	Label         svgText
	Off           bool // east of the map (Beijing): drawn as an arrow at the edge
	Arrow         string
}

// neighbourLabelArea is the smallest bounding box, in square degrees, of a
// neighbour that gets a name on the map; smaller ones would crowd it.
const neighbourLabelArea = 20

// buildMap projects the Natural Earth outlines (the same as the
// dashboard's map, from casia/geo) with the covered states, their
// capitals and the routes of the covered projects.
func (b *Brief) buildMap() (*svgMap, error) {
	w, err := geo.Load()
	if err != nil {
		return nil, err
	}
	bd := w.Bounds
	p := geo.FitDots(bd, mapWidth, 4*mapWidth)
	tl, br := p.Frame()
	height := br.Y - tl.Y
	pt := func(lon, lat float64) (float64, float64) {
		q := p.Project(lon, lat)
		return q.X - tl.X, q.Y - tl.Y
	}
	m := &svgMap{W: num(br.X - tl.X), H: num(height), Source: w.Source}
	covered := map[string]bool{}
	for _, c := range b.States {
		covered[c.ID] = true
	}
	features := slices.Clone(w.Features)
	// Neighbours first, so the signatories' borders are drawn on top.
	slices.SortStableFunc(features, func(x, y geo.Feature) int {
		return boolInt(x.Signatory) - boolInt(y.Signatory)
	})
	for _, f := range features {
		class := "land"
		if f.Signatory {
			class = "sig"
			if b.Narrowed && covered[f.ID] {
				class = "sig sel"
			}
		}
		name := f.Name
		if c := b.ds.Country(f.ID); c != nil {
			name = c.Names.Common
		}
		m.Countries = append(m.Countries, svgShape{ID: f.ID, Name: name, Class: class, D: pathOf(f.Polygons, pt)})
		box := (f.Box.East - f.Box.West) * (f.Box.North - f.Box.South)
		if f.ID == "xs" || (!f.Signatory && box < neighbourLabelArea) {
			continue
		}
		x, y := pt(f.Label.Lon, f.Label.Lat)
		lc := "nlabel"
		if f.Signatory {
			lc = "slabel"
		}
		m.Labels = append(m.Labels, svgText{X: num(x), Y: num(y), Text: name, Class: lc, Anchor: "middle"})
	}
	for _, s := range w.Seas {
		x, y := pt(s.Label.Lon, s.Label.Lat)
		m.Labels = append(m.Labels, svgText{X: num(x), Y: num(y), Text: s.Name, Class: "sea", Anchor: "middle"})
	}
	kinds := map[model.ProjectKind]bool{}
	for _, g := range b.Projects.Groups {
		for _, r := range g.Rows {
			if len(r.Project.Route) < 2 {
				continue
			}
			var pts []string
			for _, pl := range r.Project.Route {
				x, y := pt(pl.Lon, pl.Lat)
				pts = append(pts, num(x)+","+num(y))
			}
			m.Routes = append(m.Routes, svgRoute{Name: r.Project.Name, Kind: string(r.Project.Kind), Points: strings.Join(pts, " ")})
			kinds[r.Project.Kind] = true
		}
	}
	for _, k := range Kinds {
		if kinds[k] {
			m.Kinds = append(m.Kinds, k)
		}
	}
	maxX := br.X - tl.X
	// Capital names go beside their dot where they hide no other label
	// or dot: right, left, above or below.
	var taken []box
	for _, l := range m.Labels {
		x, _ := strconv.ParseFloat(l.X, 64)
		y, _ := strconv.ParseFloat(l.Y, 64)
		taken = append(taken, textBox(x, y, l.Text, l.Class, l.Anchor))
	}
	for _, c := range b.States {
		if c.Capital != nil {
			x, y := pt(c.Capital.Lon, c.Capital.Lat)
			taken = append(taken, box{x - 4, y - 4, x + 4, y + 4})
		}
	}
	for _, c := range b.States {
		if c.Capital == nil {
			continue
		}
		x, y := pt(c.Capital.Lon, c.Capital.Lat)
		cp := svgCapital{Name: c.Capital.Name, Country: c.Names.Common}
		if bd.Contains(geo.LonLat{Lon: c.Capital.Lon, Lat: c.Capital.Lat}) {
			cp.X, cp.Y = num(x), num(y)
			cp.Label = placeLabel(x, y, c.Capital.Name, &taken)
		} else {
			// Off the map: an arrow on the nearest edge, pointing the way.
			cx, cy := math.Max(8, math.Min(maxX-8, x)), math.Max(8, math.Min(height-8, y))
			cp.Off = true
			cp.X, cp.Y = num(cx), num(cy)
			dir := 1.0
			if x < cx {
				dir = -1
			}
			cp.Arrow = fmt.Sprintf("M%s %s L%s %s L%s %s Z", num(cx+dir*6), num(cy), num(cx-dir*4), num(cy-5), num(cx-dir*4), num(cy+5))
			anchor, lx := "end", cx-10
			if dir < 0 {
				anchor, lx = "start", cx+10
			}
			cp.Label = svgText{X: num(lx), Y: num(cy + 4), Text: c.Capital.Name + fmt.Sprintf(" (%.1f°E, off the map)", c.Capital.Lon), Class: "caplabel", Anchor: anchor}
		}
		m.Capitals = append(m.Capitals, cp)
	}
	var desc []string
	for _, c := range b.States {
		s := c.Names.Common
		if c.Capital != nil {
			s += " (capital " + c.Capital.Name + ")"
		}
		desc = append(desc, s)
	}
	m.Desc = "The states: " + strings.Join(desc, ", ") + "."
	if len(m.Routes) > 0 {
		var rs []string
		for _, r := range m.Routes {
			rs = append(rs, r.Name)
		}
		m.Desc += " Project routes: " + strings.Join(rs, "; ") + "."
	}
	return m, nil
}

// box is a rectangle in SVG user units.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// textBox estimates the box of a label drawn at (x, y) (the baseline),
// from the sizes brief.css gives each class.
func textBox(x, y float64, text, class, anchor string) box {
	per, h := 6.2, 11.0
	switch class {
	case "slabel":
		per, h = 10.5, 13
	case "caplabel":
		per, h = 7.4, 12
	}
	w := float64(utf8.RuneCountInString(text)) * per
	switch anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - h + 2, x + w, y + 3}
}

// placeLabel puts a capital's name beside its dot at (x, y) where it
// overlaps nothing in taken (or, failing that, to the right), and adds
// its box to taken.
func placeLabel(x, y float64, name string, taken *[]box) svgText {
	cands := []svgText{
		{X: num(x + 6), Y: num(y + 4), Anchor: "start"},
		{X: num(x - 6), Y: num(y + 4), Anchor: "end"},
		{X: num(x), Y: num(y - 7), Anchor: "middle"},
		{X: num(x), Y: num(y + 16), Anchor: "middle"},
	}
	pick := cands[0]
	for _, c := range cands {
		cx, _ := strconv.ParseFloat(c.X, 64)
		cy, _ := strconv.ParseFloat(c.Y, 64)
		bx := textBox(cx, cy, name, "caplabel", c.Anchor)
		if !slices.ContainsFunc(*taken, bx.overlaps) {
			pick = c
			break
		}
	}
	px, _ := strconv.ParseFloat(pick.X, 64)
	py, _ := strconv.ParseFloat(pick.Y, 64)
	*taken = append(*taken, textBox(px, py, name, "caplabel", pick.Anchor))
	pick.Text, pick.Class = name, "caplabel"
	return pick
}

// pathOf is an SVG path of polygons (even-odd filled), one decimal per
// coordinate, with points that round to the previous one left out.
func pathOf(polys []geo.Polygon, pt func(lon, lat float64) (float64, float64)) string {
	var sb strings.Builder
	for _, poly := range polys {
		for _, ring := range poly {
			last := ""
			n := 0
			for _, q := range ring {
				x, y := pt(q.Lon, q.Lat)
				s := num(x) + " " + num(y)
				if s == last {
					continue
				}
				if n == 0 {
					sb.WriteByte('M')
				} else {
					sb.WriteByte(' ')
				}
				sb.WriteString(s)
				last = s
				n++
			}
			if n > 0 {
				sb.WriteByte('Z')
			}
		}
	}
	return sb.String()
}

// num prints a coordinate with one decimal and no "-0".
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
