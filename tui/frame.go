package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View draws the whole window: header, the active tab, footer, and any
// overlay, in exactly the window's size. The frame is kept until the next
// message, so repeated calls cost nothing.
func (m *Model) View() tea.View {
	if !m.frameValid {
		m.frame, m.frameValid = m.render(), true
	}
	v := tea.NewView(m.frame)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "casia: " + tabSpecs[m.active].title
	return v
}

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
	var b strings.Builder
	b.Grow(m.w * m.h * 2)
	b.WriteString(m.tabBar())
	if m.headerHeight() == 2 {
		b.WriteByte('\n')
		b.WriteString(m.c.st.Rule.Render(strings.Repeat("─", m.w)))
	}
	// Tabs render exactly their area (the size sweep and fuzz tests check
	// it), so the body is used as is rather than measured again.
	if body := m.tabs[m.active].view(); body != "" {
		b.WriteByte('\n')
		b.WriteString(body)
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.helpLine())
	screen := b.String()
	if m.overlay != nil {
		return m.compose(screen, m.overlay.view(m.w, m.h))
	}
	return screen
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
