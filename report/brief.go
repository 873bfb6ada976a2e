// Package report writes casia's sourced briefing: the summit and treaty,
// the states' key figures, the dialogue formats, the projects and the
// recent timeline, with numbered footnotes giving each source's publisher,
// title, date and URL. Build lays the brief out once; Markdown and HTML
// write the same content with the same footnote numbers, the HTML adding a
// map and charts drawn as SVG.
//
// A brief says only what the dataset says: headings and labels are fixed
// words, and every fact, figure and sentence of prose comes from a record,
// with that record's confidence mark and the footnotes of its own sources.
package report

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"casia/model"
)

// Options narrow a brief.
type Options struct {
	// Countries are the ids of the states to cover; empty means every
	// state. Formats, projects and timeline events are those that involve
	// at least one of them.
	Countries []string
	// Since is the first year of the timeline and of the meetings listed;
	// 0 means four years before the dataset's as-of year.
	Since int
}

// DefaultSinceYears is how far the timeline reaches back, in years before
// the dataset's as-of year, when Options.Since is 0.
const DefaultSinceYears = 4

// Brief is a report's content, laid out once in reading order. Every cited
// item carries its footnote numbers, assigned in order of first citation,
// so the Markdown and the HTML number their footnotes identically.
type Brief struct {
	Title       string
	Description string
	AsOf        string // human date
	Updated     string
	Since       int
	States      []*model.Country // covered, in dataset order
	Narrowed    bool             // Options.Countries was given

	Summit   *SummitPart // nil when the dataset has none
	Figures  FiguresPart
	Formats  []FormatItem
	Meetings []MeetingItem
	Projects ProjectsPart
	Timeline []Cited

	Notes []Note // the footnotes, in number order

	ds    *model.Dataset
	notes map[string]int
	seen  map[int]bool
}

// Ref is one footnote reference. First marks the reference that
// introduced the number, which the HTML makes the footnote's back-link
// target.
type Ref struct {
	N     int
	First bool
}

// Cited is a piece of text with its confidence and footnotes. Label, when
// set, introduces it ("18–19 May 2023", "Kazakhstan, population").
type Cited struct {
	Label string
	Text  string
	Conf  model.Confidence // "" when the item carries none
	Refs  []Ref
}

// Fig is a figure in a table cell or chart.
type Fig struct {
	Cited
	When string        // its reference date or year, human
	F    *model.Figure // nil when the dataset has none
}

// Note is one footnote: a source with its number.
type Note struct {
	N      int
	Source *model.Source
}

// SummitPart is the summit and its treaty.
type SummitPart struct {
	Name      string
	AltNames  []string
	When      string
	Place     string
	Host      string
	Leaders   []string
	Summary   Cited
	Treaty    TreatyPart
	Documents []Cited
	Outcomes  []Cited
	Quotes    []Cited
	Figures   []Fig // Label set
}

// TreatyPart is the treaty signed at the summit.
type TreatyPart struct {
	Name        Cited
	AltNames    []string
	Signed      string
	Signatories []string
	Articles    *Fig
	Principles  []Cited
	Notes       []Cited
}

// FiguresPart is the states' key figures in one table.
type FiguresPart struct {
	Columns []model.CountryFigure
	Rows    []StateRow
	Notes   []Cited // the figures' notes, labelled "State, figure"
}

// StateRow is one state in the figures table.
type StateRow struct {
	Country *model.Country
	Name    Cited // the state's common name
	Capital Cited
	Leader  Cited
	Figures []Fig // one per FiguresPart.Columns entry
}

// FormatItem is one dialogue format.
type FormatItem struct {
	Partner  Cited // the partner, with the format's sources
	Format   string
	Launched Cited
	Latest   Cited
	Members  []string // common names; observers marked
}

// MeetingItem is a meeting of a format, in the meetings list.
type MeetingItem struct {
	Date    model.Date
	Partner string
	Cited
}

// ProjectsPart is the projects by kind and status.
type ProjectsPart struct {
	Statuses []model.ProjectStatus // columns of the count table, those present
	Counts   []KindCount
	Groups   []ProjectGroup
	Total    int
}

// KindCount is one row of the kind × status count table.
type KindCount struct {
	Kind   model.ProjectKind
	Counts []int // one per ProjectsPart.Statuses
	Total  int
}

// ProjectGroup is the projects of one kind.
type ProjectGroup struct {
	Kind model.ProjectKind
	Rows []ProjectRow
}

// ProjectRow is one project.
type ProjectRow struct {
	Project   *model.Project
	Name      Cited
	Countries []string // common names, then other countries on the route
	Status    string
	Length    Fig
	Capacity  Fig
	Cost      Fig
}

