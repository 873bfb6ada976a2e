package model

import (
	"slices"
	"strings"
	"testing"
)

func TestFilter(t *testing.T) {
	ds := loadMinimal(t)
	tests := []struct {
		kind  Kind
		query string
		want  []string
	}{
		{KindPartnership, "", []string{"turkiye-ots", "us-c5plus1"}},
		{KindPartnership, "turk", []string{"turkiye-ots"}},
		{KindPartnership, "TÜRK", []string{}},              // smart case: upper case is exact
		{KindPartnership, "Türk", []string{"turkiye-ots"}}, // and matches with the accent
		{KindPartnership, "turkey", []string{"turkiye-ots"}},
		{KindPartnership, "!turk", []string{"us-c5plus1"}},
		{KindPartnership, "critical minerals", []string{"us-c5plus1"}},
		{KindPartnership, `"critical minerals"`, []string{"us-c5plus1"}},
		{KindPartnership, "kazakhstan", []string{"turkiye-ots", "us-c5plus1"}}, // a state's name means country:
		{KindPartnership, "Казахстан", []string{"turkiye-ots", "us-c5plus1"}},
		{KindPartnership, "!kazakhstan", []string{}},
		{KindPartnership, "kazakh", []string{}}, // not a name: plain text, and members are not text
		{KindPartnership, "country:kazakh", []string{"turkiye-ots", "us-c5plus1"}},
		{KindPartnership, "year:2025", []string{"us-c5plus1"}},
		{KindPartnership, "year:2000..2010", []string{"turkiye-ots"}},
		{KindPartnership, "year:..2010", []string{"turkiye-ots"}},
		{KindPartnership, "year:abc", []string{"turkiye-ots", "us-c5plus1"}}, // malformed: skipped, CheckQuery says why
		{KindCountry, "qazaq", []string{"kz"}},
		{KindCountry, "Казахстан", []string{"kz"}},
		{KindCountry, "中国", []string{"cn"}},
		{KindCountry, "country:kz", []string{"kz"}},
		{KindCountry, "country:kaz", []string{"kz"}},
		{KindProject, "kind:rail", []string{"cku-railway"}},
		{KindProject, "!kind:rail", []string{"oil-pipeline"}},
		{KindProject, "status:under", []string{"cku-railway"}},
		{KindProject, "country:kz", []string{"oil-pipeline"}},
		{KindProject, "kashgar", []string{"cku-railway"}}, // route places
		{KindProject, "china-kyrgyzstan", []string{"cku-railway"}},
		{KindProject, "source:src-b", []string{"oil-pipeline"}},
		{KindProject, "id:cku", []string{"cku-railway"}},
		{KindProject, "china rail", []string{"cku-railway"}},
		{KindProject, "zzz", []string{}},
		{KindEvent, "xian", []string{"xian-summit-2023"}},
		{KindEvent, "xi'an", []string{"xian-summit-2023"}},
		{KindEvent, "kind:summit", []string{"xian-summit-2023"}},
		{KindEvent, "confidence:verified", []string{"xian-summit-2023", "bri-2013"}},
		{KindSource, "tier:official", []string{"src-a", "src-b"}},
		{KindSource, "https://example.org/a", []string{"src-a"}},
		{KindSummit, "astana", []string{"test-summit"}},
		{KindSummit, "country:cn", []string{"test-summit"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String()+"/"+tt.query, func(t *testing.T) {
			var got []string
			for _, i := range ds.Filter(tt.kind, tt.query) {
				got = append(got, ds.ID(Ref{tt.kind, i}))
			}
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Filter(%v, %q) = %v, want %v", tt.kind, tt.query, got, tt.want)
			}
		})
	}
}

