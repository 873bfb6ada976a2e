package tui

import "casia/model"

// The list tabs differ only in their kind, their columns and their chart.
// Columns are listed in display order; prio says which give way first when
// the pane is narrow (see allot). Each tab has at most one shrinking text
// column, its main description; everything else is whole or not shown.

func newSignatoriesTab(c *ctx) *listTab {
	t := newListTab(c, model.KindCountry, []colSpec{
		{key: "name", role: roleName, prio: 0, sortKey: "name"},
		{key: "leader", role: roleName2, prio: 1},
		{key: "population", role: roleFixed, prio: 2, sortKey: "population"},
		{key: "gdp", role: roleFixed, prio: 3, sortKey: "gdp"},
		{key: "trade", role: roleFixed, prio: 4, sortKey: "trade"},
		{key: "capital", role: roleName2, prio: 5},
		{key: "area", role: roleFixed, prio: 6, sortKey: "area"},
	}, nil)
	t.extra = countryChart()
	t.markable = true
	return t
}

func newPartnershipsTab(c *ctx) *listTab {
	t := newListTab(c, model.KindPartnership, []colSpec{
		{key: "partner", role: roleName, prio: 0, sortKey: "partner"},
		{key: "format", role: roleText, prio: 2, sortKey: "format"},
		{key: "since", role: roleFixed, prio: 1, sortKey: "launched"},
		{key: "latest", role: roleFixed, prio: 3, sortKey: "latest"},
		{key: "members", role: roleFixed, prio: 4},
	}, nil)
	t.extra = yearStrip{}
	return t
}

func newInfrastructureTab(c *ctx) *listTab {
	t := newListTab(c, model.KindProject, []colSpec{
		{key: "name", role: roleName, prio: 0, sortKey: "name"},
		{key: "kind", role: roleFixed, prio: 1, sortKey: "kind"},
		{key: "status", role: roleFixed, prio: 2, sortKey: "status"},
		{key: "length", role: roleFixed, prio: 3, sortKey: "length"},
		{key: "cost", role: roleFixed, prio: 4, sortKey: "cost"},
		{key: "start", role: roleFixed, prio: 9, sortKey: "start", sortOnly: true},
		{key: "countries", role: roleFixed, prio: 5},
		{key: "capacity", role: roleFixed, prio: 6},
	}, []model.Column{projectStart})
	t.extra = projectChart()
	return t
}

// projectStart shows the first milestone, what the "start" order sorts by.
var projectStart = model.Column{Key: "start", Title: "Start", Cell: func(ds *model.Dataset, i int) string {
	if ms := ds.Projects[i].Milestones; len(ms) > 0 {
		return ms[0].Date.Human()
	}
	return ""
}}

func newSourcesTab(c *ctx) *listTab {
	t := newListTab(c, model.KindSource, []colSpec{
		{key: "title", role: roleName, prio: 0, sortKey: "title"},
		{key: "publisher", role: roleText, prio: 1, sortKey: "publisher"},
		{key: "date", role: roleFixed, prio: 3, sortKey: "date"},
		{key: "tier", role: roleFixed, prio: 4, sortKey: "tier"},
		{key: "cited", role: roleFixed, prio: 2, sortKey: "cited"},
	}, nil)
	// A list of titles reads best in the order of its titles; the command
	// line keeps the publisher order.
	t.setSortKey("title", false)
	return t
}