// Kinds and Statuses fix the order projects are grouped and counted in.
var (
	Kinds    = []model.ProjectKind{model.Rail, model.Road, model.Pipeline, model.Power, model.Logistics, model.Digital, model.Industry}
	Statuses = []model.ProjectStatus{model.Operating, model.UnderConstruction, model.Preparatory, model.Proposed, model.Stalled}
)

// Build lays out the brief for a dataset. It fails only on an unknown
// country id in the options.
func Build(ds *model.Dataset, o Options) (*Brief, error) {
	b := &Brief{
		ds: ds, notes: map[string]int{}, seen: map[int]bool{},
		Title:       ds.Meta.Title,
		Description: oneLine(ds.Meta.Description),
		AsOf:        ds.Meta.AsOf.Human(),
		Updated:     ds.Meta.Updated.Human(),
		Since:       o.Since,
		Narrowed:    len(o.Countries) > 0,
	}
	if b.Since == 0 {
		b.Since = ds.Meta.AsOf.Year() - DefaultSinceYears
	}
	if b.Narrowed {
		for _, id := range o.Countries {
			c := ds.Country(id)
			if c == nil {
				return nil, fmt.Errorf("report: no state with id %q", id)
			}
			if !slices.Contains(b.States, c) {
				b.States = append(b.States, c)
			}
		}
		// Dataset order, so a brief reads the same however it was asked for.
		slices.SortFunc(b.States, func(x, y *model.Country) int {
			return slices.IndexFunc(ds.Countries, func(c model.Country) bool { return c.ID == x.ID }) -
				slices.IndexFunc(ds.Countries, func(c model.Country) bool { return c.ID == y.ID })
		})
	} else {
		for i := range ds.Countries {
			b.States = append(b.States, &ds.Countries[i])
		}
	}
	if ds.Summit.ID != "" {
		b.summit()
	}
	b.figures()
	b.formats()
	b.projects()
	b.timeline()
	return b, nil
}

// covers reports whether any of ids is a state the brief covers.
func (b *Brief) covers(ids []string) bool {
	for _, c := range b.States {
		if slices.Contains(ids, c.ID) {
			return true
		}
	}
	return false
}

// cite numbers the sources (first citation first) and returns the refs.
func (b *Brief) cite(ids []string) []Ref {
	var refs []Ref
	for _, id := range ids {
		n, ok := b.notes[id]
		if !ok {
			s := b.ds.Source(id)
			if s == nil {
				continue // validation makes this impossible for loaded data
			}
			n = len(b.Notes) + 1
			b.notes[id] = n
			b.Notes = append(b.Notes, Note{N: n, Source: s})
		}
		if slices.ContainsFunc(refs, func(r Ref) bool { return r.N == n }) {
			continue
		}
		refs = append(refs, Ref{N: n, First: !b.seen[n]})
		b.seen[n] = true
	}
	return refs
}

func (b *Brief) cited(label, text string, c model.Confidence, sources []string) Cited {
	return Cited{Label: label, Text: oneLine(text), Conf: c, Refs: b.cite(sources)}
}

func (b *Brief) fact(f model.Fact) Cited { return b.cited("", f.Text, f.Confidence, f.Sources) }

func (b *Brief) facts(fs []model.Fact) []Cited {
	out := make([]Cited, len(fs))
	for i, f := range fs {
		out[i] = b.fact(f)
	}
	return out
}

// fig is a figure's cell: its value ("about US$8 bn"), reference date
// and footnotes.
func (b *Brief) fig(label string, f *model.Figure) Fig {
	if f == nil {
		return Fig{Cited: Cited{Label: label}}
	}
	when := ""
	if p := f.Period(); p != "" {
		when = model.Date(p).Human()
	}
	return Fig{Cited: b.cited(label, f.String(), f.Confidence, f.Sources), When: when, F: f}
}

