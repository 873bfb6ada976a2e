package tui

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var fuzzKeys = []string{
	"enter", "tab", "shift+tab", "esc", "up", "down", "left", "right", "pgup", "pgdown",
	"home", "end", "backspace", "space", "ctrl+p", "ctrl+d", "ctrl+u",
	"/", ":", "?", "[", "]", "s", "S", "y", "o", "c", "m", "v", "a", "g", "G", "j", "k", "h", "l",
	"1", "2", "3", "4", "5", "6", "7", "t", "u", "r", "!", "\"", "é", "中", "p", "z", "x",
	"i", "e", "C", "Y",
}

// decode turns fuzz bytes into dashboard events: keys, pastes, mouse
// clicks and wheels, and window sizes including 0×0 and 1×1.
func decode(b []byte, emit func(tea.Msg)) {
	for i := 0; i+1 < len(b); i += 2 {
		op, arg := b[i], b[i+1]
		switch op % 12 {
		case 0, 1, 2, 3:
			emit(keyMsg(fuzzKeys[int(arg)%len(fuzzKeys)]))
		case 4:
			emit(tea.PasteMsg{Content: string(b[i+1 : min(len(b), i+1+int(arg%16))])})
		case 5:
			emit(tea.MouseClickMsg{X: int(arg % 200), Y: int(arg / 4), Button: tea.MouseLeft})
		case 6:
			btn := tea.MouseWheelDown
			if arg%2 == 0 {
				btn = tea.MouseWheelUp
			}
			emit(tea.MouseWheelMsg{X: int(arg % 200), Y: int(arg / 4), Button: btn})
		case 7:
			sizes := [][2]int{{0, 0}, {1, 1}, {40, 12}, {80, 24}, {39, 11}, {300, 100}, {120, 40}, {57, 13}}
			sz := sizes[int(arg)%len(sizes)]
			if arg >= 128 {
				sz = [2]int{int(arg) % 160, int(arg) % 50}
			}
			emit(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		case 8:
			// The terminal's background: dark confirms the assumed one.
			c := color.Black
			if arg%2 == 1 {
				c = color.White
			}
			emit(tea.BackgroundColorMsg{Color: c})
		case 9:
			// Reports that change nothing on screen.
			reports := []tea.Msg{tea.ColorProfileMsg{}, tea.EnvMsg{}, tea.ModeReportMsg{Mode: ansi.ModeSynchronizedOutput},
				tea.KeyboardEnhancementsMsg{}, tea.FocusMsg{}, tea.RequestBackgroundColor(), otherMsg{}}
			emit(reports[int(arg)%len(reports)])
		case 10:
			emit(clearStatusMsg{seq: int(arg % 4)})
		case 11:
			emit(statusMsg{text: "status " + string(rune('a'+arg%26)), err: arg%2 == 0})
		}
	}
}

// otherMsg is a message no part of the dashboard knows.
type otherMsg struct{}

// FuzzTUI drives the root model with arbitrary event sequences: it must
// never panic, every view must fit the window exactly, and the kept frame
// must always be the one drawn from scratch.
func FuzzTUI(f *testing.F) {
	f.Add([]byte{7, 3, 0, 42, 0, 2, 0, 20, 0, 21, 0, 22})
	f.Add([]byte{7, 6, 0, 38, 0, 0, 0, 4, 0, 4, 0, 0, 0, 0, 1, 16})
	f.Add([]byte{7, 0, 0, 17, 7, 1, 0, 18, 7, 5, 5, 9, 6, 8})
	f.Add([]byte{7, 4, 0, 42, 4, 10, 'x', 'y', 0, 2, 0, 3, 0, 15})
	// Mark two states and compare them; About; the export prompt; copy a
	// footnote's citation.
	f.Add([]byte{0, 37, 0, 13, 0, 32, 0, 13, 0, 55, 0, 0, 0, 16, 0, 53})
	f.Add([]byte{7, 2, 0, 38, 0, 0, 0, 32, 0, 32, 0, 56, 0, 54, 0, 55})
	f.Add([]byte{7, 3, 8, 1, 0, 20, 9, 0, 8, 0, 0, 18, 11, 3, 10, 1, 9, 5, 0, 21, 0, 9})
	ds := dataset(f)
	dir := f.TempDir() // e then c writes a file
	f.Fuzz(func(t *testing.T, b []byte) {
		m := New(ds, Options{Theme: ThemeAuto, ExportDir: dir})
		w, h := 80, 24
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		decode(b, func(msg tea.Msg) {
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				w, h = ws.Width, ws.Height
			}
			run(m, msg)
			assertFits(t, m, w, h, "fuzz")
		})
	})
}
