// Package vtscreen is the terminal the end-to-end tests read: a VT
// emulator behind a lock (vt.Emulator is not safe for concurrent use),
// which also keeps the raw bytes written to it, for sequences the emulator
// does not model (OSC 52) and for checking what never reached the screen.
package vtscreen

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// Screen is a w×h emulated terminal. Write program output to it; read the
// emulator's replies and the keys sent with SendText and SendKey from it.
type Screen struct {
	mu     sync.Mutex
	emu    *vt.Emulator
	raw    bytes.Buffer
	titles []string
}

// New returns an empty w×h screen.
func New(w, h int) *Screen {
	s := &Screen{emu: vt.NewEmulator(w, h)}
	s.emu.SetCallbacks(vt.Callbacks{Title: func(t string) { s.titles = append(s.titles, t) }})
	return s
}

// Write feeds program output to the emulator.
func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	return s.emu.Write(p)
}

// Read returns the emulator's replies to queries and the keys sent to it,
// to be copied to the program's input.
func (s *Screen) Read(p []byte) (int, error) { return s.emu.Read(p) }

// Text is the screen's text.
func (s *Screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// Raw is every byte written so far.
func (s *Screen) Raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}

// Titles lists the window titles the program set, in order.
func (s *Screen) Titles() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.titles...)
}

// Do runs f with the emulator locked, to ask it about modes and cursor.
func (s *Screen) Do(f func(e *vt.Emulator)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s.emu)
}

// SendText types text, encoded as the program's modes ask.
func (s *Screen) SendText(text string) { s.Do(func(e *vt.Emulator) { e.SendText(text) }) }

// SendKey presses a key.
func (s *Screen) SendKey(k uv.KeyEvent) { s.Do(func(e *vt.Emulator) { e.SendKey(k) }) }

// Resize changes the screen's size.
func (s *Screen) Resize(w, h int) { s.Do(func(e *vt.Emulator) { e.Resize(w, h) }) }

// CloseInput ends Read, so a goroutine copying the input can finish
// (Emulator.Close would race with Read).
func (s *Screen) CloseInput() {
	if c, ok := s.emu.InputPipe().(io.Closer); ok {
		c.Close()
	}
}

// WaitFor polls until the screen shows want, failing tb after d.
func (s *Screen) WaitFor(tb testing.TB, want string, d time.Duration) string {
	tb.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if text := s.Text(); strings.Contains(text, want) {
			return text
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatalf("screen never showed %q:\n%s", want, s.Text())
	return ""
}
