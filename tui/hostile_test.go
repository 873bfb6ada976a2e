package tui

import (
	"encoding/base64"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"casia/internal/vtscreen"
	"casia/model"
)

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
	out := vtscreen.New(w, h)
	out.Write([]byte(ansi.SetModeLineFeedNewLine)) // non-TTY output: the renderer assumes LF->CRLF
	in, replies := io.Pipe()
	go func() { _, _ = io.Copy(replies, out) }()
	p := tea.NewProgram(New(ds, Options{Theme: ThemeDark}),
		tea.WithInput(in), tea.WithOutput(out), tea.WithWindowSize(w, h),
		tea.WithoutSignals(), tea.WithColorProfile(colorprofile.TrueColor))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	t.Cleanup(func() { out.CloseInput(); replies.Close() })
	out.WaitFor(t, "Test Summit", 5*time.Second)

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

	raw := out.Raw()
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
	for _, ti := range out.Titles() {
		if ti != "" && !strings.HasPrefix(ti, "casia: ") {
			t.Errorf("window title set to %q", ti)
		}
	}
}
