package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"casia/internal/synth"
)

// BenchmarkView renders each tab's full frame at common sizes, as after
// any message (View itself returns the cached frame until the next
// Update). Rendering is what every key press and resize costs; the goal is
// under 1 ms at 200×60.
func BenchmarkView(b *testing.B) {
	ds := dataset(b)
	for i, name := range TabNames() {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			b.Run(fmt.Sprintf("%d-%s/%dx%d", i+1, name, sz[0], sz[1]), func(b *testing.B) {
				m := New(ds, Options{Theme: ThemeDark})
				m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				press(m, fmt.Sprint(i+1))
				m.View()
				b.ReportAllocs()
				for b.Loop() {
					m.render()
				}
			})
		}
	}
}

// BenchmarkMoveAndView is one cursor step plus the frame it causes, the
// commonest interaction.
func BenchmarkMoveAndView(b *testing.B) {
	ds := dataset(b)
	m := New(ds, Options{Theme: ThemeDark})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	press(m, "4")
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

// BenchmarkFilterKeystroke100k types into the Infrastructure filter over
// 100,000 synthetic projects: Update (search, sort, detail) plus View, per
// key. The goal is under 2 ms.
func BenchmarkFilterKeystroke100k(b *testing.B) {
	ds, err := synth.Dataset(100_000)
	if err != nil {
		b.Fatal(err)
	}
	m := New(ds, Options{Theme: ThemeDark})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	press(m, "4")
	ds.Filter(0, "warm")
	ds.Filter(3, "warm") // the text index is built once, on the first search
	const typed = "kashgar"
	b.ReportAllocs()
	keys := 0
	var typing time.Duration
	for b.Loop() {
		m.Update(keyMsg("/"))
		start := time.Now()
		for _, r := range typed {
			m.Update(keyMsg(string(r)))
			m.View()
			keys++
		}
		typing += time.Since(start)
		m.Update(keyMsg("esc")) // clearing the filter is not a filter keystroke
	}
	b.ReportMetric(float64(typing.Nanoseconds())/float64(keys), "ns/key")
}
