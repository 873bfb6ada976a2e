package data_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"casia/data"
	"casia/data/internal/gosrc"
	"casia/model"
)

func load(t testing.TB) *model.Dataset {
	t.Helper()
	ds, err := data.Load()
	if err != nil {
		t.Fatalf("embedded dataset does not load:\n%v", err)
	}
	return ds
}

func TestEmbeddedLoads(t *testing.T) {
	ds := load(t)
	for _, c := range []struct {
		kind model.Kind
		min  int
	}{
		{model.KindCountry, 6}, {model.KindPartnership, 10}, {model.KindProject, 12},
		{model.KindEvent, 20}, {model.KindSource, 20},
	} {
		if n := ds.Len(c.kind); n < c.min {
			t.Errorf("%s: %d records, want at least %d", c.kind.ListName(), n, c.min)
		}
	}
}

// TestSignatories checks the six states carry every field design.md asks
// for, and that Russian and Chinese names are exactly CLDR's.
func TestSignatories(t *testing.T) {
	ds := load(t)
	var ids []string
	for _, c := range ds.Countries {
		ids = append(ids, c.ID)
		n := c.Names
		for field, v := range map[string]string{
			"common": n.Common, "official": n.Official, "native": n.Native, "ru": n.Russian, "zh": n.Chinese,
		} {
			if v == "" {
				t.Errorf("%s: names.%s is empty", c.ID, field)
			}
		}
		if len(n.Aliases) == 0 {
			t.Errorf("%s: no search aliases", c.ID)
		}
		region := language.MustParseRegion(strings.ToUpper(c.ID))
		if want := display.Russian.Regions().Name(region); n.Russian != want {
			t.Errorf("%s: names.ru = %q, CLDR says %q", c.ID, n.Russian, want)
		}
		if want := display.SimplifiedChinese.Regions().Name(region); n.Chinese != want {
			t.Errorf("%s: names.zh = %q, CLDR says %q", c.ID, n.Chinese, want)
		}
		if c.Capital == nil || c.Leader == nil || c.Currency == nil || c.Population == nil || c.Area == nil || c.GDP == nil {
			t.Errorf("%s: missing capital, leader, currency, population, area or GDP", c.ID)
		}
		if c.ID != "cn" && (c.TradeWithChina == nil || c.Independence == nil) {
			t.Errorf("%s: missing trade with China or independence", c.ID)
		}
		if c.ISO3 == "" || c.Summary == "" {
			t.Errorf("%s: missing ISO3 or summary", c.ID)
		}
	}
	if want := []string{"cn", "kz", "kg", "tj", "tm", "uz"}; !slices.Equal(ids, want) {
		t.Errorf("countries = %v, want %v", ids, want)
	}
	for _, id := range ds.Summit.Treaty.Signatories {
		if ds.Country(id) == nil {
			t.Errorf("treaty signatory %q is not a country", id)
		}
	}
	if len(ds.Summit.Treaty.Signatories) != 6 {
		t.Errorf("treaty has %d signatories, want 6", len(ds.Summit.Treaty.Signatories))
	}
}

func TestSummitFacts(t *testing.T) {
	ds := load(t)
	s := ds.Summit
	if s.Date != "2025-06-17" || s.City != "Astana" || s.Country != "kz" {
		t.Errorf("summit = %s in %s (%s)", s.Date, s.City, s.Country)
	}
	if !slices.Contains(s.Sources, "afp-seed") && !slices.Contains(ds.SourcesOf(model.Ref{Kind: model.KindSummit}), "afp-seed") {
		t.Error("the summit does not cite the seed report")
	}
	var quote bool
	for _, q := range s.Quotes {
		quote = quote || strings.Contains(q.Text, "Tariff wars and trade wars have no winners")
	}
	if !quote {
		t.Error("Xi's quote is missing")
	}
	text := ds.Describe(model.Ref{Kind: model.KindSummit})
	for _, want := range []string{"G7", "Xi'an", "Astana Declaration", "Eternal Good-Neighbourliness"} {
		if !strings.Contains(text, want) {
			t.Errorf("summit text lacks %q", want)
		}
	}
}

func TestPartnerships(t *testing.T) {
	ds := load(t)
	want := []string{"United States", "European Union", "Türkiye", "Russia", "China", "Japan", "South Korea", "India", "Germany", "Gulf"}
	for _, w := range want {
		found := false
		for _, p := range ds.Partnerships {
			found = found || strings.Contains(p.Partner, w)
		}
		if !found {
			t.Errorf("no partnership with %s", w)
		}
	}
	hits := ds.Filter(model.KindPartnership, "turk")
	if len(hits) == 0 || !strings.Contains(ds.Partnerships[hits[0]].Partner, "Türkiye") {
		t.Fatalf("turk finds %v", hits)
	}
	if p := ds.Partnerships[hits[0]]; p.Caveat == "" || !strings.Contains(p.Format, "Turkic") {
		t.Errorf("Türkiye is not carried as the OTS with its caveat: %q / %q", p.Format, p.Caveat)
	}
}

func TestSearchAliases(t *testing.T) {
	ds := load(t)
	for q, id := range map[string]string{"qazaqstan": "kz", "kirgiziya": "kg", "Киргизия": "kg", "乌兹别克斯坦": "uz", "turkmenistan": "tm"} {
		hits := ds.Filter(model.KindCountry, q)
		if len(hits) != 1 || ds.Countries[hits[0]].ID != id {
			t.Errorf("%q finds %v, want only %s", q, hits, id)
		}
	}
}

