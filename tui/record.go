package tui

import (
	"fmt"
	"strings"

	"casia/model"
)

// renderRecord writes one record's detail into d: every field the dataset
// has, caveats next to the facts they qualify, related records as links
// and the sources last.
func renderRecord(d *doc, r model.Ref) {
	ds := d.c.ds
	if !ds.Valid(r) {
		return
	}
	if d.fn == nil {
		d.fn = d.c.footnotes(r)
	}
	switch rec := ds.Record(r).(type) {
	case *model.Summit:
		renderSummit(d, rec)
	case *model.Country:
		renderCountry(d, rec)
	case *model.Partnership:
		renderPartnership(d, rec)
	case *model.Project:
		renderProject(d, rec)
	case *model.Event:
		renderEvent(d, rec)
	case *model.Source:
		renderSource(d, rec)
	}
	if r.Kind != model.KindSource {
		sourceList(d, d.fn)
	}
}

func leaderLine(ds *model.Dataset, id string) string {
	c := ds.Country(id)
	if c == nil {
		return id
	}
	if c.Leader == nil {
		return c.Names.Common
	}
	return c.Names.Common + ": " + c.Leader.Name
}

func renderSummit(d *doc, s *model.Summit) {
	summitMain(d, s)
	summitSide(d, s)
}

// summitMain is the summit's who, when, where and the treaty.
func summitMain(d *doc, s *model.Summit) {
	ds := d.c.ds
	d.title(s.Name)
	d.sub(strings.Join(s.AltNames, " · "))
	d.blank()
	d.field("Date", model.Span(s.Date, s.End))
	d.field("Place", s.Venue+", "+s.City+", "+ds.CountryName(s.Country))
	d.field("Host", leaderLine(ds, s.Host))
	d.para(s.Summary, s.Sources)

	d.section("Signatories and leaders")
	for _, id := range s.Participants {
		if r, ok := ds.Lookup(id); ok {
			d.linkTo(leaderLine(ds, id), r)
		}
	}

	t := &s.Treaty
	d.section("The treaty")
	if t.Name != "" {
		d.styledField("Name", d.text(t.Name)+d.cite(t.Sources, "Treaty: "+t.Name))
	}
	for _, a := range t.AltNames {
		d.field("Also rendered", a)
	}
	d.field("Signed", t.Signed.Human())
	d.field("Signatories", strings.Join(ds.CountryNames(t.Signatories), ", "))
	d.figure("Length", t.Articles)
	for _, p := range t.Principles {
		d.bullet(p.Text, p.Confidence, p.Note, p.Sources)
	}
	for _, n := range t.Notes {
		d.bullet(n.Text, n.Confidence, n.Note, n.Sources)
	}
	facts(d, "Documents signed", s.Documents)
}

// summitSide is what came out of it and around it.
func summitSide(d *doc, s *model.Summit) {
	if len(s.Quotes) > 0 {
		d.section("Quotes")
		for _, q := range s.Quotes {
			d.hanging("“ ", d.hl(q.Text+"”", d.c.st.Quote.Render, d.c.st.Match.Render))
			who := "— " + q.Speaker
			if q.Via != "" {
				who += ", via " + q.Via
			}
			fact := model.Qualify("“"+q.Text+"” — "+strings.TrimPrefix(who, "— "), q.Confidence, q.Note)
			d.hanging("  ", d.c.st.Dim.Render(who)+" "+d.c.st.badge(q.Confidence)+d.cite(q.Sources, fact))
			d.note(q.Note)
		}
	}
	if len(s.Figures) > 0 {
		d.section("Key figures")
		for i := range s.Figures {
			d.figure(s.Figures[i].Label, &s.Figures[i].Figure)
		}
	}
	facts(d, "Outcomes", s.Outcomes)
	facts(d, "Context", s.Context)
	tradeHistory(d, "China–Central Asia trade by year", s.TradeHistory)
	if len(s.History) > 0 {
		d.section("History of the mechanism")
		for i := range s.History {
			m := &s.History[i]
			d.bullet(meetingText(d.c, m), m.Confidence, m.Note, m.Sources)
		}
	}
}

