package geo

import (
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"casia/data"
)

// LonLat is a geographic position in degrees (east and north positive).
type LonLat struct{ Lon, Lat float64 }

// Ring is a closed ring of positions; the closing point is implicit, so
// the last point is not a copy of the first.
type Ring []LonLat

// Polygon is one connected piece of a country: Polygon[0] is the exterior
// (counter-clockwise), the others are holes (clockwise). Fill uses the
// even-odd rule, so the orientation is informative only.
type Polygon []Ring

// Bounds is a longitude/latitude rectangle in degrees.
type Bounds struct{ West, South, East, North float64 }

// Valid reports whether b is finite and has positive width and height.
func (b Bounds) Valid() bool {
	return isFinite(b.West) && isFinite(b.South) && isFinite(b.East) && isFinite(b.North) &&
		b.West < b.East && b.South < b.North
}

// Contains reports whether p lies inside b or on its edge.
func (b Bounds) Contains(p LonLat) bool {
	return p.Lon >= b.West && p.Lon <= b.East && p.Lat >= b.South && p.Lat <= b.North
}

// Feature is one country's outline, clipped to the map window.
type Feature struct {
	ID        string    // ISO 3166-1 alpha-2, lowercase ("xs": Siachen Glacier, which has none)
	Name      string    // English short name
	Signatory bool      // one of the six signatories of the 2025 Astana treaty
	Polygons  []Polygon // largest first
	Label     LonLat    // where a name fits: inside the largest polygon, far from its edges
	Box       Bounds    // bounding box of all rings
}

// Sea is a named body of water that shows as a gap between countries
// (the Caspian), with an anchor for its label.
type Sea struct {
	Name  string
	Label LonLat
}

// World is the decoded map: every feature lies within Bounds.
// A World returned by Load is shared: treat it as read-only.
type World struct {
	Source   string    // provenance of the outlines
	Bounds   Bounds    // the clip window
	Features []Feature // sorted by ID
	Seas     []Sea
}

// Feature returns the feature with the given id, so callers can join the
// map with the dataset's country records.
func (w *World) Feature(id string) (*Feature, bool) {
	for i := range w.Features {
		if w.Features[i].ID == id {
			return &w.Features[i], true
		}
	}
	return nil, false
}

// load decodes the embedded outlines once; every caller shares the result.
var load = sync.OnceValues(func() (*World, error) {
	return Decode(data.Outlines())
})

// Load returns the embedded map outlines, decoded on first use and shared
// afterwards (the *World is read-only and safe for concurrent readers).
func Load() (*World, error) { return load() }

// fileWorld mirrors the JSON written by data/gen/outlines.
type fileWorld struct {
	Source string     `json:"source"`
	Bounds [4]float64 `json:"bounds"`
	Seas   []struct {
		Name  string     `json:"name"`
		Label [2]float64 `json:"label"`
	} `json:"seas"`
	Features []struct {
		ID        string        `json:"id"`
		Name      string        `json:"name"`
		Signatory bool          `json:"signatory"`
		Label     [2]float64    `json:"label"`
		Polygons  [][][]float64 `json:"polygons"`
	} `json:"features"`
}

// Decode parses outlines in the format of data/outlines.json and checks
// them (finite coordinates, rings of at least three points, unique ids),
// so a bad regeneration fails loudly instead of drawing garbage.
func Decode(b []byte) (*World, error) {
	var f fileWorld
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("geo: decode outlines: %w", err)
	}
	w := &World{
		Source: f.Source,
		Bounds: Bounds{f.Bounds[0], f.Bounds[1], f.Bounds[2], f.Bounds[3]},
	}
	if !w.Bounds.Valid() {
		return nil, fmt.Errorf("geo: decode outlines: invalid bounds %v", f.Bounds)
	}
	for _, s := range f.Seas {
		l := LonLat{s.Label[0], s.Label[1]}
		if !w.Bounds.Contains(l) {
			return nil, fmt.Errorf("geo: decode outlines: sea %q: label %v outside the bounds", s.Name, s.Label)
		}
		w.Seas = append(w.Seas, Sea{Name: s.Name, Label: l})
	}
	n := 0
	for _, ff := range f.Features {
		for _, p := range ff.Polygons {
			for _, r := range p {
				n += len(r) / 2
			}
		}
	}
	pool := make([]LonLat, 0, n) // one backing array for every ring
	seen := make(map[string]bool, len(f.Features))
	w.Features = make([]Feature, 0, len(f.Features))
	for _, ff := range f.Features {
		if ff.ID == "" || seen[ff.ID] {
			return nil, fmt.Errorf("geo: decode outlines: empty or duplicate feature id %q", ff.ID)
		}
		seen[ff.ID] = true
		ft := Feature{
			ID: ff.ID, Name: ff.Name, Signatory: ff.Signatory,
			Label: LonLat{ff.Label[0], ff.Label[1]},
			Box:   Bounds{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)},
		}
		if !w.Bounds.Contains(ft.Label) {
			return nil, fmt.Errorf("geo: decode outlines: feature %q: label %v outside the bounds", ff.ID, ff.Label)
		}
		for pi, p := range ff.Polygons {
			poly := make(Polygon, 0, len(p))
			for ri, r := range p {
				if len(r)%2 != 0 || len(r) < 6 {
					return nil, fmt.Errorf("geo: decode outlines: feature %q polygon %d ring %d: %d numbers, want an even count of at least 6", ff.ID, pi, ri, len(r))
				}
				start := len(pool)
				for k := 0; k < len(r); k += 2 {
					q := LonLat{r[k], r[k+1]}
					if !isFinite(q.Lon) || !isFinite(q.Lat) {
						return nil, fmt.Errorf("geo: decode outlines: feature %q polygon %d ring %d: non-finite coordinate", ff.ID, pi, ri)
					}
					ft.Box.West = min(ft.Box.West, q.Lon)
					ft.Box.East = max(ft.Box.East, q.Lon)
					ft.Box.South = min(ft.Box.South, q.Lat)
					ft.Box.North = max(ft.Box.North, q.Lat)
					pool = append(pool, q)
				}
				poly = append(poly, Ring(pool[start:len(pool):len(pool)]))
			}
			if len(poly) > 0 {
				ft.Polygons = append(ft.Polygons, poly)
			}
		}
		if len(ft.Polygons) == 0 {
			return nil, fmt.Errorf("geo: decode outlines: feature %q has no polygons", ff.ID)
		}
		w.Features = append(w.Features, ft)
	}
	return w, nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
