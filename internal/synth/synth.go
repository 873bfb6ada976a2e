// Package synth generates large, realistic-looking datasets for
// benchmarks, load tests and resource tests. The records are fiction
// built from real-looking parts; they never ship in the product.
package synth

import (
	"fmt"

	"casia/model"
)

var (
	places = []string{"Kashgar", "Andijan", "Khorgos", "Almaty", "Shymkent", "Tashkent", "Bishkek", "Dushanbe",
		"Ashgabat", "Astana", "Aktobe", "Atyrau", "Osh", "Naryn", "Samarkand", "Bukhara", "Mary", "Khujand"}
	kinds    = []model.ProjectKind{model.Rail, model.Road, model.Pipeline, model.Power, model.Logistics, model.Digital}
	statuses = []model.ProjectStatus{model.Proposed, model.UnderConstruction, model.Operating, model.Stalled}
	words    = []string{"corridor", "railway", "pipeline", "highway", "terminal", "dry port", "power line",
		"hydropower plant", "fibre link", "logistics hub", "bridge", "tunnel"}
	partners = []string{"CNPC", "World Bank", "ADB", "EBRD", "AIIB", "KazMunayGas", "Uzbekneftegaz", "China Railway"}
	ids      = []string{"cn", "kz", "kg", "tj", "tm", "uz"}
	names    = []string{"China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}
)

// Dataset returns a prepared dataset with the six states and n projects, n
// partnerships and n events: for search, sort and view costs at scale.
func Dataset(n int) (*model.Dataset, error) {
	ds := Raw(n)
	if err := model.Prepare(ds); err != nil {
		return nil, fmt.Errorf("synthetic dataset: %w", err)
	}
	return ds, nil
}

// Raw is Dataset before validation and indexing, for callers that marshal
// it to a file.
func Raw(n int) *model.Dataset {
	src := []string{"synthetic"}
	fig := func(v float64, unit string) *model.Figure {
		return &model.Figure{Value: v, Unit: unit, Year: 2024, Confidence: model.Verified, Sources: src}
	}
	ds := &model.Dataset{
		Meta: model.Meta{Title: fmt.Sprintf("Synthetic dataset (%d records per list)", n), AsOf: "2025-06-17"},
		Sources: []model.Source{{ID: "synthetic", Title: "Generated for benchmarks", Publisher: "casia",
			URL: "https://example.org/synthetic", Tier: model.DataSet}},
	}
	for i, id := range ids {
		ds.Countries = append(ds.Countries, model.Country{
			ID: id, Names: model.Names{Common: names[i], Sources: src},
			Population: fig(float64(1_000_000*(i+3)), "people"), Sources: src,
		})
	}
	for i := range n {
		a, b := places[i%len(places)], places[(i*7+3)%len(places)]
		c1, c2 := ids[i%6], ids[(i/6+1)%6]
		cs := []string{c1}
		if c2 != c1 {
			cs = append(cs, c2)
		}
		ds.Projects = append(ds.Projects, model.Project{
			ID:        fmt.Sprintf("project-%d", i),
			Name:      fmt.Sprintf("%s–%s %s %d", a, b, words[i%len(words)], i),
			Kind:      kinds[i%len(kinds)],
			Countries: cs,
			Partners:  []string{partners[i%len(partners)]},
			Length:    fig(float64(50+i%3000), "km"),
			Cost:      fig(float64(1+i%97)/10, "US$ bn"),
			Status:    statuses[i%len(statuses)],
			Milestones: []model.Milestone{{Date: model.Date(fmt.Sprintf("%d-%02d", 1995+i%30, 1+i%12)),
				Text: "Agreement signed", Confidence: model.Verified, Sources: src}},
			Summary: fmt.Sprintf("A %s between %s and %s financed by %s.", words[i%len(words)], a, b, partners[i%len(partners)]),
			Sources: src,
		})
		ds.Partnerships = append(ds.Partnerships, model.Partnership{
			ID: fmt.Sprintf("format-%d", i), Partner: fmt.Sprintf("Partner %d", i), Format: fmt.Sprintf("C5+%d", i),
			Launched: &model.Milestone{Date: model.Date(fmt.Sprint(2000 + i%26)), Text: "Launched", Confidence: model.Verified, Sources: src},
			Members:  ids[1:], Topics: []string{words[i%len(words)], "trade"},
			Summary: "A dialogue format.", Confidence: model.Verified, Sources: src,
		})
		ds.Events = append(ds.Events, model.Event{
			ID: fmt.Sprintf("event-%d", i), Date: model.Date(fmt.Sprintf("%d-%02d-%02d", 1991+i%35, 1+i%12, 1+i%28)),
			Title: fmt.Sprintf("Meeting in %s on the %s", a, words[i%len(words)]), Kind: model.Diplomacy,
			Countries: cs, Summary: "An event.", Confidence: model.Verified, Sources: src,
		})
	}
	return ds
}
