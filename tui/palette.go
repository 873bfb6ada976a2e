package tui

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

	"casia/model"
)

// palette jumps to any record or tab by name, matched fuzzily.
type palette struct {
	c       *ctx
	input   textinput.Model
	items   []paletteItem
	names   []string // folded, for matching
	matches []int    // indexes into items
	cur     int
}

type paletteItem struct {
	label, kind string
	tab         int // for tab items; -1 otherwise
	ref         model.Ref
}

func newPalette(c *ctx) *palette {
	p := &palette{c: c}
	p.input = textinput.New()
	p.input.Prompt = ": "
	p.input.Placeholder = "jump to a country, partner, project, event, source or tab"
	p.input.SetStyles(c.st.Input)
	for i, n := range tabNames {
		p.add(paletteItem{label: strings.ToUpper(n[:1]) + n[1:], kind: "tab " + itoa(i+1), tab: i})
	}
	ds := c.ds
	for k := model.KindSummit; k <= model.KindSource; k++ {
		for i := range ds.Len(k) {
			r := model.Ref{Kind: k, Index: i}
			label := ds.Title(r)
			if k == model.KindCountry {
				n := ds.Countries[i].Names
				label += " (" + strings.Join(append([]string{n.Native}, n.Aliases...), ", ") + ")"
			}
			p.add(paletteItem{label: label, kind: k.String(), tab: -1, ref: r})
		}
	}
	p.filter()
	return p
}

func (p *palette) add(it paletteItem) {
	p.items = append(p.items, it)
	p.names = append(p.names, model.Fold(it.label+" "+it.kind))
}

func (p *palette) focus() tea.Cmd { return p.input.Focus() }

func (p *palette) filter() {
	q := model.Fold(strings.TrimSpace(p.input.Value()))
	p.matches = p.matches[:0]
	if q == "" {
		for i := range p.items {
			p.matches = append(p.matches, i)
		}
	} else {
		// Fuzzy matches, ranked so that names containing what was typed
		// come first (a word start best), then by kind: tabs and states
		// before the hundreds of sources.
		type scored struct{ i, score int }
		var ss []scored
		for _, m := range fuzzy.Find(q, p.names) {
			score := m.Score
			name := p.names[m.Index]
			if j := strings.Index(name, q); j >= 0 {
				score += 1000
				if j == 0 || name[j-1] == ' ' || name[j-1] == '(' || name[j-1] == '-' {
					score += 500
				}
			}
			score += kindRank(p.items[m.Index])
			ss = append(ss, scored{m.Index, score})
		}
		sort.SliceStable(ss, func(a, b int) bool { return ss[a].score > ss[b].score })
		for _, s := range ss {
			p.matches = append(p.matches, s.i)
		}
	}
	p.cur = 0
}

// kindRank prefers what people usually jump to.
func kindRank(it paletteItem) int {
	if it.tab >= 0 {
		return 300
	}
	switch it.ref.Kind {
	case model.KindCountry:
		return 250
	case model.KindPartnership, model.KindProject:
		return 200
	case model.KindSummit, model.KindEvent:
		return 100
	}
	return 0
}

// palette keys: typing filters, ↑/↓ choose, enter jumps, esc closes.
func (p *palette) update(msg tea.Msg) tea.Cmd {
	k := p.c.keys
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case kp.String() == "esc":
			return func() tea.Msg { return closePaletteMsg{} }
		case kp.String() == "enter":
			if p.cur < len(p.matches) {
				it := p.items[p.matches[p.cur]]
				if it.tab >= 0 {
					return tea.Batch(func() tea.Msg { return closePaletteMsg{} }, func() tea.Msg { return jumpTabMsg(it.tab) })
				}
				return tea.Batch(func() tea.Msg { return closePaletteMsg{} }, navigate(it.ref))
			}
			return nil
		case kp.String() == "down" || kp.String() == "ctrl+n" || key.Matches(kp, k.NextTab):
			p.cur = min(p.cur+1, max(len(p.matches)-1, 0))
			return nil
		case kp.String() == "up" || kp.String() == "ctrl+p" || key.Matches(kp, k.PrevTab):
			p.cur = max(p.cur-1, 0)
			return nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd
}

type closePaletteMsg struct{}

// view draws the palette box for a w×h screen.
func (p *palette) view(w, h int) string {
	st := p.c.st
	bw := min(max(w*2/3, 30), 90, w-2)
	inner := bw - 4
	p.input.SetWidth(max(inner-4, 5))
	rows := max(min(h-8, 14), 1)
	lines := []string{fitLine(p.input.View(), inner), ""}
	start := 0
	if p.cur >= rows {
		start = p.cur - rows + 1
	}
	for i := start; i < len(p.matches) && i < start+rows; i++ {
		it := p.items[p.matches[i]]
		kind := st.Dim.Render(padLeft(it.kind, 12))
		label := padRight(it.label, max(inner-15, 5))
		line := "  " + label + " " + kind
		if i == p.cur {
			line = st.RowSelected.Render(Marker+" "+label) + " " + kind
		}
		lines = append(lines, fitLine(line, inner))
	}
	if len(p.matches) == 0 {
		lines = append(lines, st.Dim.Render("  no match"))
	}
	lines = append(lines, "", st.Dim.Render(fitLine("enter jumps · ↑/↓ choose · esc closes", inner)))
	return st.Box.Width(bw).Render(strings.Join(lines, "\n"))
}