func (b *Brief) summit() {
	ds, s := b.ds, &b.ds.Summit
	p := &SummitPart{Name: s.Name, AltNames: s.AltNames, When: model.Span(s.Date, s.End)}
	p.Place = strings.Join(nonEmpty(s.Venue, s.City, ds.CountryName(s.Country)), ", ")
	p.Host = ds.CountryName(s.Host)
	if c := ds.Country(s.Host); c != nil && c.Leader != nil {
		p.Host = c.Leader.Name + ", " + c.Leader.Title + " (" + c.Names.Common + ")"
	}
	for _, id := range s.Participants {
		name := ds.CountryName(id)
		if c := ds.Country(id); c != nil && c.Leader != nil {
			name = c.Leader.Name + " (" + name + ")"
		}
		p.Leaders = append(p.Leaders, name)
	}
	p.Summary = b.cited("", s.Summary, "", s.Sources)
	t := &s.Treaty
	p.Treaty = TreatyPart{
		Name:        b.cited("", t.Name, "", t.Sources),
		AltNames:    t.AltNames,
		Signed:      t.Signed.Human(),
		Signatories: ds.CountryNames(t.Signatories),
	}
	if t.Articles != nil {
		f := b.fig("Articles", t.Articles)
		p.Treaty.Articles = &f
	}
	p.Treaty.Principles = b.facts(t.Principles)
	p.Treaty.Notes = b.facts(t.Notes)
	p.Documents = b.facts(s.Documents)
	p.Outcomes = b.facts(s.Outcomes)
	for _, q := range s.Quotes {
		by := q.Speaker
		if q.Via != "" {
			by += ", via " + q.Via
		}
		p.Quotes = append(p.Quotes, b.cited(by, "“"+q.Text+"”", q.Confidence, q.Sources))
	}
	for _, f := range s.Figures {
		p.Figures = append(p.Figures, b.fig(f.Label, &f.Figure))
	}
	b.Summit = p
}

func (b *Brief) figures() {
	fp := &b.Figures
	fp.Columns = model.CountryFigures
	for _, c := range b.States {
		row := StateRow{Country: c, Name: Cited{Text: c.Names.Common}}
		if c.Capital != nil {
			row.Capital = b.cited("", c.Capital.Name, "", c.Capital.Sources)
		}
		if l := c.Leader; l != nil {
			row.Leader = b.cited("", l.Name+", "+l.Title, l.Confidence, l.Sources)
		}
		for _, cf := range fp.Columns {
			row.Figures = append(row.Figures, b.fig(cf.Label, cf.Get(c)))
		}
		fp.Rows = append(fp.Rows, row)
	}
	// The notes follow the table; they cite nothing new (their figure's
	// footnotes are in the table), so they carry no refs of their own.
	for _, row := range fp.Rows {
		if l := row.Country.Leader; l != nil && l.Note != "" {
			fp.Notes = append(fp.Notes, Cited{Label: row.Country.Names.Common + ", head of state", Text: oneLine(l.Note)})
		}
		for j, cf := range fp.Columns {
			if f := row.Figures[j].F; f != nil && f.Note != "" {
				fp.Notes = append(fp.Notes, Cited{Label: row.Country.Names.Common + ", " + lowerFirst(cf.Label), Text: oneLine(f.Note)})
			}
		}
	}
}

func (b *Brief) formats() {
	ds := b.ds
	type dated struct {
		m       *model.Meeting
		partner string
	}
	var meetings []dated
	for i := range ds.Partnerships {
		p := &ds.Partnerships[i]
		if !b.covers(p.Members) && !b.covers(p.Observers) {
			continue
		}
		it := FormatItem{Partner: b.cited("", p.Partner, p.Confidence, p.Sources), Format: p.Format}
		if l := p.Launched; l != nil {
			it.Launched = b.cited("", model.Span(l.Date, l.End), l.Confidence, l.Sources)
		}
		if m := p.LatestMeeting; m != nil {
			it.Latest = b.cited("", meetingLine(m), m.Confidence, m.Sources)
		}
		it.Members = ds.CountryNames(p.Members)
		for _, o := range ds.CountryNames(p.Observers) {
			it.Members = append(it.Members, o+" (observer)")
		}
		b.Formats = append(b.Formats, it)
		var all []*model.Meeting
		for _, m := range []*model.Meeting{p.FirstSummit, p.LatestMeeting, p.NextMeeting} {
			if m != nil {
				all = append(all, m)
			}
		}
		for j := range p.Meetings {
			all = append(all, &p.Meetings[j])
		}
		// A format's latest meeting is often also in its meetings list,
		// worded differently: one meeting per format and date, the
		// fuller account kept.
		for _, m := range all {
			if m.Date.Year() < b.Since {
				continue
			}
			j := slices.IndexFunc(meetings, func(d dated) bool { return d.partner == p.Partner && d.m.Date == m.Date })
			switch {
			case j < 0:
				meetings = append(meetings, dated{m, p.Partner})
			case len(m.Text) > len(meetings[j].m.Text):
				meetings[j].m = m
			}
		}
	}
	slices.SortStableFunc(meetings, func(x, y dated) int { return strings.Compare(string(x.m.Date), string(y.m.Date)) })
	for _, d := range meetings {
		m := d.m
		label := model.Span(m.Date, m.End)
		if m.Place != "" {
			label += ", " + m.Place
		}
		text := m.Text
		if m.Planned {
			text += " (planned)"
		}
		if m.Checked != "" {
			text += " (outcome not found as of " + m.Checked.Human() + ")"
		}
		if m.Note != "" {
			text += " Note: " + m.Note
		}
		b.Meetings = append(b.Meetings, MeetingItem{Date: m.Date, Partner: d.partner,
			Cited: b.cited(label, text, m.Confidence, m.Sources)})
	}
}

