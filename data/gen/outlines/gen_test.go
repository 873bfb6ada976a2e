package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/fixture.golden.json")

// fixtureOptions selects the fixture's countries in a 0–10° window.
func fixtureOptions() options {
	return options{
		Object:    "countries",
		Window:    rect{0, 0, 10, 10},
		Tolerance: 0.05,
		MinArea:   0.001,
		Decimals:  3,
		Source:    "fixture",
		Countries: []country{
			{"001", "aa", "Aland", true},
			{"002", "bb", "Bland", false},
			{"3", "cc", "Cland", false},
			{"Nameless", "dd", "Nameless", false},
		},
		Seas: []sea{{"Test Lake", []string{"aa", "bb"}}, {"No Such Sea", []string{"aa", "cc"}}},
	}
}

// decoded mirrors the output format for assertions.
type decoded struct {
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

func readFixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixture.topojson"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGenerateFixture(t *testing.T) {
	src := readFixture(t)
	out, notes, err := generate(src, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}

	// Deterministic: a second run gives identical bytes.
	again, _, err := generate(src, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Fatal("two runs gave different output")
	}

	golden := filepath.Join("testdata", "fixture.golden.json")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", golden, out)
	}

	wantNotes := []string{
		`not selected but inside the window: 004 "Eland"`,
		`cc (Cland) has nothing left inside the window; skipped`,
	}
	if !slices.Equal(notes, wantNotes) {
		t.Errorf("notes = %q, want %q", notes, wantNotes)
	}

	var d decoded
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("output is not valid JSON: %v", err)
	}
	if d.Bounds != [4]float64{0, 0, 10, 10} {
		t.Errorf("bounds = %v", d.Bounds)
	}
	var ids []string
	for _, f := range d.Features {
		ids = append(ids, f.ID)
	}
	if !slices.Equal(ids, []string{"aa", "bb", "dd"}) {
		t.Fatalf("ids = %v, want [aa bb dd]", ids)
	}
	a, b, dd := d.Features[0], d.Features[1], d.Features[2]
	if !a.Signatory || b.Signatory {
		t.Error("signatory flags not carried over")
	}

	// Clipping: every point inside the window; B is cut at x = 10.
	maxX := 0.0
	for _, f := range d.Features {
		for _, p := range f.Polygons {
			for _, r := range p {
				for k := 0; k < len(r); k += 2 {
					if r[k] < 0 || r[k] > 10 || r[k+1] < 0 || r[k+1] > 10 {
						t.Errorf("%s: point (%v, %v) outside the window", f.ID, r[k], r[k+1])
					}
					if f.ID == "bb" {
						maxX = max(maxX, r[k])
					}
				}
			}
		}
	}
	if maxX != 10 {
		t.Errorf("bb reaches x = %v, want 10 (clipped)", maxX)
	}

	// Simplification: A's noisy west coast (±0.001°) collapses; the hole
	// survives as a hole.
	if len(a.Polygons) != 1 || len(a.Polygons[0]) != 2 {
		t.Fatalf("aa: want 1 polygon with exterior and hole, got %v", a.Polygons)
	}
	ext := a.Polygons[0][0]
	for k := 0; k < len(ext); k += 2 {
		if x := ext[k]; x > 0.99 && x < 1.01 && x != 1 {
			t.Errorf("aa: noise vertex x=%v survived simplification", x)
		}
	}
	if n := len(ext) / 2; n != 8 {
		t.Errorf("aa exterior has %d points, want 8: %v", n, ext)
	}
	if len(a.Polygons[0][1]) != 8 {
		t.Errorf("aa hole = %v, want 4 points", a.Polygons[0][1])
	}
	// Orientation: exterior counter-clockwise, hole clockwise.
	if ringArea(ext) <= 0 || ringArea(a.Polygons[0][1]) >= 0 {
		t.Error("aa: ring orientation not normalised")
	}

	// The speck of "Nameless" is dropped, the triangle kept.
	if len(dd.Polygons) != 1 || len(dd.Polygons[0][0]) != 6 {
		t.Errorf("dd polygons = %v, want one triangle", dd.Polygons)
	}

	// Labels sit inside their polygons.
	for _, f := range d.Features {
		if !inside(f.Label, f.Polygons[0]) {
			t.Errorf("%s: label %v not inside its largest polygon", f.ID, f.Label)
		}
	}

	// The lake between A and B is found from the topology and anchored
	// inside it; the sea whose shores do not match is not emitted.
	if len(d.Seas) != 1 || d.Seas[0].Name != "Test Lake" {
		t.Fatalf("seas = %+v, want only Test Lake", d.Seas)
	}
	if l := d.Seas[0].Label; l[0] <= 4 || l[0] >= 6 || l[1] <= 4 || l[1] >= 6 {
		t.Errorf("lake label %v not inside the lake (4–6, 4–6)", l)
	}
}

