package tui

import "casia/model"

func newSignatoriesTab(c *ctx) *listTab {
	t := newListTab(c, model.KindCountry, "Signatories", "States",
		[]string{"name", "leader", "population", "gdp", "trade", "capital", "area"})
	t.extra = countryChart()
	return t
}

func newPartnershipsTab(c *ctx) *listTab {
	t := newListTab(c, model.KindPartnership, "Partnerships", "Partners",
		[]string{"partner", "format", "since", "latest", "members"})
	t.extra = yearStrip{}
	return t
}

func newInfrastructureTab(c *ctx) *listTab {
	t := newListTab(c, model.KindProject, "Infrastructure", "Projects",
		[]string{"name", "kind", "status", "length", "cost", "countries", "capacity"})
	t.extra = projectChart()
	return t
}

func newSourcesTab(c *ctx) *listTab {
	return newListTab(c, model.KindSource, "Sources", "Sources",
		[]string{"publisher", "title", "date", "tier", "cited"})
}