// TestPlaces checks every coordinate against the gazetteer extract.
func TestPlaces(t *testing.T) {
	ds := load(t)
	f, err := os.Open("places.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type ll struct{ lat, lon float64 }
	places := map[string]ll{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 5 {
			t.Fatalf("bad row %q", sc.Text())
		}
		lat, err1 := strconv.ParseFloat(cols[3], 64)
		lon, err2 := strconv.ParseFloat(cols[4], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad coordinates in %q", sc.Text())
		}
		places[cols[0]] = ll{lat, lon}
	}
	check := func(where string, p *model.Place) {
		g, ok := places[p.Name]
		if !ok {
			t.Errorf("%s: %s is not in places.tsv", where, p.Name)
			return
		}
		if abs(g.lat-p.Lat) > 1e-4 || abs(g.lon-p.Lon) > 1e-4 {
			t.Errorf("%s: %s at %v,%v; gazetteer says %v,%v", where, p.Name, p.Lat, p.Lon, g.lat, g.lon)
		}
		if !slices.Contains(p.Sources, "geonames-cities") {
			t.Errorf("%s: %s does not cite the gazetteer", where, p.Name)
		}
	}
	for _, c := range ds.Countries {
		check(c.ID, c.Capital)
	}
	routes := 0
	for _, p := range ds.Projects {
		for i := range p.Route {
			check(p.ID, &p.Route[i])
		}
		if len(p.Route) >= 2 {
			routes++
		}
	}
	if routes < 5 {
		t.Errorf("only %d projects have a drawable route", routes)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestTimelineSpan(t *testing.T) {
	ds := load(t)
	first, last := "9999", "0000"
	for _, e := range ds.Events {
		first, last = min(first, string(e.Date)), max(last, string(e.Date))
	}
	if !strings.HasPrefix(first, "1991") || last < "2025" {
		t.Errorf("timeline spans %s to %s", first, last)
	}
}

func TestEverySourceCited(t *testing.T) {
	ds := load(t)
	for _, s := range ds.Sources {
		if len(ds.CitedBy(s.ID)) == 0 {
			t.Errorf("source %s is cited by no record", s.ID)
		}
	}
}

func TestEmbeddedRoundTrip(t *testing.T) {
	ds := load(t)
	a, err := model.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	ds2, err := model.Load("export.yaml", a)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := model.Marshal(ds2)
	if string(a) != string(b) {
		t.Error("export of the embedded dataset is not stable")
	}
}

// TestGeneratedUpToDate fails when casia.yaml was edited without running
// go generate, so the binary can never ship stale data.
func TestGeneratedUpToDate(t *testing.T) {
	ds, err := model.LoadFile("casia.yaml")
	if err != nil {
		t.Fatalf("casia.yaml does not load:\n%v", err)
	}
	want, err := gosrc.File(ds)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("dataset_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("data/dataset_gen.go is out of date with casia.yaml: run go generate -run snapshot ./data")
	}
}

// TestEmbeddedIsYAML checks the generated dataset holds exactly what
// casia.yaml loads to, every exported field deeply equal, so the Go
// printer cannot drop or alter a value unnoticed.
func TestEmbeddedIsYAML(t *testing.T) {
	want, err := model.LoadFile("casia.yaml")
	if err != nil {
		t.Fatalf("casia.yaml does not load:\n%v", err)
	}
	got := load(t)
	if path := firstDiff("Dataset", reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()); path != "" {
		t.Fatalf("the embedded dataset differs from casia.yaml at %s", path)
	}
	a, _ := model.MarshalJSON(want)
	b, _ := model.MarshalJSON(got)
	if !bytes.Equal(a, b) {
		t.Fatal("the embedded dataset does not export as casia.yaml does")
	}
}

// firstDiff is the path of the first exported value where a and b are not
// deeply equal, or "" if there is none. Unexported fields (the derived
// index) are not compared.
func firstDiff(path string, a, b reflect.Value) string {
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if d := firstDiff(path+"."+f.Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path
			}
			return ""
		}
		return firstDiff(path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return path
		}
		for i := range a.Len() {
			if d := firstDiff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return path
	}
	return ""
}

// BenchmarkLoadEmbedded is start-up's data cost: the data itself is laid
// out by the linker, so what is left is building the indexes data.Load
// adds (here on a copy, leaving the shared dataset alone).
func BenchmarkLoadEmbedded(b *testing.B) {
	shared := load(b)
	b.ReportAllocs()
	for b.Loop() {
		ds := *shared
		model.Prepared(&ds)
	}
}

// BenchmarkLoadJSON is the same dataset as JSON, the fast path for user
// files (casia export --format json).
func BenchmarkLoadJSON(b *testing.B) {
	ds, err := data.Load()
	if err != nil {
		b.Fatal(err)
	}
	js, err := model.MarshalJSON(ds)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(js)))
	for b.Loop() {
		if _, err := model.LoadJSON("casia.json", js); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadYAML is the same dataset through the YAML loader users'
// files take.
func BenchmarkLoadYAML(b *testing.B) {
	src, err := os.ReadFile("casia.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := model.Load("casia.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEmbeddedStrict runs `casia validate --strict` on the shipped data
// with today pinned to the last full data pass, so the dataset stays free
// of stale plans and figures, anachronistic or unused sources and research
// statuses its sources do not support. Move the date with the next pass.
func TestEmbeddedStrict(t *testing.T) {
	src, err := os.ReadFile("casia.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, warns, err := model.Check("casia.yaml", src, "2026-11-27")
	if err != nil {
		t.Fatalf("casia.yaml does not load:\n%v", err)
	}
	for _, w := range warns {
		t.Error(w)
	}
}
