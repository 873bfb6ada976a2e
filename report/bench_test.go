package report

import (
	"io"
	"testing"

	"casia/model"
)

// The briefs are measured side by side with a minimal reference: the
// plain-text description of every record (what `casia show` prints), the
// cheapest way to write out the same dataset.

func BenchmarkDescribeAll(b *testing.B) {
	ds := embedded(b)
	for b.Loop() {
		for k := model.KindSummit; k <= model.KindSource; k++ {
			for i := range ds.Len(k) {
				_, _ = io.WriteString(io.Discard, ds.Describe(model.Ref{Kind: k, Index: i}))
			}
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	ds := embedded(b)
	for b.Loop() {
		br, err := Build(ds, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := br.Markdown(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	ds := embedded(b)
	for b.Loop() {
		br, err := Build(ds, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := br.HTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
