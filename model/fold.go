package model

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding makes search forgiving the way people type: "turkiye" finds
// Türkiye, "xian" finds Xi'an, "ozbekiston" finds Oʻzbekiston and
// "china-kyrgyzstan" finds China–Kyrgyzstan.

// foldTable holds the folded form of the Latin ranges, computed on first
// use (not at start-up); other runes are decomposed on demand.
var foldTable = sync.OnceValue(func() *[0x250 - 0xa0]string {
	var t [0x250 - 0xa0]string
	for r := rune(0xa0); r < 0x250; r++ {
		t[r-0xa0] = decompose(r)
	}
	return &t
})

var special = map[rune]string{
	'ı': "i", 'İ': "I", 'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D",
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'þ': "th", 'ð': "d",
	'ʻ': "", 'ʼ': "", '’': "", '‘': "", '´': "", 'ʹ': "", '′': "",
	'–': "-", '—': "-", '‐': "-", '‑': "-", '−': "-",
	'“': "\"", '”': "\"", '«': "\"", '»': "\"", '\u00a0': " ", '²': "2", '³': "3",
}

func decompose(r rune) string {
	if s, ok := special[r]; ok {
		return s
	}
	var out []rune
	for _, x := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, x) {
			continue
		}
		out = append(out, x)
	}
	return string(out)
}

// plain reports whether a rune outside the Latin table has no
// decomposition, so decompose would return it unchanged (or drop it, when
// it is a combining mark). Hangul syllables decompose algorithmically and
// are not plain.
func plain(r rune) bool {
	if r >= 0xac00 && r <= 0xd7a3 {
		return false
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return norm.NFD.Properties(buf[:n]).Decomposition() == nil
}

// appendFold appends the folded form of r to b. Case is kept when keepCase
// is set, for smart-case matching.
func appendFold(b []byte, r rune, keepCase bool) []byte {
	if r < utf8.RuneSelf {
		switch {
		case r == '\'' || r == '`':
			return b
		case !keepCase && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	s, ok := "", false
	if r >= 0xa0 && r < 0x250 {
		s, ok = foldTable()[r-0xa0], true
	} else {
		s, ok = special[r]
	}
	if !ok {
		if plain(r) {
			// No decomposition (Cyrillic, Greek, CJK…): the rune itself,
			// without the copies decompose makes.
			if unicode.Is(unicode.Mn, r) {
				return b
			}
			if !keepCase {
				r = unicode.ToLower(r)
			}
			return utf8.AppendRune(b, r)
		}
		s = decompose(r)
	}
	for _, x := range s {
		if !keepCase {
			x = unicode.ToLower(x)
		}
		b = utf8.AppendRune(b, x)
	}
	return b
}

// Fold normalises s for case-insensitive matching.
func Fold(s string) string {
	return string(foldBytes(nil, s, false))
}

func foldBytes(b []byte, s string, keepCase bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = appendFold(b, rune(c), keepCase)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = appendFold(b, r, keepCase)
		i += n
	}
	return b
}

// hasUpper reports whether s has an upper-case letter, which switches a
// search term to case-sensitive matching (smart case).
func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
