package tui

import (
	"bytes"
	"encoding/base64"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"casia/model"
)

// screenWriter feeds program output to an emulator and keeps the raw bytes.
type screenWriter struct {
	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer
}

func (s *screenWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	return s.emu.Write(p)
}

func (s *screenWriter) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

func (s *screenWriter) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("screen never showed %q:\n%s", want, s.text())
}

// TestHostileDataOnScreen drives the real program over a dataset whose
// every text field carries escape sequences (OSC 52 clipboard, OSC 2
// title, OSC 8, CSI, DCS, APC, PM, SOS, C1, CR, BS, BEL, bidi overrides)
// through every tab, record and overlay. None of it may reach the
// terminal: the raw output holds no such sequence, and the window title
// and clipboard are only ever what casia itself sets.
func TestHostileDataOnScreen(t *testing.T) {
	ds, err := model.LoadFile("../model/testdata/hostile.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 120, 40
	out := &screenWriter{emu: vt.NewEmulator(w, h)}
	var titles []string
	out.emu.SetCallbacks(vt.Callbacks{Title: func(s string) { titles = append(titles, s) }})
	out.emu.Write([]byte(ansi.SetModeLineFeedNewLine))
	p := tea.NewProgram(New(ds, Options{Theme: ThemeDark}),
		tea.WithInput(out.emu), tea.WithOutput(out), tea.WithWindowSize(w, h),
		tea.WithoutSignals(), tea.WithColorProfile(colorprofile.TrueColor))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	go func() { _, _ = io.Copy(io.Discard, out.emu) }()
	out.waitFor(t, "Test Summit")

	send := func(keys ...string) {
		for _, k := range keys {
			p.Send(keyMsg(k))
		}
		time.Sleep(30 * time.Millisecond)
	}
	for tab := '1'; tab <= '7'; tab++ {
		send(string(tab))
		for range 4 {
			send("j", "enter", "j", "j", "esc", "c")
		}
		send("c", "/", "t", "e", "esc")
	}
	send(":", "t", "e", "s", "t")
	send("esc", "?")
	send("esc", "y")
	send("q")
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("program did not quit")
	}

	out.mu.Lock()
	raw := out.raw.String()
	out.mu.Unlock()
	for _, bad := range []string{"pwned", "aGk=", "http://evil", "\x1bP+q", "\x1b_apc", "\x1b^pm", "\x1bXsos",
		"\u009b", "\u202e", "\r\b", "\a\u202e"} {
		if i := strings.Index(raw, bad); i >= 0 {
			t.Errorf("output carries %q at %d: %q", bad, i, raw[max(i-20, 0):min(i+40, len(raw))])
		}
	}
	// The only clipboard write is casia's own copy (y), holding clean text.
	copies := strings.Split(raw, "\x1b]52;")[1:]
	if len(copies) != 1 {
		t.Errorf("%d clipboard writes, want the one y made", len(copies))
	}
	for _, osc := range copies {
		payload, _, _ := strings.Cut(strings.TrimPrefix(osc, "c;"), "\a")
		payload, _, _ = strings.Cut(payload, "\x1b")
		text, err := base64.StdEncoding.DecodeString(payload)
		if !strings.HasPrefix(osc, "c;") || err != nil {
			t.Errorf("unexpected clipboard write: %q (%v)", osc[:min(len(osc), 40)], err)
		}
		for _, r := range string(text) {
			if r < 0x20 && r != '\n' || r >= 0x80 && r < 0xa0 || r == 0x202e {
				t.Errorf("clipboard text carries %U", r)
			}
		}
	}
	// casia sets "casia: <tab>" and clears the title when it exits.
	for _, ti := range titles {
		if ti != "" && !strings.HasPrefix(ti, "casia: ") {
			t.Errorf("window title set to %q", ti)
		}
	}
}
