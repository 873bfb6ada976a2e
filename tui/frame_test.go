package tui

import (
	"fmt"
	"image/color"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/internal/synth"
	"casia/model"
)

// The frame is kept until a message changes one of its parts. These tests
// check each kind of change draws again (and matches a frame drawn from
// scratch), and that messages which change nothing draw nothing.

// startupMsgs are what Bubble Tea and a terminal send around the first
// frame; on a dark terminal none of them changes the screen.
func startupMsgs(w, h int) []tea.Msg {
	return []tea.Msg{
		tea.ColorProfileMsg{}, tea.WindowSizeMsg{Width: w, Height: h}, tea.EnvMsg{"TERM=xterm-256color"},
		tea.RequestBackgroundColor(), // the request itself is passed to Update too
		tea.ModeReportMsg{Mode: ansi.ModeSynchronizedOutput}, tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore},
		tea.KeyboardEnhancementsMsg{}, tea.BackgroundColorMsg{Color: color.Black},
	}
}

func TestFirstFrameDrawnOnce(t *testing.T) {
	ds := dataset(t)
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		m := New(ds, Options{Width: sz[0], Height: sz[1]})
		first := m.View().Content
		for _, msg := range startupMsgs(sz[0], sz[1]) {
			m.Update(msg)
			if m.View().Content != first {
				t.Fatalf("%dx%d: %T changed the first frame", sz[0], sz[1], msg)
			}
		}
		if m.frame.draws != 1 {
			t.Errorf("%dx%d: %d frames drawn around the first, want 1", sz[0], sz[1], m.frame.draws)
		}
		if d := stale(m); d != "" {
			t.Errorf("%dx%d: %s", sz[0], sz[1], d)
		}
	}
}

