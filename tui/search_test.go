package tui

import (
	"slices"
	"strings"
	"testing"
)

// stateQueries are the ways to name a state: country:ID, then its names
// in every script (quoted when they have spaces).
func stateQueries(m *Model, i int) []string {
	c := &m.c.ds.Countries[i]
	n := c.Names
	qs := []string{"country:" + c.ID}
	for _, s := range append([]string{n.Common, n.Official, n.Native, n.NativeLatin, n.Russian, n.Chinese}, n.Aliases...) {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if strings.ContainsAny(s, " \t") {
			s = `"` + s + `"`
		}
		qs = append(qs, s)
	}
	return qs
}

// TestStateQueryEveryTab: on every tab with a filter, each of a state's
// names (Latin, Cyrillic, Chinese, native, aliases) finds exactly what
// country:ID finds, whether set at once or typed a key at a time.
func TestStateQueryEveryTab(t *testing.T) {
	m := newSized(t, 120, 40)
	hits := func(tab int, q string) []int {
		lt := listOf(m, tab)
		lt.setFilter("")
		lt.setFilter(q)
		return slices.Clone(lt.hits())
	}
	for i := range m.c.ds.Countries {
		qs := stateQueries(m, i)
		for _, tab := range []int{tabSignatories, tabPartnerships, tabInfrastructure, tabTimeline, tabSources} {
			want := hits(tab, qs[0])
			for _, q := range qs[1:] {
				if got := hits(tab, q); !slices.Equal(got, want) {
					t.Errorf("tab %d: %q finds %d records, %q finds %d", tab+1, q, len(got), qs[0], len(want))
				}
			}
			// Typed one key at a time (the incremental search path).
			press(m, itoa(tab+1), "esc", "esc", "/")
			typeText(m, m.c.ds.Countries[i].Names.Common)
			press(m, "enter")
			if got := listOf(m, tab).hits(); !slices.Equal(got, want) {
				t.Errorf("tab %d: typing %q finds %d records, %q finds %d", tab+1, m.c.ds.Countries[i].Names.Common, len(got), qs[0], len(want))
			}
			press(m, "esc")
		}
	}
}

func listOf(m *Model, tab int) *listTab {
	switch t := m.tabs[tab].(type) {
	case *listTab:
		return t
	case *timelineTab:
		return t.listTab
	}
	return nil
}

// TestMalformedFilter: a filter with a typo says what is valid instead of
// quietly finding nothing.
func TestMalformedFilter(t *testing.T) {
	for _, c := range []struct{ tab, q, want string }{
		{"4", "foo:bar", `no field "foo"; use country: kind: status: year:`},
		{"5", "year:abc", "not a year; write year:2023"},
		{"4", "kind:banana", "project kinds are rail, road"},
		{"7", "tier:x", "tiers are official"},
	} {
		m := newSized(t, 120, 40)
		press(m, c.tab, "/")
		typeText(m, c.q)
		if s := screen(m); !strings.Contains(s, c.want) {
			t.Errorf("typing %q: no %q in the footer:\n%s", c.q, c.want, s)
		}
		press(m, "enter")
		if s := screen(m); !strings.Contains(s, "⚠") {
			t.Errorf("after enter on %q: no warning:\n%s", c.q, s)
		}
	}
}

// TestFilterCursorFirst: a changed filter puts the cursor on the first
// match, not wherever the old selection ended up.
func TestFilterCursorFirst(t *testing.T) {
	m := newSized(t, 120, 40)
	press(m, "4", "G")
	press(m, "/")
	typeText(m, "country:kz")
	press(m, "enter")
	lt := listOf(m, tabInfrastructure)
	if lt.cur != 0 || len(lt.hits()) < 2 {
		t.Errorf("after filtering, cursor on %d of %d", lt.cur, len(lt.hits()))
	}
}
