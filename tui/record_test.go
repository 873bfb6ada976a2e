package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"casia/model"
)

// schemaFixture is a small dataset with the schema's newer fields, shown
// as of a fixed day.
func schemaFixture(t *testing.T, w, h int) *Model {
	t.Helper()
	ds, err := model.LoadFile("testdata/schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := New(ds, Options{Theme: ThemeDark, Today: "2026-11-27"})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// detailText is the whole detail of a record, however long, as plain text.
func detailText(t *testing.T, m *Model, id string) string {
	t.Helper()
	m.show(mustRef(t, m, id), false)
	var lines []string
	switch tt := m.tabs[m.active].(type) {
	case *listTab:
		tt.det.build()
		lines = tt.det.lines
	case *summitTab:
		tt.det.build()
		lines = tt.det.lines
	}
	// One line of words, so wrapping does not matter.
	return strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, "\n"))), " ")
}

// TestDetailNewFields: memberships with role and dates ("left 2012"), trade
// by year, and plans past their date said in words, never by colour alone.
func TestDetailNewFields(t *testing.T) {
	m := schemaFixture(t, 120, 40)
	kz := detailText(t, m, "kz")
	for _, want := range []string{
		"Memberships",
		"CSTO Collective Security Treaty Organization · member from 20 Apr 1994, left 2012 ✓ [1]",
		"SCO Shanghai Cooperation Organisation · member since 15 Jun 2001 ✓ [1]",
		"WTO World Trade Organization · observer from 1996, left 30 Nov 2015 ✓ [2]",
		"Trade with China by year 2022 US$31.2 bn ✓ [2] 2023 US$41 bn ¹ [2] 2024 US$43.8 bn ✓ [2]",
	} {
		if !strings.Contains(kz, want) {
			t.Errorf("Kazakhstan's detail lacks %q:\n%s", want, kz)
		}
	}
	cku := detailText(t, m, "cku-railway")
	for _, want := range []string{
		"Sep 2026: Track laying on the Kyrgyz section (planned Sep 2026 · overdue) [1]",
		"Oct 2026: Tunnel breakthrough (planned Oct 2026 · outcome not found as of 27 Nov 2026) [1]",
		"2030: Opening (planned) [1]",
	} {
		if !strings.Contains(cku, want) {
			t.Errorf("the railway's detail lacks %q:\n%s", want, cku)
		}
	}
	us := detailText(t, m, "us-c5plus1")
	if want := "Next meeting Sep 2026, Almaty: Next leaders' summit (planned Sep 2026 · outcome not found as of 27 Nov 2026) ¹ [1]"; !strings.Contains(us, want) {
		t.Errorf("the C5+1 detail lacks %q:\n%s", want, us)
	}
	summit := detailText(t, m, "test-summit")
	if !strings.Contains(summit, "China–Central Asia trade by year") || !strings.Contains(summit, "US$94.8 bn") {
		t.Errorf("the summit lacks its trade by year:\n%s", summit)
	}
}

// TestGoldenSchemaFixture pins the fixture's Kazakhstan and railway panes.
func TestGoldenSchemaFixture(t *testing.T) {
	for _, id := range []string{"kz", "cku-railway"} {
		t.Run(id, func(t *testing.T) {
			m := schemaFixture(t, 100, 40)
			m.show(mustRef(t, m, id), false)
			press(m, "z")
			assertFits(t, m, 100, 40, id)
			golden.RequireEqual(t, screen(m))
		})
	}
}
