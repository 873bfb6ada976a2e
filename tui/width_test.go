package tui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWidth checks the fast width against ansi.StringWidth: every rune of
// the basic plane (beyond it the fast path measures nothing itself) alone,
// between letters, doubled, before a combining mark and styled; odd
// strings; and every line of every tab's frame.
func TestWidth(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		for _, v := range []string{s, "a" + s + "b", s + s, s + "\u0301", "\x1b[1;38;2;1;2;3m" + s + "\x1b[m"} {
			if got, want := width(v), ansi.StringWidth(v); got != want {
				t.Fatalf("width(%q) = %d, want %d", v, got, want)
			}
		}
	}
	for _, s := range []string{"", "\x1b[", "\x1b[1", "\x1b]8;;x\x07a\x1b]8;;\x07", "\x1bPq\x1b\\", "a\tb", "a\nb",
		"👍🏽", "🇰🇿", "한국", "e\u0301", "Қазақстан", "中华人民共和国", "▌ ✓ ¹ ≠ ≈ ◆ ● ★ ■ ═ ✦ │ ┃ ─ ▲ ▼ …"} {
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		m := newSized(t, sz[0], sz[1])
		for _, tab := range []string{"1", "2", "3", "4", "5", "6", "7"} {
			press(m, tab)
			for _, l := range strings.Split(m.View().Content, "\n") {
				if got, want := width(l), ansi.StringWidth(l); got != want {
					t.Fatalf("tab %s: width = %d, want %d: %q", tab, got, want, l)
				}
			}
		}
	}
}

// TestWrap checks wrap's shortcut for text that fits against ansi.Wrap, on
// random styled text with tabs, breakpoints, wide and combining runes.
func TestWrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	parts := []string{"a", " ", "  ", "-", "/", "–", "—", "é", "中", "\x1b[1mB\x1b[m", "\t", "word", "x\u0301", "👍", "\n"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		w := 1 + rng.IntN(24)
		want := strings.Split(ansi.Wrap(s, w, "-/–—]"), "\n")
		if got := wrap(s, w); !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %d) = %q, want %q", s, w, got, want)
		}
	}
}
