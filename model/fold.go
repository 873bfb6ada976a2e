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
var foldTable = sync.OnceValue(func() map[rune]string {
	t := make(map[rune]string, 0x250-0xa0)
	for r := rune(0xa0); r < 0x250; r++ {
		t[r] = decompose(r)
	}
	return t
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
	s, ok := foldTable()[r]
	if !ok {
		if s, ok = special[r]; !ok {
			s = decompose(r)
		}
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
