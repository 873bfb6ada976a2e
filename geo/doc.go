// Package geo draws casia's map of China and Central Asia on a terminal.
// It has no terminal or styling dependency: it decodes the embedded country
// outlines, projects them, and rasterises them onto a dot canvas that
// renders to braille (or block glyphs) with a per-cell layer the TUI turns
// into colours.
//
// # Outlines
//
// Load decodes data/outlines.json (embedded by casia/data) once and shares
// the read-only *World: the six signatories of the 2025 Astana treaty and
// every neighbour that reaches into the window 46–100°E, 24–56°N, clipped
// to it, with a label anchor per country and one for the Caspian Sea,
// which shows as the gap between its shore states. The file is generated
// from Natural Earth 1:50m (the world-atlas 2.0.2 npm package, public
// domain) by data/gen/outlines; regenerate it with
//
//	go generate ./data/...
//
// which downloads the package from the npm registry and verifies its
// published sha512 integrity (or run the generator with -in to use a local
// countries-50m.json). Running it twice gives identical bytes.
//
// # Projection
//
// Fit uses an equirectangular projection whose longitudes are scaled by
// the cosine of the window's middle latitude (40°N), so that distances
// near the centre of the map are true in both directions. A braille cell
// holds 2×4 dots and a terminal cell is about twice as tall as it is wide,
// so dots are about square and one scale serves both axes; the map is fitted
// into the canvas and centred, leaving margins on the sides that do not
// fill. At 80×24 the scale is 3 dots per degree of latitude. Project maps
// longitude/latitude to dots and Unproject maps back (for the mouse).
//
// # Canvas
//
// A Canvas holds W×H cells of 2×4 dots, a layer (priority) per cell and
// label text. It draws lines, polylines, ring outlines, even-odd filled
// polygons (holes and several pieces at once), markers and labels that
// never overlap; everything is clipped, and no size or coordinate —
// however large, infinite or NaN — makes it panic. Row and AppendSpans
// render one row at a time, as cells or as runs of equal layer. A Canvas
// is reused across frames and belongs to one goroutine; Worlds and
// Projections may be shared freely.
package geo