// tradeHistory lists figures by year, one short line each, oldest first
// as the data gives them.
func tradeHistory(d *doc, title string, fs []model.Figure) {
	if len(fs) == 0 {
		return
	}
	d.section(title)
	for i := range fs {
		f := &fs[i]
		year := f.Period()
		if year == "" {
			year = "—"
		} else {
			year = model.Date(year).Human()
		}
		fact := title + ", " + year + ": " + model.FigureText(f)
		if ct := f.CheckedText(); ct != "" {
			fact += " (" + ct + ")"
		}
		d.hanging(d.c.st.Label.Render(padRight(year, 10)), d.text(f.String())+" "+d.c.st.badge(f.Confidence)+d.cite(f.Sources, fact))
		d.indent = 10
		d.note(f.CheckedText())
		d.note(f.Note)
	}
}

// memberships lists a state's organisations with role and dates, and when
// it left.
func memberships(d *doc, ms []model.Membership) {
	if len(ms) == 0 {
		return
	}
	d.section("Memberships")
	for _, m := range ms {
		role := strings.ReplaceAll(string(m.Role), "-", " ")
		v := m.Org.Name() + " · " + role
		switch {
		case m.Until != "":
			if m.Since != "" {
				v += " from " + m.Since.Human() + ","
			}
			v += " left " + m.Until.Human()
		case m.Since != "":
			v += " since " + m.Since.Human()
		}
		fact := model.Qualify(v, m.Confidence, m.Note)
		d.styledField(strings.ToUpper(string(m.Org)), d.text(v)+" "+d.c.st.badge(m.Confidence)+d.cite(m.Sources, fact))
		d.note(m.Note)
	}
}

// planText is a dated plan's status in words ("planned Sep 2026 · overdue"),
// or "" for what is not a plan.
func planText(c *ctx, when model.Date, planned bool, checked model.Date) string {
	if s := model.PlanStatus(when, planned, checked, c.today); s != "" {
		return " (" + s + ")"
	}
	return ""
}

func facts(d *doc, title string, fs []model.Fact) {
	if len(fs) == 0 {
		return
	}
	d.section(title)
	for _, f := range fs {
		d.bullet(f.Text, f.Confidence, f.Note, f.Sources)
	}
}

func meetingText(c *ctx, m *model.Meeting) string {
	s := model.Span(m.Date, m.End)
	if m.Place != "" {
		s += ", " + m.Place
	}
	return s + ": " + m.Text + planText(c, m.Date, m.Planned, m.Checked)
}

