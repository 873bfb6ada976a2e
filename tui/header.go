package tui

import (
	"strings"
)

// brandWidth is " casia " and the space after it.
const brandWidth = len(" casia ") + 1

// tabLabels returns the tab bar's labels in the widest form that fits:
// full titles, short titles, or numbers with only the active tab named.
func (m *Model) tabLabels() []string {
	forms := []func(i int) string{
		func(i int) string { return itoa(i+1) + " " + tabSpecs[i].title },
		func(i int) string { return itoa(i+1) + " " + tabSpecs[i].short },
		func(i int) string {
			if i == m.active {
				return itoa(i+1) + " " + tabSpecs[i].short
			}
			return itoa(i + 1)
		},
		func(i int) string { return itoa(i + 1) },
	}
	labels := make([]string, numTabs)
	for _, f := range forms {
		total := brandWidth
		for i := range labels {
			labels[i] = f(i)
			total += width(labels[i]) + 2
		}
		if total <= m.w {
			break
		}
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
	at := brandWidth
	for j, l := range m.tabLabels() {
		if j == i {
			return at + 1
		}
		at += width(l) + 2
	}
	return -1
}

// tabAt maps a click on the tab bar to a tab.
func (m *Model) tabAt(x int) int {
	at := brandWidth
	for i, l := range m.tabLabels() {
		w := width(l) + 2
		if x >= at && x < at+w {
			return i
		}
		at += w
	}
	return -1
}
