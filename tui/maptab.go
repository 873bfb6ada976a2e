package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/geo"
	"casia/model"
)

// Map layers, lowest first: a cell shows its most important content.
const (
	layerNone uint8 = iota
	layerNeighbour
	layerSignatory
	layerFill
	layerRoute
	layerStop
	layerSelRoute
	layerCapital
	layerLabelDim
	layerLabel
	layerLabelSel
	numLayers
)

// mapTab draws Central Asia from Natural Earth outlines with the
// signatories, their capitals and the project routes of the dataset. The
// selection is a country or a project (v switches), moved with the arrow
// keys; enter opens it on its own tab.
type mapTab struct {
	c        *ctx
	world    *geo.World
	err      error
	w, h     int
	projects bool // selecting projects rather than countries
	blocks   bool // block glyphs instead of braille
	country  int  // index into ds.Countries
	project  int  // index into routed
	routed   []int
	canvas   geo.Canvas
	proj     geo.Projection
	zoom     int        // 0 shows the whole map; each step halves the window
	centre   geo.LonLat // the window's centre while zoomed
	drag     *tea.Mouse // where the left button went down, while it is held
	mapW     int
	mapH     int
	panelW   int
	cache    []string
	cacheKey string
}

func newMapTab(c *ctx) *mapTab {
	return &mapTab{c: c, blocks: c.opts.ASCII, routed: routedProjects(c.ds)}
}

type routedKey struct{}

// routedProjects are the projects with a route, found once per dataset and
// shared by its sessions (read-only).
func routedProjects(ds *model.Dataset) []int {
	return ds.Shared(routedKey{}, func() any {
		var routed []int
		for i := range ds.Projects {
			if len(ds.Projects[i].Route) > 0 {
				routed = append(routed, i)
			}
		}
		return routed
	}).([]int)
}

func (t *mapTab) invalidate()                 { t.cacheKey = "" }
func (t *mapTab) selected() (model.Ref, bool) { return t.ref() }

func (t *mapTab) ref() (model.Ref, bool) {
	if t.projects {
		if len(t.routed) == 0 {
			return model.Ref{}, false
		}
		return model.Ref{Kind: model.KindProject, Index: t.routed[t.project]}, true
	}
	if len(t.c.ds.Countries) == 0 {
		return model.Ref{}, false
	}
	return model.Ref{Kind: model.KindCountry, Index: t.country}, true
}

func (t *mapTab) selectRef(r model.Ref) bool {
	switch r.Kind {
	case model.KindCountry:
		if r.Index < len(t.c.ds.Countries) {
			t.projects, t.country = false, r.Index
			return true
		}
	case model.KindProject:
		for i, p := range t.routed {
			if p == r.Index {
				t.projects, t.project = true, i
				return true
			}
		}
	}
	return false
}

