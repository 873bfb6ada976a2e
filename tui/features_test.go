package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"casia/model"
)

// Tests of provenance (footnotes), the About and comparison views, marks,
// export and copying citations. Exact text is asserted on the fixture
// (testdata/schema.yaml); the embedded data is only checked for rules.

// fixture is the schema fixture at a size, as of 27 Nov 2026.
func fixture(t *testing.T, w, h int, opts ...func(*Options)) *Model {
	t.Helper()
	ds, err := model.LoadFile("testdata/schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Theme: ThemeDark, Today: "2026-11-27", DataFrom: "testdata/schema.yaml", ExportDir: t.TempDir()}
	for _, f := range opts {
		f(&o)
	}
	m := New(ds, o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// collect runs a command like expand, but keeps Bubble Tea's own messages
// (the clipboard's).
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if b, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range b {
				out = append(out, collect(c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(10 * time.Millisecond):
		return nil
	}
}

// copied presses a key and returns what it put on the clipboard ("" for
// nothing); the other messages it produced are delivered.
func copied(m *Model, k string) string {
	_, cmd := m.Update(keyMsg(k))
	clip := ""
	for _, msg := range collect(cmd) {
		if typeName(msg) == "tea.setClipboardMsg" {
			clip = fmt.Sprint(msg)
			continue
		}
		run(m, msg)
	}
	return clip
}

func detailOf(t *testing.T, m *Model) *detail {
	t.Helper()
	switch tt := m.tabs[m.active].(type) {
	case *listTab:
		return &tt.det
	case *timelineTab:
		return &tt.det
	case *summitTab:
		return &tt.det
	}
	t.Fatalf("tab %d has no detail", m.active)
	return nil
}

// focusFootnote steps the focused detail until a footnote of the given
// source and value is selected.
func focusFootnote(t *testing.T, m *Model, source, factPrefix string) link {
	t.Helper()
	det := detailOf(t, m)
	for range 400 {
		if l, ok := det.selectedLink(); ok && l.source == source && strings.HasPrefix(l.fact, factPrefix) {
			return l
		}
		press(m, "j")
	}
	t.Fatalf("no footnote of %s on %q", source, factPrefix)
	return link{}
}

// boxText is the open text box's whole text, however long, in one line
// of words.
func boxText(t *testing.T, m *Model) string {
	t.Helper()
	box, ok := m.overlay.(*textBox)
	if !ok {
		t.Fatalf("no text box open: %#v", m.overlay)
	}
	return strings.Join(strings.Fields(ansi.Strip(strings.Join(box.layout(max(m.w-4, 1)), "\n"))), " ")
}

// TestGoldenFootnotes pins a record's detail with its footnote markers,
// and its end, the numbered source list.
func TestGoldenFootnotes(t *testing.T) {
	for _, sz := range goldenSizes {
		for _, end := range []bool{false, true} {
			name := fmt.Sprintf("top/%dx%d", sz[0], sz[1])
			if end {
				name = fmt.Sprintf("end/%dx%d", sz[0], sz[1])
			}
			t.Run(name, func(t *testing.T) {
				m := fixture(t, sz[0], sz[1])
				m.show(mustRef(t, m, "kz"), false)
				press(m, "z")
				if end {
					press(m, "G")
				}
				assertFits(t, m, sz[0], sz[1], name)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}

func TestGoldenAbout(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := fixture(t, sz[0], sz[1])
			press(m, "i")
			assertFits(t, m, sz[0], sz[1], "about")
			golden.RequireEqual(t, screen(m))
		})
	}
}

func TestGoldenCompare(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := fixture(t, sz[0], sz[1])
			press(m, "2", "space", "j", "space", "C")
			assertFits(t, m, sz[0], sz[1], "compare")
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestFootnotesResolve: on every record of the embedded data, each
// footnote marker is a link on the line that shows it, numbered as `casia
// show` numbers it, and resolves to an entry of the record's source list.
func TestFootnotesResolve(t *testing.T) {
	m := newSized(t, 120, 40)
	ds := m.c.ds
	for k := model.KindSummit; k < model.KindSource; k++ {
		for i := range ds.Len(k) {
			r := model.Ref{Kind: k, Index: i}
			fn := ds.Footnotes(r)
			for _, w := range []int{40, 110} {
				d := newDoc(m.c, w, model.Query{}, -1)
				renderRecord(d, r)
				listed := map[int]string{}
				marks := 0
				for _, l := range d.links {
					if l.source == "" {
						continue
					}
					if got := fn.Number(l.source); got != l.note || got == 0 {
						t.Fatalf("%s: %s is [%d] in the detail, [%d] in casia show", ds.ID(r), l.source, l.note, got)
					}
					if !l.footnote() {
						listed[l.note] = l.source
						continue
					}
					marks++
					if line := ansi.Strip(d.lines[l.line]); !strings.Contains(line, fmt.Sprintf("[%d]", l.note)) {
						t.Fatalf("%s at %d: footnote [%d] is not on its line %d: %q", ds.ID(r), w, l.note, l.line, line)
					}
				}
				for n, id := range fn.IDs() {
					if listed[n+1] != id {
						t.Fatalf("%s: source list entry [%d] is %q, want %q", ds.ID(r), n+1, listed[n+1], id)
					}
				}
				if len(ds.SourcesOf(r)) > 0 && marks == 0 {
					t.Fatalf("%s: no footnote marker at all", ds.ID(r))
				}
			}
		}
	}
}

// TestFootnoteFollow: step to a footnote, enter follows it to the source on
// the Sources tab, [ comes back; o opens the footnote's source.
func TestFootnoteFollow(t *testing.T) {
	var opened string
	m := fixture(t, 120, 40, func(o *Options) { o.OpenURL = func(u string) error { opened = u; return nil } })
	press(m, "2", "j", "enter")
	if m.active != tabSignatories || selectedID(t, m) != "kz" {
		t.Fatalf("not on Kazakhstan: tab %d", m.active)
	}
	l := focusFootnote(t, m, "src-b", "Population")
	if !strings.Contains(screen(m), fmt.Sprintf("[%d] Publisher B", l.note)) {
		t.Errorf("the footer does not name the focused footnote's source:\n%s", screen(m))
	}
	press(m, "o")
	if opened != "https://example.org/b" {
		t.Errorf("o on footnote [%d] opened %q", l.note, opened)
	}
	press(m, "enter")
	if m.active != tabSources || selectedID(t, m) != "src-b" {
		t.Fatalf("enter on the footnote went to tab %d, %q", m.active, selectedID(t, m))
	}
	press(m, "[")
	if m.active != tabSignatories || selectedID(t, m) != "kz" {
		t.Errorf("[ went to tab %d, %q", m.active, selectedID(t, m))
	}
}

// TestCopyCitations: y on a footnote copies the value with its
// citations; u and Y the source's URL and citation; Y with no footnote
// focused cites every source of the record.
func TestCopyCitations(t *testing.T) {
	m := fixture(t, 120, 40)
	press(m, "2", "j")
	if got, want := copied(m, "Y"), "[1] Publisher A, “Source A”, 17 Jun 2025, https://example.org/a\n"+
		"[2] Publisher B, “Source B”, https://example.org/b\n"; got != want {
		t.Errorf("Y on Kazakhstan copied\n%q\nwant\n%q", got, want)
	}
	if got := copied(m, "y"); !strings.HasPrefix(got, "Kazakhstan\n") {
		t.Errorf("y with no footnote focused did not copy the record: %q", got)
	}
	press(m, "enter")
	focusFootnote(t, m, "src-b", "Population")
	want := "Population: 20,286,084, 1 Jan 2025 [conflicting] (Revised to 20,283,399) [1, 2]\n\n" +
		"[1] Publisher A, “Source A”, 17 Jun 2025, https://example.org/a\n" +
		"[2] Publisher B, “Source B”, https://example.org/b\n"
	if got := copied(m, "y"); got != want {
		t.Errorf("y on the population's footnote copied\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(m.status, "copied the fact with its sources [1, 2]") {
		t.Errorf("status after y: %q", m.status)
	}
	if got := copied(m, "u"); got != "https://example.org/b" {
		t.Errorf("u on footnote [2] copied %q", got)
	}
	if got := copied(m, "Y"); got != "Publisher B, “Source B”, https://example.org/b\n" {
		t.Errorf("Y on footnote [2] copied %q", got)
	}
	// On the Sources tab, the selected source.
	m.show(mustRef(t, m, "src-a"), false)
	if got := copied(m, "u"); got != "https://example.org/a" {
		t.Errorf("u on Sources copied %q", got)
	}
	if got := copied(m, "Y"); got != "Publisher A, “Source A”, 17 Jun 2025, https://example.org/a\n" {
		t.Errorf("Y on Sources copied %q", got)
	}
}

// TestCheckedShown: a figure checked in vain for a newer one says so in
// the detail, in what y copies, and in the comparison.
func TestCheckedShown(t *testing.T) {
	m := fixture(t, 120, 40)
	const want = "no newer figure found as of 27 Nov 2026"
	if d := detailText(t, m, "cn"); !strings.Contains(d, "Population 1,408.28 million · 2021 ✓ [1] "+want) {
		t.Errorf("China's detail:\n%s", d)
	}
	press(m, "enter")
	focusFootnote(t, m, "src-a", "Population")
	if got := copied(m, "y"); !strings.Contains(got, "Population: 1,408.28 million, 2021 ("+want+") [1]") {
		t.Errorf("y copied %q", got)
	}
	press(m, "esc", "space", "j", "space", "C")
	if s := boxText(t, m); !strings.Contains(s, "1,408.28 million ✓ 2021 †") ||
		!strings.Contains(s, "† China, population (2021): "+want) {
		t.Errorf("the comparison does not mark the checked figure:\n%s", s)
	}
}

// TestMarkAndCompare: space marks states (a visible mark), C compares
// them, esc closes, and the marks stay while the tab lives; with fewer
// than two marked, the selected state and the next are compared.
func TestMarkAndCompare(t *testing.T) {
	m := fixture(t, 120, 40)
	press(m, "2", "space")
	if !strings.Contains(screen(m), Marker+markMark+"China") || !strings.Contains(screen(m), "1 marked") {
		t.Fatalf("no visible mark on China:\n%s", screen(m))
	}
	press(m, "j", "space")
	if !strings.Contains(screen(m), " "+markMark+"China") || !strings.Contains(screen(m), "2 marked") {
		t.Fatalf("marks:\n%s", screen(m))
	}
	press(m, "C")
	box, ok := m.overlay.(*textBox)
	if !ok || box.title != "Compare China and Kazakhstan" {
		t.Fatalf("C opened %#v", m.overlay)
	}
	s := boxText(t, m)
	for _, want := range []string{"Population", "20,286,084 ≠ 2025", "Türkiye", "member since 2001",
		"Shared projects (1)", "Kazakhstan–China oil pipeline · pipeline · operating: China, Kazakhstan"} {
		if !strings.Contains(s, want) {
			t.Errorf("comparison lacks %q:\n%s", want, s)
		}
	}
	press(m, "esc")
	if m.overlay != nil {
		t.Fatal("esc did not close the comparison")
	}
	press(m, "3", "2")
	if !strings.Contains(screen(m), "2 marked") {
		t.Errorf("marks lost on a tab switch:\n%s", screen(m))
	}
	// One marked (China), the cursor on Kazakhstan: those two.
	press(m, "space", "C")
	if box, ok := m.overlay.(*textBox); !ok || box.title != "Compare China and Kazakhstan" {
		t.Fatalf("one mark: %#v", m.overlay)
	}
	press(m, "C") // the key that opened it closes it
	if m.overlay != nil {
		t.Fatal("C did not close the comparison")
	}
	// None marked: the selected and the next (or the one before the last).
	press(m, "k", "space", "j", "C")
	if box, ok := m.overlay.(*textBox); !ok || box.title != "Compare Kazakhstan and China" {
		t.Fatalf("no marks, on the last row: %#v", m.overlay)
	}
	press(m, "esc")
	// The palette's entry.
	press(m, "4", ":")
	typeText(m, "compare marked")
	press(m, "enter")
	if _, ok := m.overlay.(*textBox); !ok {
		t.Fatalf("the palette's Compare marked states opened %#v", m.overlay)
	}
	if quit := press(m, "q"); !quit {
		t.Error("q in the comparison did not quit")
	}
}

// TestCompareFitsNarrow: six states at 40 columns come in groups, every
// state named, every line within the window.
func TestCompareFitsNarrow(t *testing.T) {
	m := newSized(t, 40, 12)
	press(m, "2")
	for range 6 {
		press(m, "space", "j")
	}
	press(m, "C")
	box, ok := m.overlay.(*textBox)
	if !ok {
		t.Fatal("no comparison")
	}
	screen(m)
	run(m, tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	if box.top != 3 {
		t.Errorf("the wheel scrolled the comparison to %d, want 3", box.top)
	}
	text := strings.Join(box.layout(36), "\n")
	for _, c := range m.c.ds.Countries {
		if !strings.Contains(text, c.Names.Common) {
			t.Errorf("%s missing from the comparison at 40 columns", c.Names.Common)
		}
	}
	for _, sz := range [][2]int{{40, 12}, {41, 13}, {57, 20}, {80, 24}, {300, 100}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		press(m, "G")
		assertFits(t, m, sz[0], sz[1], fmt.Sprint("compare at ", sz))
	}
}

func TestAbout(t *testing.T) {
	m := fixture(t, 120, 40)
	press(m, "i")
	s := strings.Join(strings.Fields(screen(m)), " ")
	for _, want := range []string{"Test dataset", "As of 17 Jun 2025", "Updated 27 Nov 2026",
		"Loaded from testdata/schema.yaml", "1 summit · 2 signatories · 2 partnerships · 2 projects · 2 events · 2 sources",
		"✓ verified · ¹ one source", "[3] after a value"} {
		if !strings.Contains(s, want) {
			t.Errorf("About lacks %q:\n%s", want, screen(m))
		}
	}
	press(m, "esc")
	if m.overlay != nil {
		t.Fatal("esc did not close About")
	}
	remote := fixture(t, 120, 40, func(o *Options) { o.Remote, o.DataFrom = true, "" })
	press(remote, ":")
	typeText(remote, "about")
	press(remote, "enter")
	if !strings.Contains(strings.Join(strings.Fields(screen(remote)), " "), "Loaded from the server's data") {
		t.Errorf("About over SSH:\n%s", screen(remote))
	}
	builtin := newSized(t, 80, 24)
	press(builtin, "i")
	if !strings.Contains(screen(builtin), "built into casia") {
		t.Errorf("About of the built-in data:\n%s", screen(builtin))
	}
}

// TestExport: e writes the tab's filtered, sorted list to a new file
// named for the list and the day, byte for byte model.WriteCSV's (what
// casia list prints; cli's TestDashboardExport runs the command itself),
// never over an existing file; refused over SSH and where there is no
// list.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	m := newSized(t, 120, 40, func(o *Options) { o.ExportDir, o.Today = dir, "2026-11-27" })
	press(m, "3", "/")
	typeText(m, "c5")
	press(m, "enter", "s", "S", "e")
	p, ok := m.overlay.(*exportPrompt)
	if !ok {
		t.Fatalf("e opened %#v", m.overlay)
	}
	if cl := p.v.command(exportCSV); cl != "casia list partnerships --filter c5 --sort partner --reverse --format csv" ||
		!strings.Contains(screen(m), "casia list partnerships --filter c5") {
		t.Errorf("the prompt gives the command line %q:\n%s", cl, screen(m))
	}
	press(m, "c")
	path := filepath.Join(dir, "casia-partnerships-2026-11-27.csv")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no file: %v; status %q", err, m.status)
	}
	ds := m.c.ds
	rows, err := ds.Query(model.KindPartnership, "c5", "partner", true)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := model.WriteCSV(&want, ds, model.ListColumns(model.KindPartnership, true), rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the export differs from the list:\n%s\nwant\n%s", got, want.Bytes())
	}
	if !strings.Contains(m.status, "exported "+fmt.Sprint(len(rows))+" partnerships to casia-partnerships-2026-11-27.csv in "+dir) {
		t.Errorf("status: %q", m.status)
	}
	// Again: a new file, the first untouched.
	press(m, "e", "c")
	if _, err := os.Stat(filepath.Join(dir, "casia-partnerships-2026-11-27-2.csv")); err != nil {
		t.Errorf("second export: %v; status %q", err, m.status)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Error("the second export changed the first file")
	}
	press(m, "e", "m")
	md, err := os.ReadFile(filepath.Join(dir, "casia-partnerships-2026-11-27.md"))
	if err != nil || !bytes.HasPrefix(md, []byte("| ID | Partner |")) {
		t.Errorf("Markdown export: %v\n%s", err, md)
	}
	// esc cancels; the map has no list; a malformed filter is refused.
	press(m, "e", "esc")
	press(m, "6", "e")
	if m.overlay != nil || !strings.Contains(m.status, "Map has no list to export") {
		t.Errorf("e on the map: %q", m.status)
	}
	press(m, "4", "/")
	typeText(m, "kind:banana")
	press(m, "enter", "e")
	if m.overlay != nil || !strings.Contains(m.status, "fix the filter") {
		t.Errorf("e with a malformed filter: %q", m.status)
	}
	if files, _ := os.ReadDir(dir); len(files) != 3 {
		t.Errorf("%d files written, want 3", len(files))
	}
}

// TestExportRemote: over SSH nothing is written; the message gives the
// command to run at home.
func TestExportRemote(t *testing.T) {
	dir := t.TempDir()
	m := newSized(t, 120, 40, func(o *Options) { o.Remote, o.ExportDir = true, dir })
	press(m, "3", "e")
	p, ok := m.overlay.(*exportPrompt)
	if !ok || !p.remote || !strings.Contains(m.status, "not available over SSH") {
		t.Fatalf("remote e: %#v, %q", m.overlay, m.status)
	}
	if s := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(s, "No export over SSH") {
		t.Errorf("the refusal:\n%s", screen(m))
	}
	if got := copied(m, "y"); got != "casia list partnerships --format csv" {
		t.Errorf("y in the refusal copied %q", got)
	}
	if m.overlay != nil {
		t.Error("y did not close the refusal")
	}
	press(m, "e", "c") // c does nothing here: still refused, nothing written
	press(m, "esc", ":")
	typeText(m, "export this tab as csv")
	press(m, "enter")
	if _, ok := m.overlay.(*exportPrompt); !ok || !strings.Contains(m.status, "not available over SSH") {
		t.Errorf("remote palette export: %#v, %q", m.overlay, m.status)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("a remote session wrote %d files", len(files))
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"c5": "c5", "kind:rail": "kind:rail", "two words": "'two words'", "it's": `'it'\''s'`,
		"!status:operating": "'!status:operating'", "": "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestClickFootnote: a click on a footnote's marker follows it; a click
// on the text around it does not leave the record.
func TestClickFootnote(t *testing.T) {
	m := fixture(t, 120, 40)
	press(m, "2", "j")
	lt := m.tabs[tabSignatories].(*listTab)
	lt.det.build()
	var l link
	for _, k := range lt.det.links {
		if k.footnote() && k.source == "src-b" && strings.HasPrefix(k.fact, "Population") {
			l = k
		}
	}
	if l.fact == "" {
		t.Fatal("no footnote [2] on the population")
	}
	y := m.headerHeight() + l.line - lt.det.off
	run(m, tea.MouseClickMsg{X: lt.tableW + 2, Y: y, Button: tea.MouseLeft}) // on the label
	if m.active != tabSignatories || selectedID(t, m) != "kz" {
		t.Fatalf("a click beside the marker went to tab %d, %q", m.active, selectedID(t, m))
	}
	run(m, tea.MouseClickMsg{X: lt.tableW + 1 + l.col + 1, Y: y, Button: tea.MouseLeft})
	if m.active != tabSources || selectedID(t, m) != "src-b" {
		t.Errorf("a click on [%d] went to tab %d, %q", l.note, m.active, selectedID(t, m))
	}
}