func renderCountry(d *doc, c *model.Country) {
	ds := d.c.ds
	n := &c.Names
	d.title(n.Common)
	if n.Official != "" {
		d.push(wrap(d.c.st.Subtitle.Render(n.Official)+d.cite(n.Sources, "Names of "+n.Common+": "+n.Official), d.w)...)
	}
	d.blank()
	native := n.Native
	if n.NativeLatin != "" {
		native += " (" + n.NativeLatin + ")"
	}
	if n.Official == "" && native != "" {
		d.styledField("Native name", d.text(native)+d.cite(n.Sources, "Native name of "+n.Common+": "+native))
	} else {
		d.field("Native name", native)
	}
	d.field("Russian", n.Russian)
	d.field("Chinese", n.Chinese)
	d.field("Also known as", strings.Join(n.Aliases, ", "))
	d.field("ISO codes", strings.ToUpper(c.ID)+" / "+c.ISO3)
	if c.Capital != nil {
		v := fmt.Sprintf("%s (%.2f°N %.2f°E)", c.Capital.Name, c.Capital.Lat, c.Capital.Lon)
		d.styledField("Capital", d.text(v)+d.cite(c.Capital.Sources, "Capital of "+n.Common+": "+v))
	}
	if c.Currency != nil {
		d.field("Currency", c.Currency.Name+" ("+c.Currency.Code+")")
	}
	if l := c.Leader; l != nil {
		v := l.Name + ", " + l.Title + ", since " + l.Since.Human()
		d.styledField("Head of state", d.text(v)+" "+d.c.st.badge(l.Confidence)+d.cite(l.Sources, "Head of state: "+model.Qualify(v, l.Confidence, l.Note)))
		d.note(l.Note)
	}
	if c.Independence != nil {
		m := c.Independence
		d.styledField("Independence", d.text(model.Span(m.Date, m.End)+": "+m.Text)+" "+d.c.st.badge(m.Confidence)+d.cite(m.Sources, "Independence: "+model.MilestoneText(*m)))
		d.note(m.Note)
	}
	d.section("Key figures")
	d.figure("Population", c.Population)
	d.figure("Area", c.Area)
	d.figure("GDP", c.GDP)
	d.figure("GDP per capita", c.GDPPerCapita)
	d.figure("Trade w/ China", c.TradeWithChina)
	tradeHistory(d, "Trade with China by year", c.TradeHistory)
	memberships(d, c.Memberships)
	recordSummary(d, c.Summary, c.Sources, n.Common)
	for _, f := range c.Notes {
		d.bullet(f.Text, f.Confidence, f.Note, f.Sources)
	}
	if ps := ds.PartnershipsOf(c.ID); len(ps) > 0 {
		d.section(fmt.Sprintf("Partnerships (%d)", len(ps)))
		for _, i := range ps {
			d.linkTo(ds.Title(model.Ref{Kind: model.KindPartnership, Index: i}), model.Ref{Kind: model.KindPartnership, Index: i})
		}
	}
	if ps := ds.ProjectsOf(c.ID); len(ps) > 0 {
		d.section(fmt.Sprintf("Projects (%d)", len(ps)))
		for _, i := range ps {
			p := &ds.Projects[i]
			d.linkTo(p.Name+" · "+string(p.Status), model.Ref{Kind: model.KindProject, Index: i})
		}
	}
	if es := ds.EventsOf(c.ID); len(es) > 0 {
		d.section(fmt.Sprintf("Timeline (%d)", len(es)))
		for _, i := range es {
			e := &ds.Events[i]
			d.linkTo(e.Date.Human()+": "+e.Title, model.Ref{Kind: model.KindEvent, Index: i})
		}
	}
}

func renderPartnership(d *doc, p *model.Partnership) {
	d.title(p.Partner)
	d.sub(p.Format)
	if p.Caveat != "" {
		d.blank()
		for _, ln := range wrap(d.c.st.Caveat.Render("Caveat: ")+d.hl(p.Caveat, d.c.st.Caveat.Render, d.c.st.Match.Render), d.w) {
			d.push(ln)
		}
	}
	d.blank()
	if l := p.Launched; l != nil {
		d.styledField("Launched", d.text(model.Span(l.Date, l.End)+": "+l.Text+planText(d.c, l.Date, l.Planned, l.Checked))+" "+d.c.st.badge(l.Confidence)+d.cite(l.Sources, "Launched: "+model.MilestoneText(*l)))
		d.note(l.Note)
	}
	for _, m := range []struct {
		label string
		m     *model.Meeting
	}{{"First summit", p.FirstSummit}, {"Latest meeting", p.LatestMeeting}, {"Next meeting", p.NextMeeting}} {
		if m.m != nil {
			d.styledField(m.label, d.text(meetingText(d.c, m.m))+" "+d.c.st.badge(m.m.Confidence)+d.cite(m.m.Sources, m.label+": "+model.MeetingText(m.m)))
			d.note(m.m.Note)
		}
	}
	d.field("Topics", strings.Join(p.Topics, "; "))
	d.styledField("Confidence", d.c.st.badge(p.Confidence)+" "+d.text(string(p.Confidence)))
	recordSummary(d, p.Summary, p.Sources, p.Partner+": "+p.Format)
	if len(p.Meetings) > 0 {
		d.section("Meetings")
		for i := range p.Meetings {
			m := &p.Meetings[i]
			d.bullet(meetingText(d.c, m), m.Confidence, m.Note, m.Sources)
		}
	}
	members(d, "Members", p.Members)
	members(d, "Observers", p.Observers)
}

