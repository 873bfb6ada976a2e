package tui

import (
	"reflect"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// Minimum usable window; below it the dashboard says so instead of
// drawing something broken.
const (
	MinWidth  = 40
	MinHeight = 12
)

// Model is the root of the dashboard. It owns the window size, the tabs,
// the overlays (help, palette), the filter box, the pane mode and the
// back/forward history, and routes every message.
type Model struct {
	c      *ctx
	tabs   [numTabs]component
	active int
	w, h   int
	pane   paneMode

	filter  filterBox
	overlay overlay // help or palette, nil when none
	help    help.Model

	history []navEntry
	histPos int // index of the current entry in history

	// tabSize is the size each tab was last given. A tab is sized when it
	// is shown, so the tabs nobody opens are never laid out (nor their
	// records sorted) at start-up or on a resize.
	tabSize  [numTabs][2]int
	tabSized [numTabs]bool

	status    string
	statusErr bool
	statusSeq int

	panicNext bool // see panichook.go

	frame    frameCache        // frame.go
	helpMemo [numTabs]helpMemo // each tab's last help line (footer.go)
	helpBuf  []key.Binding     // reused to gather the help line's keys
	start    *State            // the state the session started with (Changed)
}

// panicKey is empty except in test builds (panichook.go).
var panicKey string

// New builds a dashboard session over a dataset.
func New(ds *model.Dataset, opts Options) *Model {
	c := newCtx(ds, opts)
	m := &Model{c: c}
	m.tabs = [numTabs]component{
		tabSummit:         newSummitTab(c),
		tabSignatories:    newSignatoriesTab(c),
		tabPartnerships:   newPartnershipsTab(c),
		tabInfrastructure: newInfrastructureTab(c),
		tabTimeline:       newTimelineTab(c),
		tabMap:            newMapTab(c),
		tabSources:        newSourcesTab(c),
	}
	m.filter = newFilterBox(c)
	m.help = help.New()
	m.applyStyles()
	m.restore(c.opts)
	m.start = m.Snapshot()
	m.history = []navEntry{m.here()}
	if opts.Width > 0 && opts.Height > 0 {
		m.Update(tea.WindowSizeMsg{Width: opts.Width, Height: opts.Height})
	}
	return m
}

// restore applies the remembered state, then --tab and --filter.
func (m *Model) restore(opts Options) {
	if s := opts.State; s != nil {
		for i, t := range m.tabs {
			name := tabSpecs[i].name
			if srt, ok := s.Sort[name]; ok {
				if st, ok := t.(sortable); ok {
					st.restoreSort(srt.Key, srt.Reverse)
				}
			}
			if q, ok := s.Filters[name]; ok {
				if f, ok := t.(filterable); ok {
					f.setFilter(q)
				}
			}
		}
		if i := tabIndex(s.Tab); i >= 0 {
			m.active = i
		}
		m.pane = parsePane(s.Pane)
	}
	if name, err := ParseTab(opts.Tab); err == nil && name != "" {
		m.active = tabIndex(name)
	}
	if f, ok := m.tabs[m.active].(filterable); ok && opts.Filter != "" {
		f.setFilter(opts.Filter)
	}
	m.setPane(m.pane)
}

// Changed reports whether the state worth remembering differs from the
// one the session started with (the remembered one, --tab and --filter
// applied): when it does not, there is nothing new to write.
func (m *Model) Changed() bool { return !reflect.DeepEqual(m.start, m.Snapshot()) }

// Snapshot is the session's state worth remembering between runs.
func (m *Model) Snapshot() *State {
	s := &State{Version: stateVersion, Tab: tabSpecs[m.active].name, Filters: map[string]string{},
		Sort: map[string]SortState{}}
	if m.pane != paneSplit {
		s.Pane = m.pane.String()
	}
	for i, t := range m.tabs {
		if f, ok := t.(filterable); ok && f.filter() != "" {
			s.Filters[tabSpecs[i].name] = f.filter()
		}
		if st, ok := t.(sortable); ok {
			if k, rev := st.sortState(); k != "" {
				s.Sort[tabSpecs[i].name] = SortState{Key: k, Reverse: rev}
			}
		}
	}
	return s
}

func (m *Model) applyStyles() {
	m.filter.restyle()
	m.help.Styles = m.c.st.Help
	for _, t := range m.tabs {
		if r, ok := t.(restylable); ok {
			r.invalidate()
		}
	}
}

func (m *Model) setPane(p paneMode) {
	m.pane = p
	for _, t := range m.tabs {
		if pt, ok := t.(paned); ok {
			pt.setPane(p)
		}
	}
}

// Init asks the terminal for its background so the theme can match.
func (m *Model) Init() tea.Cmd {
	if m.c.opts.Theme == ThemeAuto && !m.c.opts.NoColor {
		return tea.RequestBackgroundColor
	}
	return nil
}

func (m *Model) bodyHeight() int { return max(m.h-m.headerHeight()-2, 0) }

func (m *Model) headerHeight() int {
	if m.h >= 16 {
		return 2
	}
	return 1
}

func (m *Model) resize() {
	m.help.SetWidth(m.w)
	m.filter.setWidth(m.w - 30)
	m.sizeTab(m.active)
}

// sizeTab gives tab i the body's size, unless it already has it.
func (m *Model) sizeTab(i int) {
	sz := [2]int{m.w, m.bodyHeight()}
	if m.tabSized[i] && m.tabSize[i] == sz {
		return
	}
	m.tabSize[i], m.tabSized[i] = sz, true
	m.tabs[i].setSize(sz[0], sz[1])
}

// Update routes a message: an open overlay or the focused filter box gets
// it first, then the global keys, then the active tab. It marks the parts
// of the frame the message may change (frame.go); a message that changes
// nothing, such as the terminal's reports or a window size it already has,
// costs no drawing.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w, h := max(msg.Width, 0), max(msg.Height, 0)
		if w == m.w && h == m.h {
			return m, nil
		}
		m.w, m.h = w, h
		m.resize()
		m.touch(partsAll)
		return m, nil
	case tea.BackgroundColorMsg:
		// Restyle only when the reply changes the background assumed
		// (dark) or set by an earlier reply.
		if st := m.c.styles(msg.IsDark()); m.c.opts.Theme == ThemeAuto && st != m.c.st {
			m.c.st = st
			m.applyStyles()
			m.touch(partsAll)
		}
		return m, nil
	case tea.KeyPressMsg:
		m.touch(partsAll)
		return m, m.key(msg)
	case tea.PasteMsg:
		switch {
		case m.overlay != nil:
			m.touch(partOverlay)
			return m, m.toOverlay(msg)
		case m.filter.focused:
			return m, m.toFilter(msg)
		}
		return m, nil
	case tea.MouseClickMsg:
		m.touch(partsAll)
		return m, m.click(msg)
	case tea.MouseWheelMsg:
		if m.overlay != nil { // About and the comparison scroll
			return m, m.toOverlay(msg)
		}
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			m.touch(partBody | partFooter)
			return m, m.tabs[m.active].update(tea.MouseWheelMsg(mouse))
		}
		return m, nil
	case tea.MouseMotionMsg: // reported while a button is held: drags
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			m.touch(partBody | partFooter)
			return m, m.tabs[m.active].update(tea.MouseMotionMsg(mouse))
		}
		return m, nil
	case tea.MouseReleaseMsg:
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			m.touch(partBody | partFooter)
			return m, m.tabs[m.active].update(tea.MouseReleaseMsg(mouse))
		}
		return m, nil
	case navigateMsg:
		m.touch(partsAll)
		m.show(msg.ref, true)
		return m, nil
	case jumpTabMsg:
		m.touch(partsAll)
		m.switchTab(int(msg))
		return m, nil
	case paneMsg:
		m.touch(partsAll)
		m.setPane(paneMode(msg))
		return m, nil
	case historyBackMsg:
		m.touch(partsAll)
		m.back()
		return m, nil
	case filterClearedMsg:
		m.touch(partFooter)
		m.filter.setValue("")
		return m, nil
	case openURLMsg:
		m.touch(partFooter)
		return m, m.open(msg.url)
	case statusMsg:
		m.touch(partFooter)
		return m, m.setStatus(msg.text, msg.err)
	case commandMsg:
		return m, m.runCommand(commandKind(msg))
	case clearStatusMsg:
		if msg.seq == m.statusSeq && m.status != "" {
			m.touch(partFooter)
			m.status = ""
		}
		return m, nil
	}
	if isTerminalReport(msg) {
		return m, nil
	}
	if m.filter.focused {
		return m, m.toFilter(msg) // the cursor's blink, among others
	}
	m.touch(partBody | partFooter)
	return m, m.tabs[m.active].update(msg)
}

