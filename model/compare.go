package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// CountryFigure is one of a state's comparable figures: where to read it
// and the key it carries in CSV and JSON. The report, `casia compare` and
// the dashboard's comparison view all walk this one list, so a figure added
// here shows up everywhere.
type CountryFigure struct {
	Key   string // CSV column and JSON key: "population"
	Label string // heading for people: "Population"
	Get   func(*Country) *Figure
}

// CountryFigures are the figures compared across states, in table order.
// The keys are those of `casia list signatories --format csv`.
var CountryFigures = []CountryFigure{
	{"population", "Population", func(c *Country) *Figure { return c.Population }},
	{"area", "Area", func(c *Country) *Figure { return c.Area }},
	{"gdp", "GDP", func(c *Country) *Figure { return c.GDP }},
	{"gdp_per_capita", "GDP per capita", func(c *Country) *Figure { return c.GDPPerCapita }},
	{"trade", "Trade with China", func(c *Country) *Figure { return c.TradeWithChina }},
}

// Orgs lists the organisations in the order comparisons show them: the
// security and economic blocs first, then the wider bodies.
var Orgs = []Org{OrgSCO, OrgEAEU, OrgCSTO, OrgOTS, OrgCAREC, OrgCIS, OrgWTO}

// Comparison is what the dataset says about a few states side by side:
// their figures, the dialogue formats and organisations they belong to,
// and the projects they share. It holds indexes and pointers into the
// dataset, not text, so every front end formats it its own way.
type Comparison struct {
	States      []string        // country ids, in the order asked
	Figures     []FigureRow     // one per CountryFigures entry, always all of them
	Formats     []FormatRow     // formats at least one of the states takes part in
	Memberships []MembershipRow // organisations at least one of the states belongs to
	Shared      []SharedProject // projects at least two of the states take part in
}

// FigureRow is one figure across the compared states.
type FigureRow struct {
	CountryFigure
	Values []*Figure // one per state; nil where the dataset has none
}

// FormatRow is one dialogue format and each state's part in it.
type FormatRow struct {
	Partnership int    // index into Dataset.Partnerships
	Roles       []Role // one per state: Member, Observer or "" (not in it)
}

// MembershipRow is one organisation and each state's place in it.
type MembershipRow struct {
	Org     Org
	Entries [][]Membership // one list per state, oldest first; empty when none
}

// SharedProject is a project that ties two or more of the compared states.
type SharedProject struct {
	Project int      // index into Dataset.Projects
	States  []string // the compared states taking part, in the order asked
}

// Compare gathers what the dataset says about the states with the given
// ids (duplicates are dropped, order kept). It fails on an unknown id;
// callers resolve names with CountriesNamed first.
func (ds *Dataset) Compare(ids []string) (*Comparison, error) {
	var states []*Country
	cmp := &Comparison{}
	for _, id := range ids {
		c := ds.Country(id)
		if c == nil {
			return nil, fmt.Errorf("compare: no state with id %q", id)
		}
		if slices.Contains(cmp.States, c.ID) {
			continue
		}
		cmp.States = append(cmp.States, c.ID)
		states = append(states, c)
	}
	for _, cf := range CountryFigures {
		row := FigureRow{CountryFigure: cf, Values: make([]*Figure, len(states))}
		for j, c := range states {
			row.Values[j] = cf.Get(c)
		}
		cmp.Figures = append(cmp.Figures, row)
	}
	for i := range ds.Partnerships {
		p := &ds.Partnerships[i]
		row := FormatRow{Partnership: i, Roles: make([]Role, len(states))}
		found := false
		for j, c := range states {
			switch {
			case slices.Contains(p.Members, c.ID):
				row.Roles[j] = Member
			case slices.Contains(p.Observers, c.ID):
				row.Roles[j] = Observer
			default:
				continue
			}
			found = true
		}
		if found {
			cmp.Formats = append(cmp.Formats, row)
		}
	}
	for _, org := range Orgs {
		row := MembershipRow{Org: org, Entries: make([][]Membership, len(states))}
		found := false
		for j, c := range states {
			for _, m := range c.Memberships {
				if m.Org == org {
					row.Entries[j] = append(row.Entries[j], m)
					found = true
				}
			}
			slices.SortStableFunc(row.Entries[j], func(a, b Membership) int { return strings.Compare(string(a.Since), string(b.Since)) })
		}
		if found {
			cmp.Memberships = append(cmp.Memberships, row)
		}
	}
	for i := range ds.Projects {
		var in []string
		for _, id := range cmp.States {
			if slices.Contains(ds.Projects[i].Countries, id) {
				in = append(in, id)
			}
		}
		if len(in) >= 2 {
			cmp.Shared = append(cmp.Shared, SharedProject{Project: i, States: in})
		}
	}
	return cmp, nil
}

// Current is the state's present place in the organisation: the latest
// entry without an end date, else the latest entry (which has ended); nil
// when the state never belonged to it.
func Current(entries []Membership) *Membership {
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Until == "" {
			return &entries[i]
		}
	}
	if len(entries) > 0 {
		return &entries[len(entries)-1]
	}
	return nil
}

// RawNumber prints a number for machines: no thousands separators, no
// exponent, no trailing zeros, and no float noise (1408.28 × 1e6 prints
// 1408280000, not 1408279999.9999998).
func RawNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	if v != 0 && math.Abs(v) < 1e15 {
		// Round to 12 significant digits: every figure in the data has
		// fewer, and products with unit factors gain noise in the 16th.
		scale := math.Pow(10, 11-math.Floor(math.Log10(math.Abs(v))))
		v = math.Round(v*scale) / scale
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// BaseUnit is the unit a dimension's base values are in: "people", "km²",
// "US$"; the dimension's own name when no unit has factor 1 (CNY).
func BaseUnit(dim string) string {
	best := ""
	for name, u := range Units {
		if u.Dimension == dim && u.Factor == 1 && (best == "" || name < best) {
			best = name
		}
	}
	if best == "" {
		return dim
	}
	return best
}

// Word is the role as prose: "member", "observer", "dialogue partner".
func (r Role) Word() string {
	if r == DialoguePartner {
		return "dialogue partner"
	}
	return string(r)
}

// Span is a membership in a few words: "member since 2001", or "observer
// 2021–2023" when it ended; "" for none.
func (m *Membership) Span() string {
	if m == nil {
		return ""
	}
	if m.Until != "" {
		return m.Role.Word() + " " + strconv.Itoa(m.Since.Year()) + "–" + strconv.Itoa(m.Until.Year())
	}
	return m.Role.Word() + " since " + strconv.Itoa(m.Since.Year())
}
