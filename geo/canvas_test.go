package geo

import (
	"math"
	"strings"
	"testing"
)

// dotGrid renders the dots of c as '#' (on) and '.' (off), one string per
// dot row, so tests can state expected shapes directly.
func dotGrid(c *Canvas) []string {
	w, h := c.DotSize()
	out := make([]string, h)
	for y := range h {
		var b strings.Builder
		for x := range w {
			if c.Dot(x, y) {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		out[y] = b.String()
	}
	return out
}

func wantGrid(t *testing.T, c *Canvas, want ...string) {
	t.Helper()
	got := dotGrid(c)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dots:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBrailleBits(t *testing.T) {
	// The U+2800 layout: dots 1-2-3 down the left column, 4-5-6 down the
	// right, 7 and 8 on the bottom row.
	want := [4][2]rune{{'⠁', '⠈'}, {'⠂', '⠐'}, {'⠄', '⠠'}, {'⡀', '⢀'}}
	for dy := range 4 {
		for dx := range 2 {
			c := NewCanvas(1, 1)
			c.Set(dx, dy, 1)
			if got := c.Lines(Braille)[0]; got != string(want[dy][dx]) {
				t.Errorf("dot (%d,%d) = %q, want %q", dx, dy, got, want[dy][dx])
			}
		}
	}
}

func TestSquare(t *testing.T) {
	c := NewCanvas(2, 1) // 4×4 dots
	sq := []Point{{0.5, 0.5}, {3.5, 0.5}, {3.5, 3.5}, {0.5, 3.5}}
	c.Stroke(sq, 1)
	if got := c.String(); got != "⣏⣹" {
		t.Errorf("stroked square = %q, want %q", got, "⣏⣹")
	}
	c.Reset(2, 1)
	c.Fill([][]Point{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}, 1)
	if got := c.String(); got != "⣿⣿" {
		t.Errorf("filled square = %q, want %q", got, "⣿⣿")
	}
	// Half-open: a square covering dots 1..2 exactly.
	c.Reset(2, 1)
	c.Fill([][]Point{{{1, 1}, {3, 1}, {3, 3}, {1, 3}}}, 1)
	wantGrid(t, c, "....", ".##.", ".##.", "....")
	if got := c.String(); got != "⠰⠆" {
		t.Errorf("inner square = %q, want %q", got, "⠰⠆")
	}
}

func TestHorizontalLine(t *testing.T) {
	c := NewCanvas(3, 1)
	c.Line(Point{0.5, 1.5}, Point{5.5, 1.5}, 1)
	if got := c.String(); got != "⠒⠒⠒" {
		t.Errorf("line = %q, want ⠒⠒⠒", got)
	}
	// Far outside on both ends: still exactly the visible part.
	c.Reset(3, 1)
	c.Line(Point{-1e300, 2.5}, Point{1e300, 2.5}, 1)
	if got := c.String(); got != "⠤⠤⠤" {
		t.Errorf("long line = %q, want ⠤⠤⠤", got)
	}
	// Vertical and diagonal.
	c.Reset(2, 1)
	c.Line(Point{0.5, 0.5}, Point{3.5, 3.5}, 1)
	wantGrid(t, c, "#...", ".#..", "..#.", "...#")
	c.Reset(1, 1)
	c.Line(Point{1.5, -10}, Point{1.5, 10}, 1)
	wantGrid(t, c, ".#", ".#", ".#", ".#")
}

func TestFilledTriangleWithHole(t *testing.T) {
	c := NewCanvas(4, 2) // 8×8 dots
	tri := []Point{{0, 0}, {8.2, 0}, {0, 8.2}}
	hole := []Point{{1, 1}, {1, 3}, {3, 3}, {3, 1}}
	c.Fill([][]Point{tri, hole}, 1)
	wantGrid(t, c,
		"########",
		"#..####.",
		"#..###..",
		"#####...",
		"####....",
		"###.....",
		"##......",
		"#.......",
	)
	// Two separate pieces in one call.
	c.Reset(4, 1)
	c.Fill([][]Point{{{0, 0}, {2, 0}, {2, 4}, {0, 4}}, {{5, 1}, {8, 1}, {8, 3}, {5, 3}}}, 1)
	wantGrid(t, c, "##......", "##...###", "##...###", "##......")
}

func TestDegenerate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {0, 5}, {5, 0}, {3, 2}, {-4, -1}, {1 << 20, 1}} {
		c := NewCanvas(size[0], size[1])
		rings := [][]Point{
			nil, {}, {{1, 1}}, {{1, 1}, {2, 2}},
			{{0, 0}, {1, 1}, {2, 2}}, // collinear
			{{nan, 0}, {1, nan}, {2, 2}},
			{{inf, 0}, {-inf, 5}, {0, inf}},
			{{-1e308, -1e308}, {1e308, -1e308}, {1e308, 1e308}, {-1e308, 1e308}},
		}
		c.Fill(rings, 3)
		for _, r := range rings {
			c.Stroke(r, 2)
			c.Polyline(r, 2)
		}
		c.Line(Point{nan, nan}, Point{1, 1}, 1)
		c.Marker(Point{inf, 0}, 1)
		c.Marker(Point{-1e18, 1e18}, 1)
		c.Plot(Point{nan, 1}, 1)
		c.FillFeature(nil, Projection{}, 1)
		c.StrokeFeature(nil, Projection{}, 1)
		c.LabelAt(Point{nan, 0}, "x", 1)
		w, h := c.Size()
		if got := c.Lines(Braille); len(got) != h {
			t.Errorf("%v: %d lines, want %d", size, len(got), h)
		}
		for y := range h {
			if got := c.Row(nil, y, Blocks); len(got) != w {
				t.Errorf("%v: row %d has %d cells", size, y, len(got))
			}
		}
	}
	// The huge square covers the whole canvas, the rest adds nothing.
	c := NewCanvas(2, 1)
	c.Fill([][]Point{{{-1e308, -1e308}, {1e308, -1e308}, {1e308, 1e308}, {-1e308, 1e308}}}, 1)
	if got := c.String(); got != "⣿⣿" {
		t.Errorf("huge square = %q", got)
	}
	c.Reset(2, 1)
	c.Fill([][]Point{{{0, 0}, {1, 1}, {2, 2}}, {{1, 1}, {1, 1}, {1, 1}}}, 1)
	if got := c.String(); got != "  " {
		t.Errorf("degenerate fill = %q, want blanks", got)
	}
}

func TestBlocks(t *testing.T) {
	const glyphs = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
	// One dot per quadrant; vary which of its two dots is used.
	quadDots := [4][2][2]int{
		{{0, 0}, {0, 1}}, // upper left
		{{1, 0}, {1, 1}}, // upper right
		{{0, 2}, {0, 3}}, // lower left
		{{1, 2}, {1, 3}}, // lower right
	}
	for q, want := range []rune(glyphs) {
		for variant := range 2 {
			c := NewCanvas(1, 1)
			for bit := range 4 {
				if q&(1<<bit) != 0 {
					d := quadDots[bit][variant]
					c.Set(d[0], d[1], 1)
				}
			}
			if got := c.Row(nil, 0, Blocks)[0].Rune; got != want {
				t.Errorf("quadrants %04b (variant %d) = %q, want %q", q, variant, got, want)
			}
		}
	}
	// A filled triangle reads as a staircase of blocks.
	c := NewCanvas(4, 2)
	c.Fill([][]Point{{{0, 0}, {8.2, 0}, {0, 8.2}}}, 1)
	if got := strings.Join(c.Lines(Blocks), "\n"); got != "███▀\n█▀  " {
		t.Errorf("blocks:\n%s", got)
	}
}

func TestLayers(t *testing.T) {
	c := NewCanvas(3, 1)
	c.Set(0, 0, 2)
	c.Set(1, 1, 1) // lower priority: the cell keeps 2
	c.Set(2, 0, 5)
	c.Unset(2, 0) // empty again: reported as layer 0
	c.Set(5, 3, 7)
	row := c.Row(nil, 0, Braille)
	want := []Cell{{'⠑', 2}, {' ', 0}, {'⢀', 7}}
	for i := range want {
		if row[i] != want[i] {
			t.Errorf("cell %d = %+v, want %+v", i, row[i], want[i])
		}
	}
	if c.Row(row, 1, Braille) != nil && len(c.Row(row, 1, Braille)) != 0 {
		t.Error("row off the canvas should be empty")
	}

	spans := c.AppendSpans(nil, 0, Braille)
	wantSpans := []Span{{2, "⠑"}, {0, " "}, {7, "⢀"}}
	if len(spans) != len(wantSpans) {
		t.Fatalf("spans = %+v", spans)
	}
	for i := range spans {
		if spans[i] != wantSpans[i] {
			t.Errorf("span %d = %+v, want %+v", i, spans[i], wantSpans[i])
		}
	}
	c.Reset(4, 1)
	c.Fill([][]Point{{{0, 0}, {8, 0}, {8, 4}, {0, 4}}}, 3)
	c.Label(1, 0, "ab", 9)
	spans = c.AppendSpans(spans[:0], 0, Blocks)
	if len(spans) != 3 || spans[0] != (Span{3, "█"}) || spans[1] != (Span{9, "ab"}) || spans[2] != (Span{3, "█"}) {
		t.Errorf("spans with label = %+v", spans)
	}
}

func TestMarker(t *testing.T) {
	c := NewCanvas(2, 1)
	c.Marker(Point{1.5, 1.5}, 4)
	wantGrid(t, c, ".#..", "###.", ".#..", "....")
	c.Reset(2, 1)
	c.Marker(Point{4, 4}, 4) // the far corner counts as inside
	wantGrid(t, c, "....", "....", "...#", "..##")
}

func TestLabels(t *testing.T) {
	c := NewCanvas(10, 2)
	if !c.Label(2, 0, "abc", 1) {
		t.Fatal("first label refused")
	}
	if c.Label(4, 0, "x", 1) {
		t.Error("overlapping label accepted")
	}
	if c.Label(5, 0, "x", 1) {
		t.Error("label touching another accepted")
	}
	if !c.Label(6, 0, "de", 1) {
		t.Error("separate label refused")
	}
	if c.Label(8, 1, "clipped", 2) || c.Label(-3, 1, "abcd", 2) {
		t.Error("partly visible labels accepted: labels are whole or left out")
	}
	if !c.Label(8, 1, "cl", 2) || !c.Label(0, 1, "d", 2) {
		t.Error("labels touching the edges refused")
	}
	for _, bad := range [][2]int{{10, 0}, {-5, 0}, {0, 2}, {0, -1}, {7, 0}} {
		if c.Label(bad[0], bad[1], "abcd", 1) {
			t.Errorf("invisible label at %v accepted", bad)
		}
	}
	if c.Label(0, 0, "", 1) {
		t.Error("empty label accepted")
	}
	got := strings.Join(c.Lines(Braille), "|")
	if want := "  abc de  |d       cl"; got != want {
		t.Errorf("labels = %q, want %q", got, want)
	}
	// Wide, control and combining runes become '?', one cell each.
	c.Reset(6, 1)
	c.Label(0, 0, "中\x1b\u0301é", 1)
	if got := c.Lines(Braille)[0]; got != "???é  " {
		t.Errorf("sanitised = %q", got)
	}
	if c.Text(2, 0) != '?' || c.Text(-1, 0) != 0 || c.Text(0, 5) != 0 {
		t.Error("Text lookup wrong")
	}

	// LabelAt centres, keeps the label on the canvas, then tries the rows
	// below and above, then sideways.
	c.Reset(11, 3)
	if !c.LabelAt(Point{10, 5}, "abc", 1) { // cell (5,1)
		t.Fatal("LabelAt refused")
	}
	if !c.LabelAt(Point{10, 5}, "xyz", 1) || !c.LabelAt(Point{10, 5}, "uvw", 1) {
		t.Error("LabelAt fallback rows refused")
	}
	if c.LabelAt(Point{10, 5}, "rst", 1) {
		t.Error("LabelAt placed a fourth label over three")
	}
	if got := strings.Join(c.Lines(Braille), "|"); got != "    uvw    |    abc    |    xyz    " {
		t.Errorf("LabelAt layout = %q", got)
	}
	if c.LabelAt(Point{-4, 5}, "off", 1) || c.LabelAt(Point{30, 5}, "off", 1) {
		t.Error("LabelAt pulled a label whose point is off the canvas onto it")
	}
	c.Reset(20, 1)
	c.Label(4, 0, "ab", 1)
	if !c.LabelAt(Point{14, 2}, "wxyz", 1) { // centred at cell 5: shifted right
		t.Error("LabelAt did not shift sideways")
	}
	if got := c.Lines(Braille)[0]; got != "    ab wxyz         " {
		t.Errorf("LabelAt sideways = %q", got)
	}
	c.Reset(10, 1)
	if !c.LabelAt(Point{19.9, 1}, "edge", 1) || !c.LabelAt(Point{0, 1}, "ab", 1) {
		t.Error("LabelAt near the edges refused")
	}
	if got := c.Lines(Braille)[0]; got != "ab    edge" {
		t.Errorf("LabelAt near edges = %q", got)
	}

	// LabelNear: right of the mark, then left, above, below, diagonals.
	c.Reset(12, 3)
	pt := Point{12, 5} // cell (6,1)
	for _, s := range []string{"ab", "cd", "ef", "gh"} {
		if !c.LabelNear(pt, s, 1) {
			t.Fatalf("LabelNear(%q) refused", s)
		}
	}
	if got := strings.Join(c.Lines(Braille), "|"); got != "     ef     |   cd   ab  |     gh     " {
		t.Errorf("LabelNear layout = %q", got)
	}
	c.Reset(20, 3)
	c.Label(12, 1, "R", 1)                     // right of the mark
	c.Label(5, 1, "LLLL", 1)                   // left
	c.Label(7, 0, "Q", 1)                      // touches the centred place above
	c.Label(7, 2, "Q", 1)                      // and below
	if !c.LabelNear(Point{20, 5}, "wxyz", 1) { // mark in cell (10,1)
		t.Fatal("LabelNear found no diagonal")
	}
	if got := c.Lines(Braille)[0]; got != "       Q   wxyz     " {
		t.Errorf("LabelNear diagonal = %q", got)
	}
	if c.LabelNear(Point{0, 0}, "far too long for it", 1) {
		t.Error("LabelNear placed a label wider than the canvas")
	}
}

func TestCanvasSizes(t *testing.T) {
	var zero Canvas
	if got := zero.Lines(Braille); len(got) != 0 {
		t.Errorf("zero canvas lines = %q", got)
	}
	zero.Set(0, 0, 1)
	zero.Line(Point{0, 0}, Point{5, 5}, 1)
	zero.Fill([][]Point{{{0, 0}, {5, 0}, {5, 5}}}, 1)
	c := NewCanvas(MaxCells+10, 2)
	if w, h := c.Size(); w != MaxCells || h != 2 {
		t.Errorf("clamped size = %d×%d", w, h)
	}
	c.Reset(300, 100)
	if w, h := c.DotSize(); w != 600 || h != 400 {
		t.Errorf("dot size = %d×%d", w, h)
	}
	lines := c.Lines(Blocks)
	if len(lines) != 100 || len([]rune(lines[99])) != 300 {
		t.Errorf("300×100 render is %d lines of %d", len(lines), len([]rune(lines[0])))
	}
}
