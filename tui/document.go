package tui

import (
	"strconv"
	"strings"

	"casia/model"
)

// link is a followable part of a document: a line pointing at another
// record or a URL, an entry of the numbered source list, or a footnote
// marker after a value.
type link struct {
	line int // the link's line in the document (a footnote's: its value's last)
	ref  model.Ref
	url  string
	// source is the source id of a footnote or a source-list entry, and
	// note its number; fact is the footnoted value as plain text and
	// factSources its sources, for y.
	source      string
	note        int
	fact        string
	factSources []string
	// col and colEnd are a footnote marker's cells on its line, where a
	// click follows it.
	col, colEnd int
}

// footnote reports whether the link is a marker after a value.
func (l link) footnote() bool { return l.fact != "" }

// doc builds a record's detail view as styled, wrapped lines plus the
// links among them. It is the only place record text meets styles.
type doc struct {
	c     *ctx
	w     int
	q     model.Query
	sel   int // index of the selected link, -1 for none
	lines []string
	links []link
	// indent is where the last field's value started, so a note under it
	// lines up with the value.
	indent int
	// fn numbers the record's sources (model.Footnotes, shared with casia
	// show); pend are footnote links whose line is set by the next push.
	fn   *model.Footnotes
	pend []int
}

func newDoc(c *ctx, w int, q model.Query, sel int) *doc {
	return &doc{c: c, w: max(w, 1), q: q, sel: sel}
}

// hl styles plain text, underlining what the current filter matches.
func (d *doc) hl(s string, base, match func(...string) string) string {
	return styleRanges(s, model.MatchRanges(s, d.q), base, match)
}

func (d *doc) text(s string) string {
	st := d.c.st
	return d.hl(s, st.Text.Render, st.Match.Render)
}

// push adds lines; footnote markers made for them (cite) are placed on
// the line that shows them, found from the end, where a value's markers
// are.
func (d *doc) push(lines ...string) {
	first := len(d.lines)
	d.lines = append(d.lines, lines...)
	if len(lines) == 0 || len(d.pend) == 0 {
		return
	}
	// The markers are found in the styled lines: "[12]" cannot occur
	// inside an escape sequence, and width skips the sequences before it.
	ln := len(d.lines) - 1
	line := d.lines[ln]
	for k := len(d.pend) - 1; k >= 0; k-- {
		l := &d.links[d.pend[k]]
		mark := "[" + strconv.Itoa(l.note) + "]"
		for ln > first && !strings.Contains(line, mark) {
			ln--
			line = d.lines[ln]
		}
		l.line = ln
		// An earlier marker is on this line or above, never after it.
		if i := strings.LastIndex(line, mark); i >= 0 {
			line = line[:i]
			l.col = width(line)
			l.colEnd = l.col + len(mark)
		}
	}
	d.pend = d.pend[:0]
}

func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

func (d *doc) title(s string) {
	st := d.c.st
	d.push(wrap(d.hl(s, st.Title.Render, st.Match.Render), d.w)...)
}

func (d *doc) sub(s string) {
	if s != "" {
		d.push(wrap(d.c.st.Subtitle.Render(s), d.w)...)
	}
}

func (d *doc) section(s string) {
	d.blank()
	d.push(d.c.st.Section.Render(s))
}

// labelWidth is the label column of field lines; narrow panes stack the
// label above the value instead.
func (d *doc) labelWidth() int {
	if d.w < 36 {
		return 0
	}
	return 15
}

// field prints "Label   value", wrapping the value under itself.
func (d *doc) field(label, value string) {
	if value == "" {
		return
	}
	d.styledField(label, d.text(value))
}

func (d *doc) styledField(label, styled string) {
	lw := d.labelWidth()
	if lw == 0 || len([]rune(label)) > lw {
		// Long labels (and narrow panes) go on their own line.
		d.lines = append(d.lines, d.c.st.Label.Render(label))
		d.push(wrap("  "+styled, d.w)...)
		d.indent = 2
		return
	}
	d.indent = lw + 1
	vw := d.w - lw - 1
	lines := wrap(styled, vw)
	for i, ln := range lines {
		if i == 0 {
			lines[i] = d.c.st.Label.Render(padRight(label, lw)) + " " + ln
		} else {
			lines[i] = strings.Repeat(" ", lw+1) + ln
		}
	}
	d.push(lines...)
}

// note prints a caveat or explanation under a field, dimmed and indented.
func (d *doc) note(s string) {
	if s == "" {
		return
	}
	indent := d.indent
	if indent == 0 {
		indent = max(d.labelWidth()+1, 2)
	}
	for _, ln := range wrap(d.hl(s, d.c.st.Dim.Render, d.c.st.Match.Render), d.w-indent) {
		d.push(strings.Repeat(" ", indent) + ln)
	}
}

// para prints a paragraph with the footnotes of the sources it rests on
// (a record's summary rests on the record's sources).
func (d *doc) para(s string, ids []string) {
	if s == "" {
		return
	}
	d.blank()
	ps := strings.Split(s, "\n")
	for i, p := range ps {
		styled := d.text(p)
		if i == len(ps)-1 {
			styled += d.cite(ids, s)
		}
		d.push(wrap(styled, d.w)...)
	}
}

// bullet prints a list item with its confidence symbol, footnotes and
// note.
func (d *doc) bullet(s string, c model.Confidence, note string, ids []string) {
	mark := "• "
	if c != "" {
		mark = d.c.st.badge(c) + " "
	}
	d.hanging(mark, d.text(s)+d.cite(ids, model.Qualify(s, c, note)))
	if note != "" {
		for _, ln := range wrap(d.hl(note, d.c.st.Dim.Render, d.c.st.Match.Render), d.w-4) {
			d.push("    " + ln)
		}
	}
}

func (d *doc) hanging(mark, styled string) {
	mw := width(mark)
	lines := wrap(styled, d.w-mw)
	for i, ln := range lines {
		if i == 0 {
			lines[i] = mark + ln
		} else {
			lines[i] = strings.Repeat(" ", mw) + ln
		}
	}
	d.push(lines...)
}

// linkTo adds a followable line pointing at another record.
func (d *doc) linkTo(text string, ref model.Ref) {
	d.addLink(text, link{ref: ref})
}

func (d *doc) linkURL(text, url string) {
	d.addLink(text, link{url: url})
}

func (d *doc) addLink(text string, l link) {
	st := d.c.st
	l.line = len(d.lines)
	style := st.Link.Render
	mark := "→ "
	if len(d.links) == d.sel {
		style = st.LinkSelected.Render
		mark = Marker + " "
	}
	d.hanging(mark, style(text))
	d.links = append(d.links, l)
}

// figure prints a sourced number with its period, confidence and note.
func (d *doc) figure(label string, f *model.Figure) {
	if f == nil {
		return
	}
	v := f.String()
	if p := f.Period(); p != "" {
		v += " · " + model.Date(p).Human()
	}
	fact := label + ": " + model.FigureText(f)
	if ct := f.CheckedText(); ct != "" {
		fact += " (" + ct + ")"
	}
	d.styledField(label, d.text(v)+" "+d.c.st.badge(f.Confidence)+d.cite(f.Sources, fact))
	d.note(f.CheckedText())
	d.note(f.Note)
}
