package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// detail is the scrollable record pane. When focused, ↑/↓ step through the
// record's links (scrolling to keep the chosen one visible) and enter
// follows it.
type detail struct {
	c       *ctx
	ref     model.Ref
	has     bool
	w, h    int
	q       model.Query
	lines   []string
	links   []link
	sel     int
	off     int
	focused bool
	dirty   bool
	// compose lays the record out; nil means renderRecord in one column.
	compose func(c *ctx, r model.Ref, w int, q model.Query, sel int) ([]string, []link)
}

func (p *detail) show(r model.Ref, q model.Query) {
	if p.has && p.ref == r {
		if !sameQuery(p.q, q) {
			p.q, p.dirty = q, true
		}
		return
	}
	p.ref, p.has, p.q = r, true, q
	p.sel, p.off, p.dirty = -1, 0, true
}

func (p *detail) clear() {
	p.has, p.lines, p.links, p.sel, p.off = false, nil, nil, -1, 0
}

func sameQuery(a, b model.Query) bool {
	if len(a.Terms) != len(b.Terms) {
		return false
	}
	for i := range a.Terms {
		if a.Terms[i] != b.Terms[i] {
			return false
		}
	}
	return true
}

func (p *detail) setSize(w, h int) {
	if w != p.w {
		p.dirty = true
	}
	p.w, p.h = w, h
}

// contentWidth leaves a column for the scroll bar.
func (p *detail) contentWidth() int { return max(p.w-2, 1) }

func (p *detail) build() {
	if !p.dirty {
		return
	}
	p.dirty = false
	if !p.has {
		p.lines, p.links = nil, nil
		return
	}
	// A pane as browsed (nothing underlined, no link focused) is shared
	// with every session (doccache.go); the cached lines are never changed.
	shareable := p.q.Empty() && p.sel < 0
	key := docKey{ref: p.ref, w: p.contentWidth(), summit: p.compose != nil}
	if shareable {
		if e, ok := p.c.docs().get(key); ok {
			p.lines, p.links = e.lines, e.links
			p.clampOffset()
			return
		}
	}
	if p.compose != nil {
		p.lines, p.links = p.compose(p.c, p.ref, p.contentWidth(), p.q, p.sel)
	} else {
		d := newDoc(p.c, p.contentWidth(), p.q, p.sel)
		renderRecord(d, p.ref)
		p.lines, p.links = d.lines, d.links
	}
	// Fit once here, not on every frame.
	for i, l := range p.lines {
		p.lines[i] = fitLine(l, p.contentWidth())
	}
	if shareable {
		p.c.docs().put(key, docEntry{p.lines, p.links})
	}
	p.clampOffset()
}

func (p *detail) clampOffset() {
	p.off = min(p.off, max(len(p.lines)-p.h, 0))
	p.off = max(p.off, 0)
}

func (p *detail) scroll(n int) {
	p.build()
	p.off += n
	p.clampOffset()
}

func (p *detail) selectLink(i int) {
	p.build()
	if len(p.links) == 0 {
		return
	}
	i = max(0, min(i, len(p.links)-1))
	if i == p.sel {
		return
	}
	p.sel, p.dirty = i, true
	p.build()
	ln := p.links[i].line
	if ln < p.off {
		p.off = max(ln-1, 0)
	} else if ln >= p.off+p.h {
		p.off = ln - p.h + 2
	}
	p.clampOffset()
}

// update handles keys while the pane has focus.
func (p *detail) update(msg tea.KeyPressMsg) tea.Cmd {
	k := p.c.keys
	p.build()
	switch {
	case key.Matches(msg, k.Down) && p.offScreen():
		// After a page or wheel scroll, step from what is on screen, not
		// from a link left behind: with a footnote on every value, links
		// are many.
		p.selectLink(p.firstLinkFrom(p.off))
	case key.Matches(msg, k.Up) && p.offScreen():
		p.selectLink(max(p.firstLinkFrom(p.off+p.h)-1, 0))
	case key.Matches(msg, k.Down):
		if len(p.links) > 0 && (p.sel < 0 || p.sel < len(p.links)-1) {
			next := p.sel + 1
			// Scroll through long text before jumping to a far link.
			if p.links[next].line >= p.off+p.h+p.h/2 {
				p.scroll(1)
				return nil
			}
			p.selectLink(next)
			return nil
		}
		p.scroll(1)
	case key.Matches(msg, k.Up):
		if len(p.links) > 0 && p.sel > 0 {
			p.selectLink(p.sel - 1)
			return nil
		}
		p.scroll(-1)
	case key.Matches(msg, k.PageDown):
		p.scroll(max(p.h-1, 1))
	case key.Matches(msg, k.PageUp):
		p.scroll(-max(p.h-1, 1))
	case key.Matches(msg, k.Top):
		p.off = 0
		if len(p.links) > 0 {
			p.selectLink(0)
			p.off = 0
		}
	case key.Matches(msg, k.Bottom):
		p.off = len(p.lines)
		p.clampOffset()
		if len(p.links) > 0 {
			p.selectLink(len(p.links) - 1)
		}
	case key.Matches(msg, k.Enter):
		return p.follow()
	}
	return nil
}

