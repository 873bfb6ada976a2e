package tui

import (
	"fmt"
	"sort"
	"strings"

	"casia/model"
)

// The About view (i, or "About this data" in the palette): which data the
// reader is looking at and how to read it. The one-line form is
// model.(*Dataset).AboutLine, the piped overview's last line.

func newAbout(c *ctx) *textBox {
	return &textBox{c: c, title: "About this data", closer: c.keys.About,
		body: func(w int) []string { return aboutLines(c, w) }}
}

// dataFrom says where the session's data was loaded from.
func dataFrom(c *ctx) string {
	switch {
	case c.opts.DataFrom != "":
		return model.Safe(c.opts.DataFrom, false)
	case c.opts.Remote:
		return "the server's data"
	}
	return "built into casia (embedded)"
}

func aboutLines(c *ctx, w int) []string {
	st, ds := c.st, c.ds
	d := newDoc(c, w, model.Query{}, -1)
	meta := ds.Meta
	d.title(meta.Title)
	d.blank()
	d.field("As of", meta.AsOf.Human())
	d.field("Updated", meta.Updated.Human())
	d.field("Loaded from", dataFrom(c))
	var counts []string
	for _, k := range []struct {
		kind        model.Kind
		one, plural string
	}{
		{model.KindSummit, "summit", "summits"},
		{model.KindCountry, "signatory", "signatories"},
		{model.KindPartnership, "partnership", "partnerships"},
		{model.KindProject, "project", "projects"},
		{model.KindEvent, "event", "events"},
		{model.KindSource, "source", "sources"},
	} {
		n := ds.Len(k.kind)
		word := k.plural
		if n == 1 {
			word = k.one
		}
		counts = append(counts, fmt.Sprintf("%d %s", n, word))
	}
	d.field("Records", strings.Join(counts, " · "))
	d.para(meta.Description, nil)

	d.section("Where the data comes from")
	tiers := map[model.SourceTier]int{}
	for i := range ds.Sources {
		tiers[ds.Sources[i].Tier]++
	}
	var order []model.SourceTier
	for t := range tiers {
		order = append(order, t)
	}
	// Most sources first; ties by name, so the text is stable.
	sort.Slice(order, func(i, j int) bool {
		if tiers[order[i]] != tiers[order[j]] {
			return tiers[order[i]] > tiers[order[j]]
		}
		return order[i] < order[j]
	})
	var ts []string
	for _, t := range order {
		ts = append(ts, fmt.Sprintf("%d %s", tiers[t], t))
	}
	d.para("Every figure, fact, meeting and milestone cites its own public sources: "+
		"official sites, news agencies, reference works and datasets ("+strings.Join(ts, ", ")+"). "+
		"The Sources tab (7) lists them all with what cites each. "+
		"Coordinates come from the GeoNames gazetteer, country outlines from Natural Earth, "+
		"and the states' Russian and Chinese names from Unicode CLDR.", nil)

	d.section("Reading a record")
	legend := func(label, styled string) { d.styledField(label, styled) }
	legend("Confidence", st.badge(model.Verified)+" verified · "+st.badge(model.SingleSource)+" one source · "+
		st.badge(model.Conflicting)+" sources disagree · "+st.badge(model.Derived)+" derived · ~ about · * contested (tables)")
	legend("Footnotes", st.Link.Render("[3]")+" after a value: its source, number 3 in the list at the end of the record "+
		"(brackets, so never a confidence mark: ¹ means one source). In the detail pane ↑/↓ reach a footnote, "+
		"enter follows it to the Sources tab, o opens it, y copies the value with its citation.")
	legend("Staleness", "\"planned Sep 2026 · overdue\": a plan whose date has passed with no outcome recorded; "+
		"\"outcome not found as of 27 Nov 2026\" and \"no newer figure found as of …\": searched for on that day, in vain.")
	if len(meta.Notes) > 0 {
		d.section("Notes on the data")
		for _, n := range meta.Notes {
			d.bullet(n, "", "", nil)
		}
	}
	return d.lines
}
