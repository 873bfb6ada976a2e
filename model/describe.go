package model

import (
	"fmt"
	"strings"
)

// Describe renders a record as plain text: what `casia show` prints and
// what the dashboard copies with `y`. It has no styling, so it pastes
// cleanly into notes. Every value ends with the numbers of the sources
// that back it ("[1, 3]"), and the text ends with those sources, numbered
// in order of first citation: publisher, "title", date and URL.
func (ds *Dataset) Describe(r Ref) string {
	if !ds.Valid(r) {
		return ""
	}
	d := &describer{ds: ds}
	ds.describe(d, r)
	if r.Kind != KindSource {
		d.sources()
	}
	return strings.TrimRight(d.b.String(), "\n") + "\n"
}

// describe writes the record into d, numbering its sources as it cites
// them (see Footnotes).
func (ds *Dataset) describe(d *describer, r Ref) {
	if !ds.Valid(r) {
		return
	}
	switch rec := ds.Record(r).(type) {
	case *Summit:
		d.summit(rec)
	case *Country:
		d.country(rec)
	case *Partnership:
		d.partnership(rec)
	case *Project:
		d.project(rec)
	case *Event:
		d.event(rec)
	case *Source:
		d.source(rec)
	}
	if r.Kind != KindSource {
		// Anything the record cites that no line above carries (none, as
		// long as every sourced part is printed) still gets its number.
		for _, id := range ds.SourcesOf(r) {
			d.notes.add(id)
		}
	}
}

type describer struct {
	ds    *Dataset
	b     strings.Builder
	notes Footnotes // source ids in order of first citation
}

// cite is the footnote mark for a value's sources: " [1, 3]", or "" when
// it cites none. It numbers sources met for the first time.
func (d *describer) cite(ids []string) string {
	for _, id := range ids {
		d.notes.add(id)
	}
	return d.notes.Mark(ids)
}

func (d *describer) heading(title, sub string) {
	d.b.WriteString(title)
	d.b.WriteByte('\n')
	if sub != "" {
		d.b.WriteString(sub)
		d.b.WriteByte('\n')
	}
	d.b.WriteByte('\n')
}

func (d *describer) line(label, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(&d.b, "%-16s %s\n", label+":", value)
}

// sourced is line for a value with its sources.
func (d *describer) sourced(label, value string, ids []string) {
	if value == "" {
		return
	}
	d.line(label, value+d.cite(ids))
}

func (d *describer) para(label, text string, ids []string) {
	if text == "" {
		return
	}
	if label != "" {
		d.b.WriteString("\n" + label + "\n")
	} else {
		d.b.WriteByte('\n')
	}
	d.b.WriteString(text)
	d.b.WriteString(d.cite(ids))
	d.b.WriteByte('\n')
}

func (d *describer) list(label string, items []string) {
	if len(items) == 0 {
		return
	}
	d.b.WriteString("\n" + label + "\n")
	for _, it := range items {
		d.b.WriteString("  - " + it + "\n")
	}
}

// Qualify appends a fact's confidence (when not verified) and note, so a
// caveat travels with the fact wherever it is printed.
func Qualify(text string, c Confidence, note string) string {
	if c != "" && c != Verified {
		text += " [" + string(c) + "]"
	}
	if note != "" {
		text += " (" + note + ")"
	}
	return text
}

// FigureText is a figure with its period, confidence and note.
func FigureText(f *Figure) string {
	if f == nil {
		return ""
	}
	s := f.String()
	if p := f.Period(); p != "" {
		s += ", " + Date(p).Human()
	}
	return Qualify(s, f.Confidence, f.Note)
}

func (d *describer) facts(fs []Fact) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = Qualify(f.Text, f.Confidence, f.Note) + d.cite(f.Sources)
	}
	return out
}

// plan is how a planned item reads: "(planned)", or, once a search for
// its outcome came up empty, "(planned; outcome not found as of 1 Nov
// 2026)".
func plan(planned bool, checked Date) string {
	switch {
	case !planned:
		return ""
	case checked != "":
		return " (planned; outcome not found as of " + checked.Human() + ")"
	}
	return " (planned)"
}

// MeetingText is a meeting on one line: "18–19 May 2023, Xi'an: text".
func MeetingText(m *Meeting) string {
	if m == nil {
		return ""
	}
	s := Span(m.Date, m.End)
	if m.Place != "" {
		s += ", " + m.Place
	}
	if m.Text != "" {
		s += ": " + m.Text
	}
	s += plan(m.Planned, m.Checked)
	return Qualify(s, m.Confidence, m.Note)
}

// MilestoneText is a milestone on one line.
func MilestoneText(m Milestone) string {
	s := Span(m.Date, m.End) + ": " + m.Text + plan(m.Planned, m.Checked)
	return Qualify(s, m.Confidence, m.Note)
}

func (d *describer) meeting(m *Meeting) string {
	if m == nil {
		return ""
	}
	return MeetingText(m) + d.cite(m.Sources)
}

func (d *describer) milestone(m *Milestone) string {
	if m == nil {
		return ""
	}
	return MilestoneText(*m) + d.cite(m.Sources)
}

