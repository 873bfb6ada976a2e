package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// component is one tab as the root sees it: a small Bubble Tea model, held
// by pointer and updated in place, that draws exactly the size it was given
// (soft-serve's pkg/ui component, with the status bar folded in). What only
// some tabs do is an optional interface below.
type component interface {
	setSize(w, h int)
	update(msg tea.Msg) tea.Cmd
	view() string
	// help lists the keys that matter now, most useful first: the footer
	// shows as many as fit.
	help() []key.Binding
	// status is the right of the footer: counts, sort, scroll position.
	status() string
	// selected is the record under the cursor, for y, o and history.
	selected() (model.Ref, bool)
}

// filterable tabs have a "/" filter.
type filterable interface {
	filter() string
	setFilter(q string)
	// filterError explains a malformed filter ("" when it is fine).
	filterError() string
}

// sortable tabs have an order the state file remembers.
type sortable interface {
	sortState() (key string, reverse bool)
	restoreSort(key string, reverse bool)
}

// navigable tabs can show a given record (links, the palette, history).
type navigable interface {
	selectRef(r model.Ref) bool
}

// restylable tabs cache styled text and must drop it when the theme changes.
type restylable interface {
	invalidate()
}

// paned tabs show a list beside a detail pane and follow the session's
// pane mode (p hides the detail, z zooms it).
type paned interface {
	setPane(p paneMode)
}

// linker tabs can have a link focused in their detail pane: o opens it,
// and on a footnote y, u and Y copy its source (cite.go).
type linker interface {
	focusedLink() (link, bool)
}

// paneMode is how a list tab shares its area between list and detail.
type paneMode int

const (
	paneSplit  paneMode = iota // list and detail side by side (or stacked)
	paneList                   // the list alone, full width
	paneDetail                 // the detail alone, zoomed
)

var paneNames = [...]string{"split", "list", "detail"}

func (p paneMode) String() string {
	if p >= 0 && int(p) < len(paneNames) {
		return paneNames[p]
	}
	return "split"
}

func parsePane(s string) paneMode {
	for i, n := range paneNames {
		if n == s {
			return paneMode(i)
		}
	}
	return paneSplit
}

// tabSpec names a tab: in the state file and on the command line (name),
// in the tab bar (title, and short on narrow terminals), and in the other
// words --tab accepts.
type tabSpec struct {
	name, title, short string
	also               []string
}

// Tab indexes, in design.md's order.
const (
	tabSummit = iota
	tabSignatories
	tabPartnerships
	tabInfrastructure
	tabTimeline
	tabMap
	tabSources
	numTabs
)

var tabSpecs = [numTabs]tabSpec{
	{"summit", "Summit", "Summit", nil},
	{"signatories", "Signatories", "States", []string{"countries", "signatory"}},
	{"partnerships", "Partnerships", "Partners", []string{"formats"}},
	{"infrastructure", "Infrastructure", "Projects", nil},
	{"timeline", "Timeline", "Time", []string{"events"}},
	{"map", "Map", "Map", nil},
	{"sources", "Sources", "Sources", nil},
}

// TabNames are the tabs' names, in order, as the state file and --tab use
// them.
func TabNames() []string {
	out := make([]string, numTabs)
	for i, s := range tabSpecs {
		out[i] = s.name
	}
	return out
}

func tabIndex(name string) int {
	for i, s := range tabSpecs {
		if s.name == name {
			return i
		}
	}
	return -1
}

// ParseTab resolves what a user typed for --tab to a tab's name: its
// number, name, tab-bar title or short title ("states"), another word for
// it ("countries", "events"), or a prefix of one of these that fits one
// tab only. Case does not matter; "" is no choice.
func ParseTab(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	if len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < numTabs {
		return tabSpecs[s[0]-'1'].name, nil
	}
	hit := -1
	for i, t := range tabSpecs {
		for _, w := range append([]string{t.name, strings.ToLower(t.title), strings.ToLower(t.short)}, t.also...) {
			switch {
			case w == s:
				return t.name, nil
			case strings.HasPrefix(w, s) && (hit == -1 || hit == i):
				hit = i
			case strings.HasPrefix(w, s):
				hit = -2 // ambiguous
			}
		}
	}
	if hit >= 0 {
		return tabSpecs[hit].name, nil
	}
	return "", fmt.Errorf("unknown tab %q; use one of: %s", s, strings.Join(TabNames(), ", "))
}

// tabFor is the tab that shows records of a kind.
func tabFor(k model.Kind) int {
	switch k {
	case model.KindSummit:
		return tabSummit
	case model.KindCountry:
		return tabSignatories
	case model.KindPartnership:
		return tabPartnerships
	case model.KindProject:
		return tabInfrastructure
	case model.KindEvent:
		return tabTimeline
	case model.KindSource:
		return tabSources
	}
	return -1
}
