package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"casia/model"
)

func selectedID(t *testing.T, m *Model) string {
	t.Helper()
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return ""
	}
	return m.c.ds.ID(r)
}

func TestNumberKeysAndTabCycle(t *testing.T) {
	m := newSized(t, 100, 30)
	for i := range tabNames {
		press(m, string(rune('1'+i)))
		if m.active != i {
			t.Fatalf("key %d: active tab %d", i+1, m.active)
		}
	}
	press(m, "tab")
	if m.active != 0 {
		t.Errorf("tab from the last tab goes to %d, want 0", m.active)
	}
	press(m, "shift+tab")
	if m.active != len(tabNames)-1 {
		t.Errorf("shift+tab from the first tab goes to %d", m.active)
	}
}

// TestFilterTakesKeys: while the filter box has focus, letters (q, digits,
// ?) are text, not commands; esc clears; enter keeps.
func TestFilterTakesKeys(t *testing.T) {
	m := newSized(t, 100, 30)
	press(m, "3", "/")
	if quit := press(m, "q"); quit {
		t.Fatal("q quit while typing in the filter")
	}
	typeText(m, "1?")
	if got := m.input.Value(); got != "q1?" {
		t.Fatalf("filter box = %q", got)
	}
	if m.active != 2 || m.showHelp {
		t.Fatalf("digits or ? acted as commands: tab %d, help %v", m.active, m.showHelp)
	}
	press(m, "esc")
	if m.filtering || m.tabs[2].filter() != "" {
		t.Fatalf("esc did not clear: filtering %v, filter %q", m.filtering, m.tabs[2].filter())
	}
	press(m, "/")
	typeText(m, "turk")
	press(m, "enter")
	if m.filtering || m.tabs[2].filter() != "turk" {
		t.Fatalf("enter did not keep the filter: %v %q", m.filtering, m.tabs[2].filter())
	}
	if id := selectedID(t, m); id != "turkiye-ots" {
		t.Errorf("/turk selects %q", id)
	}
	if !strings.Contains(screen(m), "1/1 of 14") {
		t.Errorf("footer lacks the count:\n%s", screen(m))
	}
	// Each tab keeps its own filter.
	press(m, "4")
	if m.tabs[3].filter() != "" {
		t.Errorf("filter leaked to tab 4")
	}
	press(m, "3")
	if m.tabs[2].filter() != "turk" {
		t.Errorf("tab 3 lost its filter")
	}
	// ctrl+c quits even from the filter box.
	press(m, "/")
	if !press(m, "ctrl+c") {
		t.Error("ctrl+c did not quit from the filter box")
	}
}

func TestQuitKeys(t *testing.T) {
	m := newSized(t, 100, 30)
	if !press(m, "q") {
		t.Error("q did not quit")
	}
	m = newSized(t, 100, 30)
	press(m, "?")
	if !press(m, "q") {
		t.Error("q did not quit from the help overlay")
	}
	m = newSized(t, 100, 30)
	press(m, ":")
	if !press(m, "ctrl+c") {
		t.Error("ctrl+c did not quit from the palette")
	}
}

// TestEscOrder: esc closes overlays first, then the filter, then the
// detail focus, then goes back in history.
func TestEscOrder(t *testing.T) {
	m := newSized(t, 100, 30)
	press(m, "2", "j") // Kazakhstan
	press(m, "/")
	typeText(m, "a")
	press(m, "enter", "?")
	press(m, "esc")
	if m.showHelp {
		t.Fatal("esc left help open")
	}
	press(m, "esc")
	if m.tabs[1].filter() != "" {
		t.Fatal("second esc did not clear the filter")
	}
	press(m, "enter")
	lt := m.tabs[1].(*listTab)
	if !lt.detailFocus {
		t.Fatal("enter did not focus the detail")
	}
	press(m, "esc")
	if lt.detailFocus {
		t.Fatal("esc did not leave the detail")
	}
}

// TestFollowLinkAndHistory is the acceptance path: from
// Kyrgyzstan to the China–Kyrgyzstan–Uzbekistan railway and back.
func TestFollowLinkAndHistory(t *testing.T) {
	m := newSized(t, 120, 40)
	press(m, "2")
	lt := m.tabs[1].(*listTab)
	if !lt.selectRef(mustRef(t, m, "kg")) {
		t.Fatal("cannot select Kyrgyzstan")
	}
	press(m, "enter")
	// Walk the links to the railway.
	found := false
	for range 60 {
		if l, ok := lt.det.selectedLink(); ok && m.c.ds.ID(l.ref) == "cku-railway" {
			found = true
			break
		}
		press(m, "j")
	}
	if !found {
		t.Fatal("no link to cku-railway in Kyrgyzstan's detail")
	}
	press(m, "enter")
	if m.active != tabInfrastructure || selectedID(t, m) != "cku-railway" {
		t.Fatalf("enter led to tab %d, %q", m.active, selectedID(t, m))
	}
	infra := m.tabs[tabInfrastructure].(*listTab)
	infra.det.build()
	if !strings.Contains(strings.Join(infra.det.lines, "\n"), "Kashgar") {
		t.Errorf("railway detail lacks its route")
	}
	press(m, "[")
	if m.active != tabSignatories || selectedID(t, m) != "kg" {
		t.Fatalf("[ went to tab %d, %q", m.active, selectedID(t, m))
	}
	press(m, "]")
	if m.active != tabInfrastructure || selectedID(t, m) != "cku-railway" {
		t.Fatalf("] went to tab %d, %q", m.active, selectedID(t, m))
	}
	// esc with nothing open goes back too.
	press(m, "esc")
	if m.active != tabSignatories {
		t.Errorf("esc did not go back: tab %d", m.active)
	}
}

