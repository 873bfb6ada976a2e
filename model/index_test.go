package model_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"casia/internal/synth"
	"casia/model"
)

// TestTextIndexAgainstScan checks the signature index against a plain
// substring search of every record's folded text: terms of one byte, two
// letters, two other bytes, three or more bytes, cased and negated, over
// all records and over candidates, on a dataset large enough for the
// bitmaps' word boundaries (and the scan path) to matter.
func TestTextIndexAgainstScan(t *testing.T) {
	ds, err := synth.Dataset(700)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	refined := 0
	for _, k := range []model.Kind{model.KindProject, model.KindEvent, model.KindPartnership, model.KindCountry} {
		n := ds.Len(k)
		lower := make([]string, n)
		cased := make([]string, n)
		for i := range n {
			lower[i] = ds.SearchText(model.Ref{Kind: k, Index: i}, false)
			cased[i] = ds.SearchText(model.Ref{Kind: k, Index: i}, true)
		}
		needles := []string{"a", "k", "ka", "as", "zq", "e ", "-1", "1 ", "ka ", "kas", "kash", "kashgar", " ", "0", "xyz", "Ka", "Kashgar", "A"}
		for range 300 {
			// Substrings of real records, so most needles have hits.
			s := cased[rng.IntN(n)]
			a := rng.IntN(len(s))
			b := min(len(s), a+1+rng.IntN(4))
			if nd := strings.TrimSpace(s[a:b]); nd != "" && !strings.ContainsAny(nd, "\"!:\n") {
				needles = append(needles, nd)
			}
		}
		for _, nd := range needles {
			q := model.ParseQuery(nd)
			if len(q.Terms) != 1 || q.Terms[0].Field != "" || len(ds.CountriesNamed(nd)) > 0 {
				continue
			}
			texts := lower
			if q.Terms[0].Cased {
				texts = cased
			}
			text := q.Terms[0].Text
			var want, wantNot []int
			for i, s := range texts {
				if strings.Contains(s, text) {
					want = append(want, i)
				} else {
					wantNot = append(wantNot, i)
				}
			}
			if got := ds.Filter(k, nd); !equalHits(got, want) {
				t.Fatalf("%v: Filter(%q) = %d hits, want %d", k, nd, len(got), len(want))
			}
			if got := ds.Filter(k, "!"+nd); !equalHits(got, wantNot) {
				t.Fatalf("%v: Filter(%q) = %d hits, want %d", k, "!"+nd, len(got), len(wantNot))
			}
			// Refine narrows the previous hits (candidates in sort order,
			// not record order) and must find the same.
			prev := nd[:len(nd)-1]
			if len(model.ParseQuery(prev).Terms) != 1 || len(ds.CountriesNamed(prev)) > 0 {
				continue
			}
			prevHits, _ := ds.Query(k, prev, "", false)
			var wantRefined []int
			for _, i := range prevHits {
				if strings.Contains(texts[i], text) {
					wantRefined = append(wantRefined, i)
				}
			}
			refined++
			if got := ds.Refine(k, prev, prevHits, nd, "", false); !equalHits(got, wantRefined) {
				t.Fatalf("%v: Refine(%q→%q) = %d hits, want %d", k, prev, nd, len(got), len(wantRefined))
			}
		}
	}
	if refined < 100 {
		t.Fatalf("only %d refinements checked", refined)
	}
}

func equalHits(a, b []int) bool { return len(a) == len(b) && (len(a) == 0 || slices.Equal(a, b)) }