func (t *mapTab) setSize(w, h int) {
	t.w, t.h = w, h
	t.panelW = 0
	if w >= 100 {
		t.panelW = min(36, w/3)
	}
	t.mapW = max(w-t.panelW-boolInt(t.panelW > 0), 0)
	t.mapH = h
	if t.panelW == 0 {
		t.mapH = max(h-2, 0) // two legend lines below
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (t *mapTab) move(n int) {
	if t.projects {
		if k := len(t.routed); k > 0 {
			t.project = ((t.project+n)%k + k) % k
		}
		return
	}
	if k := len(t.c.ds.Countries); k > 0 {
		t.country = ((t.country+n)%k + k) % k
	}
}

// maxZoom is the deepest zoom: a window 1/16 of the map's width, about
// 4.6° of longitude, enough to read the Fergana Valley.
const maxZoom = 4

func (t *mapTab) update(msg tea.Msg) tea.Cmd {
	k := t.c.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if t.zoom > 0 {
			// Zoomed in, the arrow keys pan; j/k still choose.
			step := map[string][2]float64{"up": {0, 1}, "down": {0, -1}, "left": {-1, 0}, "right": {1, 0}}
			if d, ok := step[msg.String()]; ok {
				t.pan(d[0], d[1])
				return nil
			}
		}
		switch {
		case key.Matches(msg, k.ZoomIn):
			t.setZoom(t.zoom + 1)
		case key.Matches(msg, k.ZoomOut):
			t.setZoom(t.zoom - 1)
		case key.Matches(msg, k.ZoomReset):
			t.setZoom(0)
		case key.Matches(msg, k.Down), key.Matches(msg, k.Right):
			t.move(1)
		case key.Matches(msg, k.Up), key.Matches(msg, k.Left):
			t.move(-1)
		case key.Matches(msg, k.Top):
			t.move(-t.current())
		case key.Matches(msg, k.Bottom):
			t.move(t.count() - 1 - t.current())
		case key.Matches(msg, k.MapMode):
			t.projects = !t.projects && len(t.routed) > 0
		case key.Matches(msg, k.ASCII):
			t.blocks = !t.blocks
		case key.Matches(msg, k.Enter):
			if r, ok := t.ref(); ok {
				return navigate(r)
			}
		case key.Matches(msg, k.Back):
			return func() tea.Msg { return historyBackMsg{} }
		}
	case tea.MouseClickMsg:
		m := msg.Mouse()
		if m.Button == tea.MouseLeft && m.X < t.mapW && m.Y < t.mapH {
			t.clickAt(m.X, m.Y)
			t.drag = &m
		}
	case tea.MouseMotionMsg:
		m := msg.Mouse()
		if t.drag != nil && t.zoom > 0 && t.world != nil {
			// Drag the map under the pointer: the place grabbed follows it.
			from := t.proj.Unproject(geo.Point{X: float64(t.drag.X) * 2, Y: float64(t.drag.Y) * 4})
			to := t.proj.Unproject(geo.Point{X: float64(m.X) * 2, Y: float64(m.Y) * 4})
			t.centre.Lon += from.Lon - to.Lon
			t.centre.Lat += from.Lat - to.Lat
			t.clampCentre()
			t.drag = &m
		}
	case tea.MouseReleaseMsg:
		t.drag = nil
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			t.move(-1)
		} else {
			t.move(1)
		}
	}
	return nil
}

// setZoom zooms to level z (clamped), centring on the selection when
// zooming in from the whole map.
func (t *mapTab) setZoom(z int) {
	z = min(max(z, 0), maxZoom)
	if t.zoom == 0 && z > 0 {
		t.centre = t.focus()
	}
	t.zoom = z
	t.clampCentre()
}

// pan moves the window by a quarter of its size; dx and dy are -1, 0 or 1
// (east and north positive).
func (t *mapTab) pan(dx, dy float64) {
	b := t.window()
	t.centre.Lon += dx * (b.East - b.West) / 4
	t.centre.Lat += dy * (b.North - b.South) / 4
	t.clampCentre()
}

// full is the whole map's window.
func (t *mapTab) full() geo.Bounds {
	if t.world == nil {
		return geo.Bounds{}
	}
	return t.world.Bounds
}

// window is the part of the map on screen: all of it, or at zoom z a
// window 2^-z of its width and height around the centre.
func (t *mapTab) window() geo.Bounds {
	b := t.full()
	if t.zoom == 0 || !b.Valid() {
		return b
	}
	f := math.Ldexp(1, -t.zoom)
	w, h := (b.East-b.West)*f, (b.North-b.South)*f
	return geo.Bounds{West: t.centre.Lon - w/2, South: t.centre.Lat - h/2, East: t.centre.Lon + w/2, North: t.centre.Lat + h/2}
}

// clampCentre keeps the zoomed window inside the map.
func (t *mapTab) clampCentre() {
	b := t.full()
	if !b.Valid() {
		return
	}
	f := math.Ldexp(1, -t.zoom)
	hw, hh := (b.East-b.West)*f/2, (b.North-b.South)*f/2
	t.centre.Lon = min(max(t.centre.Lon, b.West+hw), b.East-hw)
	t.centre.Lat = min(max(t.centre.Lat, b.South+hh), b.North-hh)
}

