package model

import (
	"strconv"
	"strings"
)

// Column is one column of a kind's tabular view, shared by `casia list`
// and the dashboard's tables so both show the same thing under the same
// heading.
type Column struct {
	Key   string // stable name: --columns, CSV headers and JSON keys
	Title string // heading for people
	// Min and Max bound the column's width in a terminal table; Flex columns
	// take the space left over.
	Min, Max int
	Flex     bool
	Right    bool // numbers align right
	// Cell is the value formatted for people: tables and Markdown.
	Cell func(ds *Dataset, i int) string

	// Shape says what Data returns, so CSV and JSON carry values rather
	// than the display strings of Cell (see DataFields and DataValues).
	Shape Shape
	Data  func(ds *Dataset, i int) any
	// Extra columns are data only: CSV and JSON carry them, tables and
	// Markdown show them only when asked for by name.
	Extra bool
}

// Shape is the kind of value a column holds as data.
type Shape uint8

// Column shapes and the Go type Column.Data returns for each.
const (
	TextShape   Shape = iota // string
	ListShape                // []string: ids, joined with ";" in CSV
	FigureShape              // *Figure, nil when absent: six CSV fields, a JSON object
	DateShape                // Date as given (YYYY, YYYY-MM or YYYY-MM-DD), "" when absent
	SpanShape                // [2]Date: a start and an optional end, two fields
	CountShape               // int
)

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

// text, figure, idList, date and sources build columns of each shape.
func text(key, title string, min, max int, get func(ds *Dataset, i int) string) Column {
	return Column{Key: key, Title: title, Min: min, Max: max, Cell: get, Shape: TextShape,
		Data: func(ds *Dataset, i int) any { return get(ds, i) }}
}

func figure(key, title string, min, max int, get func(ds *Dataset, i int) *Figure) Column {
	return Column{Key: key, Title: title, Min: min, Max: max, Right: true, Shape: FigureShape,
		Cell: func(ds *Dataset, i int) string { return figCell(get(ds, i)) },
		Data: func(ds *Dataset, i int) any { return get(ds, i) }}
}

// idList shows country ids in upper case ("KZ CN") and carries them as data
// as they are in the file.
func idList(key, title string, min, max int, get func(ds *Dataset, i int) []string) Column {
	return Column{Key: key, Title: title, Min: min, Max: max, Shape: ListShape,
		Cell: func(ds *Dataset, i int) string { return strings.ToUpper(strings.Join(get(ds, i), " ")) },
		Data: func(ds *Dataset, i int) any { return get(ds, i) }}
}

func date(key, title string, min, max int, get func(ds *Dataset, i int) Date) Column {
	return Column{Key: key, Title: title, Min: min, Max: max, Shape: DateShape,
		Cell: func(ds *Dataset, i int) string { return get(ds, i).Human() },
		Data: func(ds *Dataset, i int) any { return get(ds, i) }}
}

// sources is every list's last, data-only column: the record's own
// source ids, so a row of CSV or JSON can be traced.
func sources(get func(ds *Dataset, i int) []string) Column {
	return Column{Key: "sources", Title: "Sources", Min: 7, Max: 60, Shape: ListShape, Extra: true,
		Cell: func(ds *Dataset, i int) string { return strings.Join(get(ds, i), ", ") },
		Data: func(ds *Dataset, i int) any { return get(ds, i) }}
}