func TestFrameResize(t *testing.T) {
	m := newSized(t, 80, 24)
	small := m.View().Content
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	assertFits(t, m, 120, 40, "resized")
	if m.View().Content == small {
		t.Fatal("the frame did not change with the window")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := m.View().Content; got != small {
		t.Errorf("back at 80x24 the frame differs from the first one:\n%s", ansi.Strip(got))
	}
	draws := m.frame.draws
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.View()
	if m.frame.draws != draws {
		t.Error("a window size the dashboard already had drew a frame")
	}
	for _, sz := range [][2]int{{39, 11}, {0, 0}, {40, 12}, {200, 60}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		assertFits(t, m, sz[0], sz[1], fmt.Sprint(sz))
	}
}

func TestFrameTheme(t *testing.T) {
	ds := dataset(t)
	for _, tab := range []string{"1", "4", "5", "6"} {
		m := New(ds, Options{Theme: ThemeAuto, Width: 120, Height: 40})
		press(m, tab)
		dark := m.View().Content
		draws := m.frame.draws
		m.Update(tea.BackgroundColorMsg{Color: color.Black})
		if m.View().Content != dark || m.frame.draws != draws {
			t.Errorf("tab %s: a dark background, as assumed, drew again", tab)
		}
		m.Update(tea.BackgroundColorMsg{Color: color.White})
		light := m.View().Content
		if light == dark {
			t.Fatalf("tab %s: a light background left the dark frame", tab)
		}
		want := New(ds, Options{Theme: ThemeLight, Width: 120, Height: 40})
		press(want, tab)
		if light != want.View().Content {
			t.Errorf("tab %s: after a light background the frame differs from a light session's", tab)
		}
		m.Update(tea.BackgroundColorMsg{Color: color.Black})
		if m.View().Content != dark {
			t.Errorf("tab %s: back on dark the frame differs from the first", tab)
		}
		if d := stale(m); d != "" {
			t.Errorf("tab %s: %s", tab, d)
		}
	}
	// A fixed theme ignores the terminal.
	m := New(ds, Options{Theme: ThemeDark, Width: 120, Height: 40})
	dark := m.View().Content
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if m.View().Content != dark {
		t.Error("--theme dark followed the terminal's light background")
	}
}

func TestFrameFilter(t *testing.T) {
	m := newSized(t, 120, 40)
	press(m, "4", "/")
	before := m.View().Content
	typeText(m, "rail")
	after := m.View().Content
	if after == before || !strings.Contains(ansi.Strip(after), "/ rail") {
		t.Fatalf("typing a filter did not redraw:\n%s", ansi.Strip(after))
	}
	if d := stale(m); d != "" {
		t.Fatal(d)
	}
	// A message for the focused box that changes nothing on the list (the
	// cursor's blink is one) redraws the footer alone.
	body := m.frame.body
	m.Update(otherMsg{})
	if d := stale(m); d != "" {
		t.Fatal(d)
	}
	if m.frame.body != body {
		t.Error("a message to the filter box that left its text redrew the list")
	}
	press(m, "esc")
	if d := stale(m); d != "" {
		t.Fatal(d)
	}
	if strings.Contains(screen(m), "/ rail") {
		t.Error("esc left the filter on screen")
	}
	// A footer message and its timeout.
	m.Update(statusMsg{text: "hello there"})
	if !strings.Contains(screen(m), "hello there") {
		t.Fatal("status message not shown")
	}
	m.Update(clearStatusMsg{seq: m.statusSeq - 1})
	if !strings.Contains(screen(m), "hello there") {
		t.Error("an old timeout cleared a newer message")
	}
	m.Update(clearStatusMsg{seq: m.statusSeq})
	if strings.Contains(screen(m), "hello there") {
		t.Error("the message outlived its timeout")
	}
}

// TestFrameOtherSession runs sessions side by side over one dataset and
// over another: what one session does (theme, filter, sort, tab) and what
// another dataset holds never reach another session's frame, though
// per-dataset work is shared.
func TestFrameOtherSession(t *testing.T) {
	embedded := dataset(t)
	fixture, err := model.LoadFile("testdata/schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a := New(embedded, Options{Theme: ThemeAuto, Width: 120, Height: 40})
	press(a, "4")
	aFrame := a.View().Content
	b := New(embedded, Options{Theme: ThemeAuto, Width: 120, Height: 40})
	press(b, "4", "/")
	typeText(b, "rail")
	press(b, "enter", "s")
	b.Update(tea.BackgroundColorMsg{Color: color.White})
	c := New(fixture, Options{Theme: ThemeAuto, Width: 120, Height: 40})
	press(c, "4")
	if a.View().Content != aFrame {
		t.Error("another session's filter, sort or theme changed this session's frame")
	}
	if d := stale(a); d != "" {
		t.Error(d)
	}
	if c.View().Content == aFrame {
		t.Error("a session over another dataset shows this dataset's frame")
	}
	for _, m := range []*Model{b, c} {
		if d := stale(m); d != "" {
			t.Error(d)
		}
	}
}

// TestSessionsConcurrent builds and drives sessions at once over one
// dataset (run with -race): the per-dataset work they share (orders,
// indexes, column widths, timeline headings, styles) is built while others
// read it, and each session's screens match the same script run alone
// over another copy of the data.
func TestSessionsConcurrent(t *testing.T) {
	script := func(m *Model, i int, frame func(string)) {
		steps := [][]string{
			{"2"}, {"3", "s"}, {"4", "/", "k", "a", "s", "h", "enter"}, {"j", "j", "S"},
			{"5"}, {"s"}, {"/", "2", "0", "enter"}, {"6", "j"}, {"7", "G"}, {"p"}, {"z"},
		}
		for _, keys := range steps {
			press(m, keys...)
			frame(m.View().Content)
		}
		if i%2 == 1 {
			m.Update(tea.BackgroundColorMsg{Color: color.White})
			frame(m.View().Content)
		}
	}
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 60}}
	opts := func(i int) Options {
		return Options{Theme: ThemeAuto, Width: sizes[i%3][0], Height: sizes[i%3][1], Today: "2026-11-27"}
	}
	const sessions = 6
	// The script alone, each variant, over one copy of the data.
	alone, err := synth.Dataset(1500)
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]string, sessions)
	for i := range sessions {
		script(New(alone, opts(i)), i, func(s string) { want[i] = append(want[i], s) })
	}
	// All at once over a fresh copy, whose shared work nobody has done yet.
	shared, err := synth.Dataset(1500)
	if err != nil {
		t.Fatal(err)
	}
	got := make([][]string, sessions)
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Go(func() {
			m := New(shared, opts(i))
			script(m, i, func(s string) { got[i] = append(got[i], s) })
		})
	}
	wg.Wait()
	for i := range sessions {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("session %d, step %d: the screen differs from the same script run alone:\n%s",
					i, j, ansi.Strip(got[i][j]))
			}
		}
	}
}
