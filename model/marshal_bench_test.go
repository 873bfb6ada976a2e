package model_test

import (
	"os"
	"testing"

	"casia/model"
)

func benchDataset(b *testing.B) *model.Dataset {
	src, err := os.ReadFile("../data/casia.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ds, err := model.Load("casia.yaml", src)
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

// BenchmarkMarshalYAML is the work of `casia export` after start-up.
func BenchmarkMarshalYAML(b *testing.B) {
	ds := benchDataset(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.Marshal(ds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalJSON is the same for `casia export --format json`.
func BenchmarkMarshalJSON(b *testing.B) {
	ds := benchDataset(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.MarshalJSON(ds); err != nil {
			b.Fatal(err)
		}
	}
}