// meetingLine is a latest-meeting cell: "6 Nov 2025, White House,
// Washington".
func meetingLine(m *model.Meeting) string {
	s := model.Span(m.Date, m.End)
	if m.Place != "" {
		s += ", " + m.Place
	}
	return s
}

func (b *Brief) projects() {
	ds := b.ds
	pp := &b.Projects
	present := map[model.ProjectStatus]bool{}
	groups := map[model.ProjectKind][]int{}
	for i := range ds.Projects {
		p := &ds.Projects[i]
		if b.covers(p.Countries) {
			groups[p.Kind] = append(groups[p.Kind], i)
			present[p.Status] = true
			pp.Total++
		}
	}
	for _, s := range Statuses {
		if present[s] {
			pp.Statuses = append(pp.Statuses, s)
		}
	}
	rank := func(s model.ProjectStatus) int { return slices.Index(Statuses, s) }
	for _, k := range Kinds {
		idx := groups[k]
		if len(idx) == 0 {
			continue
		}
		kc := KindCount{Kind: k, Counts: make([]int, len(pp.Statuses)), Total: len(idx)}
		slices.SortStableFunc(idx, func(x, y int) int {
			px, py := &ds.Projects[x], &ds.Projects[y]
			if d := rank(px.Status) - rank(py.Status); d != 0 {
				return d
			}
			return strings.Compare(model.Fold(px.Name), model.Fold(py.Name))
		})
		g := ProjectGroup{Kind: k}
		for _, i := range idx {
			p := &ds.Projects[i]
			kc.Counts[slices.Index(pp.Statuses, p.Status)]++
			var placeSources []string
			for _, pl := range p.Route {
				placeSources = append(placeSources, pl.Sources...)
			}
			row := ProjectRow{
				Project:   p,
				Name:      b.cited("", p.Name, "", append(slices.Clone(p.Sources), placeSources...)),
				Countries: append(ds.CountryNames(p.Countries), p.OtherCountries...),
				Status:    string(p.Status),
			}
			row.Length = b.fig("Length", p.Length)
			row.Capacity = b.fig("Capacity", p.Capacity)
			row.Cost = b.fig("Cost", p.Cost)
			g.Rows = append(g.Rows, row)
		}
		pp.Counts = append(pp.Counts, kc)
		pp.Groups = append(pp.Groups, g)
	}
}

func (b *Brief) timeline() {
	ds := b.ds
	idx := make([]int, 0, len(ds.Events))
	for i := range ds.Events {
		e := &ds.Events[i]
		if e.Date.Year() < b.Since {
			continue
		}
		if b.Narrowed && !b.covers(e.Countries) {
			continue
		}
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		return strings.Compare(string(ds.Events[x].Date), string(ds.Events[y].Date))
	})
	for _, i := range idx {
		e := &ds.Events[i]
		text := e.Title + ". " + oneLine(e.Summary)
		if strings.HasSuffix(e.Title, ".") {
			text = e.Title + " " + oneLine(e.Summary)
		}
		b.Timeline = append(b.Timeline, b.cited(model.Span(e.Date, e.End), text, e.Confidence, e.Sources))
	}
}

// oneLine joins prose that spans lines, so it fits a table cell or a list
// item.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// lowerFirst lowers a label's first letter for use mid-sentence
// ("population"), leaving acronyms ("GDP") alone.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Mark is a confidence's symbol in a brief. Single-source is † where the
// dashboard shows ¹, which on paper would read as a footnote number.
func Mark(c model.Confidence) string {
	switch c {
	case model.Verified:
		return "✓"
	case model.SingleSource:
		return "†"
	case model.Conflicting:
		return "≠"
	case model.Derived:
		return "≈"
	}
	return ""
}

// Legend explains the marks, for the top of a brief.
const Legend = "✓ verified · † single source · ≠ sources disagree (the value shown is the first-listed or most authoritative; the notes give the others) · ≈ derived. Numbers are footnotes: the sources at the end."
