package tui

import (
	"fmt"
	"runtime"
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
					m.touch(partsAll)
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

// BenchmarkNewSession100k builds a session over 100,000 synthetic records
// per list, sized and drawn, as an SSH session starts: the time and bytes
// allocated per session (ReportAllocs), and the heap each session keeps
// while it lives (live-B/session, runtime.MemStats over 64 sessions held at
// once). Per-dataset work (indexes, orders, widths, styles) is shared, so
// it is paid by the warm-up session alone. The goals are under 5 ms and
// 2 MB a session.
func BenchmarkNewSession100k(b *testing.B) {
	ds, err := synth.Dataset(100_000)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Theme: ThemeDark, Width: 200, Height: 60}
	New(ds, opts).View() // the dataset's shared work, once
	const held = 64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep := make([]*Model, held)
	for i := range keep {
		keep[i] = New(ds, opts)
		keep[i].View()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	live := float64(after.HeapAlloc-before.HeapAlloc) / held
	runtime.KeepAlive(keep)
	keep = nil
	b.ReportAllocs()
	for b.Loop() {
		New(ds, opts).View()
	}
	b.ReportMetric(live, "live-B/session")
}