func (d *describer) figure(f *Figure) string {
	if f == nil {
		return ""
	}
	return FigureText(f) + d.cite(f.Sources)
}

// series is a yearly figure series, one line a year.
func (d *describer) series(label string, figs []Figure) {
	var out []string
	for i := range figs {
		out = append(out, d.figure(&figs[i]))
	}
	d.list(label, out)
}

func (d *describer) summit(s *Summit) {
	d.heading(s.Name, strings.Join(s.AltNames, "; "))
	d.line("Date", Span(s.Date, s.End))
	d.line("Place", s.Venue+", "+s.City+", "+d.ds.CountryName(s.Country))
	if c := d.ds.Country(s.Host); c != nil && c.Leader != nil {
		d.line("Host", c.Leader.Name+", "+c.Leader.Title+" ("+c.Names.Common+")")
	} else {
		d.line("Host", d.ds.CountryName(s.Host))
	}
	d.para("", s.Summary, s.Sources)
	var leaders []string
	for _, id := range s.Participants {
		name := d.ds.CountryName(id)
		if c := d.ds.Country(id); c != nil && c.Leader != nil {
			name = c.Leader.Name + " (" + name + ")"
		}
		leaders = append(leaders, name)
	}
	d.list("Participants", leaders)
	t := &s.Treaty
	d.b.WriteString("\nTreaty\n")
	d.sourced("  Name", t.Name, t.Sources)
	for _, a := range t.AltNames {
		d.line("  Also", a)
	}
	d.line("  Signed", t.Signed.Human())
	d.line("  Signatories", strings.Join(d.ds.CountryNames(t.Signatories), ", "))
	d.line("  Articles", d.figure(t.Articles))
	d.list("Treaty principles", d.facts(t.Principles))
	d.list("Treaty notes", d.facts(t.Notes))
	d.list("Documents", d.facts(s.Documents))
	d.list("Outcomes", d.facts(s.Outcomes))
	var quotes []string
	for _, q := range s.Quotes {
		via := q.Speaker
		if q.Via != "" {
			via += ", via " + q.Via
		}
		quotes = append(quotes, Qualify("“"+q.Text+"” — "+via, q.Confidence, q.Note)+d.cite(q.Sources))
	}
	d.list("Quotes", quotes)
	var figs []string
	for i := range s.Figures {
		f := &s.Figures[i]
		figs = append(figs, f.Label+": "+d.figure(&f.Figure))
	}
	d.list("Key figures", figs)
	d.series("China–Central Asia trade by year", s.TradeHistory)
	d.list("Context", d.facts(s.Context))
	var hist []string
	for i := range s.History {
		hist = append(hist, d.meeting(&s.History[i]))
	}
	d.list("History of the mechanism", hist)
}

func (d *describer) country(c *Country) {
	n := &c.Names
	sub := n.Official
	if sub != "" {
		sub += d.cite(n.Sources)
	}
	d.heading(n.Common, sub)
	d.line("ISO codes", strings.ToUpper(c.ID)+" / "+c.ISO3)
	native := strings.TrimSpace(n.Native + parens(n.NativeLatin))
	if sub == "" {
		native += d.cite(n.Sources)
	}
	d.line("Native name", native)
	d.line("Russian", n.Russian)
	d.line("Chinese", n.Chinese)
	d.line("Also known as", strings.Join(n.Aliases, ", "))
	if c.Capital != nil {
		d.sourced("Capital", fmt.Sprintf("%s (%.4f°N, %.4f°E)", c.Capital.Name, c.Capital.Lat, c.Capital.Lon), c.Capital.Sources)
	}
	if c.Currency != nil {
		d.line("Currency", c.Currency.Name+" ("+c.Currency.Code+")")
	}
	if l := c.Leader; l != nil {
		d.sourced("Head of state", Qualify(l.Name+", "+l.Title+", since "+l.Since.Human(), l.Confidence, l.Note), l.Sources)
	}
	d.line("Population", d.figure(c.Population))
	d.line("Area", d.figure(c.Area))
	d.line("GDP", d.figure(c.GDP))
	d.line("GDP per capita", d.figure(c.GDPPerCapita))
	d.line("Trade w/ China", d.figure(c.TradeWithChina))
	d.line("Independence", d.milestone(c.Independence))
	d.para("", c.Summary, c.Sources)
	if c.Summary == "" {
		d.para("", "Record", c.Sources)
	}
	d.series("Trade with China by year", c.TradeHistory)
	var ms []string
	for _, m := range c.Memberships {
		s := m.Org.Name() + " (" + strings.ToUpper(string(m.Org)) + "): " + string(m.Role) + " since " + m.Since.Human()
		if m.Until != "" {
			s += ", until " + m.Until.Human()
		}
		ms = append(ms, Qualify(s, m.Confidence, m.Note)+d.cite(m.Sources))
	}
	d.list("Memberships", ms)
	d.list("Notes", d.facts(c.Notes))
	var ps []string
	for _, i := range d.ds.PartnershipsOf(c.ID) {
		ps = append(ps, d.ds.Title(Ref{KindPartnership, i}))
	}
	d.list("Partnerships", ps)
	var prs []string
	for _, i := range d.ds.ProjectsOf(c.ID) {
		prs = append(prs, d.ds.Projects[i].Name)
	}
	d.list("Projects", prs)
}

