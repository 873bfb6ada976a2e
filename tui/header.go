package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// tabLabels returns the tab bar's labels in the widest form that fits:
// full names, short names, or numbers with only the active tab named.
func (m *Model) tabLabels() []string {
	forms := []func(i int, t tab) string{
		func(i int, t tab) string { return itoa(i+1) + " " + t.title() },
		func(i int, t tab) string { return itoa(i+1) + " " + t.shortTitle() },
		func(i int, t tab) string {
			if i == m.active {
				return itoa(i+1) + " " + t.shortTitle()
			}
			return itoa(i + 1)
		},
	}
	brand := len(" casia ") + 1
	for _, f := range forms {
		labels := make([]string, len(m.tabs))
		total := brand
		for i, t := range m.tabs {
			labels[i] = f(i, t)
			total += ansi.StringWidth(labels[i]) + 2
		}
		if total <= m.w {
			return labels
		}
	}
	labels := make([]string, len(m.tabs))
	for i := range m.tabs {
		labels[i] = itoa(i + 1)
	}
	return labels
}

// tabBar is the first line: the name, then the tabs.
func (m *Model) tabBar() string {
	st := m.c.st
	var b strings.Builder
	b.WriteString(st.Brand.Render(" casia "))
	b.WriteString(" ")
	for i, l := range m.tabLabels() {
		num, name, _ := strings.Cut(l, " ")
		if i == m.active {
			b.WriteString(st.TabActive.Render("[" + l + "]"))
		} else {
			b.WriteString(" " + st.TabKey.Render(num))
			if name != "" {
				b.WriteString(st.TabInactive.Render(" " + name))
			}
			b.WriteString(" ")
		}
	}
	return fitLine(b.String(), m.w)
}

// tabAtX is the column where tab i's label starts (for tests and clicks).
func (m *Model) tabAtX(i int) int {
	at := len(" casia ") + 1
	for j, l := range m.tabLabels() {
		if j == i {
			return at + 1
		}
		at += ansi.StringWidth(l) + 2
	}
	return -1
}

// tabAt maps a click on the tab bar to a tab.
func (m *Model) tabAt(x int) int {
	at := len(" casia ") + 1
	for i, l := range m.tabLabels() {
		w := ansi.StringWidth(l) + 2
		if x >= at && x < at+w {
			return i
		}
		at += w
	}
	return -1
}

// statusLine is the filter box, or a message, or the tab's filter, on the
// left; the tab's counts and sort on the right.
func (m *Model) statusLine() string {
	st := m.c.st
	t := m.tabs[m.active]
	right := t.status()
	var left string
	switch {
	case m.filtering:
		left = m.input.View()
	case m.status != "":
		if m.statusErr {
			left = st.Error.Render(m.status)
		} else {
			left = st.Message.Render(m.status)
		}
	case t.filterable() && t.filter() != "":
		left = st.StatusKey.Render("/") + " " + st.Text.Render(t.filter()) + st.Dim.Render("  (esc clears)")
	}
	rw := ansi.StringWidth(right)
	if rw > m.w/2 {
		right, rw = truncate(right, m.w/2), min(rw, m.w/2)
	}
	lw := max(m.w-rw-1, 0)
	return fitLine(fitLine(" "+left, lw)+" "+st.Count.Render(right), m.w)
}

// helpLine is the short help of the active tab plus the global keys.
func (m *Model) helpLine() string {
	k := m.c.keys
	var b []key.Binding
	if m.filtering {
		b = []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
			key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		}
	} else {
		b = append(m.tabs[m.active].help(), k.NextTab, k.Palette, k.Help, k.Quit)
	}
	m.help.SetWidth(m.w - 1)
	return fitLine(" "+m.help.ShortHelpView(b), m.w)
}
