package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// The comparison view (C on Signatories, or "Compare marked states" in
// the palette): the states marked with space, side by side, from
// model.(*Dataset).Compare: each figure with its year and confidence, the
// dialogue formats and organisations they belong to, and the projects
// they share. States that do not fit the width side by side are shown in
// groups, each repeating the labels.

// markMark is drawn beside a marked state's row (not colour alone).
const markMark = "●"

// toggleMark marks or unmarks the state under the cursor.
func (t *listTab) toggleMark() {
	r, ok := t.selected()
	if !ok {
		return
	}
	if t.marks == nil {
		t.marks = map[int]bool{}
	}
	if t.marks[r.Index] {
		delete(t.marks, r.Index)
	} else {
		t.marks[r.Index] = true
	}
}

// compareIDs are the states to compare: the marked ones, in the list's
// order (marked states the filter hides last); with fewer than two
// marked, the selected state and the next make up the pair.
func (t *listTab) compareIDs() []string {
	ds := t.c.ds
	var out []string
	seen := map[int]bool{}
	add := func(i int) {
		if !seen[i] && i >= 0 && i < len(ds.Countries) {
			seen[i] = true
			out = append(out, ds.Countries[i].ID)
		}
	}
	for _, h := range t.hits() {
		if t.marks[h] {
			add(h)
		}
	}
	for i := range ds.Countries {
		if t.marks[i] {
			add(i)
		}
	}
	if len(out) >= 2 {
		return out
	}
	if hits := t.hits(); len(hits) >= 2 {
		cur := max(min(t.cur, len(hits)-1), 0)
		next := cur + 1
		if next >= len(hits) {
			next = cur - 1
		}
		add(hits[cur])
		if len(out) < 2 {
			add(hits[next])
		}
	}
	return out
}

// openCompare opens the comparison of the Signatories tab's marked states.
func (m *Model) openCompare() tea.Cmd {
	sig, ok := m.tabs[tabSignatories].(*listTab)
	if !ok {
		return nil
	}
	ids := sig.compareIDs()
	if len(ids) < 2 {
		return m.setStatus("nothing to compare: mark two states on Signatories with space", true)
	}
	cmp, err := m.c.ds.Compare(ids)
	if err != nil {
		return m.setStatus(err.Error(), true)
	}
	m.overlay = newCompareView(m.c, cmp)
	return nil
}

func newCompareView(c *ctx, cmp *model.Comparison) *textBox {
	names := c.ds.CountryNames(cmp.States)
	title := "Compare " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	return &textBox{c: c, title: title, closer: c.keys.Compare,
		body: func(w int) []string { return compareLines(c, cmp, w) }}
}

// ccell is a cell of the comparison grid: styled text and its width.
type ccell struct {
	text  string
	width int
}

func plainCell(s string) ccell { return ccell{s, width(s)} }

// figureCell is "20,286,084 ≠ 2025", with † when the figure was checked
// for a newer one in vain (explained under the grid).
func figureCell(st *Styles, f *model.Figure) (value, rest ccell) {
	if f == nil {
		return plainCell("—"), ccell{}
	}
	g := *f
	g.Approx = false
	v := g.String()
	if f.Approx {
		v = "~" + v
	}
	r := f.Confidence.Symbol()
	styled := st.badge(f.Confidence)
	if p := f.Period(); p != "" {
		y := strconv.Itoa(model.Date(p).Year())
		r += " " + y
		styled += " " + st.Dim.Render(y)
	}
	if f.Checked != "" {
		r += " †"
		styled += " †"
	}
	return plainCell(v), ccell{styled, width(r)}
}

// orDash stands a dash for an empty cell.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// cgRow is a row of the grid: a label and a value per state, numbers
// right-aligned (value) with their marks after (rest), words left-aligned.
type cgRow struct {
	label   string
	section bool
	values  []ccell
	rests   []ccell
}

