package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// statusTimeout is how long a footer message stays (it also goes when the
// tab changes).
const statusTimeout = 4 * time.Second

func (m *Model) setStatus(text string, isErr bool) tea.Cmd {
	m.statusSeq++
	m.status, m.statusErr = text, isErr
	seq := m.statusSeq
	return tea.Tick(statusTimeout, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

// clearStatus drops the footer message now; its pending timeout is
// ignored.
func (m *Model) clearStatus() {
	m.statusSeq++
	m.status, m.statusErr = "", false
}

// copy puts the selected record, as plain text, on the clipboard (OSC 52).
func (m *Model) copy() tea.Cmd {
	if cmd := m.copyFootnote(); cmd != nil {
		return cmd
	}
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return m.setStatus("nothing selected to copy", true)
	}
	text := m.c.ds.Describe(r)
	return tea.Batch(tea.SetClipboard(text),
		m.setStatus(fmt.Sprintf("copied %s %q to the clipboard (%d lines)", r.Kind, m.c.ds.ID(r), strings.Count(text, "\n")), false))
}

// openSelected opens the focused link's URL (a footnote's: its source's),
// or the record's first source.
func (m *Model) openSelected() tea.Cmd {
	if u := m.focusedURL(); u != "" {
		return m.open(u)
	}
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return m.setStatus("nothing selected", true)
	}
	srcs := m.c.ds.SourcesOf(r)
	if len(srcs) == 0 {
		return m.setStatus("this record cites no source", true)
	}
	s := m.c.ds.Source(srcs[0])
	if s == nil {
		return nil
	}
	return m.open(s.URL)
}

func (m *Model) open(url string) tea.Cmd {
	if m.c.opts.Remote {
		return m.setStatus("opening links is not available over SSH; the address is "+url, false)
	}
	if m.c.opts.OpenURL == nil {
		return m.setStatus("no browser available; the address is "+url, false)
	}
	opener := m.c.opts.OpenURL
	return tea.Batch(m.setStatus("opening "+url, false), func() tea.Msg {
		if err := opener(url); err != nil {
			return statusMsg{text: "could not open the browser: " + err.Error(), err: true}
		}
		return nil
	})
}
