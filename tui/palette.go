package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

	"casia/model"
)

// palette jumps to any record or tab by name (":" or ctrl+p). Results are
// ranked so the obvious answer comes first: an exact name (a title, an
// alias, a state's name in any script, its capital), then the rest by
// kind (states, tabs, records, sources last), names containing what was
// typed before fuzzy matches. The box keeps one height whatever it finds.
type palette struct {
	c       *ctx
	input   textinput.Model
	items   []paletteItem
	names   []string // folded search text, for fuzzy matching
	matches []int    // indexes into items, best first
	cur     int
}

type paletteItem struct {
	label, kind string
	tab         int // for tab items; -1 otherwise
	ref         model.Ref
	cmd         commandKind // for action items (kind "action")
	isCmd       bool
	exact       []string // folded names that match it exactly
	tier        int      // kind order: states, tabs, records, sources
}

// Palette tiers, in the order results are shown.
const (
	tierState = iota
	tierTab
	tierRecord // the summit, formats, projects
	tierEvent
	tierSource
)

func newPalette(c *ctx) *palette {
	p := &palette{c: c}
	p.input = textinput.New()
	p.input.Prompt = ": "
	p.input.Placeholder = "a state, capital, partner, project, event, source or tab"
	p.input.SetStyles(c.st.Input)
	for i, s := range tabSpecs {
		names := append([]string{s.name, s.title, s.short}, s.also...)
		p.add(paletteItem{label: s.title, kind: "tab " + itoa(i+1), tab: i, tier: tierTab}, names...)
	}
	for _, a := range paletteActions {
		p.add(paletteItem{label: a.label, kind: "action", tab: -1, cmd: a.cmd, isCmd: true, tier: tierTab}, a.also...)
	}
	ds := c.ds
	for k := model.KindSummit; k <= model.KindSource; k++ {
		for i := range ds.Len(k) {
			r := model.Ref{Kind: k, Index: i}
			it := paletteItem{label: ds.Title(r), kind: k.String(), tab: -1, ref: r, tier: tierRecord}
			var names []string
			switch k {
			case model.KindCountry:
				cn := &ds.Countries[i]
				n := cn.Names
				it.label += " (" + strings.Join(append([]string{n.Native}, n.Aliases...), ", ") + ")"
				it.tier = tierState
				names = append([]string{n.Common, n.Official, n.Native, n.NativeLatin, n.Russian, n.Chinese}, n.Aliases...)
				if cn.Capital != nil {
					names = append(names, cn.Capital.Name)
				}
			case model.KindPartnership:
				pt := &ds.Partnerships[i]
				names = append([]string{pt.Partner, pt.Format}, pt.PartnerAliases...)
			case model.KindProject:
				names = append([]string{ds.Projects[i].Name}, ds.Projects[i].AltNames...)
			case model.KindSummit:
				names = append([]string{ds.Summit.Name}, ds.Summit.AltNames...)
			case model.KindSource:
				it.tier = tierSource
				names = []string{ds.Sources[i].Title}
			case model.KindEvent:
				it.tier = tierEvent
				names = []string{ds.Title(r)}
			default:
				names = []string{ds.Title(r)}
			}
			p.add(it, names...)
		}
	}
	p.filter()
	return p
}

// paletteActions are the commands the palette offers besides records and
// tabs, with other words for them.
var paletteActions = []struct {
	label string
	cmd   commandKind
	also  []string
}{
	{"Compare marked states", cmdCompare, []string{"compare", "side by side"}},
	{"About this data", cmdAbout, []string{"about", "info", "dataset", "version"}},
	{"Export this tab as CSV", cmdExportCSV, []string{"export", "csv", "save", "spreadsheet"}},
	{"Export this tab as Markdown", cmdExportMarkdown, []string{"export", "markdown", "save"}},
}

// add registers an item with the names it answers to.
func (p *palette) add(it paletteItem, names ...string) {
	var text strings.Builder
	text.WriteString(model.Fold(it.label + " " + it.kind))
	it.exact = []string{strings.TrimSpace(model.Fold(it.label))}
	for _, n := range names {
		if f := strings.TrimSpace(model.Fold(n)); f != "" {
			it.exact = append(it.exact, f)
			text.WriteString(" " + f)
		}
	}
	p.items = append(p.items, it)
	p.names = append(p.names, text.String())
}

