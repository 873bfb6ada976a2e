package model

import (
	"slices"
	"testing"
)

func ids(ds *Dataset, k Kind, idx []int) []string {
	out := make([]string, len(idx))
	for j, i := range idx {
		out[j] = ds.ID(Ref{k, i})
	}
	return out
}

func TestSort(t *testing.T) {
	ds := loadMinimal(t)
	tests := []struct {
		kind    Kind
		key     string
		reverse bool
		want    []string
	}{
		{KindCountry, "", false, []string{"cn", "kz"}},
		{KindCountry, "listed", true, []string{"kz", "cn"}},
		{KindCountry, "name", false, []string{"cn", "kz"}},
		{KindCountry, "population", false, []string{"cn", "kz"}}, // largest first
		{KindCountry, "population", true, []string{"kz", "cn"}},
		{KindCountry, "trade", false, []string{"kz", "cn"}}, // missing values last
		{KindCountry, "trade", true, []string{"kz", "cn"}},  // in both directions
		{KindProject, "length", false, []string{"oil-pipeline", "cku-railway"}},
		{KindProject, "cost", false, []string{"cku-railway", "oil-pipeline"}},
		{KindProject, "name", true, []string{"oil-pipeline", "cku-railway"}},
		{KindEvent, "date", false, []string{"bri-2013", "xian-summit-2023"}},
		{KindEvent, "DATE", true, []string{"xian-summit-2023", "bri-2013"}},
		{KindPartnership, "latest", false, []string{"us-c5plus1", "turkiye-ots"}},
		{KindSource, "cited", false, []string{"src-a", "src-b"}},
	}
	for _, tt := range tests {
		got, err := ds.Query(tt.kind, "", tt.key, tt.reverse)
		if err != nil {
			t.Fatal(err)
		}
		if g := ids(ds, tt.kind, got); !slices.Equal(g, tt.want) {
			t.Errorf("sort %v by %q (reverse %v) = %v, want %v", tt.kind, tt.key, tt.reverse, g, tt.want)
		}
	}
	if _, err := ds.Query(KindCountry, "", "colour", false); err == nil {
		t.Error("unknown sort field accepted")
	}
}