func members(d *doc, title string, ids []string) {
	if len(ids) == 0 {
		return
	}
	d.section(fmt.Sprintf("%s (%d)", title, len(ids)))
	for _, id := range ids {
		if r, ok := d.c.ds.Lookup(id); ok {
			d.linkTo(d.c.ds.CountryName(id), r)
		}
	}
}

func renderProject(d *doc, p *model.Project) {
	d.title(p.Name)
	d.sub(strings.Join(p.AltNames, " · "))
	d.blank()
	kind := string(p.Kind)
	if p.Commodity != "" {
		kind += " · " + p.Commodity
	}
	d.field("Kind", kind)
	status := string(p.Status)
	d.field("Status", status)
	d.note(p.StatusNote)
	if len(p.OtherCountries) > 0 {
		d.field("Also involves", strings.Join(p.OtherCountries, ", "))
	}
	d.field("Partners", strings.Join(p.Partners, ", "))
	d.figure("Length", p.Length)
	d.figure("Capacity", p.Capacity)
	d.figure("Cost", p.Cost)
	d.field("Financing", p.Financing)
	recordSummary(d, p.Summary, p.Sources, p.Name)
	if len(p.Milestones) > 0 {
		d.section("Milestones")
		for _, m := range p.Milestones {
			s := model.Span(m.Date, m.End) + ": " + m.Text + planText(d.c, m.Date, m.Planned, m.Checked)
			d.bullet(s, m.Confidence, m.Note, m.Sources)
		}
	}
	if len(p.Route) > 0 {
		d.section("Route")
		names := make([]string, len(p.Route))
		var ids []string
		for i, pl := range p.Route {
			names[i] = pl.Name
			ids = append(ids, pl.Sources...)
		}
		route := strings.Join(names, " – ")
		d.push(wrap(d.text(route)+d.cite(ids, "Route: "+route), d.w)...)
		for _, pl := range p.Route {
			if pl.Note != "" {
				d.note(pl.Name + ": " + pl.Note)
			}
		}
	}
	for _, f := range p.Notes {
		d.bullet(f.Text, f.Confidence, f.Note, f.Sources)
	}
	members(d, "Signatories involved", p.Countries)
}

func renderEvent(d *doc, e *model.Event) {
	d.title(e.Title)
	d.sub(model.Span(e.Date, e.End) + " · " + string(e.Kind))
	d.blank()
	d.styledField("Confidence", d.c.st.badge(e.Confidence)+" "+d.text(string(e.Confidence)))
	d.note(e.Note)
	recordSummary(d, e.Summary, e.Sources, e.Title)
	members(d, "Countries", e.Countries)
}

func renderSource(d *doc, s *model.Source) {
	ds := d.c.ds
	d.title(s.Title)
	d.sub(s.Publisher)
	d.blank()
	d.field("Date", s.Date.Human())
	d.field("Tier", string(s.Tier))
	d.linkURL(s.URL, s.URL)
	d.note(s.Note)
	cites := ds.CitedBy(s.ID)
	d.section(fmt.Sprintf("Cited by (%d)", len(cites)))
	for _, r := range cites {
		d.linkTo(r.Kind.String()+": "+ds.Title(r), r)
	}
}

// recordSummary is a record's summary, footnoted with the record's own
// sources; a record without one still shows what it rests on.
func recordSummary(d *doc, summary string, ids []string, title string) {
	if summary != "" {
		d.para(summary, ids)
		return
	}
	if m := d.cite(ids, title); m != "" {
		d.blank()
		d.styledField("Record", d.c.st.Dim.Render("rests on")+m)
	}
}
