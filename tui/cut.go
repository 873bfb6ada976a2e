package tui

import (
	"github.com/charmbracelet/x/ansi"
)

// cutNames fits names (plain text) into w cells each, so that two different
// names never read the same: "Central Asia–China gas pipeline, Line D" and
// "…, Lines A, B and C" must not both become "Central Asia–China g…". Each
// name is first cut at the end; names that then collide are cut in the
// middle (head…tail), then to their tail, and as a last resort to a window
// around where they first differ. Equal names stay equal.
func cutNames(names []string, w int) []string {
	out := make([]string, len(names))
	cut := false
	for i, s := range names {
		out[i] = truncate(s, w)
		cut = cut || len(out[i]) != len(s)
	}
	if !cut || w < 3 {
		return out
	}
	for _, recut := range []func(string, int) string{cutMiddle, cutTail} {
		groups := collisions(out, names)
		if len(groups) == 0 {
			return out
		}
		for _, g := range groups {
			for _, i := range g {
				out[i] = recut(names[i], w)
			}
		}
	}
	for range 4 {
		groups := collisions(out, names)
		if len(groups) == 0 {
			break
		}
		for _, g := range groups {
			d := commonPrefixWidth(names, g)
			for _, i := range g {
				out[i] = cutAround(names[i], d, w)
			}
		}
	}
	return out
}

// collisions groups the indexes whose cut text is the same while their
// names differ.
func collisions(out, names []string) [][]int {
	var seen map[string][]int
	for i, s := range out {
		if s == names[i] {
			continue // whole: cannot be confused with another whole name
		}
		if seen == nil {
			seen = make(map[string][]int)
		}
		seen[s] = append(seen[s], i)
	}
	// A cut text can also equal another row's whole name.
	for i, s := range out {
		if s == names[i] {
			if g, ok := seen[s]; ok {
				seen[s] = append(g, i)
			}
		}
	}
	var groups [][]int
	for _, s := range out { // in row order, for determinism
		g := seen[s]
		if len(g) < 2 {
			continue
		}
		delete(seen, s)
		for _, i := range g[1:] {
			if names[i] != names[g[0]] {
				groups = append(groups, g)
				break
			}
		}
	}
	return groups
}

// cutMiddle keeps the start and the end of s: "Kassym-Jo…Tokayev".
func cutMiddle(s string, w int) string {
	sw := width(s)
	if sw <= w {
		return s
	}
	head := (w - 1) * 3 / 5
	tail := w - 1 - head
	return ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, sw-tail, "")
}

// cutTail keeps the end of s: "…Lines A, B and C".
func cutTail(s string, w int) string {
	sw := width(s)
	if sw <= w {
		return s
	}
	return "…" + ansi.TruncateLeft(s, sw-(w-1), "")
}

// cutAround shows a window of s that starts a little before cell d, where
// it differs from the names it was confused with.
func cutAround(s string, d, w int) string {
	sw := width(s)
	if sw <= w {
		return s
	}
	start := max(0, min(d-w/3, sw-(w-1)))
	if start == 0 {
		return ansi.Truncate(s, w, "…")
	}
	rest := ansi.TruncateLeft(s, start, "")
	if width(rest) <= w-1 {
		return "…" + rest
	}
	return "…" + ansi.Truncate(rest, w-2, "") + "…"
}

// commonPrefixWidth is the width, in cells, of the longest prefix shared
// by the names at the given indexes.
func commonPrefixWidth(names []string, idx []int) int {
	first := []rune(names[idx[0]])
	n := len(first)
	for _, i := range idx[1:] {
		r := []rune(names[i])
		j := 0
		for j < n && j < len(r) && r[j] == first[j] {
			j++
		}
		n = j
	}
	return width(string(first[:n]))
}