// focus is where zooming in centres: the middle of the selected route, or
// the selected state's capital.
func (t *mapTab) focus() geo.LonLat {
	ds := t.c.ds
	if t.projects && len(t.routed) > 0 {
		r := ds.Projects[t.routed[t.project]].Route
		lo, hi := geo.LonLat{Lon: r[0].Lon, Lat: r[0].Lat}, geo.LonLat{Lon: r[0].Lon, Lat: r[0].Lat}
		for _, p := range r {
			lo.Lon, lo.Lat = min(lo.Lon, p.Lon), min(lo.Lat, p.Lat)
			hi.Lon, hi.Lat = max(hi.Lon, p.Lon), max(hi.Lat, p.Lat)
		}
		return geo.LonLat{Lon: (lo.Lon + hi.Lon) / 2, Lat: (lo.Lat + hi.Lat) / 2}
	}
	if t.country < len(ds.Countries) {
		if c := ds.Countries[t.country].Capital; c != nil {
			return geo.LonLat{Lon: c.Lon, Lat: c.Lat}
		}
	}
	b := t.full()
	return geo.LonLat{Lon: (b.West + b.East) / 2, Lat: (b.South + b.North) / 2}
}

func (t *mapTab) current() int {
	if t.projects {
		return t.project
	}
	return t.country
}

func (t *mapTab) count() int {
	if t.projects {
		return len(t.routed)
	}
	return len(t.c.ds.Countries)
}

// clickAt selects the signatory under a clicked cell.
func (t *mapTab) clickAt(col, row int) {
	if t.world == nil {
		return
	}
	p := t.proj.Unproject(geo.Point{X: float64(col)*2 + 1, Y: float64(row)*4 + 2})
	for i, c := range t.c.ds.Countries {
		if f, ok := t.world.Feature(c.ID); ok && featureContains(f, p) {
			t.projects, t.country = false, i
			return
		}
	}
}

// featureContains is an even-odd point-in-polygon test over all rings.
func featureContains(f *geo.Feature, p geo.LonLat) bool {
	in := false
	for _, poly := range f.Polygons {
		for _, ring := range poly {
			n := len(ring)
			for i, j := 0, n-1; i < n; j, i = i, i+1 {
				a, b := ring[i], ring[j]
				if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
					p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
					in = !in
				}
			}
		}
	}
	return in
}

