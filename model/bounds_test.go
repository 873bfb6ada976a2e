package model

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// allocs runs f and returns the bytes it allocated.
func allocs(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestStructuralBounds: files within the byte limits that would cost the
// YAML parser quadratic time (one mapping of many keys) or gigabytes (a
// sea of one-character values) are refused by the structural scan, with
// their position, before the parser runs: what they cost is measured in
// bytes allocated, not in time.
func TestStructuralBounds(t *testing.T) {
	var b strings.Builder
	big := func(head, unit string, n int, tail string) []byte {
		b.Reset()
		b.WriteString(head)
		for i := range n {
			b.WriteString(strings.ReplaceAll(unit, "N", strconv.Itoa(i)))
		}
		b.WriteString(tail)
		return []byte(b.String())
	}
	cases := []struct {
		name string
		src  []byte
		want string
	}{
		// 2 MB in one block mapping: 77 s in the parser before this check.
		{"block-keys.yaml", big("meta:\n", "  keyN: v\n", 150_000, ""),
			"block-keys.yaml:258:3: mapping has more than 256 keys; casia's records have at most 25 fields"},
		// The same as a flow mapping, and as JSON.
		{"flow-keys.yaml", big("meta: {", "kN: v, ", 150_000, "k: v}\n"),
			"flow-keys.yaml:1:2206: mapping has more than 256 keys"},
		{"keys.json", big(`{"meta": {`, `"kN": 1, `, 150_000, `"k": 1}}`),
			"keys.json:1:2723: mapping has more than 256 keys"},
		// 8 MB of one-character values: 3.4 GB in the parser before.
		{"tiny-flow.yaml", big("x: [", "1,", 4_000_000, "1]\n"),
			"tiny-flow.yaml:1:500006: file has more than 250,000 values"},
		{"tiny-block.yaml", big("x:\n", "- 1\n", 2_000_000, ""),
			"tiny-block.yaml:250001:4: file has more than 250,000 values"},
		// JSON: 8 MB of empty records took 1.5 GB in encoding/json before
		// their count was checked.
		{"empties.json", big(`{"events": [`, "{},", 2_700_000, "{}]}"),
			"empties.json:1:750007: file opens more than 250,000 objects and lists"},
	}
	for _, c := range cases {
		if len(c.src) > MaxFileSize {
			t.Fatalf("%s is %d bytes, over the size limit: the test would not reach the scan", c.name, len(c.src))
		}
		var err error
		mem := allocs(func() { _, err = Load(c.name, c.src) })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
		// The parser would have allocated hundreds of megabytes; the scan
		// allocates next to nothing beyond the problem itself. (JSON is
		// first tried by encoding/json, which buffers the file.)
		limit := uint64(1 << 20)
		if c.name == "keys.json" {
			limit = 10 * uint64(len(c.src))
		}
		if mem > limit {
			t.Errorf("%s (%d KB): refusing it allocated %d KB", c.name, len(c.src)>>10, mem>>10)
		}
	}

	// Within the limits the parse is linear: a file of list items, each a
	// small mapping, costs the same per value at 2,000 items as at 200.
	per := func(n int) float64 {
		src := big("meta:\n  title: T\n  as_of: 2025\nevents:\n",
			"  - id: eN\n    date: 2020\n    title: An event\n    kind: diplomacy\n    summary: S.\n    confidence: verified\n    sources: [s]\n",
			n, "sources:\n  - id: s\n    title: S\n    publisher: P\n    url: https://example.org/\n    tier: press\n")
		var err error
		mem := allocs(func() { _, err = Load("linear.yaml", src) })
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		return float64(mem) / float64(n)
	}
	small, large := per(200), per(2_000)
	if large > 1.5*small {
		t.Errorf("loading 2,000 events allocated %.0f bytes each, 200 events %.0f: not linear", large, small)
	}
	if large > 32<<10 {
		t.Errorf("loading an event allocated %.0f KB", large/1024)
	}
}

// TestBoundsKeepRealData: the built-in dataset is far inside the limits,
// and keys of list items are counted per item, not per list.
func TestBoundsKeepRealData(t *testing.T) {
	var b strings.Builder
	b.WriteString("meta:\n  title: T\n  as_of: 2025\nsources:\n")
	for i := range MaxKeys + 50 {
		b.WriteString("  - id: s" + strconv.Itoa(i) + "\n    title: S\n    publisher: P\n    url: https://example.org/\n    tier: press\n")
	}
	l := &loader{file: "items.yaml", src: []byte(b.String()), openQuote: -1}
	if !l.bounds() {
		t.Errorf("%d list items of five keys refused: %v", MaxKeys+50, l.probs)
	}
}

// TestJSONAsStrictAsYAML: JSON that encoding/json would take but the YAML
// path refuses (a key twice, a key in capitals) is refused by the JSON
// path too, so --data and validate agree; Load then positions the
// problems through the YAML path.
func TestJSONAsStrictAsYAML(t *testing.T) {
	tail := `"countries":[{"id":"kz","names":{"common":"K","sources":["s"]},"sources":["s"]}],` +
		`"sources":[{"id":"s","title":"t","publisher":"p","url":"https://e.org","tier":"press"}]}`
	for _, c := range []struct{ src, fast, load string }{
		{`{"meta":{"title":"A","as_of":"2025"},"meta":{"title":"B","as_of":"2025"},` + tail,
			`dup.json:1:38: key "meta" appears twice in one object`,
			`dup.json:1:38: mapping key "meta" already defined at [1:2]`},
		{`{"meta":{"title":"A","as_of":"2025","Title":"B"},` + tail,
			`dup.json:1:37: key "Title": casia's keys are lower case`,
			`dup.json:1:37: meta: unknown field "Title" (did you mean "title"?)`},
		{`{"meta":{"title":"A","as_of":"2025","ti\u0074le":"B"},` + tail,
			`dup.json:1:37: key "ti\\u0074le": casia's keys are lower case, written out`,
			`dup.json:1:37: mapping key "title" already defined at [1:10]`},
	} {
		_, err := LoadJSON("dup.json", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.fast) {
			t.Errorf("LoadJSON(%s): %v, want %q", c.src[:40], err, c.fast)
		}
		_, err = Load("dup.json", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.load) {
			t.Errorf("Load(%s): %v, want %q", c.src[:40], err, c.load)
		}
	}
	// And a clean export still takes the fast path.
	ds, err := LoadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := MarshalJSON(ds)
	if _, err := LoadJSON("m.json", js); err != nil {
		t.Errorf("a JSON export is refused: %v", err)
	}
}
