package tui

import (
	"slices"
	"testing"

	"casia/model"
)

// freshPane lays a record out the long way, without the shared cache.
func freshPane(c *ctx, r model.Ref, w int) []string {
	d := newDoc(c, w, model.Query{}, -1)
	renderRecord(d, r)
	out := make([]string, len(d.lines))
	for i, l := range d.lines {
		out[i] = fitLine(l, w)
	}
	return out
}

// TestSharedPanes: a pane one session laid out is what another session
// would lay out itself, and a session's focused link or filter never
// reaches the shared copy.
func TestSharedPanes(t *testing.T) {
	ds := dataset(t)
	a := newSized(t, 120, 40)
	b := newSized(t, 120, 40)
	press(a, "3", "j")
	press(b, "3", "j")
	ta, tb := a.tabs[tabPartnerships].(*listTab), b.tabs[tabPartnerships].(*listTab)
	a.View()
	b.View()
	w := tb.det.contentWidth()
	if want := freshPane(b.c, tb.det.ref, w); !slices.Equal(tb.det.lines, want) {
		t.Fatal("the shared pane differs from one laid out afresh")
	}
	// Session a focuses a link in the same record; b's pane must not show it.
	press(a, "enter", "j")
	a.View()
	if ta.det.sel < 0 {
		t.Fatal("no link focused in session a")
	}
	key := docKey{ref: ta.det.ref, w: ta.det.contentWidth()}
	if e, ok := a.c.docs().get(key); !ok || slices.Equal(e.lines, ta.det.lines) || !slices.Equal(e.lines, freshPane(a.c, ta.det.ref, key.w)) {
		t.Error("the shared copy holds session a's focused pane")
	}
	press(b, "k", "j") // away and back: b's pane comes from the cache
	b.View()
	if want := freshPane(b.c, tb.det.ref, w); !slices.Equal(tb.det.lines, want) {
		t.Error("session a's focused link reached session b's pane")
	}
	// A filter underlines matches in a's pane only.
	press(a, "esc", "/", "e", "u", "enter")
	a.View()
	press(b, "k", "j")
	b.View()
	if want := freshPane(b.c, tb.det.ref, w); !slices.Equal(tb.det.lines, want) {
		t.Error("session a's filter reached session b's pane")
	}
	_ = ds
}
