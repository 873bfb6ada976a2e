package tui

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

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
// key, on average and for the slowest letter. The goal is under 2 ms.
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
	per := make([][]time.Duration, len(typed)) // each letter's times
	for b.Loop() {
		m.Update(keyMsg("/"))
		for i, r := range typed {
			start := time.Now()
			m.Update(keyMsg(string(r)))
			m.View()
			d := time.Since(start)
			typing += d
			per[i] = append(per[i], d)
			keys++
		}
		m.Update(keyMsg("esc")) // clearing the filter is not a filter keystroke
	}
	b.ReportMetric(float64(typing.Nanoseconds())/float64(keys), "ns/key")
	// The slowest letter, by its median.
	slowest := time.Duration(0)
	for _, ds := range per {
		slices.Sort(ds)
		slowest = max(slowest, ds[len(ds)/2])
	}
	b.ReportMetric(float64(slowest.Nanoseconds()), "slowest-ns/key")
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

// uvScreen is Bubble Tea's renderer without the program: the cell buffer
// a frame is drawn into and the terminal renderer that writes what changed
// (what the program does on each frame it flushes, cursed_renderer.go).
type uvScreen struct {
	buf uv.ScreenBuffer
	scr *uv.TerminalRenderer
	out bytes.Buffer
}

func newUVScreen(w, h int) *uvScreen {
	s := &uvScreen{buf: uv.NewScreenBuffer(w, h)}
	s.scr = uv.NewTerminalRenderer(&s.out, []string{"TERM=xterm-256color", "COLORTERM=truecolor"})
	s.scr.SetColorProfile(colorprofile.TrueColor)
	s.scr.Resize(w, h)
	s.scr.SetFullscreen(true) // the alternate screen
	s.scr.SetRelativeCursor(false)
	s.scr.Erase()
	return s
}

// frame draws one frame and writes the changes; it returns the bytes
// written.
func (s *uvScreen) frame(content string) int {
	s.buf.Clear()
	uv.NewStyledString(content).Draw(s.buf, s.buf.Bounds())
	s.scr.Render(s.buf.RenderBuffer)
	_ = s.scr.Flush()
	n := s.out.Len()
	s.out.Reset()
	return n
}

// BenchmarkRenderer is Bubble Tea's own work on casia's frames at 200×60:
// each tab's frame and the next one (a cursor step), drawn alternately
// into the cell buffer and written as changes, as the program does on each
// key. The same frames with their styles stripped are drawn alongside:
// the ratio is what styling costs the renderer. plain-full-screen is the
// floor: 60 lines of 200 ASCII letters, one cell changing.
func BenchmarkRenderer(b *testing.B) {
	b.Run("0-plain-full-screen", func(b *testing.B) {
		lines := make([]string, 60)
		for i := range lines {
			lines[i] = strings.Repeat(string(rune('a'+i%26)), 200)
		}
		a := strings.Join(lines, "\n")
		lines[5] = "Z" + lines[5][1:]
		next := strings.Join(lines, "\n")
		s := newUVScreen(200, 60)
		s.frame(a)
		n := 0
		for b.Loop() {
			if n%2 == 0 {
				s.frame(next)
			} else {
				s.frame(a)
			}
			n++
		}
	})
	ds := dataset(b)
	for i, name := range TabNames() {
		b.Run(fmt.Sprintf("%d-%s", i+1, name), func(b *testing.B) {
			m := New(ds, Options{Theme: ThemeDark, Width: 200, Height: 60})
			press(m, fmt.Sprint(i+1))
			a := m.View().Content
			press(m, "j")
			next := m.View().Content
			styled, plain := newUVScreen(200, 60), newUVScreen(200, 60)
			pa, pnext := ansi.Strip(a), ansi.Strip(next)
			styled.frame(a)
			plain.frame(pa)
			var ts, tp time.Duration
			n, written := 0, 0
			for b.Loop() {
				fa, pfa := next, pnext
				if n%2 == 1 {
					fa, pfa = a, pa
				}
				t0 := time.Now()
				written += styled.frame(fa)
				t1 := time.Now()
				plain.frame(pfa)
				ts += t1.Sub(t0)
				tp += time.Since(t1)
				n++
			}
			b.ReportMetric(float64(ts.Microseconds())/float64(n), "styled-µs")
			b.ReportMetric(float64(tp.Microseconds())/float64(n), "stripped-µs")
			b.ReportMetric(float64(ts)/float64(tp), "ratio")
			b.ReportMetric(float64(written)/float64(n), "B/frame")
		})
	}
}

// TestRendererGarbage bounds what Bubble Tea's renderer allocates for
// casia's frames, the load script of casia serve's load test at 100×30
// (tabs and cursor steps). Every line that starts with a blank starts with
// Styles.Margin instead: without it, a tab switch to the Summit cost the
// renderer about 195 KB (its overwrite search concatenates cell by cell
// across blank lines), now under 60 KB; and a key costs the model, Update
// and View together, about 30 KB, was 92 KB.
func TestRendererGarbage(t *testing.T) {
	ds := dataset(t)
	m := New(ds, Options{Theme: ThemeDark, Width: 100, Height: 30})
	for i, line := range strings.Split(m.View().Content, "\n") {
		if ansi.Strip(line) != "" && line[0] == ' ' {
			t.Fatalf("line %d starts with a plain blank: %q", i, line)
		}
	}
	if raceEnabled {
		t.Skip("the race detector changes what is allocated (sync.Pool drops items)")
	}
	s := newUVScreen(100, 30)
	s.frame(m.View().Content)
	var ms runtime.MemStats
	alloc := func() uint64 { runtime.ReadMemStats(&ms); return ms.TotalAlloc }
	keys := []string{"3", "j", "k", "4", "j", "k", "1"}
	// The least of four rounds, after one that lays out and caches:
	// TotalAlloc counts the whole process, and another test's goroutines
	// only ever add to it.
	bestModel, bestRender := make([]uint64, len(keys)), make([]uint64, len(keys))
	for round := range 5 {
		for i, k := range keys {
			a0 := alloc()
			press(m, k)
			c := m.View().Content
			a1 := alloc()
			s.frame(c)
			a2 := alloc()
			if round == 0 {
				continue
			}
			if round == 1 || a1-a0 < bestModel[i] {
				bestModel[i] = a1 - a0
			}
			if round == 1 || a2-a1 < bestRender[i] {
				bestRender[i] = a2 - a1
			}
		}
	}
	var model, render uint64
	for i, k := range keys {
		if bestRender[i] > 100<<10 {
			t.Errorf("key %q: the renderer allocated %d KB for one frame", k, bestRender[i]>>10)
		}
		model += bestModel[i]
		render += bestRender[i]
	}
	n := uint64(len(keys))
	t.Logf("per key: model %d B, renderer %d B", model/n, render/n)
	if model/n > 60<<10 {
		t.Errorf("a key cost the model %d KB (Update and View), want under 60", model/n>>10)
	}
}