func parens(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func (d *describer) partnership(p *Partnership) {
	d.heading(p.Partner+": "+p.Format, "")
	if p.Caveat != "" {
		d.line("Caveat", p.Caveat)
	}
	d.line("Launched", d.milestone(p.Launched))
	d.line("First summit", d.meeting(p.FirstSummit))
	d.line("Latest meeting", d.meeting(p.LatestMeeting))
	d.line("Next meeting", d.meeting(p.NextMeeting))
	d.line("Members", strings.Join(d.ds.CountryNames(p.Members), ", "))
	d.line("Observers", strings.Join(d.ds.CountryNames(p.Observers), ", "))
	d.line("Topics", strings.Join(p.Topics, "; "))
	d.line("Confidence", string(p.Confidence))
	d.para("", p.Summary, p.Sources)
	var ms []string
	for i := range p.Meetings {
		ms = append(ms, d.meeting(&p.Meetings[i]))
	}
	d.list("Meetings", ms)
}

func (d *describer) project(p *Project) {
	d.heading(p.Name, strings.Join(p.AltNames, "; "))
	kind := string(p.Kind)
	if p.Commodity != "" {
		kind += " (" + p.Commodity + ")"
	}
	d.line("Kind", kind)
	status := string(p.Status)
	if p.StatusNote != "" {
		status += ": " + p.StatusNote
	}
	d.line("Status", status)
	d.line("Countries", strings.Join(append(d.ds.CountryNames(p.Countries), p.OtherCountries...), ", "))
	d.line("Partners", strings.Join(p.Partners, ", "))
	d.line("Length", d.figure(p.Length))
	d.line("Capacity", d.figure(p.Capacity))
	d.line("Cost", d.figure(p.Cost))
	d.line("Financing", p.Financing)
	d.para("", p.Summary, p.Sources)
	var ms []string
	for i := range p.Milestones {
		ms = append(ms, d.milestone(&p.Milestones[i]))
	}
	d.list("Milestones", ms)
	var route, routeSrc []string
	for _, pl := range p.Route {
		route = append(route, pl.Name)
		routeSrc = append(routeSrc, pl.Sources...)
	}
	if len(route) > 0 {
		d.b.WriteByte('\n')
		d.sourced("Route", strings.Join(route, " – "), routeSrc)
	}
	d.list("Notes", d.facts(p.Notes))
}

func (d *describer) event(e *Event) {
	d.heading(e.Title, "")
	d.line("Date", Span(e.Date, e.End))
	d.line("Kind", string(e.Kind))
	d.line("Countries", strings.Join(d.ds.CountryNames(e.Countries), ", "))
	d.line("Confidence", Qualify(string(e.Confidence), "", e.Note))
	d.para("", e.Summary, e.Sources)
}

func (d *describer) source(s *Source) {
	d.heading(s.Title, s.Publisher)
	d.line("URL", s.URL)
	d.line("Date", s.Date.Human())
	d.line("Tier", string(s.Tier))
	d.line("Note", s.Note)
	var cites []string
	for _, r := range d.ds.CitedBy(s.ID) {
		cites = append(cites, d.ds.Title(r)+" ["+d.ds.ID(r)+"]")
	}
	d.list(fmt.Sprintf("Cited by %d records", len(cites)), cites)
}

// Citation is a source as a reader cites it: publisher, “title”, date.
func (s *Source) Citation() string {
	c := s.Publisher + ", “" + s.Title + "”"
	if s.Date != "" {
		c += ", " + s.Date.Human()
	}
	return c
}

func (d *describer) sources() {
	if len(d.notes.ids) == 0 {
		return
	}
	d.b.WriteString("\nSources\n")
	for i, id := range d.notes.ids {
		s := d.ds.Source(id)
		if s == nil {
			continue
		}
		fmt.Fprintf(&d.b, "  [%d] %s\n      %s\n", i+1, s.Citation(), s.URL)
	}
}

// AboutLine says in one line which data the reader is looking at: the
// dataset's title, as-of and update dates, record counts, and where it
// was loaded from: from is "" for the data built into casia, else a file
// name or a phrase ("the server's data").
func (ds *Dataset) AboutLine(from string) string {
	s := ds.Meta.Title
	if ds.Meta.AsOf != "" {
		s += " · as of " + ds.Meta.AsOf.Human()
	}
	if ds.Meta.Updated != "" {
		s += " · updated " + ds.Meta.Updated.Human()
	}
	s += fmt.Sprintf(" · %d signatories, %d partnerships, %d projects, %d events, %d sources",
		ds.Len(KindCountry), ds.Len(KindPartnership), ds.Len(KindProject), ds.Len(KindEvent), ds.Len(KindSource))
	if from == "" {
		return s + " · built-in data"
	}
	return s + " · from " + Safe(from, false)
}