// draw rasterises the map for the current size and selection; View reuses
// the result until one of them changes.
func (t *mapTab) draw() []string {
	if t.world == nil && t.err == nil {
		// Decoded on first sight of the map, not at start-up.
		t.world, t.err = geo.Load()
	}
	win := t.window()
	key := fmt.Sprint(t.mapW, t.mapH, t.projects, t.blocks, t.country, t.project, win)
	if key == t.cacheKey && t.cache != nil {
		return t.cache
	}
	t.cacheKey = key
	w, h := t.mapW, t.mapH
	t.canvas.Reset(w, h)
	if t.world == nil || w <= 0 || h <= 0 {
		t.cache = nil
		return nil
	}
	ds := t.c.ds
	t.proj = geo.Fit(win, w, h)
	selCountry := ""
	if !t.projects && t.country < len(ds.Countries) {
		selCountry = ds.Countries[t.country].ID
	}
	for i := range t.world.Features {
		f := &t.world.Features[i]
		if f.ID == selCountry {
			t.canvas.FillFeature(f, t.proj, layerFill)
		}
	}
	for i := range t.world.Features {
		f := &t.world.Features[i]
		layer := layerNeighbour
		if ds.Country(f.ID) != nil {
			layer = layerSignatory
		}
		t.canvas.StrokeFeature(f, t.proj, layer)
	}
	selProject := -1
	if t.projects && len(t.routed) > 0 {
		selProject = t.routed[t.project]
	}
	drawRoute := func(i int, layer uint8) {
		p := &ds.Projects[i]
		pts := make([]geo.Point, len(p.Route))
		for j, pl := range p.Route {
			pts[j] = t.proj.Project(pl.Lon, pl.Lat)
		}
		t.canvas.Polyline(pts, layer)
		for _, pt := range pts {
			t.canvas.Marker(pt, max(layer, layerStop))
		}
	}
	for _, i := range t.routed {
		if i != selProject {
			drawRoute(i, layerRoute)
		}
	}
	if selProject >= 0 {
		drawRoute(selProject, layerSelRoute)
	}
	// Labels, most important first, so they win the space: every capital
	// (next to its mark), the selected route's stops, the signatories'
	// names, then, if there is room, the neighbours and seas. A label that
	// fits nowhere whole is left out.
	for _, c := range ds.Countries {
		if c.Capital == nil {
			continue
		}
		pt := t.proj.Project(c.Capital.Lon, c.Capital.Lat)
		t.canvas.Marker(pt, layerCapital)
		t.canvas.LabelNear(pt, c.Capital.Name, layerLabel)
	}
	if selProject >= 0 {
		// Each stop is marked ◆ (a glyph, not only a colour) and named.
		for _, pl := range ds.Projects[selProject].Route {
			pt := t.proj.Project(pl.Lon, pl.Lat)
			col, row := geo.CellOf(pt)
			t.canvas.Label(col, row, "◆", layerLabelSel)
			t.canvas.LabelNear(pt, pl.Name, layerLabelSel)
		}
	}
	for i := range t.world.Features {
		f := &t.world.Features[i]
		if c := ds.Country(f.ID); c != nil {
			name, layer := strings.ToUpper(c.Names.Common), layerLabel
			if f.ID == selCountry {
				// Marked by glyphs as well as colour, for NO_COLOR.
				name, layer = "▶"+name+"◀", layerLabelSel
			}
			t.canvas.LabelAt(t.proj.Project(f.Label.Lon, f.Label.Lat), name, layer)
		}
	}
	if w >= 60 {
		for i := range t.world.Features {
			f := &t.world.Features[i]
			if ds.Country(f.ID) == nil && f.Box.East-f.Box.West > 4 {
				t.canvas.LabelAt(t.proj.Project(f.Label.Lon, f.Label.Lat), f.Name, layerLabelDim)
			}
		}
		for _, s := range t.world.Seas {
			t.canvas.LabelAt(t.proj.Project(s.Label.Lon, s.Label.Lat), s.Name, layerLabelDim)
		}
	}
	glyphs := geo.Braille
	if t.blocks {
		glyphs = geo.Blocks
	}
	styles := t.layerStyles()
	lines := make([]string, h)
	var spans []geo.Span
	for y := range h {
		spans = t.canvas.AppendSpans(spans[:0], y, glyphs)
		var b strings.Builder
		for _, s := range spans {
			if s.Layer == layerNone {
				b.WriteString(s.Text)
				continue
			}
			b.WriteString(styles[s.Layer].Render(s.Text))
		}
		lines[y] = fitLine(b.String(), w)
	}
	t.cache = lines
	return lines
}

func (t *mapTab) layerStyles() [numLayers]Ink {
	st := t.c.st
	var s [numLayers]Ink
	s[layerNeighbour] = st.Dim
	s[layerSignatory] = st.Text
	s[layerFill] = st.Title
	s[layerRoute] = st.Section
	s[layerStop] = st.Section
	s[layerSelRoute] = st.Alarm
	s[layerCapital] = st.Title
	s[layerLabelDim] = st.Dim
	s[layerLabel] = st.Emphasis
	s[layerLabelSel] = st.Highlight
	return s
}

func (t *mapTab) view() string {
	if t.w <= 0 || t.h <= 0 {
		return ""
	}
	mapLines := fitLines(t.draw(), t.mapW, t.mapH)
	if t.err != nil {
		lines := make([]string, t.h)
		lines[0] = " map outlines could not be loaded: " + t.err.Error()
		return block(lines, t.w, t.h)
	}
	if t.panelW > 0 {
		sep := make([]string, t.h)
		for i := range sep {
			sep[i] = t.c.st.Rule.Render("│")
		}
		return hjoin(t.h, mapLines, sep, t.panel(t.panelW, t.h))
	}
	lines := append(mapLines, t.legend(t.w)...)
	return block(lines, t.w, t.h)
}

