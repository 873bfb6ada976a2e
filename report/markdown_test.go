package report

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"casia/data"
	"casia/model"
)

func fixture(t testing.TB) *model.Dataset {
	t.Helper()
	ds, err := model.LoadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func embedded(t testing.TB) *model.Dataset {
	t.Helper()
	ds, err := data.Load()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func markdown(t testing.TB, ds *model.Dataset, o Options) string {
	t.Helper()
	b, err := Build(ds, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Markdown(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMarkdown pins the Markdown brief of the fixture (whole and narrowed)
// and of the embedded dataset. The embedded one changes with the data:
// regenerate it with go test ./report -run TestMarkdown -update and read
// the diff.
func TestMarkdown(t *testing.T) {
	t.Run("fixture", func(t *testing.T) {
		golden.RequireEqual(t, markdown(t, fixture(t), Options{}))
	})
	t.Run("fixture-kg-since-2024", func(t *testing.T) {
		golden.RequireEqual(t, markdown(t, fixture(t), Options{Countries: []string{"kg"}, Since: 2024}))
	})
	t.Run("embedded", func(t *testing.T) {
		golden.RequireEqual(t, markdown(t, embedded(t), Options{}))
	})
}

var (
	refRe = regexp.MustCompile(`\[\^(\d+)\]`)
	defRe = regexp.MustCompile(`(?m)^\[\^(\d+)\]: (.+)$`)
)

// TestMarkdownFootnotes checks, for any data, that footnotes are numbered
// 1..n in order of first reference, every reference has a definition and
// every definition is referenced, and each definition gives the source's
// publisher, title, date and URL.
func TestMarkdownFootnotes(t *testing.T) {
	for name, ds := range map[string]*model.Dataset{"fixture": fixture(t), "embedded": embedded(t)} {
		t.Run(name, func(t *testing.T) {
			out := markdown(t, ds, Options{})
			body, defs, ok := strings.Cut(out, "\n## Sources\n")
			if !ok {
				t.Fatal("no Sources section")
			}
			next := 1
			seen := map[int]bool{}
			for _, m := range refRe.FindAllStringSubmatch(body, -1) {
				n, _ := strconv.Atoi(m[1])
				if !seen[n] {
					if n != next {
						t.Fatalf("footnote %d first referenced where %d was expected", n, next)
					}
					seen[n] = true
					next++
				}
			}
			dm := defRe.FindAllStringSubmatch(defs, -1)
			if len(dm) != next-1 {
				t.Fatalf("%d definitions for %d referenced footnotes", len(dm), next-1)
			}
			b, _ := Build(ds, Options{})
			for i, m := range dm {
				n, _ := strconv.Atoi(m[1])
				if n != i+1 {
					t.Fatalf("definition %d is numbered %d", i+1, n)
				}
				s := b.Notes[i].Source
				for _, want := range []string{md(s.Publisher), md(s.Title), "<" + AutolinkURL(s.URL) + ">"} {
					if !strings.Contains(m[2], want) {
						t.Errorf("footnote %d %q lacks %q", n, m[2], want)
					}
				}
				if s.Date != "" && !strings.Contains(m[2], s.Date.Human()) {
					t.Errorf("footnote %d lacks its date %s", n, s.Date.Human())
				}
			}
		})
	}
}

// TestEveryFigureMarked: in the states table every figure the data has
// carries a confidence mark and at least one footnote.
func TestEveryFigureMarked(t *testing.T) {
	ds := embedded(t)
	b, err := Build(ds, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range b.Figures.Rows {
		for j, f := range r.Figures {
			want := b.Figures.Columns[j].Get(r.Country)
			if (want == nil) != (f.F == nil) {
				t.Fatalf("%s %s: figure presence differs from the data", r.Country.ID, b.Figures.Columns[j].Key)
			}
			if f.F == nil {
				continue
			}
			cell := mdFig(f)
			if Mark(f.F.Confidence) == "" || !strings.Contains(cell, Mark(f.F.Confidence)) || !refRe.MatchString(cell) {
				t.Errorf("%s %s: cell %q lacks its mark or footnote", r.Country.ID, b.Figures.Columns[j].Key, cell)
			}
			if len(f.Refs) != len(slices.Compact(slices.Clone(f.F.Sources))) {
				t.Errorf("%s %s: %d footnotes for sources %v", r.Country.ID, b.Figures.Columns[j].Key, len(f.Refs), f.F.Sources)
			}
		}
	}
}

func TestNarrowing(t *testing.T) {
	ds := fixture(t)
	b, err := Build(ds, Options{Countries: []string{"uz", "kg", "uz"}, Since: 2024})
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, c := range b.States {
		states = append(states, c.ID)
	}
	if !slices.Equal(states, []string{"kg", "uz"}) {
		t.Errorf("states = %v, want [kg uz] in dataset order without duplicates", states)
	}
	for _, e := range b.Timeline {
		if y, _ := strconv.Atoi(e.Label[len(e.Label)-4:]); y < 2024 {
			t.Errorf("timeline entry %q before --since 2024", e.Label)
		}
	}
	for _, m := range b.Meetings {
		if m.Date.Year() < 2024 {
			t.Errorf("meeting %q before --since 2024", m.Label)
		}
	}
	for _, g := range b.Projects.Groups {
		for _, r := range g.Rows {
			if !slices.Contains(r.Project.Countries, "kg") && !slices.Contains(r.Project.Countries, "uz") {
				t.Errorf("project %s involves neither kg nor uz", r.Project.ID)
			}
		}
	}
	if b.Projects.Total != 1 {
		t.Errorf("projects = %d, want 1 (the railway)", b.Projects.Total)
	}
	// The Korea format counts Kyrgyzstan as an observer: it stays.
	if len(b.Formats) != 3 {
		t.Errorf("formats = %d, want 3", len(b.Formats))
	}
	if _, err := Build(ds, Options{Countries: []string{"zz"}}); err == nil {
		t.Error("unknown country id accepted")
	}
}

func TestDefaultSince(t *testing.T) {
	ds := fixture(t)
	b, _ := Build(ds, Options{})
	if want := ds.Meta.AsOf.Year() - DefaultSinceYears; b.Since != want {
		t.Errorf("Since = %d, want %d", b.Since, want)
	}
	for _, e := range b.Timeline {
		if strings.Contains(e.Text, "Silk Road") {
			t.Error("a 2013 event is in the default timeline")
		}
	}
}

func TestMeetingsDeduplicated(t *testing.T) {
	b, _ := Build(fixture(t), Options{})
	n := 0
	for _, m := range b.Meetings {
		if m.Partner == "China" && m.Date == "2025-06-17" {
			n++
			if !strings.Contains(m.Text, "treaty was signed") {
				t.Errorf("kept %q, want the fuller account", m.Text)
			}
		}
	}
	if n != 1 {
		t.Errorf("the 17 Jun 2025 meeting is listed %d times", n)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"*a* _b_ [c](d) <e> | ~f~ $5 `g` #h \\": `\*a\* \_b\_ \[c\](d) \<e\> \| \~f\~ \$5 \` + "`g\\` \\#h \\\\",
		"two\nlines":                            "two lines",
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"- a": `\- a`, "+ b": `\+ b`, "2025. Year": `2025\. Year`, "3) x": `3\) x`,
		"12.5%": "12.5%", "-5%": "-5%", "2025": "2025", "3,000 places": "3,000 places", "plain": "plain",
	} {
		if got := lead(in); got != want {
			t.Errorf("lead(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"https://example.org/a b<c>": "https://example.org/a%20b%3Cc%3E",
		"https://example.org/?q=1&r": "https://example.org/?q=1&r",
	} {
		if got := AutolinkURL(in); got != want {
			t.Errorf("AutolinkURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSparseDataset: a user's file may have no summit, no states and no
// projects; the brief still writes, with the sections it can fill.
func TestSparseDataset(t *testing.T) {
	ds := &model.Dataset{
		Meta: model.Meta{Title: "Sparse", AsOf: "2025"},
		Events: []model.Event{{ID: "e", Date: "2024-05", Title: "An event", Kind: model.Diplomacy,
			Summary: "Something.", Confidence: model.Verified, Sources: []string{"s"}}},
		Sources: []model.Source{{ID: "s", Title: "T", Publisher: "P", URL: "https://example.org/", Tier: model.Press}},
	}
	if err := model.Prepare(ds); err != nil {
		t.Fatal(err)
	}
	md := markdown(t, ds, Options{})
	for _, want := range []string{"# Sparse\n", "## Timeline since 2021\n", "- **May 2024**: An event. Something. ✓[^1]\n", "[^1]: P, “T”. <https://example.org/>\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "## Projects") || strings.Contains(md, "## Dialogue formats") {
		t.Errorf("empty sections written:\n%s", md)
	}
	doc := parse(t, htmlOf(t, ds, Options{}))
	if byID(doc, "fn-1") == nil || byID(doc, "timeline") == nil {
		t.Error("the HTML lacks the timeline or its footnote")
	}
}
