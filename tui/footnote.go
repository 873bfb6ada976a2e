package tui

import (
	"fmt"
	"strconv"

	"casia/model"
)

// Footnotes in the detail pane. Every sourced value (figure, fact,
// meeting, milestone, quote, membership, summary) ends with the numbers of
// its own sources, "[1][3]", which resolve to the numbered list at the end
// of the record. The numbers are model.Footnotes', so they match `casia
// show` and what y copies. Each marker is a link: ↑/↓ step onto it, enter
// follows it to the source on the Sources tab, o opens the source's URL,
// y copies the value with its citation, u the URL and Y the citation.
// Square brackets keep footnotes apart from the confidence symbols
// (✓ ¹ ≠ ≈), one of which is a superscript one.

// footnotes are a record's footnote numbers, model.Footnotes', computed
// once per record and dataset and shared by its sessions.
func (c *ctx) footnotes(r model.Ref) *model.Footnotes {
	fc := c.ds.Shared(footnoteCacheKey{}, func() any { return &footnoteCache{} }).(*footnoteCache)
	if fn, ok := fc.m.Load(r); ok {
		return fn.(*model.Footnotes)
	}
	fn, _ := fc.m.LoadOrStore(r, c.ds.Footnotes(r))
	return fn.(*model.Footnotes)
}

// cite is the footnote markers of a value's sources, with a leading
// space, each a link; fact is the value as plain text, for y. It is ""
// when the value cites nothing the record's list holds.
func (d *doc) cite(ids []string, fact string) string {
	if d.fn == nil || len(ids) == 0 {
		return ""
	}
	nums := d.fn.Numbers(ids)
	if len(nums) == 0 {
		return ""
	}
	st := d.c.st
	s := " "
	for _, n := range nums {
		id := d.fn.IDs()[n-1]
		r, ok := d.c.ds.Lookup(id)
		if !ok || r.Kind != model.KindSource {
			continue
		}
		style := st.Link.Render
		if len(d.links) == d.sel {
			style = st.LinkSelected.Render
		}
		s += style("[" + strconv.Itoa(n) + "]")
		d.pend = append(d.pend, len(d.links))
		d.links = append(d.links, link{line: len(d.lines), ref: r, source: id, note: n, fact: fact, factSources: ids})
	}
	return s
}

// sourceList ends a record with its sources, numbered as its footnotes:
// "[3] Publisher: Title (date)", each a link to the source's record.
func sourceList(d *doc, fn *model.Footnotes) {
	ids := fn.IDs()
	if len(ids) == 0 {
		return
	}
	d.section(fmt.Sprintf("Sources (%d)", len(ids)))
	w := len(strconv.Itoa(len(ids))) + 2
	for i, id := range ids {
		r, ok := d.c.ds.Lookup(id)
		if !ok || r.Kind != model.KindSource {
			continue
		}
		s := &d.c.ds.Sources[r.Index]
		label := s.Publisher + ": " + s.Title
		if s.Date != "" {
			label += " (" + s.Date.Human() + ")"
		}
		num := padRight("["+strconv.Itoa(i+1)+"]", w) + " "
		d.addLink(num+label, link{ref: r, source: id, note: i + 1})
	}
}

// citable is what y, u and Y act on in a detail pane: the focused link, if
// it is a footnote or an entry of the source list.
func (l link) citable() bool { return l.source != "" }

// footnoteStatus names the source of the pane's focused footnote for the
// status line, " · [3] Reuters", so it reads without scrolling to the list.
func footnoteStatus(c *ctx, p *detail) string {
	l, ok := p.selectedLink()
	if !ok || !l.footnote() {
		return ""
	}
	src := c.ds.Source(l.source)
	if src == nil {
		return ""
	}
	return " · " + noteLabel(l.note) + src.Publisher
}
