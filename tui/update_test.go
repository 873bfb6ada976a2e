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
	for i := range TabNames() {
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
	if m.active != numTabs-1 {
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
	if got := m.filter.value(); got != "q1?" {
		t.Fatalf("filter box = %q", got)
	}
	if m.active != 2 || helpOpen(m) {
		t.Fatalf("digits or ? acted as commands: tab %d, help %v", m.active, helpOpen(m))
	}
	press(m, "esc")
	if m.filter.focused || filterOf(m, 2) != "" {
		t.Fatalf("esc did not clear: filtering %v, filter %q", m.filter.focused, filterOf(m, 2))
	}
	press(m, "/")
	typeText(m, "turk")
	press(m, "enter")
	if m.filter.focused || filterOf(m, 2) != "turk" {
		t.Fatalf("enter did not keep the filter: %v %q", m.filter.focused, filterOf(m, 2))
	}
	if id := selectedID(t, m); id != "turkiye-ots" {
		t.Errorf("/turk selects %q", id)
	}
	if !strings.Contains(screen(m), "1/1 of 14") {
		t.Errorf("footer lacks the count:\n%s", screen(m))
	}
	// Each tab keeps its own filter.
	press(m, "4")
	if filterOf(m, 3) != "" {
		t.Errorf("filter leaked to tab 4")
	}
	press(m, "3")
	if filterOf(m, 2) != "turk" {
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
	if helpOpen(m) {
		t.Fatal("esc left help open")
	}
	press(m, "esc")
	if filterOf(m, 1) != "" {
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
	for range 1000 { // every value's footnotes are links too
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

func helpOpen(m *Model) bool { _, ok := m.overlay.(*helpOverlay); return ok }

func filterOf(m *Model, tab int) string { return m.tabs[tab].(filterable).filter() }

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
	if m.overlay != nil {
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
	if m.overlay != nil {
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
	if m.active != tabPartnerships || filterOf(m, tabPartnerships) != "EU" {
		t.Fatalf("start tab %d filter %q", m.active, filterOf(m, tabPartnerships))
	}
	snap := m.Snapshot()
	if snap.Tab != "partnerships" || snap.Filters["partnerships"] != "EU" {
		t.Errorf("snapshot %+v", snap)
	}
	m2 := newSized(t, 100, 30, func(o *Options) { o.State = snap })
	if m2.active != tabPartnerships || filterOf(m2, tabPartnerships) != "EU" {
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
	press(m, "end")
	last := screen(m)
	if !strings.Contains(last, "q quits") {
		t.Errorf("the end of the help is unreachable:\n%s", last)
	}
	assertFits(t, m, 40, 12, "help")
	press(m, "esc")
	if helpOpen(m) {
		t.Error("esc did not close help")
	}
}

// TestStatusClearsOnTabSwitch: a message about one tab does not linger on
// the next.
func TestStatusClearsOnTabSwitch(t *testing.T) {
	m := newSized(t, 120, 40)
	press(m, "2", "y")
	if m.status == "" {
		t.Fatal("y left no message")
	}
	press(m, "3")
	if m.status != "" || strings.Contains(screen(m), "copied") {
		t.Errorf("message outlived the tab switch: %q", m.status)
	}
}

func TestParseTab(t *testing.T) {
	for in, want := range map[string]string{
		"states": "signatories", "States": "signatories", "2": "signatories", "countries": "signatories",
		"partners": "partnerships", "projects": "infrastructure", "infra": "infrastructure",
		"time": "timeline", "events": "timeline", "map": "map", "src": "", "sou": "sources", "": "",
	} {
		got, err := ParseTab(in)
		if want == "" && in != "" {
			if err == nil {
				t.Errorf("ParseTab(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseTab(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseTab("s"); err == nil || !strings.Contains(err.Error(), "summit, signatories") {
		t.Errorf("ambiguous s: %v", err)
	}
	m := newSized(t, 100, 30, func(o *Options) { o.Tab = "states" })
	if m.active != tabSignatories {
		t.Errorf("--tab states opened tab %d", m.active)
	}
}

// TestFooterHelpAlwaysShown: "? help" is on the footer at every width the
// dashboard draws, on every tab and in the detail pane; the context's keys
// come first.
func TestFooterHelpAlwaysShown(t *testing.T) {
	for _, w := range []int{40, 60, 80, 100, 120, 200} {
		for i := range numTabs {
			for _, keys := range [][]string{nil, {"enter"}, {"c"}, {"p"}, {"z"}} {
				m := newSized(t, w, 24)
				press(m, itoa(i+1))
				press(m, keys...)
				lines := strings.Split(screen(m), "\n")
				last := lines[len(lines)-1]
				if !strings.Contains(last, "? help") {
					t.Errorf("%d wide, tab %d after %v: no \"? help\" in %q", w, i+1, keys, last)
				}
			}
		}
	}
	m := newSized(t, 120, 40)
	press(m, "3")
	if last := screenLine(m, 39); !strings.HasPrefix(strings.TrimSpace(last), "/ filter") {
		t.Errorf("list tab footer does not start with the filter key: %q", last)
	}
}

// TestPaneModes: p hides the detail (the list takes the width), z zooms
// it, each toggles back, and the mode is remembered.
func TestPaneModes(t *testing.T) {
	m := newSized(t, 120, 40)
	press(m, "4")
	lt := listOf(m, tabInfrastructure)
	screen(m) // drawn once, the list knows its columns' widths
	split := lt.tableW
	press(m, "p")
	if lt.tableW != 120 || lt.det.w != 0 {
		t.Errorf("p: list %d wide, detail %d", lt.tableW, lt.det.w)
	}
	if strings.Contains(screen(m), "│") {
		t.Errorf("p: the detail's rule still shows:\n%s", screen(m))
	}
	snap := m.Snapshot()
	if snap.Pane != "list" {
		t.Errorf("snapshot pane %q", snap.Pane)
	}
	press(m, "p")
	if lt.tableW != split {
		t.Errorf("p again: list %d wide, want %d", lt.tableW, split)
	}
	press(m, "z")
	if lt.tableW != 0 || lt.det.w != 120 || !lt.detailFocus {
		t.Errorf("z: list %d, detail %d, focus %v", lt.tableW, lt.det.w, lt.detailFocus)
	}
	press(m, "esc")
	if lt.det.w == 120 {
		t.Error("esc did not leave the zoomed detail")
	}
	m2 := newSized(t, 120, 40, func(o *Options) { o.State = snap })
	press(m2, "4")
	if lt2 := listOf(m2, tabInfrastructure); lt2.tableW != 120 {
		t.Errorf("restored pane: list %d wide", lt2.tableW)
	}
	// Every pane mode fits every size.
	for _, k := range []string{"p", "z"} {
		for _, sz := range [][2]int{{40, 12}, {80, 24}, {99, 30}, {100, 30}, {300, 100}} {
			m := newSized(t, sz[0], sz[1])
			for i := range numTabs {
				press(m, itoa(i+1), k)
				assertFits(t, m, sz[0], sz[1], "pane "+k)
				press(m, k)
			}
		}
	}
}

// TestPalette: exact names first, then states, tabs and records, sources
// last; capitals find their state; the box keeps its height.
func TestPalette(t *testing.T) {
	m := newSized(t, 120, 40)
	first := func(q string) paletteItem {
		press(m, ":")
		typeText(m, q)
		p := m.overlay.(*palette)
		defer press(m, "esc")
		if len(p.matches) == 0 {
			t.Fatalf("palette %q: no match", q)
		}
		return p.items[p.matches[0]]
	}
	for _, c := range m.c.ds.Countries {
		for _, q := range []string{c.Names.Common, c.Names.Russian, c.Names.Chinese} {
			if it := first(q); it.tab >= 0 || it.ref != mustRef(t, m, c.ID) {
				t.Errorf("palette %q: first is %q", q, it.label)
			}
		}
		if c.Capital != nil {
			if it := first(c.Capital.Name); it.ref.Kind != model.KindCountry || m.c.ds.ID(it.ref) != c.ID {
				t.Errorf("palette %q (a capital): first is %q", c.Capital.Name, it.label)
			}
		}
	}
	if it := first("timeline"); it.tab != tabTimeline {
		t.Errorf("palette timeline: first is %q", it.label)
	}
	// Among the names that contain what was typed, sources come last.
	press(m, ":")
	typeText(m, "rail")
	p := m.overlay.(*palette)
	seenSource := false
	for _, i := range p.matches {
		if !strings.Contains(p.names[i], "rail") {
			continue
		}
		if p.items[i].tier == tierSource {
			seenSource = true
		} else if seenSource {
			t.Errorf("a %s after a source in the palette", p.items[i].kind)
			break
		}
	}
	// The box is the same height whatever it finds.
	height := func() int { return strings.Count(p.view(120, 40), "\n") }
	h0 := height()
	typeText(m, "zzzzqqq")
	if h := height(); h != h0 {
		t.Errorf("palette height %d with no match, %d with many", h, h0)
	}
}