func mustRef(t *testing.T, m *Model, id string) model.Ref {
	t.Helper()
	r, ok := m.c.ds.Lookup(id)
	if !ok {
		t.Fatalf("no record %q", id)
	}
	return r
}

func TestPaletteJumps(t *testing.T) {
	m := newSized(t, 100, 30)
	press(m, ":")
	typeText(m, "kyrgyzstan-uzbek")
	press(m, "enter")
	if m.palette != nil {
		t.Fatal("palette still open")
	}
	if m.active != tabInfrastructure || selectedID(t, m) != "cku-railway" {
		t.Fatalf("palette jumped to tab %d, %q", m.active, selectedID(t, m))
	}
	press(m, "ctrl+p")
	typeText(m, "timeline")
	press(m, "enter")
	if m.active != tabTimeline {
		t.Errorf("palette did not open the timeline tab: %d", m.active)
	}
	press(m, ":", "esc")
	if m.palette != nil {
		t.Error("esc did not close the palette")
	}
}

func TestSortCycle(t *testing.T) {
	m := newSized(t, 100, 30)
	press(m, "2", "s", "s") // listed → name → population
	if !strings.Contains(screen(m), "sort: population ▼") {
		t.Fatalf("footer:\n%s", screen(m))
	}
	if id := selectedID(t, m); id != "cn" {
		t.Errorf("selection moved to %q on sort", id)
	}
	press(m, "g")
	if id := selectedID(t, m); id != "cn" {
		t.Errorf("largest population first: %q", id)
	}
	press(m, "S", "g")
	if id := selectedID(t, m); id == "cn" {
		t.Errorf("S did not reverse the order")
	}
}

func TestMouse(t *testing.T) {
	m := newSized(t, 120, 40)
	// Click the third tab label.
	x := m.tabAtX(2)
	run(m, tea.MouseClickMsg{X: x, Y: 0, Button: tea.MouseLeft})
	if m.active != 2 {
		t.Fatalf("click at x=%d selected tab %d", x, m.active)
	}
	// Click the fourth row of the table (header is body row 0).
	run(m, tea.MouseClickMsg{X: 5, Y: m.headerHeight() + 4, Button: tea.MouseLeft})
	if got := m.tabs[2].(*listTab).cur; got != 3 {
		t.Errorf("row click selected %d, want 3", got)
	}
	run(m, tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if got := m.tabs[2].(*listTab).cur; got != 6 {
		t.Errorf("wheel moved to %d, want 6", got)
	}
}

func TestCopyAndOpen(t *testing.T) {
	var opened string
	m := newSized(t, 100, 30, func(o *Options) {
		o.OpenURL = func(u string) error { opened = u; return nil }
	})
	press(m, "2", "y")
	if !strings.Contains(m.status, `copied country "cn"`) {
		t.Errorf("status after y: %q", m.status)
	}
	press(m, "o")
	if !strings.HasPrefix(opened, "http") {
		t.Errorf("o opened %q", opened)
	}
	remote := newSized(t, 100, 30, func(o *Options) { o.Remote = true })
	press(remote, "2", "o")
	if !strings.Contains(remote.status, "not available over SSH") {
		t.Errorf("remote o: %q", remote.status)
	}
}

func TestStartOptions(t *testing.T) {
	m := newSized(t, 100, 30, func(o *Options) { o.Tab = "partnerships"; o.Filter = "EU" })
	if m.active != tabPartnerships || m.tabs[tabPartnerships].filter() != "EU" {
		t.Fatalf("start tab %d filter %q", m.active, m.tabs[tabPartnerships].filter())
	}
	snap := m.Snapshot()
	if snap.Tab != "partnerships" || snap.Filters["partnerships"] != "EU" {
		t.Errorf("snapshot %+v", snap)
	}
	m2 := newSized(t, 100, 30, func(o *Options) { o.State = snap })
	if m2.active != tabPartnerships || m2.tabs[tabPartnerships].filter() != "EU" {
		t.Errorf("state not restored: tab %d", m2.active)
	}
}

func TestTooSmall(t *testing.T) {
	m := newSized(t, 30, 8)
	if s := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(s, "casia needs at least 40×12 (now 30×8)") {
		t.Errorf("tiny window:\n%s", s)
	}
}

// TestHelpScrolls: on a small window the help overlay scrolls instead of
// losing its bottom half.
func TestHelpScrolls(t *testing.T) {
	m := newSized(t, 40, 12)
	press(m, "?")
	first := screen(m)
	if !strings.Contains(first, "↑/↓ scroll · 1–") {
		t.Fatalf("no scroll hint:\n%s", first)
	}
	press(m, "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown")
	last := screen(m)
	if !strings.Contains(last, "q quits") {
		t.Errorf("the end of the help is unreachable:\n%s", last)
	}
	assertFits(t, m, 40, 12, "help")
	press(m, "esc")
	if m.showHelp {
		t.Error("esc did not close help")
	}
}
