package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// summitTab is the landing page: the 2025 Astana summit and its treaty, in
// two columns on wide terminals.
type summitTab struct {
	c    *ctx
	det  detail
	w, h int
}

func newSummitTab(c *ctx) *summitTab {
	t := &summitTab{c: c}
	t.det = detail{c: c, sel: -1, compose: composeSummit, focused: true}
	if c.ds.Len(model.KindSummit) > 0 {
		t.det.show(model.Ref{Kind: model.KindSummit}, model.Query{})
	}
	return t
}

// composeSummit puts the who/when/where and the treaty on the left and the
// outcomes, figures and context on the right when there is room.
func composeSummit(c *ctx, r model.Ref, w int, q model.Query, sel int) ([]string, []link) {
	s := &c.ds.Summit
	if w < 110 {
		d := newDoc(c, w, q, sel)
		renderRecord(d, r)
		return d.lines, d.links
	}
	const gap = 3
	lw := (w - gap) * 52 / 100
	rw := w - gap - lw
	fn := c.footnotes(r)
	left := newDoc(c, lw, q, sel)
	left.fn = fn
	summitMain(left, s)
	right := newDoc(c, rw, q, sel-len(left.links))
	right.fn = fn
	summitSide(right, s)
	sourceList(right, fn)
	n := max(len(left.lines), len(right.lines))
	lines := make([]string, n)
	for i := range lines {
		l, rr := "", ""
		if i < len(left.lines) {
			l = left.lines[i]
		}
		if i < len(right.lines) {
			rr = right.lines[i]
		}
		lines[i] = fitLine(l, lw) + strings.Repeat(" ", gap) + rr
	}
	for i := range right.links {
		// A footnote's cells are counted from the right column's edge.
		right.links[i].col += lw + gap
		right.links[i].colEnd += lw + gap
	}
	return lines, append(left.links, right.links...)
}

func (t *summitTab) invalidate()                 { t.det.dirty = true }
func (t *summitTab) selected() (model.Ref, bool) { return t.det.ref, t.det.has }

func (t *summitTab) selectRef(r model.Ref) bool { return r.Kind == model.KindSummit }

func (t *summitTab) setSize(w, h int) {
	t.w, t.h = w, h
	// A little margin reads better than text against the edges.
	t.det.setSize(max(w-2, 0), h)
}

func (t *summitTab) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, t.c.keys.Back) {
			return func() tea.Msg { return historyBackMsg{} }
		}
		return t.det.update(msg)
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			t.det.scroll(-3)
		} else {
			t.det.scroll(3)
		}
	case tea.MouseClickMsg:
		if msg.Mouse().Button == tea.MouseLeft {
			return t.det.clickAt(msg.Mouse().X-1, msg.Mouse().Y) // the pane is drawn one cell in
		}
	}
	return nil
}

func (t *summitTab) view() string {
	if !t.det.has {
		lines := make([]string, t.h)
		if t.h > 0 {
			lines[t.h/2] = "  This dataset has no summit."
		}
		return block(lines, t.w, t.h)
	}
	lines := t.det.view()
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return block(lines, t.w, t.h)
}

func (t *summitTab) help() []key.Binding {
	k := t.c.keys
	return []key.Binding{k.Enter, k.Up, k.Down, k.PageDown, k.Copy, k.Open, k.CopyURL, k.Cite}
}

func (t *summitTab) status() string {
	s := ""
	if len(t.det.lines) > t.det.h {
		pct := 100 * (t.det.off + t.det.h) / max(len(t.det.lines), 1)
		s = itoa(min(pct, 100)) + "%"
	}
	return strings.TrimPrefix(s+footnoteStatus(t.c, &t.det), " · ")
}