func TestRefineMatchesFilter(t *testing.T) {
	ds := loadMinimal(t)
	typed := "kaz oil"
	var prevQ string
	var prev []int
	for i := 1; i <= len(typed); i++ {
		q := typed[:i]
		got := ds.Refine(KindProject, prevQ, prev, q, "length", false)
		want, _ := ds.Query(KindProject, q, "length", false)
		if !slices.Equal(got, want) {
			t.Fatalf("Refine(%q) = %v, Filter = %v", q, got, want)
		}
		prevQ, prev = q, got
	}
	// Extending a negated term widens the result, so Refine must not narrow.
	a := ds.Refine(KindProject, "", nil, "!r", "", false)
	b := ds.Refine(KindProject, "!r", a, "!ra", "", false)
	if !slices.Equal(b, ds.Filter(KindProject, "!ra")) {
		t.Errorf("negated refine = %v", b)
	}
}

func TestParseQuery(t *testing.T) {
	q := ParseQuery(`  !Turk country:KZ "good neighbour" http://x.y ! ""`)
	want := []Term{
		{Neg: true, Text: "Turk", Cased: true, typed: "!Turk"},
		{Field: "country", Text: "kz", typed: "country:KZ"},
		{Text: "good neighbour", quoted: true, typed: "good neighbour"},
		{Text: "http://x.y", typed: "http://x.y"},
		{Text: "!", typed: "!"},
	}
	if !slices.Equal(q.Terms, want) {
		t.Errorf("ParseQuery = %+v\nwant %+v", q.Terms, want)
	}
	if !ParseQuery("   ").Empty() {
		t.Error("blank query is not empty")
	}
}

func TestMatchRanges(t *testing.T) {
	tests := []struct {
		text, query string
		want        [][2]int
	}{
		{"Türkiye", "turk", [][2]int{{0, 5}}},
		{"Xi'an summit", "xian", [][2]int{{0, 5}}},
		{"rail and Rail", "rail", [][2]int{{0, 4}, {9, 13}}},
		{"rail and Rail", "Rail", [][2]int{{9, 13}}},
		{"abc", "!abc", nil},
		{"overlapping aaa", "aa a", [][2]int{{5, 6}, {12, 15}}},
	}
	for _, tt := range tests {
		got := MatchRanges(tt.text, ParseQuery(tt.query))
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchRanges(%q, %q) = %v, want %v", tt.text, tt.query, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Türkiye":          "turkiye",
		"Oʻzbekiston":      "ozbekiston",
		"China–Kyrgyzstan": "china-kyrgyzstan",
		"Xi'an":            "xian",
		"Қазақстан":        "қазақстан",
		"São Tomé":         "sao tome",
		"İstanbul":         "istanbul",
		"Ashgabat":         "ashgabat",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRelations(t *testing.T) {
	ds := loadMinimal(t)
	if got := ds.ProjectsOf("kz"); !slices.Equal(got, []int{1}) {
		t.Errorf("ProjectsOf(kz) = %v", got)
	}
	if got := ds.PartnershipsOf("kz"); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("PartnershipsOf(kz) = %v", got)
	}
	if got := ds.EventsOf("cn"); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("EventsOf(cn) = %v", got)
	}
	cited := ds.CitedBy("src-b")
	var ids []string
	for _, r := range cited {
		ids = append(ids, ds.ID(r))
	}
	want := []string{"test-summit", "kz", "us-c5plus1", "oil-pipeline", "bri-2013"}
	if !slices.Equal(ids, want) {
		t.Errorf("CitedBy(src-b) = %v, want %v", ids, want)
	}
	if got := ds.SourcesOf(Ref{KindCountry, 1}); !slices.Equal(got, []string{"src-a", "src-b"}) {
		t.Errorf("SourcesOf(kz) = %v", got)
	}
	if got := ds.Suggest("kzz", 3); !slices.Equal(got, []string{"kz"}) {
		t.Errorf("Suggest(kzz) = %v", got)
	}
}