func compareLines(c *ctx, cmp *model.Comparison, w int) []string {
	st, ds := c.st, c.ds
	n := len(cmp.States)
	var rows []cgRow
	var notes []string
	rows = append(rows, cgRow{label: "Figures", section: true})
	for _, fr := range cmp.Figures {
		r := cgRow{label: fr.Label, values: make([]ccell, n), rests: make([]ccell, n)}
		for j, f := range fr.Values {
			r.values[j], r.rests[j] = figureCell(st, f)
			if ct := f.CheckedText(); ct != "" {
				notes = append(notes, "† "+ds.CountryName(cmp.States[j])+", "+strings.ToLower(fr.Label)+
					" ("+model.Date(f.Period()).Human()+"): "+ct)
			}
		}
		rows = append(rows, r)
	}
	words := func(label string, cells []string) cgRow {
		r := cgRow{label: label, values: make([]ccell, n)}
		for j, s := range cells {
			r.values[j] = plainCell(s)
		}
		return r
	}
	rows = append(rows, cgRow{}, cgRow{label: "Dialogue formats", section: true})
	if len(cmp.Formats) == 0 {
		rows = append(rows, words("none in the data", nil))
	}
	for _, fr := range cmp.Formats {
		cells := make([]string, n)
		for j, role := range fr.Roles {
			cells[j] = orDash(role.Word())
		}
		rows = append(rows, words(ds.Partnerships[fr.Partnership].Partner, cells))
	}
	rows = append(rows, cgRow{}, cgRow{label: "Memberships", section: true})
	if len(cmp.Memberships) == 0 {
		rows = append(rows, words("none in the data", nil))
	}
	for _, mr := range cmp.Memberships {
		cells := make([]string, n)
		for j, es := range mr.Entries {
			cells[j] = orDash(model.Current(es).Span())
		}
		rows = append(rows, words(strings.ToUpper(string(mr.Org)), cells))
	}

	// Column widths: the label column, then per state its name or its
	// widest cell (value and marks side by side).
	labelW := 0
	for _, r := range rows {
		if !r.section {
			labelW = max(labelW, width(r.label))
		}
	}
	labelW = min(labelW, max(w/3, 8))
	valW, restW, colW := make([]int, n), make([]int, n), make([]int, n)
	for j, id := range cmp.States {
		colW[j] = width(ds.CountryName(id))
	}
	for _, r := range rows {
		for j := 0; j < n && r.values != nil; j++ {
			if r.rests == nil {
				colW[j] = max(colW[j], r.values[j].width)
				continue
			}
			valW[j] = max(valW[j], r.values[j].width)
			restW[j] = max(restW[j], r.rests[j].width)
		}
	}
	for j := range n {
		colW[j] = max(colW[j], valW[j]+1+restW[j])
	}
	// States in groups that fit side by side.
	var groups [][]int
	var cur []int
	used := labelW
	for j := range n {
		if len(cur) > 0 && used+2+colW[j] > w {
			groups = append(groups, cur)
			cur, used = nil, labelW
		}
		cur = append(cur, j)
		used += 2 + colW[j]
	}
	groups = append(groups, cur)

	var out []string
	for g, group := range groups {
		if g > 0 {
			out = append(out, "")
		}
		head := strings.Repeat(" ", labelW)
		for _, j := range group {
			head += "  " + st.Emphasis.Render(padRight(ds.CountryName(cmp.States[j]), colW[j]))
		}
		out = append(out, head)
		for _, r := range rows {
			switch {
			case r.section:
				out = append(out, st.Section.Render(r.label))
				continue
			case r.label == "":
				out = append(out, "")
				continue
			}
			line := st.Label.Render(padRight(r.label, labelW))
			for _, j := range group {
				var cell string
				var cw int
				switch {
				case r.values == nil:
				case r.rests == nil:
					cell, cw = st.Text.Render(r.values[j].text), r.values[j].width
				default:
					v, rest := r.values[j], r.rests[j]
					cell = strings.Repeat(" ", valW[j]-v.width) + st.Text.Render(v.text)
					cw = valW[j]
					if rest.width > 0 {
						cell += " " + rest.text
						cw += 1 + rest.width
					}
				}
				line += "  " + cell + strings.Repeat(" ", max(colW[j]-cw, 0))
			}
			out = append(out, line)
		}
	}
	// Prose wraps at the grid's width (or 60 columns), not the window's.
	gridW := labelW
	for _, j := range groups[0] {
		gridW += 2 + colW[j]
	}
	w = min(w, max(gridW, 60))
	out = append(out, "")
	d := newDoc(c, w, model.Query{}, -1)
	for _, nt := range notes {
		d.push(wrap(st.Dim.Render(nt), w)...)
	}
	if len(cmp.Shared) == 0 {
		d.section("Shared projects: none in the data")
	} else {
		d.section("Shared projects (" + strconv.Itoa(len(cmp.Shared)) + ")")
		for _, sp := range cmp.Shared {
			p := &ds.Projects[sp.Project]
			d.bullet(p.Name+" · "+string(p.Kind)+" · "+string(p.Status)+": "+strings.Join(ds.CountryNames(sp.States), ", "), "", "", nil)
		}
	}
	d.blank()
	dim := st.Dim.Render
	d.push(wrap(st.badge(model.Verified)+dim(" verified · ")+st.badge(model.SingleSource)+dim(" one source · ")+
		st.badge(model.Conflicting)+dim(" sources disagree · ")+st.badge(model.Derived)+dim(" derived · ~ about · then the figure's year. ")+
		dim("A state's detail (enter on Signatories) gives each value's sources."), w)...)
	return append(out, d.lines...)
}
