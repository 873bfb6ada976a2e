package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// textBox is an overlay of text that scrolls: the About and comparison
// views. body lays the text out for an inner width; the box is as wide as
// its widest line needs, up to the window, and as tall as its text, up to
// the window, scrolling with ↑/↓, pgup/pgdn, g/G and the wheel. esc (or
// the key that opened it) closes it; q quits.
type textBox struct {
	c      *ctx
	title  string
	body   func(w int) []string
	closer key.Binding // the key that opened it also closes it
	top    int
	room   int // text lines shown when last drawn
	// The layout for the last width, kept until the width changes.
	lastW int
	lines []string
}

func (o *textBox) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		return nil, true
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			o.top -= 3
		} else {
			o.top += 3
		}
	case tea.KeyPressMsg:
		k := o.c.keys
		page := max(o.room-1, 1)
		switch {
		case key.Matches(msg, k.ViewClose, o.closer):
			return nil, true
		case msg.String() == "q":
			return tea.Quit, true
		default:
			o.top = scrolled(k, msg, o.top, page)
		}
	}
	o.top = max(o.top, 0)
	return nil, false
}

// layout is the text for an inner width, laid out once per width.
func (o *textBox) layout(w int) []string {
	if o.lines == nil || o.lastW != w {
		o.lines, o.lastW = o.body(w), w
	}
	return o.lines
}

func (o *textBox) view(w, h int) string {
	st := o.c.st
	// The border and padding take 4 columns and 2 rows.
	inner := max(w-4, 1)
	lines := o.layout(inner)
	used := width(o.title)
	for _, l := range lines {
		used = max(used, width(l))
	}
	inner = max(min(used, inner), 1)
	footer := st.Dim.Render("esc closes")
	room := max(h-2-2-1, 1) // border; title and its blank line; the footer
	o.room = room
	rows := lines
	if len(lines) > room {
		o.top = max(0, min(o.top, len(lines)-room))
		rows = lines[o.top : o.top+room]
		footer = st.Dim.Render(fmt.Sprintf("↑/↓ scroll · %d–%d of %d · esc closes", o.top+1, o.top+room, len(lines)))
	} else {
		o.top = 0
	}
	out := make([]string, 0, len(rows)+3)
	out = append(out, st.BoxTitle.Render(o.title), "")
	out = append(out, rows...)
	out = append(out, footer)
	if h < 5 {
		// No room for a box: the text alone, cut to the window.
		return strings.Join(fitLines(out, w, h), "\n")
	}
	body := fitLines(out, inner, min(len(out), max(h-2, 1)))
	return st.Box.Render(strings.Join(body, "\n"))
}
