package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpSections groups every binding for the "?" overlay.
func (k *KeyMap) helpSections() []struct {
	title string
	keys  []key.Binding
} {
	return []struct {
		title string
		keys  []key.Binding
	}{
		{"Tabs", []key.Binding{k.NextTab, k.PrevTab, k.JumpTab, k.Palette, k.Help, k.Quit}},
		{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}},
		{"Records", []key.Binding{k.Enter, k.Left, k.Right, k.Back, k.HistBack, k.HistFwd, k.Copy, k.Open}},
		{"Filter and sort", []key.Binding{k.Filter, k.Sort, k.SortReverse}},
		{"Charts and map", []key.Binding{k.Chart, k.Metric, k.MapMode, k.ASCII}},
	}
}

// helpView is the "?" overlay: every key in sections that flow into as
// many columns as fit, then the symbols and the filter language.
func (m *Model) helpView() string {
	st := m.c.st
	inner := max(min(m.w-6, 110), 10)
	var cols [][]string
	for _, sec := range m.c.keys.helpSections() {
		kw := 0
		for _, b := range sec.keys {
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		col := []string{st.Section.Render(sec.title)}
		for _, b := range sec.keys {
			col = append(col, st.Help.FullKey.Render(padRight(b.Help().Key, kw))+"  "+st.Help.FullDesc.Render(b.Help().Desc))
		}
		cols = append(cols, col)
	}
	var rows []string
	for len(cols) > 0 {
		// Take as many sections as fit side by side.
		n, width := 0, 0
		for n < len(cols) {
			cw := 0
			for _, l := range cols[n] {
				cw = max(cw, ansi.StringWidth(l))
			}
			if n > 0 && width+3+cw > inner {
				break
			}
			width += cw + 3
			n++
		}
		h := 0
		for _, c := range cols[:n] {
			h = max(h, len(c))
		}
		for i := range h {
			var b strings.Builder
			for _, c := range cols[:n] {
				cw := 0
				for _, l := range c {
					cw = max(cw, ansi.StringWidth(l))
				}
				cell := ""
				if i < len(c) {
					cell = c[i]
				}
				b.WriteString(fitLine(cell, cw) + "   ")
			}
			rows = append(rows, fitLine(b.String(), inner))
		}
		rows = append(rows, "")
		cols = cols[n:]
	}
	para := func(s string) {
		rows = append(rows, wrap(s, inner)...)
	}
	para("Confidence: " + st.badge("verified") + " verified · " + st.badge("single-source") + " one source · " +
		st.badge("conflicting") + " sources disagree · " + st.badge("derived") + " derived · ~ about · * contested")
	para("Timeline: ◆ independence · ● diplomacy · ★ summit · ■ organisation · ═ infrastructure · ✦ initiative")
	para("Filter: words match anywhere, accents optional (turkiye finds Türkiye) · !word excludes · \"two words\" · " +
		"country:kz kind:rail status:operating year:2020..2025 confidence:single source:ID")
	rows = append(rows, "", st.Dim.Render("? or esc closes · q quits"))
	title := st.BoxTitle.Render("casia · keys and symbols")
	// Taller than the window: scroll with ↑/↓, and say there is more.
	room := max(m.h-4, 1) // the border, the title and its blank line
	if len(rows) > room {
		room = max(room-1, 1) // a line for the scroll hint
		m.helpTop = max(0, min(m.helpTop, len(rows)-room))
		hint := st.Dim.Render(fmt.Sprintf("↑/↓ scroll · %d–%d of %d", m.helpTop+1, m.helpTop+room, len(rows)))
		rows = append(rows[m.helpTop:m.helpTop+room], hint)
	} else {
		m.helpTop = 0
	}
	body := append([]string{title, ""}, rows...)
	return st.Box.Render(strings.Join(fitLines(body, inner, len(body)), "\n"))
}
