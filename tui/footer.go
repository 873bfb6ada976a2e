package tui

import (
	"hash/maphash"
	"strings"

	"charm.land/bubbles/v2/key"
)

// The footer is two lines: the status line (filter box, message or filter
// on the left; the tab's counts and sort on the right) and the help line
// (the keys that matter now, most useful first, and "? help" always).

func (m *Model) statusLine() string {
	st := m.c.st
	t := m.tabs[m.active]
	right := t.status()
	f, _ := t.(filterable)
	var left string
	switch {
	case m.filter.focused:
		left = m.filter.view()
	case m.status != "":
		if m.statusErr {
			left = st.Error.Render(m.status)
		} else {
			left = st.Message.Render(m.status)
		}
	case f != nil && f.filterError() != "":
		left = st.StatusKey.Render("/") + " " + st.Text.Render(f.filter()) + "  " + st.Error.Render("⚠ "+f.filterError())
	case f != nil && f.filter() != "":
		left = st.StatusKey.Render("/") + " " + st.Text.Render(f.filter()) + st.Dim.Render("  (esc clears)")
	}
	rw := width(right)
	if rw > m.w/2 {
		right, rw = truncate(right, m.w/2), min(rw, m.w/2)
	}
	lw := max(m.w-rw-1, 0)
	return fitLine(fitLine(" "+left, lw)+" "+st.Count.Render(right), m.w)
}

// helpLine is the active context's keys, as many as fit, then "? help".
// While the filter box has focus it explains a malformed filter instead.
func (m *Model) helpLine() string {
	k := m.c.keys
	t := m.tabs[m.active]
	if m.filter.focused {
		if f, ok := t.(filterable); ok && f.filterError() != "" {
			return fitLine(" "+m.c.st.Error.Render("⚠ "+f.filterError()), m.w)
		}
		quit := k.ForceQuit
		quit.SetHelp("ctrl+c", "quit")
		return fitLine(" "+m.shortHelp(append(m.filter.help(), quit), m.w-1), m.w)
	}
	keys := append(append(m.helpBuf[:0], t.help()...), k.Palette, k.About, k.NextTab, k.Quit, k.Help)
	m.helpBuf = keys
	sum := helpSum(keys)
	if h := &m.helpMemo[m.active]; h.line != "" && h.sum == sum && h.w == m.w && h.st == m.c.st {
		return h.line
	}
	keys = keys[:len(keys)-1]
	var line string
	tail := m.shortHelp([]key.Binding{k.Help}, m.w)
	if room := m.w - 1 - width(tail) - 3; room < 8 {
		line = fitLine(" "+tail, m.w)
	} else {
		line = fitLine(" "+m.shortHelp(keys, room)+m.c.st.HelpSep.Render(" • ")+tail, m.w)
	}
	m.helpMemo[m.active] = helpMemo{sum: sum, w: m.w, st: m.c.st, line: line}
	return line
}

// helpMemo keeps a tab's last help line: it is drawn with every frame, and
// between two keys it rarely changes.
type helpMemo struct {
	sum  uint64
	w    int
	st   *Styles
	line string
}

var helpSeed = maphash.MakeSeed()

// helpSum fingerprints what a help line shows of its bindings.
func helpSum(keys []key.Binding) uint64 {
	var h maphash.Hash
	h.SetSeed(helpSeed)
	for _, kb := range keys {
		if !kb.Enabled() {
			continue
		}
		hp := kb.Help()
		h.WriteString(hp.Key)
		h.WriteByte(0)
		h.WriteString(hp.Desc)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// shortHelp renders "key desc • key desc" with as many bindings as fit in
// room, and "…" when some had to go. (Bubbles' help.ShortHelpView can
// overrun its width when even the ellipsis does not fit.)
func (m *Model) shortHelp(bindings []key.Binding, room int) string {
	st := m.c.st
	var b strings.Builder
	used := 0
	for i, kb := range bindings {
		if !kb.Enabled() {
			continue
		}
		h := kb.Help()
		item := st.HelpKey.Render(h.Key) + " " + st.HelpDesc.Render(h.Desc)
		iw := width(h.Key) + 1 + width(h.Desc)
		if used > 0 {
			item = st.HelpSep.Render(" • ") + item
			iw += 3
		}
		need := iw
		if i < len(bindings)-1 {
			need += 2 // keep room for " …"
		}
		if used+need > room {
			if used+2 <= room {
				b.WriteString(" " + st.HelpSep.Render("…"))
			}
			break
		}
		b.WriteString(item)
		used += iw
	}
	return b.String()
}
