package model

import (
	"os"
	"strings"
	"testing"
)

// TestCheckWarnings edits the minimal dataset so that it holds one of each
// questionable thing Check warns about, plus near misses that must pass.
func TestCheckWarnings(t *testing.T) {
	src, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	edit := func(old, new string) {
		t.Helper()
		if !strings.Contains(s, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	edit(`      - date: 2024-12-27
        text: Ground-breaking`, `      - date: 2025-07
        text: Main works (overdue)
        planned: true
        confidence: single-source
        sources: [src-e]
      - date: 2025-08
        text: Main works (searched)
        planned: true
        checked: 2026-11-27
        confidence: single-source
        sources: [src-e]
      - date: 2026-11
        text: Still this month
        planned: true
        confidence: single-source
        sources: [src-e]
      - date: 2024-12-27
        text: Ground-breaking`)
	edit(`    trade_with_china:
      value: 43.8`, `    gdp:
      value: 200
      unit: US$ bn
      year: 2020
      confidence: verified
      sources: [src-b]
    area:
      value: 100
      unit: km²
      year: 2001
      confidence: verified
      sources: [src-b]
    gdp_per_capita:
      value: 10000
      unit: US$
      year: 2022
      confidence: verified
      sources: [src-b]
    trade_with_china:
      value: 43.8`)
	edit(`      value: 1408.28
      unit: million people
      year: 2024`, `      value: 1408.28
      unit: million people
      year: 2020
      checked: 2025-06-17`)
	edit(`    summary: The first summit.
    confidence: verified
    sources: [src-a]`, `    summary: The first summit.
    confidence: verified
    sources: [src-a, src-c]`)
	// Research status against the definitions: one press source is not
	// verification, two secondary ones are not either, and one official
	// source is.
	edit(`    summary: Origin of the BRI.
    confidence: verified
    sources: [src-b]`, `    summary: Origin of the BRI.
    confidence: verified
    sources: [src-e]`)
	edit(`    summary: The Turkic channel.
    caveat: Not a 5+1 format.
    confidence: verified
    sources: [src-a]`, `    summary: The Turkic channel.
    caveat: Not a 5+1 format.
    confidence: verified
    sources: [src-f, src-g]`)
	edit(`    summary: The US format.
    confidence: verified
    sources: [src-b]`, `    summary: The US format.
    confidence: single-source
    sources: [src-b]`)
	s += `  - id: src-c
    title: Source C
    publisher: Publisher C
    date: 2020-01
    url: https://example.org/c
    tier: press
  - id: src-d
    title: Source D
    publisher: Publisher D
    date: 2023
    url: https://example.org/d
    tier: press
  - id: src-e
    title: Source E
    publisher: Publisher E
    url: https://example.org/e
    tier: press
  - id: src-f
    title: Source F
    publisher: Publisher F
    url: https://example.org/f
    tier: secondary
  - id: src-g
    title: Source G
    publisher: Publisher G
    url: https://example.org/g
    tier: secondary
`
	ds, warns, err := Check("lint.yaml", []byte(s), "2026-11-27")
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if ds == nil {
		t.Fatal("Check returned no dataset")
	}
	want := []string{
		`countries[1].gdp: warning: gdp is for 2020, more than 3 years before as_of 2025-06-17`,
		`events[0].date: warning: source "src-c" (published Jan 2020) predates the 18 May 2023 it is cited for`,
		`projects[0].milestones[0].date: warning: planned for Jul 2025, which has passed`,
		`sources[3].id: warning: source "src-d" is cited by no record`,
		`events[1].confidence: warning: verified on one non-official source`,
		`partnerships[0].confidence: warning: verified on only secondary sources`,
		`partnerships[1].confidence: warning: single-source, but "src-b" is an official source, which makes it verified`,
	}
	if len(warns) != len(want) {
		t.Errorf("got %d warnings, want %d:\n%v", len(warns), len(want), warns)
	}
	for _, w := range want {
		found := false
		for _, p := range warns {
			if strings.Contains(p.Error(), w) {
				found = true
				if p.Line < 1 || p.Col < 1 {
					t.Errorf("warning not positioned: %v", p)
				}
			}
		}
		if !found {
			t.Errorf("missing warning %q in:\n%v", w, warns)
		}
	}
}

func TestDateLastAndBefore(t *testing.T) {
	for d, want := range map[Date]Date{"2024-02": "2024-02-29", "2025": "2025-12-31", "2025-06-17": "2025-06-17"} {
		if got := d.last(); got != want {
			t.Errorf("%s.last() = %s, want %s", d, got, want)
		}
	}
	for _, c := range []struct {
		a, b Date
		want bool
	}{{"2025", "2025-06-17", false}, {"2025-06", "2025-06-17", false}, {"2025-06-16", "2025-06-17", true}, {"2024", "2025-01", true}, {"2025-07", "2025", false}} {
		if got := before(c.a, c.b); got != c.want {
			t.Errorf("before(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