func (p *palette) focus() tea.Cmd { return p.input.Focus() }

func (p *palette) filter() {
	q := strings.TrimSpace(model.Fold(p.input.Value()))
	p.matches = p.matches[:0]
	p.cur = 0
	if q == "" {
		for i := range p.items {
			p.matches = append(p.matches, i)
		}
		slices.SortStableFunc(p.matches, func(a, b int) int { return p.items[a].tier - p.items[b].tier })
		return
	}
	// Rank by how it matched (the whole name, a part, fuzzily), then by
	// tier, then by the fuzzy score.
	const (
		exact = iota
		contains
		fuzzyOnly
	)
	type scored struct{ i, class, score int }
	var ss []scored
	for _, m := range fuzzy.Find(q, p.names) {
		it := &p.items[m.Index]
		class, score := fuzzyOnly, m.Score
		switch name := p.names[m.Index]; {
		case slices.Contains(it.exact, q):
			class = exact
		case strings.Contains(name, q):
			class = contains
			if j := strings.Index(name, q); j == 0 || strings.IndexByte(" (-", name[j-1]) >= 0 {
				score += 1000 // a word starts with it
			}
		}
		ss = append(ss, scored{m.Index, class, score})
	}
	slices.SortStableFunc(ss, func(a, b scored) int {
		if a.class != b.class {
			return a.class - b.class
		}
		if ta, tb := p.items[a.i].tier, p.items[b.i].tier; ta != tb {
			return ta - tb
		}
		return b.score - a.score
	})
	for _, s := range ss {
		p.matches = append(p.matches, s.i)
	}
}

// update: typing filters, ↑/↓ choose, enter jumps, esc closes.
func (p *palette) update(msg tea.Msg) (tea.Cmd, bool) {
	k := p.c.keys
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.PaletteClose):
			return nil, true
		case key.Matches(kp, k.PaletteJump):
			if p.cur >= len(p.matches) {
				return nil, false
			}
			it := p.items[p.matches[p.cur]]
			if it.isCmd {
				return command(it.cmd), true
			}
			if it.tab >= 0 {
				return func() tea.Msg { return jumpTabMsg(it.tab) }, true
			}
			return navigate(it.ref), true
		case key.Matches(kp, k.PaletteNext):
			p.cur = min(p.cur+1, max(len(p.matches)-1, 0))
			return nil, false
		case key.Matches(kp, k.PalettePrev):
			p.cur = max(p.cur-1, 0)
			return nil, false
		}
	}
	if _, ok := msg.(tea.MouseClickMsg); ok {
		return nil, true
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd, false
}

// paletteRows is how many results the box lists for a window height: the
// same however many match, so the box does not jump while typing.
func paletteRows(h int) int { return max(min(h-8, 14), 1) }

// view draws the palette box for a w×h screen.
func (p *palette) view(w, h int) string {
	st := p.c.st
	bw := min(max(w*2/3, 30), 90, w-2)
	inner := bw - 4
	p.input.SetWidth(max(inner-4, 5))
	rows := paletteRows(h)
	lines := []string{fitLine(p.input.View(), inner), ""}
	start := 0
	if p.cur >= rows {
		start = p.cur - rows + 1
	}
	for i := start; i < start+rows; i++ {
		if i >= len(p.matches) {
			if i == 0 {
				lines = append(lines, st.Dim.Render("  no match"))
			} else {
				lines = append(lines, "")
			}
			continue
		}
		it := p.items[p.matches[i]]
		kind := st.Dim.Render(padLeft(it.kind, 12))
		label := padRight(it.label, max(inner-15, 5))
		line := "  " + label + " " + kind
		if i == p.cur {
			line = st.RowSelected.Render(Marker+" "+label) + " " + kind
		}
		lines = append(lines, fitLine(line, inner))
	}
	count := ""
	if q := strings.TrimSpace(p.input.Value()); q != "" {
		count = itoa(len(p.matches)) + " found · "
	}
	lines = append(lines, "", st.Dim.Render(fitLine(count+"enter jumps · ↑/↓ choose · esc closes", inner)))
	return st.Box.Width(bw).Render(strings.Join(lines, "\n"))
}