// legend is the two-line key under the map on narrow terminals.
func (t *mapTab) legend(w int) []string {
	st := t.c.st
	name := ""
	if r, ok := t.ref(); ok {
		name = t.c.ds.Title(r)
	}
	mode := "countries"
	if t.projects {
		mode = "projects"
	}
	l1 := st.Title.Render("▶ "+name) + st.Dim.Render(fmt.Sprintf("  (%s %d/%d)", mode, t.current()+1, t.count()))
	l2 := st.Text.Render("━") + st.Dim.Render(" signatory border  ") +
		st.Dim.Render("━ neighbour  ") + st.Section.Render("─•") + st.Dim.Render(" route ") +
		st.Caveat.Render("◆") + st.Dim.Render(" selected  ") +
		st.Title.Render("•") + st.Dim.Render(" capital  +/- zoom")
	return []string{fitLine(l1, w), fitLine(l2, w)}
}

// panel is the side column on wide terminals: what is selected, the list
// to choose from and the legend.
func (t *mapTab) panel(w, h int) []string {
	st := t.c.st
	ds := t.c.ds
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	r, ok := t.ref()
	if ok {
		add(wrap(st.Title.Render(ds.Title(r)), w-1)...)
		switch rec := ds.Record(r).(type) {
		case *model.Country:
			if rec.Capital != nil {
				add(st.Label.Render("Capital ") + st.Text.Render(rec.Capital.Name))
			}
			if rec.Population != nil {
				add(st.Label.Render("People  ") + st.Text.Render(rec.Population.String()))
			}
			add(st.Label.Render("Projects ") + st.Text.Render(itoa(len(ds.ProjectsOf(rec.ID)))))
		case *model.Project:
			add(st.Label.Render("Status  ") + st.Text.Render(string(rec.Status)))
			if rec.Length != nil {
				add(st.Label.Render("Length  ") + st.Text.Render(rec.Length.String()))
			}
			names := make([]string, len(rec.Route))
			for i, p := range rec.Route {
				names[i] = p.Name
			}
			add(wrap(st.Dim.Render(strings.Join(names, " – ")), w-1)...)
		}
		add(st.Dim.Render("enter opens it"))
	}
	add("")
	if t.projects {
		add(st.Section.Render(fmt.Sprintf("Projects on the map (%d)", len(t.routed))))
		for i, p := range t.routed {
			add(t.item(ds.Projects[p].Name, i == t.project, w))
		}
	} else {
		add(st.Section.Render("Signatories"))
		for i, c := range ds.Countries {
			add(t.item(c.Names.Common, i == t.country, w))
		}
	}
	add("", st.Section.Render("Legend"),
		st.Title.Render("▒")+" selected country "+st.Highlight.Render("▶◀"),
		st.Text.Render("━")+" signatory border",
		st.Dim.Render("━")+" neighbour border",
		st.Section.Render("─•")+" project route and stops",
		st.Caveat.Render("─◆")+" selected route and stops",
		st.Title.Render("•")+" capital",
		st.Dim.Render("v countries/projects · a glyphs"),
		st.Dim.Render("+/- zoom · arrows/drag pan · 0 all"),
		st.Dim.Render("Outlines: Natural Earth (public"),
		st.Dim.Render("domain); places: GeoNames."))
	return fitLines(lines, w, h)
}

func (t *mapTab) item(name string, selected bool, w int) string {
	if selected {
		return t.c.st.RowSelected.Render(fitLine(Marker+" "+name, w))
	}
	return "  " + name
}

func (t *mapTab) help() []key.Binding {
	k := t.c.keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.ZoomIn, k.ZoomOut, k.ZoomReset, k.MapMode, k.ASCII}
}

func (t *mapTab) status() string {
	mode := "braille"
	if t.blocks {
		mode = "blocks"
	}
	what := "country"
	if t.projects {
		what = "project"
	}
	if t.zoom > 0 {
		mode = fmt.Sprintf("zoom ×%d · arrows pan · %s", 1<<t.zoom, mode)
	}
	return fmt.Sprintf("%s %d/%d · %s", what, t.current()+1, t.count(), mode)
}