// teaPkg is Bubble Tea's import path.
var teaPkg = reflect.TypeFor[tea.KeyPressMsg]().PkgPath()

// isTerminalReport reports the messages of Bubble Tea's own that Update
// does not route: the colour profile, the environment, mode and keyboard
// reports, focus, key releases, and the internal request messages it
// passes on. No component uses them, and they arrive around every first
// frame, so they must not cost a redraw.
func isTerminalReport(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.PkgPath() == teaPkg
}

func (m *Model) toOverlay(msg tea.Msg) tea.Cmd {
	cmd, done := m.overlay.update(msg)
	if done {
		m.overlay = nil
	}
	return cmd
}

// toFilter gives the filter box a key or paste and applies the result to
// the active tab.
func (m *Model) toFilter(msg tea.Msg) tea.Cmd {
	t := m.tabs[m.active]
	m.touch(partFooter)
	cmd, res := m.filter.update(msg)
	f, _ := t.(filterable)
	switch res {
	case filterCleared:
		if f != nil {
			m.touch(partBody)
			f.setFilter("")
		}
	case filterLeft:
		m.touch(partBody)
		return t.update(msg)
	case filterTyping:
		// Only a changed text refilters: the cursor's blink must not.
		if f != nil && m.filter.value() != f.filter() {
			m.touch(partBody)
			f.setFilter(m.filter.value())
		}
	}
	return cmd
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if panicKey != "" && msg.String() == panicKey {
		m.panicNext = true
	}
	if _, isHelp := m.overlay.(*helpOverlay); isHelp && key.Matches(msg, k.Quit) {
		return tea.Quit
	}
	switch {
	case m.overlay != nil:
		return m.toOverlay(msg)
	case m.filter.focused:
		return m.toFilter(msg)
	}
	t := m.tabs[m.active]
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.overlay = newHelpOverlay(m.c)
	case key.Matches(msg, k.NextTab):
		m.switchTab((m.active + 1) % numTabs)
	case key.Matches(msg, k.PrevTab):
		m.switchTab((m.active + numTabs - 1) % numTabs)
	case key.Matches(msg, k.JumpTab):
		m.switchTab(int(msg.String()[0] - '1'))
	case key.Matches(msg, k.Palette):
		p := newPalette(m.c)
		m.overlay = p
		return p.focus()
	case key.Matches(msg, k.Filter):
		f, ok := t.(filterable)
		if !ok {
			return m.setStatus("this tab has no filter", false)
		}
		return m.filter.open(f.filter())
	case key.Matches(msg, k.Pane), key.Matches(msg, k.Zoom):
		if _, ok := t.(paned); !ok {
			return t.update(msg)
		}
		want := paneList
		if key.Matches(msg, k.Zoom) {
			want = paneDetail
		}
		if m.pane == want {
			want = paneSplit
		}
		m.setPane(want)
	case key.Matches(msg, k.HistBack):
		m.back()
	case key.Matches(msg, k.HistFwd):
		m.forward()
	case key.Matches(msg, k.Copy):
		return m.copy()
	case key.Matches(msg, k.Open):
		return m.openSelected()
	case key.Matches(msg, k.About, k.Export, k.CopyURL, k.Cite):
		return m.featureKey(msg)
	default:
		return t.update(msg)
	}
	return nil
}

