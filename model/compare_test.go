package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The report's fixture has memberships, an observer and shared projects,
// which the embedded data does not have yet.
func compareFixture(t *testing.T) *Dataset {
	t.Helper()
	ds, err := LoadFile("../report/testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestCompare(t *testing.T) {
	ds := compareFixture(t)
	cmp, err := ds.Compare([]string{"uz", "kg", "uz", "kz"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cmp.States, []string{"uz", "kg", "kz"}) {
		t.Errorf("States = %v, want the order asked, duplicates dropped", cmp.States)
	}
	if len(cmp.Figures) != len(CountryFigures) {
		t.Fatalf("%d figure rows, want every one of %d", len(cmp.Figures), len(CountryFigures))
	}
	pop := cmp.Figures[0]
	if pop.Key != "population" || pop.Values[0].Value != 37543000 || pop.Values[2].Value != 20286084 {
		t.Errorf("population row = %+v", pop)
	}
	for _, fr := range cmp.Figures {
		if fr.Key == "area" && (fr.Values[0] != nil || fr.Values[1] != nil || fr.Values[2] == nil) {
			t.Errorf("area: only Kazakhstan has one, got %v", fr.Values)
		}
	}

	roles := map[string][]Role{}
	for _, f := range cmp.Formats {
		roles[ds.Partnerships[f.Partnership].ID] = f.Roles
	}
	if want := []Role{Member, Observer, Member}; !slices.Equal(roles["korea-ca"], want) {
		t.Errorf("korea-ca roles = %v, want %v", roles["korea-ca"], want)
	}
	if len(roles) != 3 {
		t.Errorf("%d formats, want 3", len(roles))
	}

	var orgs []Org
	for _, m := range cmp.Memberships {
		orgs = append(orgs, m.Org)
	}
	if want := []Org{OrgSCO, OrgEAEU, OrgCSTO, OrgOTS}; !slices.Equal(orgs, want) {
		t.Errorf("organisations = %v, want %v (in Orgs order, only those held)", orgs, want)
	}
	for _, m := range cmp.Memberships {
		if m.Org == OrgCSTO {
			if cur := Current(m.Entries[0]); cur == nil || cur.Until != "2012-06-28" {
				t.Errorf("Uzbekistan's CSTO membership = %+v, want the ended one", cur)
			}
			if cur := Current(m.Entries[2]); cur != nil {
				t.Errorf("Kazakhstan is not in the CSTO here, got %+v", cur)
			}
		}
		if m.Org == OrgEAEU && Current(m.Entries[0]).Role != Observer {
			t.Errorf("Uzbekistan is an EAEU observer")
		}
	}

	var shared []string
	for _, sp := range cmp.Shared {
		shared = append(shared, ds.Projects[sp.Project].ID+":"+strings.Join(sp.States, ","))
	}
	if want := []string{"cku-railway:uz,kg"}; !slices.Equal(shared, want) {
		t.Errorf("shared projects = %v, want %v", shared, want)
	}

	if _, err := ds.Compare([]string{"kz", "zz"}); err == nil {
		t.Error("unknown id accepted")
	}
}

func TestCurrent(t *testing.T) {
	a := Membership{Org: OrgSCO, Role: Observer, Since: "2001"}
	b := Membership{Org: OrgSCO, Role: Member, Since: "2005", Until: "2010"}
	c := Membership{Org: OrgSCO, Role: Member, Since: "2015"}
	if got := Current([]Membership{a, b, c}); got.Since != "2015" {
		t.Errorf("Current = %+v, want the open 2015 entry", got)
	}
	if got := Current([]Membership{b}); got.Since != "2005" {
		t.Errorf("Current of an ended membership = %+v", got)
	}
	if Current(nil) != nil {
		t.Error("Current(nil) != nil")
	}
}

func TestFigureClean(t *testing.T) {
	f := &Figure{Value: 1408.28, Unit: "million people", Year: 2024, Approx: true, Confidence: Verified, Sources: []string{"a", "b"}}
	got, err := json.Marshal(f.Clean())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"value":1408.28,"unit":"million people","ref":"2024","approx":true,"confidence":"verified","sources":["a","b"]}`
	if string(got) != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	if (*Figure)(nil).Clean() != nil {
		t.Error("nil figure gave data")
	}
	if h := FigureFields("gdp"); !slices.Equal(h, []string{"gdp", "gdp_unit", "gdp_ref", "gdp_approx", "gdp_confidence", "gdp_sources"}) {
		t.Errorf("header = %v", h)
	}
	cells := (&Figure{Value: 20286084, Unit: "people", Date: "2025-01-01", Confidence: Conflicting, Sources: []string{"x", "y"}}).CSV()
	if want := []string{"20286084", "people", "2025-01-01", "false", "conflicting", "x;y"}; !slices.Equal(cells, want) {
		t.Errorf("cells = %q, want %q", cells, want)
	}
	if cells := (*Figure)(nil).CSV(); len(cells) != 6 || strings.Join(cells, "") != "" {
		t.Errorf("nil figure cells = %q", cells)
	}
}

func TestRawNumber(t *testing.T) {
	for v, want := range map[float64]string{
		1408.28 * 1e6: "1408280000", 262.6 * 1e9: "262600000000", 18.77 * 1e12: "18770000000000",
		0: "0", 0.1 + 0.2: "0.3", 20286084: "20286084", -5.5: "-5.5", 1e20: "100000000000000000000",
		12.5: "12.5",
	} {
		if got := RawNumber(v); got != want {
			t.Errorf("RawNumber(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestBaseUnit(t *testing.T) {
	for dim, want := range map[string]string{"people": "people", "USD": "US$", "area": "km²", "length": "km", "CNY": "CNY"} {
		if got := BaseUnit(dim); got != want {
			t.Errorf("BaseUnit(%s) = %s, want %s", dim, got, want)
		}
	}
}
