package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// Copying with citations (y on a footnote, u, Y). The text goes to the
// clipboard with OSC 52, as y does, so it works over SSH too.

// focusedLink is the link focused in the active tab's detail pane.
func (m *Model) focusedLink() (link, bool) {
	if t, ok := m.tabs[m.active].(linker); ok {
		return t.focusedLink()
	}
	return link{}, false
}

// focusedURL is what o opens when a link is focused: the link's URL, or
// the source of a footnote or source-list entry; "" otherwise.
func (m *Model) focusedURL() string {
	l, ok := m.focusedLink()
	switch {
	case !ok:
		return ""
	case l.url != "":
		return l.url
	case l.citable():
		if s := m.c.ds.Source(l.source); s != nil {
			return s.URL
		}
	}
	return ""
}

// copyFootnote is y on a focused footnote: the value it marks with its
// citations; on an entry of the source list, that source's citation. It
// is nil when no such link is focused, and y copies the record.
func (m *Model) copyFootnote() tea.Cmd {
	l, ok := m.focusedLink()
	if !ok || !l.citable() {
		return nil
	}
	ds := m.c.ds
	if !l.footnote() {
		return m.copyCitationOf(l.source, l.note)
	}
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return nil
	}
	fn := m.c.footnotes(r)
	text := ds.Cited(l.fact, l.factSources, fn)
	return tea.Batch(tea.SetClipboard(text),
		m.setStatus("copied the fact with its sources"+fn.Mark(l.factSources)+" to the clipboard", false))
}

// citeTarget is the one source u and Y act on: a focused footnote or
// source-list entry, else the source selected on the Sources tab. note is
// its footnote number, 0 when it has none here.
func (m *Model) citeTarget() (id string, note int, ok bool) {
	if l, ok := m.focusedLink(); ok && l.citable() {
		return l.source, l.note, true
	}
	if r, ok := m.tabs[m.active].selected(); ok && r.Kind == model.KindSource {
		return m.c.ds.ID(r), 0, true
	}
	return "", 0, false
}

// copyURL is u: the URL of the focused or selected source, else of the
// record's first source (the one o opens).
func (m *Model) copyURL() tea.Cmd {
	id, note, ok := m.citeTarget()
	if !ok {
		r, has := m.tabs[m.active].selected()
		if !has {
			return m.setStatus("nothing selected: focus a footnote (enter, then ↑/↓) or use the Sources tab", true)
		}
		ids := m.c.footnotes(r).IDs()
		if len(ids) == 0 {
			return m.setStatus("this record cites no source", true)
		}
		id, note = ids[0], 1
	}
	s := m.c.ds.Source(id)
	if s == nil {
		return nil
	}
	return tea.Batch(tea.SetClipboard(s.URL),
		m.setStatus("copied the URL of "+noteLabel(note)+s.Publisher+": "+s.URL, false))
}

// copyCitation is Y: the focused or selected source's citation (publisher,
// “title”, date, URL); with none, every source of the record, numbered as
// its footnotes.
func (m *Model) copyCitation() tea.Cmd {
	if id, note, ok := m.citeTarget(); ok {
		return m.copyCitationOf(id, note)
	}
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return m.setStatus("nothing selected to cite", true)
	}
	ids := m.c.footnotes(r).IDs()
	if len(ids) == 0 {
		return m.setStatus("this record cites no source", true)
	}
	var b strings.Builder
	for i, id := range ids {
		if s := m.c.ds.Source(id); s != nil {
			b.WriteString("[" + strconv.Itoa(i+1) + "] " + s.FullCitation() + "\n")
		}
	}
	return tea.Batch(tea.SetClipboard(b.String()),
		m.setStatus("copied the citations of the record's "+strconv.Itoa(len(ids))+" sources to the clipboard", false))
}

func (m *Model) copyCitationOf(id string, note int) tea.Cmd {
	s := m.c.ds.Source(id)
	if s == nil {
		return nil
	}
	text := s.FullCitation()
	return tea.Batch(tea.SetClipboard(text+"\n"),
		m.setStatus("copied "+noteLabel(note)+text, false))
}

// noteLabel is "[3] " for a footnote number, "" for none.
func noteLabel(n int) string {
	if n <= 0 {
		return ""
	}
	return "[" + strconv.Itoa(n) + "] "
}

// focusedLink: a list tab's detail link, while the detail has focus.
func (t *listTab) focusedLink() (link, bool) {
	if !t.detailFocus || t.showExtra {
		return link{}, false
	}
	return t.det.selectedLink()
}

// focusedLink: the summit's pane always has focus.
func (t *summitTab) focusedLink() (link, bool) { return t.det.selectedLink() }