var columns = [numKinds][]Column{
	KindCountry: {
		text("id", "ID", 2, 2, func(ds *Dataset, i int) string { return ds.Countries[i].ID }),
		text("name", "Country", 8, 14, func(ds *Dataset, i int) string { return ds.Countries[i].Names.Common }),
		text("capital", "Capital", 7, 10, func(ds *Dataset, i int) string {
			if c := ds.Countries[i].Capital; c != nil {
				return c.Name
			}
			return ""
		}),
		flex(text("leader", "Head of state", 12, 22, func(ds *Dataset, i int) string {
			if l := ds.Countries[i].Leader; l != nil {
				return l.Name
			}
			return ""
		})),
		figure("population", "Population", 10, 18, func(ds *Dataset, i int) *Figure { return ds.Countries[i].Population }),
		figure("area", "Area", 8, 14, func(ds *Dataset, i int) *Figure { return ds.Countries[i].Area }),
		figure("gdp", "GDP", 8, 18, func(ds *Dataset, i int) *Figure { return ds.Countries[i].GDP }),
		figure("trade", "Trade w/ China", 8, 16, func(ds *Dataset, i int) *Figure { return ds.Countries[i].TradeWithChina }),
		extra(figure("gdp_per_capita", "GDP per capita", 8, 16, func(ds *Dataset, i int) *Figure { return ds.Countries[i].GDPPerCapita })),
		sources(func(ds *Dataset, i int) []string { return ds.Countries[i].Sources }),
	},
	KindPartnership: {
		text("id", "ID", 6, 22, func(ds *Dataset, i int) string { return ds.Partnerships[i].ID }),
		text("partner", "Partner", 14, 18, func(ds *Dataset, i int) string { return ds.Partnerships[i].Partner }),
		flex(text("format", "Format", 8, 64, func(ds *Dataset, i int) string { return ds.Partnerships[i].Format })),
		date("since", "Since", 11, 11, func(ds *Dataset, i int) Date {
			if l := ds.Partnerships[i].Launched; l != nil {
				return l.Date
			}
			return ""
		}),
		{Key: "latest", Title: "Latest meeting", Min: 11, Max: 26, Flex: true, Shape: DateShape,
			Cell: func(ds *Dataset, i int) string { return meetingCell(ds.Partnerships[i].LatestMeeting) },
			Data: func(ds *Dataset, i int) any {
				if m := ds.Partnerships[i].LatestMeeting; m != nil {
					return m.Date
				}
				return Date("")
			}},
		extra(text("latest_place", "Latest place", 6, 26, func(ds *Dataset, i int) string {
			if m := ds.Partnerships[i].LatestMeeting; m != nil {
				return m.Place
			}
			return ""
		})),
		{Key: "members", Title: "Members", Min: 7, Max: 40, Shape: ListShape,
			Cell: func(ds *Dataset, i int) string {
				p := &ds.Partnerships[i]
				s := strings.ToUpper(strings.Join(p.Members, " "))
				if len(p.Observers) > 0 {
					s += " (obs. " + strings.ToUpper(strings.Join(p.Observers, " ")) + ")"
				}
				return s
			},
			Data: func(ds *Dataset, i int) any { return ds.Partnerships[i].Members }},
		extra(idList("observers", "Observers", 7, 20, func(ds *Dataset, i int) []string { return ds.Partnerships[i].Observers })),
		sources(func(ds *Dataset, i int) []string { return ds.Partnerships[i].Sources }),
	},
	KindProject: {
		text("id", "ID", 6, 28, func(ds *Dataset, i int) string { return ds.Projects[i].ID }),
		flex(text("name", "Project", 12, 64, func(ds *Dataset, i int) string { return ds.Projects[i].Name })),
		text("kind", "Kind", 9, 9, func(ds *Dataset, i int) string { return string(ds.Projects[i].Kind) }),
		idList("countries", "Countries", 6, 20, func(ds *Dataset, i int) []string { return ds.Projects[i].Countries }),
		figure("length", "Length", 6, 12, func(ds *Dataset, i int) *Figure { return ds.Projects[i].Length }),
		figure("capacity", "Capacity", 8, 14, func(ds *Dataset, i int) *Figure { return ds.Projects[i].Capacity }),
		figure("cost", "Cost", 6, 14, func(ds *Dataset, i int) *Figure { return ds.Projects[i].Cost }),
		text("status", "Status", 18, 18, func(ds *Dataset, i int) string { return string(ds.Projects[i].Status) }),
		sources(func(ds *Dataset, i int) []string { return ds.Projects[i].Sources }),
	},
	KindEvent: {
		text("id", "ID", 6, 34, func(ds *Dataset, i int) string { return ds.Events[i].ID }),
		{Key: "date", Title: "Date", Min: 4, Max: 17, Shape: SpanShape,
			Cell: func(ds *Dataset, i int) string { return Span(ds.Events[i].Date, ds.Events[i].End) },
			Data: func(ds *Dataset, i int) any { return [2]Date{ds.Events[i].Date, ds.Events[i].End} }},
		flex(text("title", "Event", 12, 90, func(ds *Dataset, i int) string { return ds.Events[i].Title })),
		text("kind", "Kind", 4, 14, func(ds *Dataset, i int) string { return string(ds.Events[i].Kind) }),
		idList("countries", "Countries", 6, 20, func(ds *Dataset, i int) []string { return ds.Events[i].Countries }),
		extra(text("confidence", "Confidence", 8, 13, func(ds *Dataset, i int) string { return string(ds.Events[i].Confidence) })),
		sources(func(ds *Dataset, i int) []string { return ds.Events[i].Sources }),
	},
	KindSource: {
		text("id", "ID", 6, 30, func(ds *Dataset, i int) string { return ds.Sources[i].ID }),
		text("publisher", "Publisher", 8, 28, func(ds *Dataset, i int) string { return ds.Sources[i].Publisher }),
		flex(text("title", "Title", 10, 70, func(ds *Dataset, i int) string { return ds.Sources[i].Title })),
		date("date", "Date", 11, 11, func(ds *Dataset, i int) Date { return ds.Sources[i].Date }),
		text("tier", "Tier", 4, 9, func(ds *Dataset, i int) string { return string(ds.Sources[i].Tier) }),
		{Key: "cited", Title: "Cited", Min: 5, Max: 5, Right: true, Shape: CountShape,
			Cell: func(ds *Dataset, i int) string { return strconv.Itoa(len(ds.CitedBy(ds.Sources[i].ID))) },
			Data: func(ds *Dataset, i int) any { return len(ds.CitedBy(ds.Sources[i].ID)) }},
		text("url", "URL", 10, 200, func(ds *Dataset, i int) string { return ds.Sources[i].URL }),
	},
}

