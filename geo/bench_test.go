package geo

import (
	"testing"

	"casia/data"
)

func benchRedraw(b *testing.B, cols, rows int) {
	w, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	c := NewCanvas(cols, rows)
	spans := drawRegion(c, w, cols, rows, nil)
	b.ReportAllocs()
	for b.Loop() {
		spans = drawRegion(c, w, cols, rows, spans)
	}
}

// BenchmarkRedraw200x60 is a full map frame (project, fill, stroke, label,
// render to spans) on a large terminal; the budget is well under 2 ms.
func BenchmarkRedraw200x60(b *testing.B) { benchRedraw(b, 200, 60) }

// BenchmarkRedraw80x24 is the same frame on a classic terminal.
func BenchmarkRedraw80x24(b *testing.B) { benchRedraw(b, 80, 24) }

// BenchmarkDecode measures decoding the embedded outlines (done once).
func BenchmarkDecode(b *testing.B) {
	src := data.Outlines()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(src); err != nil {
			b.Fatal(err)
		}
	}
}
