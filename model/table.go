package model

import (
	"strconv"
	"strings"
)

// Column is one column of a kind's tabular view, shared by `casia list`
// and the dashboard's tables so both show the same thing under the same
// heading.
type Column struct {
	Key   string // stable name, also used as the CSV header
	Title string // heading for people
	// Min and Max bound the column's width in a terminal table; Flex columns
	// take the space left over.
	Min, Max int
	Flex     bool
	Right    bool // numbers align right
	Cell     func(ds *Dataset, i int) string
}

// figCell is a figure in a table cell: compact ("~" for "about") and
// starred when sources disagree.
func figCell(f *Figure) string {
	if f == nil {
		return ""
	}
	g := *f
	g.Approx = false
	s := g.String()
	if f.Approx {
		s = "~" + s
	}
	if f.Confidence == Conflicting {
		s += "*"
	}
	return s
}

func meetingCell(m *Meeting) string {
	if m == nil {
		return ""
	}
	s := m.Date.Human()
	if m.Place != "" {
		s += ", " + m.Place
	}
	return s
}

// ConflictMark explains the marks tables put on figures.
const ConflictMark = "~ about; * sources disagree: casia show ID gives every value with its source"

var columns = [numKinds][]Column{
	KindCountry: {
		{Key: "id", Title: "ID", Min: 2, Max: 2, Cell: func(ds *Dataset, i int) string { return ds.Countries[i].ID }},
		{Key: "name", Title: "Country", Min: 8, Max: 14, Cell: func(ds *Dataset, i int) string { return ds.Countries[i].Names.Common }},
		{Key: "capital", Title: "Capital", Min: 7, Max: 10, Cell: func(ds *Dataset, i int) string {
			if c := ds.Countries[i].Capital; c != nil {
				return c.Name
			}
			return ""
		}},
		{Key: "leader", Title: "Head of state", Min: 12, Max: 22, Flex: true, Cell: func(ds *Dataset, i int) string {
			if l := ds.Countries[i].Leader; l != nil {
				return l.Name
			}
			return ""
		}},
		{Key: "population", Title: "Population", Min: 10, Max: 18, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Countries[i].Population) }},
		{Key: "area", Title: "Area", Min: 8, Max: 14, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Countries[i].Area) }},
		{Key: "gdp", Title: "GDP", Min: 8, Max: 18, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Countries[i].GDP) }},
		{Key: "trade", Title: "Trade w/ China", Min: 8, Max: 16, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Countries[i].TradeWithChina) }},
	},
	KindPartnership: {
		{Key: "id", Title: "ID", Min: 6, Max: 22, Cell: func(ds *Dataset, i int) string { return ds.Partnerships[i].ID }},
		{Key: "partner", Title: "Partner", Min: 14, Max: 18, Cell: func(ds *Dataset, i int) string { return ds.Partnerships[i].Partner }},
		{Key: "format", Title: "Format", Min: 8, Max: 64, Flex: true, Cell: func(ds *Dataset, i int) string { return ds.Partnerships[i].Format }},
		{Key: "since", Title: "Since", Min: 11, Max: 11, Cell: func(ds *Dataset, i int) string {
			if l := ds.Partnerships[i].Launched; l != nil {
				return l.Date.Human()
			}
			return ""
		}},
		{Key: "latest", Title: "Latest meeting", Min: 11, Max: 26, Flex: true, Cell: func(ds *Dataset, i int) string { return meetingCell(ds.Partnerships[i].LatestMeeting) }},
		{Key: "members", Title: "Members", Min: 7, Max: 40, Cell: func(ds *Dataset, i int) string {
			p := &ds.Partnerships[i]
			s := strings.ToUpper(strings.Join(p.Members, " "))
			if len(p.Observers) > 0 {
				s += " (obs. " + strings.ToUpper(strings.Join(p.Observers, " ")) + ")"
			}
			return s
		}},
	},
	KindProject: {
		{Key: "id", Title: "ID", Min: 6, Max: 28, Cell: func(ds *Dataset, i int) string { return ds.Projects[i].ID }},
		{Key: "name", Title: "Project", Min: 12, Max: 64, Flex: true, Cell: func(ds *Dataset, i int) string { return ds.Projects[i].Name }},
		{Key: "kind", Title: "Kind", Min: 9, Max: 9, Cell: func(ds *Dataset, i int) string { return string(ds.Projects[i].Kind) }},
		{Key: "countries", Title: "Countries", Min: 6, Max: 20, Cell: func(ds *Dataset, i int) string {
			return strings.ToUpper(strings.Join(ds.Projects[i].Countries, " "))
		}},
		{Key: "length", Title: "Length", Min: 6, Max: 12, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Projects[i].Length) }},
		{Key: "capacity", Title: "Capacity", Min: 8, Max: 14, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Projects[i].Capacity) }},
		{Key: "cost", Title: "Cost", Min: 6, Max: 14, Right: true, Cell: func(ds *Dataset, i int) string { return figCell(ds.Projects[i].Cost) }},
		{Key: "status", Title: "Status", Min: 18, Max: 18, Cell: func(ds *Dataset, i int) string { return string(ds.Projects[i].Status) }},
	},
	KindEvent: {
		{Key: "id", Title: "ID", Min: 6, Max: 34, Cell: func(ds *Dataset, i int) string { return ds.Events[i].ID }},
		{Key: "date", Title: "Date", Min: 4, Max: 17, Cell: func(ds *Dataset, i int) string { return Span(ds.Events[i].Date, ds.Events[i].End) }},
		{Key: "title", Title: "Event", Min: 12, Max: 90, Flex: true, Cell: func(ds *Dataset, i int) string { return ds.Events[i].Title }},
		{Key: "kind", Title: "Kind", Min: 4, Max: 14, Cell: func(ds *Dataset, i int) string { return string(ds.Events[i].Kind) }},
		{Key: "countries", Title: "Countries", Min: 6, Max: 20, Cell: func(ds *Dataset, i int) string {
			return strings.ToUpper(strings.Join(ds.Events[i].Countries, " "))
		}},
	},
	KindSource: {
		{Key: "id", Title: "ID", Min: 6, Max: 30, Cell: func(ds *Dataset, i int) string { return ds.Sources[i].ID }},
		{Key: "publisher", Title: "Publisher", Min: 8, Max: 28, Cell: func(ds *Dataset, i int) string { return ds.Sources[i].Publisher }},
		{Key: "title", Title: "Title", Min: 10, Max: 70, Flex: true, Cell: func(ds *Dataset, i int) string { return ds.Sources[i].Title }},
		{Key: "date", Title: "Date", Min: 11, Max: 11, Cell: func(ds *Dataset, i int) string { return ds.Sources[i].Date.Human() }},
		{Key: "tier", Title: "Tier", Min: 4, Max: 9, Cell: func(ds *Dataset, i int) string { return string(ds.Sources[i].Tier) }},
		{Key: "cited", Title: "Cited", Min: 5, Max: 5, Right: true, Cell: func(ds *Dataset, i int) string {
			return strconv.Itoa(len(ds.CitedBy(ds.Sources[i].ID)))
		}},
		{Key: "url", Title: "URL", Min: 10, Max: 200, Cell: func(ds *Dataset, i int) string { return ds.Sources[i].URL }},
	},
}

// Columns lists a kind's table columns.
func Columns(k Kind) []Column {
	if k < numKinds {
		return columns[k]
	}
	return nil
}
