package model_test

import (
	"fmt"
	"testing"

	"casia/internal/synth"
	"casia/model"
)

var sizes = []int{1_000, 10_000, 100_000}

func synthetic(b *testing.B, n int) *model.Dataset {
	b.Helper()
	ds, err := synth.Dataset(n)
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

// BenchmarkFilter is one full search (two words) over n projects; the
// index is built once, before timing, as the dashboard builds it once.
func BenchmarkFilter(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ds := synthetic(b, n)
			ds.Filter(model.KindProject, "warm")
			b.ReportAllocs()
			for b.Loop() {
				ds.Filter(model.KindProject, "kashgar rail")
			}
		})
	}
}

// BenchmarkKeystroke is the cost of one key typed into the filter:
// "kashgar" typed letter by letter, each letter a Refine plus the sort.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ds := synthetic(b, n)
			ds.Filter(model.KindProject, "warm")
			ds.Sort(model.KindProject, []int{0, 1}, "name", false)
			const typed = "kashgar"
			b.ReportAllocs()
			for b.Loop() {
				var prev string
				var hits []int
				for i := 1; i <= len(typed); i++ {
					hits = ds.Refine(model.KindProject, prev, hits, typed[:i], "name", false)
					prev = typed[:i]
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(typed)), "ns/key")
		})
	}
}

// BenchmarkFieldFilter is a field query, which walks records instead of
// the text index.
func BenchmarkFieldFilter(b *testing.B) {
	ds := synthetic(b, 100_000)
	ds.Filter(model.KindProject, "kind:rail country:kz")
	b.ReportAllocs()
	for b.Loop() {
		ds.Filter(model.KindProject, "kind:rail country:kz")
	}
}

// BenchmarkIndexBuild is the one-off cost of the first search of a list:
// folding every record's text and computing its signatures.
func BenchmarkIndexBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ds := synthetic(b, 100_000)
		b.StartTimer()
		ds.Filter(model.KindProject, "x")
	}
}

// BenchmarkLoadYAML3k reads a file of 3,000 records per list (9,000 in
// all, 3.8 MB, 194,000 lines): close to the most values (MaxValues) a
// YAML file may hold.
func BenchmarkLoadYAML3k(b *testing.B) {
	src, err := model.Marshal(synth.Raw(3_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.Load("big.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}
