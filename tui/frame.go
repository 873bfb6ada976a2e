package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// frameCache keeps the last frame and its parts. Update marks the parts a
// message may change (touch); View draws those again and joins the frame
// only when some part changed, so a message that changes nothing (the
// terminal's reports at start-up, a window size it already had) costs
// nothing, and Bubble Tea sees the very same string and skips its own
// work. The header is keyed by what it shows instead of marked.
type frameCache struct {
	dirty   parts
	head    string
	headKey headKey
	body    string
	footer  string
	screen  string // the frame, overlay included
	title   string // the window title
	titleOf int    // the tab the title names
	draws   int    // frames drawn, for tests
}

// parts are the pieces of a frame a message may change.
type parts uint8

const (
	partBody    parts = 1 << iota // the active tab's area
	partFooter                    // the status and help lines
	partOverlay                   // the help or palette box
	partFrame                     // the size, the styles, the tab: everything

	partsAll = partBody | partFooter | partOverlay | partFrame
)

// headKey is what the tab bar and its rule depend on.
type headKey struct {
	active, w, h int
	st           *Styles
}

// touch marks parts of the frame to draw again.
func (m *Model) touch(p parts) { m.frame.dirty |= p }

// View draws the whole window: header, the active tab, footer, and any
// overlay, in exactly the window's size. The frame is kept until a message
// changes one of its parts, so repeated calls cost nothing.
func (m *Model) View() tea.View {
	f := &m.frame
	if f.dirty != 0 {
		f.screen = m.render()
		f.dirty = 0
	}
	if f.title == "" || f.titleOf != m.active {
		f.title, f.titleOf = "casia: "+tabSpecs[m.active].title, m.active
	}
	v := tea.NewView(f.screen)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = f.title
	return v
}

// render draws the parts marked and joins them.
func (m *Model) render() string {
	if m.panicNext {
		panic("casia test build: panic in View on request")
	}
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.w < MinWidth || m.h < MinHeight {
		return m.tooSmall()
	}
	f := &m.frame
	f.draws++
	all := f.dirty&partFrame != 0
	if k := (headKey{m.active, m.w, m.h, m.c.st}); all || k != f.headKey {
		f.head, f.headKey = m.header(), k
	}
	if all || f.dirty&partBody != 0 {
		// Tabs render exactly their area (the size sweep and fuzz tests
		// check it), so the body is used as is rather than measured again.
		f.body = m.tabs[m.active].view()
	}
	if all || f.dirty&(partBody|partFooter) != 0 {
		f.footer = m.statusLine() + "\n" + m.helpLine()
	}
	var b strings.Builder
	mark := m.c.st.Margin
	b.Grow(len(f.head) + len(f.body) + len(f.footer) + 2 + m.h*max(len(mark)-1, 0))
	writeMarked(&b, f.head, mark)
	if f.body != "" {
		b.WriteByte('\n')
		writeMarked(&b, f.body, mark)
	}
	b.WriteByte('\n')
	writeMarked(&b, f.footer, mark)
	screen := b.String()
	if m.overlay != nil {
		return m.compose(screen, m.overlay.view(m.w, m.h))
	}
	return screen
}

// writeMarked writes lines, each blank that starts a line replaced by
// mark (see Styles.Margin).
func writeMarked(b *strings.Builder, lines, mark string) {
	if mark == "" {
		b.WriteString(lines)
		return
	}
	for lines != "" {
		line, rest, more := strings.Cut(lines, "\n")
		if line != "" && line[0] == ' ' {
			b.WriteString(mark)
			line = line[1:]
		}
		b.WriteString(line)
		if more {
			b.WriteByte('\n')
		}
		lines = rest
	}
}

// header is the tab bar, and the rule under it when there is room.
func (m *Model) header() string {
	if m.headerHeight() == 2 {
		return m.tabBar() + "\n" + m.c.st.Rule.Render(strings.Repeat("─", m.w))
	}
	return m.tabBar()
}

func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("casia needs at least %d×%d (now %d×%d)", MinWidth, MinHeight, m.w, m.h)
	lines := make([]string, m.h)
	words := wrap(msg, m.w)
	top := max((m.h-len(words))/2, 0)
	for i, wl := range words {
		if top+i < m.h {
			lines[top+i] = lipgloss.PlaceHorizontal(m.w, lipgloss.Center, m.c.st.Notice.Render(wl))
		}
	}
	return block(lines, m.w, m.h)
}

// compose centres a box over the screen.
func (m *Model) compose(screen, box string) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((m.w-bw)/2, 0), max((m.h-bh)/2, 0)
	c := lipgloss.NewCompositor(
		lipgloss.NewLayer(screen),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	)
	return block(strings.Split(c.Render(), "\n"), m.w, m.h)
}
