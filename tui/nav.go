package tui

import "casia/model"

// navEntry is one place in the back/forward history: a tab and the record
// selected there.
type navEntry struct {
	tab int
	ref model.Ref
	has bool
}

// maxHistory bounds the back/forward history.
const maxHistory = 200

// here is the current place for the history.
func (m *Model) here() navEntry {
	r, ok := m.tabs[m.active].selected()
	return navEntry{tab: m.active, ref: r, has: ok}
}

// show opens a record on its tab; push records the jump for [ and ].
func (m *Model) show(r model.Ref, push bool) {
	i := tabFor(r.Kind)
	if i < 0 || !m.c.ds.Valid(r) {
		return
	}
	if push {
		m.history = append(m.history[:m.histPos], m.here())
	}
	m.switchTab(i)
	if t, ok := m.tabs[i].(navigable); ok {
		t.selectRef(r)
	}
	if push {
		m.history = append(m.history, m.here())
		m.histPos = len(m.history) - 1
		if len(m.history) > maxHistory {
			m.history = m.history[len(m.history)-maxHistory:]
			m.histPos = len(m.history) - 1
		}
	}
}

func (m *Model) back() {
	if m.histPos <= 0 {
		return
	}
	m.histPos--
	m.visit(m.history[m.histPos])
}

func (m *Model) forward() {
	if m.histPos >= len(m.history)-1 {
		return
	}
	m.histPos++
	m.visit(m.history[m.histPos])
}

func (m *Model) visit(e navEntry) {
	m.switchTab(e.tab)
	if t, ok := m.tabs[e.tab].(navigable); ok && e.has {
		t.selectRef(e.ref)
	}
}