// FuzzSearch runs arbitrary queries: no panic, results in order and in
// range, highlight ranges inside the text, and the incremental Refine
// agreeing with a fresh Query for every prefix.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"turk", "!kind:rail year:2000..", `"critical minerals"`, "country:kz !x", "Türk", "ʻ’–", "::", "!", `"`, "year:..", "id:",
		"kazakhstan oil", "Казахстан", `"republic of kazakhstan"`, "foo:bar china", "kind:banana"} {
		f.Add(s)
	}
	ds := loadMinimal(f)
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 48 {
			q = q[:48] // the prefix walk below is quadratic in the query
		}
		for k := KindSummit; k < numKinds; k++ {
			_ = ds.CheckQuery(k, q)
			got := ds.Filter(k, q)
			for j, i := range got {
				if i < 0 || i >= ds.Len(k) || (j > 0 && got[j-1] >= i) {
					t.Fatalf("Filter(%v, %q) = %v", k, q, got)
				}
			}
			var prev string
			var hits []int
			for n := 0; n <= len(q); n++ {
				next := q[:n]
				hits = ds.Refine(k, prev, hits, next, "", false)
				want, _ := ds.Query(k, next, "", false)
				if !slices.Equal(hits, want) {
					t.Fatalf("Refine(%q→%q) = %v, Query = %v", prev, next, hits, want)
				}
				prev = next
			}
		}
		parsed := ParseQuery(q)
		text := "Türkiye – Xi'an, Oʻzbekiston " + q
		last := 0
		for _, r := range MatchRanges(text, parsed) {
			if r[0] < last || r[1] < r[0] || r[1] > len(text) {
				t.Fatalf("MatchRanges(%q, %q) = bad range %v", text, q, r)
			}
			last = r[1]
		}
	})
}

// TestStateNamesAgree: a state's names in every script, and country:ID,
// select the same records on every list.
func TestStateNamesAgree(t *testing.T) {
	ds := loadMinimal(t)
	for _, c := range ds.Countries {
		n := c.Names
		queries := []string{"country:" + c.ID, n.Common, n.Russian, n.Chinese, `"` + n.Native + `"`, `"` + n.Official + `"`}
		queries = append(queries, n.Aliases...)
		for k := KindSummit; k < numKinds; k++ {
			want := ds.Filter(k, queries[0])
			for _, q := range queries[1:] {
				if got := ds.Filter(k, q); !slices.Equal(got, want) {
					t.Errorf("%s: %q gives %v, %q gives %v", k, q, got, queries[0], want)
				}
			}
		}
	}
	// Sources have no country field: a state selects the sources whose
	// text names it, in any of its names.
	if got := ds.Filter(KindSource, "china"); !slices.Equal(got, ds.Filter(KindSource, "中国")) {
		t.Errorf("sources: china %v, 中国 %v", got, ds.Filter(KindSource, "中国"))
	}
}

func TestCheckQuery(t *testing.T) {
	ds := loadMinimal(t)
	for _, c := range []struct {
		kind  Kind
		query string
		want  string // substring of the message; "" for no error
	}{
		{KindProject, "kind:rail country:kz !status:oper year:2020..2025 source:src id:cku", ""},
		{KindProject, "https://example.org 24.kg \"doi:10.1\"", ""},
		{KindProject, "foo:bar", `filter "foo:bar": no field "foo"; use country: kind: status: year: confidence: tier: source: id:`},
		{KindProject, "contry:kz", "did you mean country:?"},
		{KindEvent, "year:abc", "not a year; write year:2023, year:2020..2025 or year:..2010"},
		{KindEvent, "year:..", "not a year"},
		{KindProject, "kind:banana", "no project kind \"banana\"; project kinds are rail, road, pipeline, power, logistics, digital, industry"},
		{KindEvent, "kind:rail", "event kinds are independence, diplomacy"},
		{KindCountry, "kind:rail", "kind: filters projects and events only, not signatories"},
		{KindProject, "status:banana", "statuses are proposed, preparatory, under construction, operating, stalled"},
		{KindSource, "tier:gossip", "tiers are official, press"},
		{KindPartnership, "confidence:sure", "levels are verified, single-source, conflicting, derived"},
		{KindProject, "country:atlantis", ""}, // open-ended: simply no match
		{KindProject, "country:Казахстан", ""},
		{KindSource, "source:nope", ""},
		{KindProject, "!foo:bar", "no field \"foo\""},
	} {
		err := ds.CheckQuery(c.kind, c.query)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %q: %v", c.kind, c.query, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s %q: got %v, want …%s…", c.kind, c.query, err, c.want)
		}
	}
}
