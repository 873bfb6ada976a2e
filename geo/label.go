package geo

import "unicode"

// Label writes s into row row starting at column col, on top of any dots,
// and reports whether it did. It refuses (and writes nothing) when the
// label would not fit wholly on the canvas, or when any of the cells it
// would use, or the cell just before or after them, already holds label
// text, so labels are never clipped and never overwrite or run into each
// other. Each rune takes one cell: control, combining and wide (East
// Asian) runes are replaced by '?' so the row keeps its width.
func (c *Canvas) Label(col, row int, s string, layer uint8) bool {
	n := runeCount(s)
	if !c.free(col, row, n) {
		return false
	}
	base := row*c.w + col
	x := 0
	for _, r := range s {
		c.text[base+x] = cellRune(r)
		c.tlayer[base+x] = layer
		x++
	}
	return true
}

// free reports whether a label of n cells fits wholly at (col, row) with a
// free cell on either side (or the canvas edge).
func (c *Canvas) free(col, row, n int) bool {
	if n == 0 || row < 0 || row >= c.h || col < 0 || col+n > c.w {
		return false
	}
	base := row * c.w
	for x := max(col-1, 0); x < min(col+n+1, c.w); x++ {
		if c.text[base+x] != 0 {
			return false
		}
	}
	return true
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// LabelAt names an area: it centres s on the cell that holds the dot
// position p, then tries the rows below and above, then two rows away,
// then the same rows shifted sideways by half the label, shifting back
// onto the canvas when the label would cross an edge. It reports whether
// the label was placed; a label that fits nowhere whole, or whose point is
// off the canvas, is left out.
func (c *Canvas) LabelAt(p Point, s string, layer uint8) bool {
	if c.w == 0 || c.h == 0 || !isFinite(p.X) || !isFinite(p.Y) {
		return false
	}
	n := runeCount(s)
	if n == 0 || n > c.w {
		return false
	}
	col, row := CellOf(p)
	if col < 0 || col >= c.w || row < 0 || row >= c.h {
		return false // an area whose label point is off the canvas (zoomed past it) goes unnamed
	}
	col -= n / 2
	for _, dx := range [3]int{0, -(n + 1) / 2, (n + 1) / 2} {
		x := min(max(col+dx, 0), c.w-n)
		for _, dr := range [5]int{0, 1, -1, 2, -2} {
			if c.Label(x, row+dr, s, layer) {
				return true
			}
		}
	}
	return false
}

// LabelNear names a point (a capital, a stop) marked at dot position p:
// it tries the cell to the right of the mark, then the left, then centred
// above and below, then the four diagonals, so that the label sits next to
// its mark without covering it. A label that fits nowhere whole is left
// out. It reports whether the label was placed.
func (c *Canvas) LabelNear(p Point, s string, layer uint8) bool {
	if c.w == 0 || c.h == 0 || !isFinite(p.X) || !isFinite(p.Y) {
		return false
	}
	n := runeCount(s)
	col, row := CellOf(p)
	for _, at := range [...][2]int{
		{col + 2, row}, {col - n - 1, row},
		{col - n/2, row - 1}, {col - n/2, row + 1},
		{col + 1, row - 1}, {col + 1, row + 1},
		{col - n, row - 1}, {col - n, row + 1},
	} {
		if c.Label(at[0], at[1], s, layer) {
			return true
		}
	}
	return false
}

// Text returns the label rune at cell (col, row), or 0 when there is none,
// so callers can test for free space before placing their own text.
func (c *Canvas) Text(col, row int) rune {
	if col < 0 || row < 0 || col >= c.w || row >= c.h {
		return 0
	}
	return c.text[row*c.w+col]
}

// TextLayer returns the layer of the label text at cell (col, row), or 0
// when there is none, so callers can tell which kind of label won a cell.
func (c *Canvas) TextLayer(col, row int) uint8 {
	if c.Text(col, row) == 0 {
		return 0
	}
	return c.tlayer[row*c.w+col]
}

// cellRune maps r to a rune that occupies exactly one terminal cell.
func cellRune(r rune) rune {
	if !unicode.IsPrint(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || isWide(r) {
		return '?'
	}
	return r
}

// isWide reports runes that terminals draw two cells wide (the East Asian
// Wide and Fullwidth blocks and the common emoji planes).
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, // CJK … Yi
		r >= 0xac00 && r <= 0xd7a3,                // Hangul syllables
		r >= 0xf900 && r <= 0xfaff,                // CJK compatibility ideographs
		r >= 0xfe10 && r <= 0xfe19,                // vertical forms
		r >= 0xfe30 && r <= 0xfe6f,                // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60,                // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1f64f, // emoji
		r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions
		return true
	}
	return false
}
