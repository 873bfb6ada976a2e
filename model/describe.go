package model

import (
	"fmt"
	"strings"
)

// Describe renders a record as plain text: what `casia show` prints and
// what the dashboard copies with `y`. It has no styling, so it pastes
// cleanly into notes, and it always ends with the record's sources.
func (ds *Dataset) Describe(r Ref) string {
	if !ds.Valid(r) {
		return ""
	}
	d := &describer{ds: ds}
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
		d.sources(ds.SourcesOf(r))
	}
	return strings.TrimRight(d.b.String(), "\n") + "\n"
}

type describer struct {
	ds *Dataset
	b  strings.Builder
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

func (d *describer) para(label, text string) {
	if text == "" {
		return
	}
	if label != "" {
		d.b.WriteString("\n" + label + "\n")
	} else {
		d.b.WriteByte('\n')
	}
	d.b.WriteString(text)
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

func factTexts(fs []Fact) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = Qualify(f.Text, f.Confidence, f.Note)
	}
	return out
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
	if m.Planned {
		s += " (planned)"
	}
	return Qualify(s, m.Confidence, m.Note)
}

// MilestoneText is a milestone on one line.
func MilestoneText(m Milestone) string {
	s := Span(m.Date, m.End) + ": " + m.Text
	if m.Planned {
		s += " (planned)"
	}
	return Qualify(s, m.Confidence, m.Note)
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
	d.para("", s.Summary)
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
	d.line("  Name", t.Name)
	for _, a := range t.AltNames {
		d.line("  Also", a)
	}
	d.line("  Signed", t.Signed.Human())
	d.line("  Signatories", strings.Join(d.ds.CountryNames(t.Signatories), ", "))
	if t.Articles != nil {
		d.line("  Articles", FigureText(t.Articles))
	}
	d.list("Treaty principles", factTexts(t.Principles))
	d.list("Treaty notes", factTexts(t.Notes))
	d.list("Documents", factTexts(s.Documents))
	d.list("Outcomes", factTexts(s.Outcomes))
	var quotes []string
	for _, q := range s.Quotes {
		via := q.Speaker
		if q.Via != "" {
			via += ", via " + q.Via
		}
		quotes = append(quotes, Qualify("“"+q.Text+"” — "+via, q.Confidence, q.Note))
	}
	d.list("Quotes", quotes)
	var figs []string
	for _, f := range s.Figures {
		figs = append(figs, f.Label+": "+FigureText(&f.Figure))
	}
	d.list("Key figures", figs)
	d.list("Context", factTexts(s.Context))
	var hist []string
	for i := range s.History {
		hist = append(hist, MeetingText(&s.History[i]))
	}
	d.list("History of the mechanism", hist)
}

func (d *describer) country(c *Country) {
	n := &c.Names
	d.heading(n.Common, n.Official)
	d.line("ISO codes", strings.ToUpper(c.ID)+" / "+c.ISO3)
	d.line("Native name", strings.TrimSpace(n.Native+parens(n.NativeLatin)))
	d.line("Russian", n.Russian)
	d.line("Chinese", n.Chinese)
	d.line("Also known as", strings.Join(n.Aliases, ", "))
	if c.Capital != nil {
		d.line("Capital", fmt.Sprintf("%s (%.4f°N, %.4f°E)", c.Capital.Name, c.Capital.Lat, c.Capital.Lon))
	}
	if c.Currency != nil {
		d.line("Currency", c.Currency.Name+" ("+c.Currency.Code+")")
	}
	if l := c.Leader; l != nil {
		d.line("Head of state", Qualify(l.Name+", "+l.Title+", since "+l.Since.Human(), l.Confidence, l.Note))
	}
	d.line("Population", FigureText(c.Population))
	d.line("Area", FigureText(c.Area))
	d.line("GDP", FigureText(c.GDP))
	d.line("GDP per capita", FigureText(c.GDPPerCapita))
	d.line("Trade w/ China", FigureText(c.TradeWithChina))
	if c.Independence != nil {
		d.line("Independence", MilestoneText(*c.Independence))
	}
	d.para("", c.Summary)
	d.list("Notes", factTexts(c.Notes))
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
	if p.Launched != nil {
		d.line("Launched", MilestoneText(*p.Launched))
	}
	d.line("First summit", MeetingText(p.FirstSummit))
	d.line("Latest meeting", MeetingText(p.LatestMeeting))
	d.line("Next meeting", MeetingText(p.NextMeeting))
	d.line("Members", strings.Join(d.ds.CountryNames(p.Members), ", "))
	d.line("Observers", strings.Join(d.ds.CountryNames(p.Observers), ", "))
	d.line("Topics", strings.Join(p.Topics, "; "))
	d.line("Confidence", string(p.Confidence))
	d.para("", p.Summary)
	var ms []string
	for i := range p.Meetings {
		ms = append(ms, MeetingText(&p.Meetings[i]))
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
	d.line("Length", FigureText(p.Length))
	d.line("Capacity", FigureText(p.Capacity))
	d.line("Cost", FigureText(p.Cost))
	d.line("Financing", p.Financing)
	d.para("", p.Summary)
	var ms []string
	for _, m := range p.Milestones {
		ms = append(ms, MilestoneText(m))
	}
	d.list("Milestones", ms)
	var route []string
	for _, pl := range p.Route {
		route = append(route, pl.Name)
	}
	if len(route) > 0 {
		d.b.WriteByte('\n')
		d.line("Route", strings.Join(route, " – "))
	}
	d.list("Notes", factTexts(p.Notes))
}

func (d *describer) event(e *Event) {
	d.heading(e.Title, "")
	d.line("Date", Span(e.Date, e.End))
	d.line("Kind", string(e.Kind))
	d.line("Countries", strings.Join(d.ds.CountryNames(e.Countries), ", "))
	d.line("Confidence", Qualify(string(e.Confidence), "", e.Note))
	d.para("", e.Summary)
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

func (d *describer) sources(ids []string) {
	if len(ids) == 0 {
		return
	}
	d.b.WriteString("\nSources\n")
	for i, id := range ids {
		s := d.ds.Source(id)
		if s == nil {
			continue
		}
		fmt.Fprintf(&d.b, "  [%d] %s, %s", i+1, s.Title, s.Publisher)
		if s.Date != "" {
			fmt.Fprintf(&d.b, ", %s", s.Date.Human())
		}
		fmt.Fprintf(&d.b, "\n      %s\n", s.URL)
	}
}
