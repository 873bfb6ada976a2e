package model

import "testing"

func TestPlanStatus(t *testing.T) {
	const today = Date("2026-11-27")
	for _, c := range []struct {
		when, checked Date
		planned       bool
		want          string
	}{
		{"2026-09", "", false, ""},
		{"2027-03", "", true, "planned"},
		{"2026-11", "", true, "planned"}, // November is not over
		{"2026", "", true, "planned"},
		{"2026-09", "", true, "planned Sep 2026 · overdue"},
		{"2026-09-15", "", true, "planned 15 Sep 2026 · overdue"},
		{"2026-09", "2026-11-27", true, "planned Sep 2026 · outcome not found as of 27 Nov 2026"},
		{"2026-09", "2026-08-01", true, "planned Sep 2026 · overdue"}, // searched before the date: stale
		{"2025", "", true, "planned 2025 · overdue"},
	} {
		if got := PlanStatus(c.when, c.planned, c.checked, today); got != c.want {
			t.Errorf("PlanStatus(%s, %v, %s) = %q, want %q", c.when, c.planned, c.checked, got, c.want)
		}
	}
}