func ringArea(r []float64) float64 {
	s := 0.0
	n := len(r) / 2
	for i := range n {
		j := (i + 1) % n
		s += r[2*i]*r[2*j+1] - r[2*j]*r[2*i+1]
	}
	return s / 2
}

func inside(p [2]float64, rings [][]float64) bool {
	in := false
	for _, r := range rings {
		n := len(r) / 2
		for i := range n {
			j := (i + n - 1) % n
			xi, yi, xj, yj := r[2*i], r[2*i+1], r[2*j], r[2*j+1]
			if (yi > p[1]) != (yj > p[1]) && p[0] < (xj-xi)*(p[1]-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

func TestGenerateErrors(t *testing.T) {
	src := readFixture(t)
	o := fixtureOptions()
	o.Countries = append(o.Countries, country{"999", "zz", "Missing", false})
	if _, _, err := generate(src, o); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Errorf("missing country: err = %v", err)
	}
	o = fixtureOptions()
	o.Object = "land"
	if _, _, err := generate(src, o); err == nil {
		t.Error("missing object: no error")
	}
	for _, bad := range []string{``, `{}`, `{"type":"Topology","arcs":[[[1]]]}`, `{"type":"Topology","objects":{"countries":{"type":"Polygon","arcs":[[7]]}},"arcs":[]}`} {
		if _, _, err := generate([]byte(bad), fixtureOptions()); err == nil {
			t.Errorf("generate(%q): no error", bad)
		}
	}
}

func TestDecodeArcs(t *testing.T) {
	// Quantised and delta-encoded, with a reversed reference.
	src := `{"type":"Topology","transform":{"scale":[0.5,2],"translate":[10,20]},
	"objects":{"o":{"type":"GeometryCollection","geometries":[
	 {"type":"Polygon","id":7,"arcs":[[0,-2]]}]}},
	"arcs":[[[0,0],[2,0],[0,1]],[[0,0],[2,1]]]}`
	topo, err := parseTopology([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want0 := []pt{{10, 20}, {11, 20}, {11, 22}}
	if !slices.Equal(topo.decoded[0], want0) {
		t.Errorf("arc 0 = %v, want %v", topo.decoded[0], want0)
	}
	geoms, err := topo.object("o")
	if err != nil {
		t.Fatal(err)
	}
	if len(geoms) != 1 || geoms[0].id() != "7" {
		t.Fatalf("geometries = %+v", geoms)
	}
	polys, err := geoms[0].polygons()
	if err != nil {
		t.Fatal(err)
	}
	rings, err := topo.rings(polys[0])
	if err != nil {
		t.Fatal(err)
	}
	// Arc 1 is (10,20)→(11,22); reversed it closes the ring.
	want := []pt{{10, 20}, {11, 20}, {11, 22}, {10, 20}}
	if !slices.Equal(rings[0], want) {
		t.Errorf("ring = %v, want %v", rings[0], want)
	}
	if _, err := topo.rings(topoPolygon{{5}}); err == nil {
		t.Error("out-of-range arc: no error")
	}

	// Without a transform, arcs are absolute.
	abs, err := parseTopology([]byte(`{"type":"Topology","objects":{},"arcs":[[[1.5,2.5],[3,4]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(abs.decoded[0], []pt{{1.5, 2.5}, {3, 4}}) {
		t.Errorf("absolute arc = %v", abs.decoded[0])
	}
}

func TestSimplifyDP(t *testing.T) {
	line := []pt{{0, 0}, {1, 0.01}, {2, -0.01}, {3, 5}, {4, 0}}
	got := simplifyDP(line, 0.1, 1)
	want := []pt{{0, 0}, {2, -0.01}, {3, 5}, {4, 0}}
	if !slices.Equal(got, want) {
		t.Errorf("simplifyDP = %v, want %v", got, want)
	}
	// A closed arc keeps its shape and its closure.
	sq := []pt{{0, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 1}, {0, 0}}
	got = simplifyDP(sq, 0.1, 1)
	want = []pt{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}
	if !slices.Equal(got, want) {
		t.Errorf("closed simplifyDP = %v, want %v", got, want)
	}
	// kx stretches x before measuring: at kx = 0.1 the bump is within tolerance.
	if got := simplifyDP([]pt{{0, 0}, {1, 0}, {2, 0}}, 0.5, 0.1); len(got) != 2 {
		t.Errorf("collinear = %v", got)
	}
	if got := simplifyDP([]pt{{0, 0}, {0.5, 0}, {0.5, 1}}, 0.3, 1); len(got) != 3 {
		t.Errorf("corner dropped: %v", got)
	}
}

func TestClipRing(t *testing.T) {
	w := rect{0, 0, 10, 10}
	// A square straddling the east edge.
	got := cleanRing(clipRing([]pt{{5, 2}, {15, 2}, {15, 8}, {5, 8}}, w), w, 3)
	want := []pt{{5, 2}, {10, 2}, {10, 8}, {5, 8}}
	if !slices.Equal(got, want) {
		t.Errorf("clip = %v, want %v", got, want)
	}
	// Entirely outside.
	if got := clipRing([]pt{{20, 20}, {30, 20}, {30, 30}}, w); len(got) != 0 {
		t.Errorf("outside = %v", got)
	}
	// A U that leaves and re-enters through the top: the runs along the
	// edge collapse to the corners of the window edge.
	u := []pt{{1, 1}, {9, 1}, {9, 20}, {7, 20}, {7, 5}, {3, 5}, {3, 20}, {1, 20}}
	got = cleanRing(clipRing(u, w), w, 3)
	for _, p := range got {
		if !w.contains(p) {
			t.Errorf("point %v outside", p)
		}
	}
	if a := area(got, 1); math.Abs(a-(8*9-4*5)) > 1e-9 {
		t.Errorf("clipped U area = %v, want 52", a)
	}
	// Degenerate input.
	if got := cleanRing([]pt{{1, 1}, {1, 1}, {1, 1}}, w, 3); got != nil {
		t.Errorf("degenerate = %v", got)
	}
}

func TestPoleOfInaccessibility(t *testing.T) {
	sq := [][]pt{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}
	p := poleOfInaccessibility(sq, 0.001, 1)
	if math.Abs(p.X-2) > 0.01 || math.Abs(p.Y-2) > 0.01 {
		t.Errorf("square pole = %v, want (2, 2)", p)
	}
	// An L shape: the pole is inside, not at the (outside) centroid.
	l := [][]pt{{{0, 0}, {10, 0}, {10, 1}, {1, 1}, {1, 10}, {0, 10}}}
	p = poleOfInaccessibility(l, 0.001, 1)
	if signedDist(p, l) <= 0 {
		t.Errorf("L pole %v outside", p)
	}
	if p := poleOfInaccessibility([][]pt{{{1, 1}, {1, 1}, {1, 1}}}, 0.01, 1); p != (pt{1, 1}) {
		t.Errorf("degenerate pole = %v", p)
	}
}

func TestExtract(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range map[string]string{"package/README.md": "hi", tarballMember: `{"type":"Topology"}`} {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha512.Sum512(buf.Bytes())
	integrity := "sha512-" + base64.StdEncoding.EncodeToString(sum[:])

	got, err := extract(buf.Bytes(), integrity, tarballMember)
	if err != nil || string(got) != `{"type":"Topology"}` {
		t.Errorf("extract = %q, %v", got, err)
	}
	if _, err := extract(buf.Bytes(), tarballIntegrity, tarballMember); err == nil || !strings.Contains(err.Error(), "integrity") {
		t.Errorf("wrong integrity: err = %v", err)
	}
	if _, err := extract(buf.Bytes(), integrity, "package/nope.json"); err == nil {
		t.Error("missing member: no error")
	}
}

func TestRunOffline(t *testing.T) {
	// -in with a missing file fails with context; writing works atomically.
	if err := run(filepath.Join(t.TempDir(), "nope.json"), filepath.Join(t.TempDir(), "out.json")); err == nil || !strings.Contains(err.Error(), "read source") {
		t.Errorf("run with missing input: err = %v", err)
	}
	out := filepath.Join(t.TempDir(), "x.json")
	if err := writeAtomic(out, []byte("ok")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "ok" {
		t.Errorf("writeAtomic wrote %q", b)
	}
}
