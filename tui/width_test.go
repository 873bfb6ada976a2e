package tui

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

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
	parts := []string{"a", " ", "  ", "-", "/", "–", "—", "é", "中", "\x1b[1mB\x1b[m", "\t", "word", "x\u0301", "👍", "\n",
		"]", "[1]", "\u00a0", "·", "→", "\x1b[38;2;1;2;3m", "\x1b[m", "internationalisation", "Қазақстан", "\x1b]8;;u\x07"}
	for range 200000 {
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
	// Every text of the dataset, plain and styled, at widths from 1 to 100.
	var texts []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if v.Len() > 0 {
				texts = append(texts, v.String())
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(dataset(t)).Elem())
	st := NewStyles(ThemeDark, true, false)
	for _, s := range texts {
		for _, v := range []string{s, st.Text.Render(s), st.Link.Render(s) + " " + st.Dim.Render("[12]")} {
			for w := 1; w <= 100; w += 1 + w/8 {
				want := strings.Split(ansi.Wrap(v, w, wrapBreaks), "\n")
				if got := wrap(v, w); !slices.Equal(got, want) {
					t.Fatalf("wrap(%q, %d) = %q, want %q", v, w, got, want)
				}
			}
		}
	}
	if len(texts) < 500 {
		t.Fatalf("only %d texts from the dataset", len(texts))
	}
}

// FuzzWrap holds wrap, and its fast path for simple text, to ansi.Wrap.
func FuzzWrap(f *testing.F) {
	f.Add("Xi Jinping, Tokayev – and the rest—of [1][2] them/us", 7)
	f.Add("\x1b[1mBold\x1b[m words  wrap", 4)
	f.Fuzz(func(t *testing.T, s string, w int) {
		w = 1 + (w%60+60)%60
		// Controls and invalid UTF-8 never reach wrap (the loader strips
		// them), and ansi.Wrap counts a control as a column where
		// ansi.StringWidth counts none.
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 && r != '\n' && r != 0x1b || r >= 0x7f && r < 0xa0
		}) {
			t.Skip()
		}
		want := strings.Split(ansi.Wrap(s, w, wrapBreaks), "\n")
		if got := wrap(s, w); !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %d) = %q, want %q", s, w, got, want)
		}
	})
}