// offScreen reports whether a link is selected but scrolled out of view.
func (p *detail) offScreen() bool {
	if p.sel < 0 || p.sel >= len(p.links) || p.h <= 0 {
		return false
	}
	ln := p.links[p.sel].line
	return ln < p.off || ln >= p.off+p.h
}

// firstLinkFrom is the first link on or below a line (len(links) if none).
func (p *detail) firstLinkFrom(line int) int {
	for i, l := range p.links {
		if l.line >= line {
			return i
		}
	}
	return len(p.links)
}

// follow opens the selected link.
func (p *detail) follow() tea.Cmd {
	if p.sel < 0 || p.sel >= len(p.links) {
		return nil
	}
	l := p.links[p.sel]
	if l.url != "" {
		return func() tea.Msg { return openURLMsg{url: l.url} }
	}
	return navigate(l.ref)
}

// clickAt follows the link at a clicked cell of the pane: a footnote
// only on its marker; another link anywhere on its first lines.
func (p *detail) clickAt(x, y int) tea.Cmd {
	p.build()
	ln := p.off + y
	var lines []int // the non-footnote links, whose lines they own
	for i, l := range p.links {
		if l.footnote() {
			if l.line == ln && x >= l.col && x < l.colEnd {
				p.selectLink(i)
				return p.follow()
			}
			continue
		}
		lines = append(lines, i)
	}
	for k := len(lines) - 1; k >= 0; k-- {
		l := p.links[lines[k]]
		end := len(p.lines)
		if k+1 < len(lines) {
			end = p.links[lines[k+1]].line
		}
		if ln >= l.line && ln < end && ln < l.line+3 {
			p.selectLink(lines[k])
			return p.follow()
		}
	}
	return nil
}

func (p *detail) view() []string {
	p.build()
	w, h := p.w, p.h
	if w <= 0 || h <= 0 {
		return nil
	}
	out := make([]string, h)
	total := len(p.lines)
	if w < 2 {
		for i := range out {
			if j := p.off + i; j < total {
				out[i] = fitLine(p.lines[j], w)
			} else {
				out[i] = strings.Repeat(" ", w)
			}
		}
		return out
	}
	thumbA, thumbB := -1, -1
	rail, thumb, blank := "  ", "  ", strings.Repeat(" ", p.contentWidth())
	if total > h {
		size := max(h*h/total, 1)
		thumbA = p.off * (h - size) / max(total-h, 1)
		thumbB = thumbA + size
		// The blank before the bar is Styles.Margin, for the reason the
		// margin is: a bar redrawn after a shorter line is reached by a
		// cursor move across that line's blanks.
		gap := p.c.st.Margin
		if gap == "" {
			gap = " "
		}
		rail, thumb = gap+p.c.st.Rail.Render("│"), gap+p.c.st.Section.Render("┃")
	}
	// Every line in one allocation: the lines are slices of one string.
	n := 0
	for i := range out {
		if j := p.off + i; j < total {
			n += len(p.lines[j])
		} else {
			n += len(blank)
		}
		n += max(len(rail), len(thumb))
	}
	var b strings.Builder
	b.Grow(n)
	ends := make([]int, h)
	for i := range out {
		if j := p.off + i; j < total {
			b.WriteString(p.lines[j])
		} else {
			b.WriteString(blank)
		}
		if i >= thumbA && i < thumbB {
			b.WriteString(thumb)
		} else {
			b.WriteString(rail)
		}
		ends[i] = b.Len()
	}
	all, start := b.String(), 0
	for i := range out {
		out[i], start = all[start:ends[i]], ends[i]
	}
	return out
}

// linkAtSelection reports the selected link's record, for y/o.
func (p *detail) selectedLink() (link, bool) {
	if p.sel < 0 || p.sel >= len(p.links) {
		return link{}, false
	}
	return p.links[p.sel], true
}

func (p *detail) empty(msg string) []string {
	lines := make([]string, p.h)
	if p.h > 0 {
		lines[p.h/2] = strings.Repeat(" ", max((p.w-len(msg))/2, 0)) + p.c.st.Dim.Render(msg)
	}
	return fitLines(lines, p.w, p.h)
}
