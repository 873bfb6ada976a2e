package tui

import (
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "casia", "state.json")
	want := &State{Version: stateVersion, Tab: "map", Filters: map[string]string{"partnerships": "turk"},
		Sort: map[string]SortState{"signatories": {Key: "population", Reverse: true}}, Pane: "detail"}
	if err := SaveState(path, want); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, %v", st.Mode().Perm(), err)
	}
	got := LoadState(path)
	if got == nil || got.Tab != "map" || got.Filters["partnerships"] != "turk" || !got.Sort["signatories"].Reverse || got.Pane != "detail" {
		t.Fatalf("LoadState = %+v", got)
	}
}

// TestStateIgnoresBadFiles: a corrupt, foreign, oversized or hostile state
// file is ignored (or cleaned), never a crash.
func TestStateIgnoresBadFiles(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"corrupt.json": `{"version": 1, "tab": `,
		"foreign.json": `{"version": 99, "tab": "map"}`,
		"array.json":   `[1, 2, 3]`,
		"binary.json":  "\x00\x01\x02",
		"huge.json":    `{"version": 1, "tab": "` + strings.Repeat("x", maxStateBytes) + `"}`,
	}
	for name, body := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if s := LoadState(p); s != nil {
			t.Errorf("%s loaded: %+v", name, s)
		}
	}
	if s := LoadState(filepath.Join(dir, "missing.json")); s != nil {
		t.Error("missing file loaded")
	}
	// Unknown tabs are dropped and escape sequences removed.
	p := filepath.Join(dir, "hostile.json")
	os.WriteFile(p, []byte(`{"version":1,"tab":"nope","pane":"sideways","filters":{"map":"x","sources":"\u001b]52;c;aGk=\u0007eu","bogus":"y"}}`), 0o600)
	s := LoadState(p)
	if s == nil || s.Tab != "" || s.Pane != "" || s.Filters["sources"] != "eu" || len(s.Filters) != 2 {
		t.Errorf("hostile state = %+v", s)
	}
	// Such a state opens fine.
	m := newSized(t, 100, 30, func(o *Options) { o.State = s })
	assertFits(t, m, 100, 30, "hostile state")
}

func TestStatePath(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	if p, _ := StatePath(get); p != "/x/state/casia/state.json" {
		t.Errorf("with XDG_STATE_HOME: %s", p)
	}
	env["XDG_STATE_HOME"] = "relative"
	if p, _ := StatePath(get); p != "/home/u/.local/state/casia/state.json" {
		t.Errorf("relative XDG_STATE_HOME: %s", p)
	}
}

var sgrPattern = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// TestNoColor: with NO_COLOR the frame has no colour escape codes at all,
// yet the selection stays visible (reverse video and a marker).
func TestNoColor(t *testing.T) {
	m := newSized(t, 120, 40, func(o *Options) { o.NoColor = true })
	for _, k := range []string{"2", "4", "5", "6", "c"} {
		press(m, k)
		v := m.View().Content
		for _, sgr := range sgrPattern.FindAllStringSubmatch(v, -1) {
			for _, p := range strings.Split(sgr[1], ";") {
				if n, err := strconv.Atoi(p); err == nil && (n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 107) {
					t.Fatalf("tab %s: colour in NO_COLOR output: %q", k, sgr[0])
				}
			}
		}
		if k != "6" && !strings.Contains(v, "\x1b[7m") && !strings.Contains(v, ";7m") {
			t.Errorf("tab %s: no reverse video for the selection", k)
		}
		if k != "6" && !strings.Contains(screen(m), Marker) {
			t.Errorf("tab %s: no selection marker", k)
		}
	}
}

// TestThemes: light and dark differ, high contrast differs again, and
// --theme overrides the terminal's reported background.
func TestThemes(t *testing.T) {
	dark := NewStyles(ThemeAuto, true, false)
	light := NewStyles(ThemeAuto, false, false)
	hc := NewStyles(ThemeHighContrast, true, false)
	if dark.Title.Render("x") == light.Title.Render("x") || dark.Title.Render("x") == hc.Title.Render("x") {
		t.Error("themes do not differ")
	}
	if NewStyles(ThemeLight, true, false).Title.Render("x") != light.Title.Render("x") {
		t.Error("--theme light does not override a dark background")
	}
}

// TestStateWrittenOnlyWhenNew: saving what the file already holds leaves
// the file alone, and a session that changed nothing reports so.
func TestStateWrittenOnlyWhenNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "casia", "state.json")
	s := &State{Version: stateVersion, Tab: "map", Filters: map[string]string{}, Sort: map[string]SortState{}}
	if err := SaveState(path, s); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if err := SaveState(path, s); err != nil {
		t.Fatal(err)
	}
	same, _ := os.Stat(path)
	if !os.SameFile(before, same) {
		t.Error("saving the same state replaced the file")
	}
	s.Tab = "sources"
	if err := SaveState(path, s); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(path); os.SameFile(before, after) || LoadState(path).Tab != "sources" {
		t.Error("a new state was not written")
	}

	m := newSized(t, 100, 30)
	if m.Changed() {
		t.Fatal("a fresh session reports a change")
	}
	press(m, "j", "k")
	if m.Changed() {
		t.Error("moving the cursor is not worth remembering, but Changed says so")
	}
	press(m, "3")
	if !m.Changed() {
		t.Error("a tab switch is not reported as a change")
	}
	press(m, "1")
	if m.Changed() {
		t.Error("back where it started, the session still reports a change")
	}
}

// TestInkOf: an Ink writes what Lip Gloss would, for every combination of
// attributes and colours the themes use.
func TestInkOf(t *testing.T) {
	probe := func(st lipgloss.Style) Ink {
		const p = "\uE000"
		pre, post, _ := strings.Cut(st.Render(p), p)
		return Ink{pre, post}
	}
	colors := []color.Color{nil, lipgloss.Color("#8A4B00"), lipgloss.Color("245"), lipgloss.Color("5")}
	n := 0
	for mask := range 1 << 7 {
		for _, fg := range colors {
			for _, bg := range colors[:2] {
				st := lipgloss.NewStyle().Bold(mask&1 != 0).Italic(mask&2 != 0).Underline(mask&4 != 0).
					Reverse(mask&8 != 0).Blink(mask&16 != 0).Faint(mask&32 != 0).Strikethrough(mask&64 != 0)
				if fg != nil {
					st = st.Foreground(fg)
				}
				if bg != nil {
					st = st.Background(bg)
				}
				if got, want := inkOf(st), probe(st); got != want {
					t.Fatalf("mask %b fg %v bg %v: inkOf = %q, Lip Gloss %q", mask, fg, bg, got, want)
				}
				n++
			}
		}
	}
	for _, th := range []Theme{ThemeDark, ThemeLight, ThemeHighContrast} {
		for _, noColor := range []bool{false, true} {
			if s := NewStyles(th, true, noColor); s.Link.pre == "" || s.Text.Render("x") == "x" && !noColor {
				t.Errorf("theme %s, no colour %v: inks missing", th, noColor)
			}
		}
	}
}
