package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// link is a followable line of a document: another record, or a URL.
type link struct {
	line int // first line of the link in the document
	ref  model.Ref
	url  string
}

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

func (d *doc) push(lines ...string) { d.lines = append(d.lines, lines...) }

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
		d.push(d.c.st.Label.Render(label))
		d.push(wrap("  "+styled, d.w)...)
		d.indent = 2
		return
	}
	d.indent = lw + 1
	vw := d.w - lw - 1
	for i, ln := range wrap(styled, vw) {
		if i == 0 {
			d.push(d.c.st.Label.Render(padRight(label, lw)) + " " + ln)
		} else {
			d.push(strings.Repeat(" ", lw+1) + ln)
		}
	}
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

func (d *doc) para(s string) {
	if s == "" {
		return
	}
	d.blank()
	for _, p := range strings.Split(s, "\n") {
		d.push(wrap(d.text(p), d.w)...)
	}
}

// bullet prints a list item with its confidence symbol and note.
func (d *doc) bullet(s string, c model.Confidence, note string) {
	mark := "• "
	if c != "" {
		mark = d.c.st.badge(c) + " "
	}
	d.hanging(mark, d.text(s))
	if note != "" {
		for _, ln := range wrap(d.hl(note, d.c.st.Dim.Render, d.c.st.Match.Render), d.w-4) {
			d.push("    " + ln)
		}
	}
}

func (d *doc) hanging(mark, styled string) {
	mw := ansi.StringWidth(mark)
	for i, ln := range wrap(styled, d.w-mw) {
		if i == 0 {
			d.push(mark + ln)
		} else {
			d.push(strings.Repeat(" ", mw) + ln)
		}
	}
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
	d.styledField(label, d.text(v)+" "+d.c.st.badge(f.Confidence))
	d.note(f.Note)
}