func (m *Model) switchTab(i int) {
	if i < 0 || i >= numTabs || i == m.active {
		return
	}
	m.active = i
	m.sizeTab(i)
	m.filter.close()
	m.clearStatus()
}

// bodyMouse translates a mouse event to the active tab's coordinates; it
// reports false while an overlay is open or when the pointer is above the
// body.
func (m *Model) bodyMouse(mouse tea.Mouse) (tea.Mouse, bool) {
	if m.overlay != nil || mouse.Y < m.headerHeight() {
		return mouse, false
	}
	mouse.Y -= m.headerHeight()
	return mouse, true
}

func (m *Model) click(msg tea.MouseClickMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.overlay != nil {
		return m.toOverlay(msg)
	}
	if mouse.Y == 0 {
		if i := m.tabAt(mouse.X); i >= 0 {
			m.switchTab(i)
		}
		return nil
	}
	if mouse.Y < m.headerHeight() || mouse.Y >= m.headerHeight()+m.bodyHeight() {
		return nil
	}
	mouse.Y -= m.headerHeight()
	return m.tabs[m.active].update(tea.MouseClickMsg(mouse))
}

type jumpTabMsg int

// paneMsg asks the root to change the pane mode (a tab that needs its
// detail back, for a chart or a link).
type paneMsg paneMode
