package tui

import (
	"strings"

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
	return strings.Split(ansi.Wrap(s, w, "-/–—]"), "\n")
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
