package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Every pane renders to exactly its width and height. These helpers are
// the only place lines are padded or cut, so the guarantee that View fits
// the window holds by construction.

// fitLine pads or cuts s (which may hold ANSI styles) to exactly w cells,
// closing any style it cut open.
func fitLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "")
		if strings.IndexByte(s, '\x1b') >= 0 {
			s += "\x1b[m"
		}
		sw = width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// fitLines makes exactly h lines of exactly w cells.
func fitLines(lines []string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fitLine(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", max(w, 0))
		}
	}
	return out
}

// padLines is fitLines for lines already exactly w cells wide (a table's
// rows, built to their width): it adds blank lines up to h, or drops the
// extra, without measuring the lines again.
func padLines(lines []string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) >= h {
		return lines[:h]
	}
	blank := spaces(w)
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return lines
}

// block renders lines as a w×h block.
func block(lines []string, w, h int) string {
	return strings.Join(fitLines(lines, w, h), "\n")
}

// hjoin places blocks (each exactly its width, same height) side by side,
// as h lines joined by newlines: one allocation for the whole block.
func hjoin(h int, parts ...[]string) string {
	n := h
	for _, p := range parts {
		for i := range min(h, len(p)) {
			n += len(p[i])
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, p := range parts {
			if i < len(p) {
				b.WriteString(p[i])
			}
		}
	}
	return b.String()
}

// truncate cuts s to w cells with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// wrap word-wraps s to w cells, breaking long words; a run of footnote
// markers ("[1][3]") may break between markers.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	if !strings.ContainsAny(s, "\n\t") && width(s) <= w {
		return []string{s} // fits: nothing to wrap (TestWrap)
	}
	if lines, ok := wrapSimple(s, w); ok {
		return lines
	}
	return strings.Split(ansi.Wrap(s, w, wrapBreaks), "\n")
}

// wrapBreaks are where wrap may break a word, besides spaces.
const wrapBreaks = "-/–—]"

// wrapSimple is ansi.Wrap(s, limit, wrapBreaks), line for line, for the
// text casia wraps most: printable ASCII, runes that never join a grapheme
// cluster (runeWidth), and SGR sequences. It reports false for anything
// else (controls, other escapes, other runes), which ansi.Wrap handles.
// It is three times faster, and laying out the Summit, wrapped at start-up,
// is mostly wrapping. TestWrap and FuzzWrap hold it to ansi.Wrap.
//
// The steps follow ansi.Wrap's: a word collects until a space or a break
// point ends it; spaces are kept until a word follows on the same line.
func wrapSimple(s string, limit int) ([]string, bool) {
	var (
		out        []string
		buf        []byte // the current line
		word       []byte
		wordW      int
		spaceW     int // pending spaces (only ' ' takes this path)
		curW       int
		lineBudget = len(s) + 16
	)
	addSpace := func() {
		if spaceW == 0 {
			return
		}
		curW += spaceW
		for range spaceW {
			buf = append(buf, ' ')
		}
		spaceW = 0
	}
	addWord := func() {
		if len(word) == 0 {
			return
		}
		addSpace()
		curW += wordW
		buf = append(buf, word...)
		word, wordW = word[:0], 0
	}
	newline := func() {
		out = append(out, string(buf))
		buf = buf[:0]
		curW, spaceW = 0, 0
	}
	buf = make([]byte, 0, min(lineBudget, 4*limit+64))
	word = make([]byte, 0, 64)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			// An SGR sequence: no width, part of the word.
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return nil, false
			}
			for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':'); j++ {
			}
			if j >= len(s) || s[j] != 'm' {
				return nil, false
			}
			word = append(word, s[i:j+1]...)
			i = j + 1
			continue
		case c == ' ':
			addWord()
			spaceW++
		case c == '-' || c == '/' || c == ']':
			addSpace()
			if curW+wordW >= limit {
				word = append(word, c)
				wordW++
			} else {
				addWord()
				buf = append(buf, c)
				curW++
			}
		case c > 0x20 && c < 0x7f:
			if curW == limit {
				newline()
			}
			word = append(word, c)
			wordW++
			if wordW == limit {
				addWord()
			}
			if curW+wordW+spaceW > limit {
				newline()
			}
		case c >= 0x80:
			r, n := utf8.DecodeRuneInString(s[i:])
			rw := runeWidth(r)
			if rw < 1 {
				return nil, false
			}
			if r == '–' || r == '—' {
				addSpace()
				if curW+wordW+rw > limit {
					word = append(word, s[i:i+n]...)
					wordW += rw
				} else {
					addWord()
					buf = append(buf, s[i:i+n]...)
					curW += rw
				}
			} else {
				if wordW+rw > limit {
					addWord()
				}
				word = append(word, s[i:i+n]...)
				wordW += rw
				if curW+wordW+spaceW > limit {
					newline()
				}
				if wordW == limit {
					addWord()
				}
			}
			i += n
			continue
		default:
			return nil, false
		}
		i++
	}
	if wordW == 0 {
		if curW+spaceW > limit {
			curW = 0
		} else {
			addSpace()
		}
		spaceW = 0
	}
	addWord()
	return append(out, string(buf)), true
}

// padRight and padLeft align plain or styled text in a cell.
func padRight(s string, w int) string { return fitLine(truncate(s, w), w) }

func padLeft(s string, w int) string {
	s = truncate(s, w)
	if sw := width(s); sw < w {
		return strings.Repeat(" ", w-sw) + s
	}
	return s
}
