package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// overlay is a box drawn over the screen that takes every key while open
// (help, palette). update reports when it is done; the root then drops it.
type overlay interface {
	update(msg tea.Msg) (cmd tea.Cmd, done bool)
	view(w, h int) string
}

// helpOverlay is the "?" box: every key in sections that flow into as many
// columns as fit, the filter fields, the mouse and the symbols. It scrolls
// when taller than the window.
type helpOverlay struct {
	c   *ctx
	top int // first line shown
	h   int // the window height it was last drawn for
}

func newHelpOverlay(c *ctx) *helpOverlay { return &helpOverlay{c: c} }

func (o *helpOverlay) update(msg tea.Msg) (tea.Cmd, bool) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		_, click := msg.(tea.MouseClickMsg)
		return nil, click
	}
	k := o.c.keys
	page := max(o.h-4, 1)
	switch {
	case key.Matches(kp, k.HelpClose):
		return nil, true
	default:
		o.top = scrolled(k, kp, o.top, page)
	}
	return nil, false
}

// scrolled is the first line of a scrolling view after a movement key
// (down, up, page down or up, top, bottom); other keys leave it. The view
// clamps the bottom when it draws.
func scrolled(k *KeyMap, kp tea.KeyPressMsg, top, page int) int {
	switch {
	case key.Matches(kp, k.Down):
		top++
	case key.Matches(kp, k.Up):
		top--
	case key.Matches(kp, k.PageDown):
		top += page
	case key.Matches(kp, k.PageUp):
		top -= page
	case key.Matches(kp, k.Top):
		top = 0
	case key.Matches(kp, k.Bottom):
		top = 1 << 20
	}
	return max(top, 0)
}

// helpMouse lists what the mouse does.
var helpMouse = []struct{ what, does string }{
	{"click a tab", "go to it"},
	{"click a row", "select it"},
	{"click a link or [n]", "follow it (in the detail pane)"},
	{"click the map", "select the country there"},
	{"wheel", "scroll the list or the pane under the pointer"},
	{"click", "closes this help"},
}

func (o *helpOverlay) view(w, h int) string {
	st := o.c.st
	o.h = h
	inner := max(min(w-6, 110), 10)
	var cols [][]string
	column := func(title string, rows [][2]string) {
		kw := 0
		for _, r := range rows {
			kw = max(kw, ansi.StringWidth(r[0]))
		}
		col := []string{st.Section.Render(title)}
		for _, r := range rows {
			col = append(col, st.Help.FullKey.Render(padRight(r[0], kw))+"  "+st.Help.FullDesc.Render(r[1]))
		}
		cols = append(cols, col)
	}
	for _, sec := range o.c.keys.helpSections() {
		var rows [][2]string
		for _, b := range sec.keys {
			rows = append(rows, [2]string{b.Help().Key, b.Help().Desc})
		}
		column(sec.title, rows)
	}
	var mouse [][2]string
	for _, m := range helpMouse {
		mouse = append(mouse, [2]string{m.what, m.does})
	}
	column("Mouse", mouse)
	var fields [][2]string
	for _, f := range model.QueryFields {
		fields = append(fields, [2]string{f.Name + ":", f.Help})
	}
	rows := flowColumns(cols, inner)
	rows = append(rows, st.Section.Render("Filter"))
	para := func(s string) { rows = append(rows, wrap(s, inner)...) }
	para("Words match anywhere in a record, accents optional (turkiye finds Türkiye); a capital makes a word " +
		"case-sensitive; !word excludes; \"two words\" is a phrase. A state's name in any script " +
		"(kazakhstan, Казахстан, 哈萨克斯坦) selects what country: does.")
	fw := 0
	for _, f := range fields {
		fw = max(fw, ansi.StringWidth(f[0]))
	}
	for _, f := range fields {
		for i, ln := range wrap(f[1], max(inner-fw-2, 10)) {
			label := strings.Repeat(" ", fw)
			if i == 0 {
				label = padRight(f[0], fw)
			}
			rows = append(rows, st.Help.FullKey.Render(label)+"  "+st.Help.FullDesc.Render(ln))
		}
	}
	rows = append(rows, "")
	para("Confidence: " + st.badge(model.Verified) + " verified · " + st.badge(model.SingleSource) + " one source · " +
		st.badge(model.Conflicting) + " sources disagree · " + st.badge(model.Derived) + " derived · ~ about · * contested")
	para("Footnotes: " + st.Link.Render("[3]") + " after a value is its source, number 3 in the list at the end of the record; " +
		"brackets keep it apart from the confidence marks (¹ means one source). In the detail pane ↑/↓ reach a footnote, " +
		"enter follows it to the Sources tab, o opens it, y copies the value with its citation, u the URL, Y the citation.")
	para("Dates: \"planned Sep 2026 · overdue\" is a plan whose date has passed; \"outcome not found as of …\" and " +
		"\"no newer figure found as of …\" record a search that came up empty. i shows the data's dates and origin.")
	para("Compare: " + markMark + " marks a state (space on Signatories); C compares the marked states, or the selected and the next.")
	var kinds []string
	for _, k := range eventKinds() {
		kinds = append(kinds, kindSymbol(k)+" "+string(k))
	}
	para("Timeline: " + strings.Join(kinds, " · "))
	rows = append(rows, "", st.Dim.Render("? or esc closes · q quits"))
	title := st.BoxTitle.Render("casia · keys, filter and symbols")
	// Taller than the window: scroll with ↑/↓, and say there is more.
	room := max(h-4, 1) // the border, the title and its blank line
	if len(rows) > room {
		room = max(room-1, 1) // a line for the scroll hint
		o.top = max(0, min(o.top, len(rows)-room))
		hint := st.Dim.Render(fmt.Sprintf("↑/↓ scroll · %d–%d of %d", o.top+1, o.top+room, len(rows)))
		rows = append(rows[o.top:o.top+room], hint)
	} else {
		o.top = 0
	}
	body := append([]string{title, ""}, rows...)
	return st.Box.Render(strings.Join(fitLines(body, inner, len(body)), "\n"))
}

// flowColumns lays blocks of lines side by side, as many per band as fit
// in width, bands one under the other.
func flowColumns(cols [][]string, width int) []string {
	colW := func(c []string) int {
		cw := 0
		for _, l := range c {
			cw = max(cw, ansi.StringWidth(l))
		}
		return cw
	}
	var rows []string
	for len(cols) > 0 {
		n, used := 0, 0
		for n < len(cols) {
			cw := colW(cols[n])
			if n > 0 && used+3+cw > width {
				break
			}
			used += cw + 3
			n++
		}
		h := 0
		for _, c := range cols[:n] {
			h = max(h, len(c))
		}
		for i := range h {
			var b strings.Builder
			for _, c := range cols[:n] {
				cell := ""
				if i < len(c) {
					cell = c[i]
				}
				b.WriteString(fitLine(cell, colW(c)) + "   ")
			}
			rows = append(rows, fitLine(b.String(), width))
		}
		rows = append(rows, "")
		cols = cols[n:]
	}
	return rows
}
