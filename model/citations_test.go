package model

import (
	"slices"
	"testing"
)

// TestSourcesOfBeforeIndex: a record's sources read before the citation
// index exists (walking that record alone) are those the index gives.
func TestSourcesOfBeforeIndex(t *testing.T) {
	for _, file := range []string{"testdata/minimal.yaml", "testdata/hostile.yaml"} {
		ds, err := LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var before [][]string
		for k := KindSummit; k < numKinds; k++ {
			for i := range ds.Len(k) {
				before = append(before, ds.SourcesOf(Ref{k, i}))
			}
		}
		if ds.idx.citesBuilt.Load() {
			t.Fatal("SourcesOf built the whole index")
		}
		ds.CitedBy("") // builds it
		j := 0
		for k := KindSummit; k < numKinds; k++ {
			for i := range ds.Len(k) {
				if after := ds.SourcesOf(Ref{k, i}); !slices.Equal(before[j], after) {
					t.Errorf("%s: %v %d: %v before the index, %v after", file, k, i, before[j], after)
				}
				j++
			}
		}
	}
}
