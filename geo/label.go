package geo

import "unicode"

// Label writes s into row row starting at column col, on top of any dots,
// and reports whether it did. It refuses (and writes nothing) when any of
// the cells it would use, or the cell just before or after them, already
// holds label text, so labels never overwrite or run into each other.
// Text off the canvas is clipped; a label with no visible cell is refused.
// Each rune takes one cell: control, combining and wide (East Asian)
// runes are replaced by '?' so the row keeps its width.
func (c *Canvas) Label(col, row int, s string, layer uint8) bool {
	if row < 0 || row >= c.h || s == "" {
		return false
	}
	n := 0
	for range s {
		n++
	}
	lo, hi := max(col, 0), min(col+n, c.w) // visible cells [lo, hi)
	if col >= c.w || hi <= lo {
		return false
	}
	base := row * c.w
	for x := max(lo-1, 0); x < min(hi+1, c.w); x++ {
		if c.text[base+x] != 0 {
			return false
		}
	}
	x := col
	for _, r := range s {
		if x >= lo && x < hi {
			c.text[base+x] = cellRune(r)
			c.tlayer[base+x] = layer
		}
		x++
	}
	return true
}

// LabelAt centres s on the cell that holds the dot position p, shifting it
// sideways to stay on the canvas when it fits, and tries the row below and
// then the row above when the first place is taken. It reports whether the
// label was placed.
func (c *Canvas) LabelAt(p Point, s string, layer uint8) bool {
	if c.w == 0 || c.h == 0 || !isFinite(p.X) || !isFinite(p.Y) {
		return false
	}
	n := 0
	for range s {
		n++
	}
	col, row := CellOf(p)
	col -= n / 2
	if n <= c.w {
		col = min(max(col, 0), c.w-n)
	}
	for _, dr := range [3]int{0, 1, -1} {
		if c.Label(col, row+dr, s, layer) {
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
