package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkFootnoteStep is ↓ in a focused detail pane plus the frame: with
// a footnote on every value, stepping links rebuilds the record's text
// (and its footnote numbers) each time the selection moves.
func BenchmarkFootnoteStep(b *testing.B) {
	ds := dataset(b)
	m := New(ds, Options{Theme: ThemeDark})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	press(m, "2", "j", "enter")
	down, up := keyMsg("j"), keyMsg("k")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if n%40 < 20 {
			m.Update(down)
		} else {
			m.Update(up)
		}
		n++
		m.View()
	}
}