func flex(c Column) Column  { c.Flex = true; return c }
func extra(c Column) Column { c.Extra = true; return c }

// Columns lists a kind's columns: the ones tables show, then the data-only
// (Extra) ones.
func Columns(k Kind) []Column {
	if k < numKinds {
		return columns[k]
	}
	return nil
}

// DataFields are the CSV headers a column becomes. A figure column
// "population" is six: the number in its unit, the unit, the reference
// year or date as the source gives it, whether it is approximate, its
// confidence and its source ids; a span "date" is "date" and "date_end".
func (c Column) DataFields() []string {
	switch c.Shape {
	case FigureShape:
		return FigureFields(c.Key)
	case SpanShape:
		return []string{c.Key, c.Key + "_end"}
	}
	return []string{c.Key}
}

// DataValues are a row's CSV fields for the column, one per DataFields
// entry: numbers plain ("20286084"), lists joined with ";", absent values
// empty.
func (c Column) DataValues(ds *Dataset, i int) []string {
	v := c.Data(ds, i)
	switch c.Shape {
	case FigureShape:
		return v.(*Figure).CSV()
	case ListShape:
		return []string{strings.Join(v.([]string), ";")}
	case DateShape:
		return []string{string(v.(Date))}
	case SpanShape:
		s := v.([2]Date)
		return []string{string(s[0]), string(s[1])}
	case CountShape:
		return []string{strconv.Itoa(v.(int))}
	}
	return []string{v.(string)}
}
