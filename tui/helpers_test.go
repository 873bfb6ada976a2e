package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/data"
	"casia/model"
)

func dataset(t testing.TB) *model.Dataset {
	t.Helper()
	ds, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// newSized returns a dashboard that has seen a window size, with a fixed
// dark theme so views are deterministic.
func newSized(t testing.TB, w, h int, opts ...func(*Options)) *Model {
	t.Helper()
	o := Options{Theme: ThemeDark, ExportDir: t.TempDir()} // never the source tree
	for _, f := range opts {
		f(&o)
	}
	m := New(dataset(t), o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

var namedKeys = map[string]tea.Key{
	"enter":     {Code: tea.KeyEnter},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"esc":       {Code: tea.KeyEscape},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"backspace": {Code: tea.KeyBackspace},
	"space":     {Code: tea.KeySpace, Text: " "},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+p":    {Code: 'p', Mod: tea.ModCtrl},
	"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
}

// keyMsg turns "enter", "ctrl+p" or a single character into a key press.
func keyMsg(s string) tea.KeyPressMsg {
	if k, ok := namedKeys[s]; ok {
		return tea.KeyPressMsg(k)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return tea.KeyPressMsg(tea.Key{Code: r, Text: s})
}

// press sends keys and runs the commands they return (navigation,
// status), the way the program loop would, skipping quits and ticks.
func press(m *Model, keys ...string) (quit bool) {
	for _, k := range keys {
		if run(m, keyMsg(k)) {
			return true
		}
	}
	return false
}

// typeText sends each rune of s as a key press.
func typeText(m *Model, s string) {
	for _, r := range s {
		run(m, tea.KeyPressMsg(tea.Key{Code: r, Text: string(r)}))
	}
}

// run delivers msg and then the messages its command produces, up to a
// small depth; it reports whether the program would quit.
func run(m *Model, msg tea.Msg) bool {
	queue := []tea.Msg{msg}
	for depth := 0; len(queue) > 0 && depth < 8; depth++ {
		next := queue[0]
		queue = queue[1:]
		_, cmd := m.Update(next)
		for _, out := range expand(cmd) {
			if _, ok := out.(tea.QuitMsg); ok {
				return true
			}
			queue = append(queue, out)
		}
	}
	return false
}

// expand runs a command, flattening batches and dropping slow ones (ticks
// and terminal requests), so tests stay synchronous.
func expand(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-timeAfter():
		return nil
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, expand(c)...)
		}
		return out
	case nil:
		return nil
	}
	if strings.HasPrefix(typeName(msg), "tea.") && !isQuit(msg) {
		return nil // clipboard, background requests: the terminal's business
	}
	return []tea.Msg{msg}
}

func isQuit(msg tea.Msg) bool { _, ok := msg.(tea.QuitMsg); return ok }

// screen is the plain text of the current view.
func screen(m *Model) string { return ansi.Strip(m.View().Content) }

// stale reports how the kept frame differs from one drawn from scratch
// ("" when it does not): a cache must never show a stale frame. Drawing
// from scratch replaces the kept frame.
func stale(m *Model) string {
	kept := m.View().Content
	m.touch(partsAll)
	fresh := m.View().Content
	if kept == fresh {
		return ""
	}
	k, f := strings.Split(ansi.Strip(kept), "\n"), strings.Split(ansi.Strip(fresh), "\n")
	for i := range max(len(k), len(f)) {
		var a, b string
		if i < len(k) {
			a = k[i]
		}
		if i < len(f) {
			b = f[i]
		}
		if a != b {
			return fmt.Sprintf("line %d kept %q, fresh %q", i, a, b)
		}
	}
	return "styles differ"
}

// assertFits checks the view is exactly w×h cells.
func assertFits(t testing.TB, m *Model, w, h int, where string) {
	t.Helper()
	if d := stale(m); d != "" {
		t.Fatalf("%s: stale frame: %s", where, d)
	}
	content := m.View().Content
	if w <= 0 || h <= 0 {
		if content != "" {
			t.Fatalf("%s: %dx%d view is not empty: %q", where, w, h, content)
		}
		return
	}
	lines := strings.Split(content, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines, want %d", where, len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Fatalf("%s: line %d is %d cells wide, want %d: %q", where, i, lw, w, ansi.Strip(l))
		}
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// timeAfter bounds how long a command may take in tests: ticks (status
// timeouts) are dropped rather than waited for.
func timeAfter() <-chan time.Time { return time.After(10 * time.Millisecond) }
