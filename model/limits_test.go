package model_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"casia/internal/synth"
	"casia/model"
)

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestResourceBounds: hostile sizes get a clear refusal with little work,
// never unbounded memory.
func TestResourceBounds(t *testing.T) {
	dir := t.TempDir()

	// A 100 MB file is refused from its size, without being read.
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var lerr error
	mem := allocated(func() { _, lerr = model.LoadFile(huge) })
	if lerr == nil || !strings.Contains(lerr.Error(), "file is 104,857,600 bytes; casia reads data files up to") {
		t.Errorf("100 MB file: %v", lerr)
	}
	if mem > 1<<20 {
		t.Errorf("refusing a 100 MB file allocated %d KB", mem>>10)
	}

	// A 10 MB string is refused before the parser copies it around.
	// A 10 MB string is over the size limit; a 7 MB one is refused by
	// its line length before the parser copies it around.
	src := []byte("meta:\n  title: \"" + strings.Repeat("a", 10<<20) + "\"\n  as_of: 2025\n")
	if _, lerr = model.Load("string.yaml", src); lerr == nil || !strings.Contains(lerr.Error(), "casia reads data files up to") {
		t.Errorf("10 MB string: %v", lerr)
	}
	src = []byte("meta:\n  title: \"" + strings.Repeat("a", 7<<20) + "\"\n  as_of: 2025\n")
	mem = allocated(func() { _, lerr = model.Load("string.yaml", src) })
	if lerr == nil || !strings.Contains(lerr.Error(), "string.yaml:2:1: line is 7168 KB long; casia data values are at most 64 KB") {
		t.Errorf("7 MB string: %v", lerr)
	}
	if mem > 16<<20 {
		t.Errorf("refusing a 7 MB string allocated %d MB", mem>>20)
	}

	// 100,000 records as YAML are far over the size limit.
	var b strings.Builder
	b.WriteString("meta:\n  title: Big\n  as_of: 2025\nevents:\n")
	for i := range 100_000 {
		b.WriteString("  - id: e" + itoa(i) + "\n    date: 2020\n    title: An event\n    kind: diplomacy\n" +
			"    summary: Something happened.\n    confidence: verified\n    sources: [s]\n")
	}
	_, lerr = model.Load("big.yaml", []byte(b.String()))
	if lerr == nil || !strings.Contains(lerr.Error(), "casia reads data files up to") {
		t.Errorf("100,000 records: %v", lerr)
	}

	// Compact JSON under the size limit but over the record limit is
	// refused by count.
	raw := synth.Raw(0)
	for i := range model.MaxRecords + 1 {
		raw.Events = append(raw.Events, model.Event{ID: "e" + itoa(i), Date: "2020", Title: "t", Kind: model.Diplomacy,
			Summary: "s", Confidence: model.Verified, Sources: []string{"synthetic"}})
	}
	js, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(js) > model.MaxFileSize {
		t.Fatalf("test file is %d bytes, over the size limit", len(js))
	}
	_, lerr = model.Load("many.json", js)
	if lerr == nil || !strings.Contains(lerr.Error(), "many.json:1:1: file holds 50008 records; casia loads at most 50000") {
		t.Errorf("too many records: %v", lerr)
	}

	// And a large file within the limits loads.
	ok, err := model.Marshal(synth.Raw(1_000))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := model.Load("ok.yaml", ok)
	if err != nil || ds.Len(model.KindProject) != 1_000 {
		t.Errorf("3,000 records: %v", err)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
