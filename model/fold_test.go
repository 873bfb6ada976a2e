package model

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldPlainRunes checks appendFold's shortcut for runes without a
// decomposition against decompose, over the basic plane.
func TestFoldPlainRunes(t *testing.T) {
	for r := rune(0x250); r < 0x10000; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if _, ok := special[r]; ok {
			continue
		}
		for _, keep := range []bool{false, true} {
			var want []byte
			for _, x := range decompose(r) {
				if !keep {
					x = unicode.ToLower(x)
				}
				want = utf8.AppendRune(want, x)
			}
			if got := appendFold(nil, r, keep); string(got) != string(want) {
				t.Fatalf("appendFold(%U, %v) = %q, want %q", r, keep, got, want)
			}
		}
	}
}
