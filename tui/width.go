package tui

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// width is ansi.StringWidth, fast for what frames are made of: ASCII,
// Latin, Greek and Cyrillic letters, punctuation, arrows, box drawing,
// blocks, braille, CJK ideographs and SGR escape sequences. Each of those
// runes is a grapheme cluster by itself with a fixed width, so the width
// is a sum; anything else (combining marks, emoji, other escapes, control
// characters) is measured by grapheme clusters as before. Measuring lines
// was most of a frame's cost. TestWidth checks every rune against
// ansi.StringWidth.
func width(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			w++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// CSI: parameter and intermediate bytes, then a final byte.
			j := i + 2
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x40 {
				j++
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j + 1
		case c < 0x80:
			return ansi.StringWidth(s)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			rw := runeWidth(r)
			if rw < 0 {
				return ansi.StringWidth(s)
			}
			w += rw
			i += n
		}
	}
	return w
}

// runeWidth is the width of a rune that never joins its neighbours in a
// grapheme cluster, or -1 for any other.
func runeWidth(r rune) int {
	switch {
	case r < 0xa0:
		return -1
	case r <= 0x2ff:
		if r == 0xad { // soft hyphen
			return -1
		}
		return 1
	case r >= 0x370 && r <= 0x3ff, r >= 0x400 && r <= 0x482, r >= 0x48a && r <= 0x52f,
		r >= 0x1e00 && r <= 0x1eff, r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e,
		r >= 0x20a0 && r <= 0x20c0, r >= 0x2100 && r <= 0x22ff, r >= 0x2500 && r <= 0x25fc,
		r >= 0x2800 && r <= 0x28ff, r == 0x2605, r == 0x2713, r == 0x2726:
		return 1
	case r >= 0x4e00 && r <= 0x9fff, r >= 0xff01 && r <= 0xff60:
		return 2
	}
	return -1
}
