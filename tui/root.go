package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"casia/model"
)

// Minimum usable window; below it the dashboard says so instead of
// drawing something broken.
const (
	MinWidth  = 40
	MinHeight = 12
)

// tab is one page of the dashboard. Tabs are pointers that update in place;
// the root owns layout and routes messages to the active one.
type tab interface {
	title() string
	shortTitle() string
	setSize(w, h int)
	update(msg tea.Msg) tea.Cmd
	view() string // exactly the size given to setSize
	help() []key.Binding
	status() string
	filterable() bool
	filter() string
	setFilter(q string)
	selected() (model.Ref, bool)
	selectRef(r model.Ref) bool
	sortState() (string, bool)
	restoreSort(key string, reverse bool)
	invalidate() // styles changed
}

// Model is the root of the dashboard.
type Model struct {
	c      *ctx
	tabs   []tab
	active int
	w, h   int

	input     textinput.Model // the filter box, shared by the tabs
	filtering bool
	palette   *palette
	showHelp  bool
	helpTop   int // first line of the help overlay shown, when it is taller than the window
	help      help.Model

	history []navEntry
	histPos int // index of the current entry in history

	status    string
	statusErr bool
	statusSeq int

	bgKnown bool

	panicNext bool // see panichook.go

	frame      string // the last rendered screen, until the next message
	frameValid bool
}

// panicKey is empty except in test builds (panichook.go).
var panicKey string

type navEntry struct {
	tab int
	ref model.Ref
	has bool
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
)

// New builds a dashboard session over a dataset.
func New(ds *model.Dataset, opts Options) *Model {
	if opts.Theme == "" {
		opts.Theme = ThemeAuto
	}
	c := &ctx{ds: ds, keys: DefaultKeys(), opts: opts}
	c.st = NewStyles(opts.Theme, true, opts.NoColor)
	m := &Model{c: c}
	m.tabs = []tab{
		newSummitTab(c),
		newSignatoriesTab(c),
		newPartnershipsTab(c),
		newInfrastructureTab(c),
		newTimelineTab(c),
		newMapTab(c),
		newSourcesTab(c),
	}
	m.input = textinput.New()
	m.input.Prompt = "/ "
	m.input.Placeholder = "filter: words, !not, country:kz, kind:rail, year:2023"
	m.input.CharLimit = 200
	m.help = help.New()
	m.applyStyles()
	m.restore(opts)
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
			name := tabNames[i]
			if srt, ok := s.Sort[name]; ok {
				t.restoreSort(srt.Key, srt.Reverse)
			}
			if q, ok := s.Filters[name]; ok && t.filterable() {
				t.setFilter(q)
			}
		}
		if i := tabIndex(s.Tab); i >= 0 {
			m.active = i
		}
	}
	if i := tabIndex(opts.Tab); i >= 0 {
		m.active = i
	}
	if opts.Filter != "" && m.tabs[m.active].filterable() {
		m.tabs[m.active].setFilter(opts.Filter)
	}
}

var tabNames = []string{"summit", "signatories", "partnerships", "infrastructure", "timeline", "map", "sources"}

func tabIndex(name string) int {
	for i, n := range tabNames {
		if n == name {
			return i
		}
	}
	return -1
}

// Snapshot is the session's state worth remembering between runs.
func (m *Model) Snapshot() *State {
	s := &State{Version: stateVersion, Tab: tabNames[m.active], Filters: map[string]string{}, Sort: map[string]SortState{}}
	for i, t := range m.tabs {
		if q := t.filter(); q != "" {
			s.Filters[tabNames[i]] = q
		}
		if k, rev := t.sortState(); k != "" {
			s.Sort[tabNames[i]] = SortState{Key: k, Reverse: rev}
		}
	}
	return s
}

func (m *Model) applyStyles() {
	st := m.c.st
	m.input.SetStyles(st.Input)
	m.help.Styles = st.Help
	for _, t := range m.tabs {
		t.invalidate()
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
	m.input.SetWidth(max(m.w-30, 10))
	for _, t := range m.tabs {
		t.setSize(m.w, m.bodyHeight())
	}
}

// Update routes a message: overlays and the filter box get keys first,
// then the global keys, then the active tab.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.frameValid = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = max(msg.Width, 0), max(msg.Height, 0)
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		if m.c.opts.Theme == ThemeAuto {
			m.bgKnown = true
			m.c.st = NewStyles(ThemeAuto, msg.IsDark(), m.c.opts.NoColor)
			m.applyStyles()
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg:
		if m.palette != nil {
			return m, m.palette.update(msg)
		}
		if m.filtering {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			m.tabs[m.active].setFilter(m.input.Value())
			return m, cmd
		}
		return m, nil
	case tea.MouseClickMsg:
		return m, m.click(msg)
	case tea.MouseWheelMsg:
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			return m, m.tabs[m.active].update(tea.MouseWheelMsg(mouse))
		}
		return m, nil
	case tea.MouseMotionMsg: // reported while a button is held: drags
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			return m, m.tabs[m.active].update(tea.MouseMotionMsg(mouse))
		}
		return m, nil
	case tea.MouseReleaseMsg:
		if mouse, ok := m.bodyMouse(msg.Mouse()); ok {
			return m, m.tabs[m.active].update(tea.MouseReleaseMsg(mouse))
		}
		return m, nil
	case navigateMsg:
		m.go_(msg.ref, true)
		return m, nil
	case jumpTabMsg:
		m.switchTab(int(msg))
		return m, nil
	case closePaletteMsg:
		m.palette = nil
		return m, nil
	case historyBackMsg:
		m.back()
		return m, nil
	case filterClearedMsg:
		m.input.SetValue("")
		return m, nil
	case openURLMsg:
		return m, m.open(msg.url)
	case statusMsg:
		return m, m.setStatus(msg.text, msg.err)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	}
	if m.filtering {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, m.tabs[m.active].update(msg)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if panicKey != "" && msg.String() == panicKey {
		m.panicNext = true
	}
	if m.palette != nil {
		return m.palette.update(msg)
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Quit):
			return tea.Quit
		case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
			m.showHelp = false
		case key.Matches(msg, k.Down):
			m.helpTop++
		case key.Matches(msg, k.Up):
			m.helpTop--
		case key.Matches(msg, k.PageDown):
			m.helpTop += max(m.h-4, 1)
		case key.Matches(msg, k.PageUp):
			m.helpTop -= max(m.h-4, 1)
		}
		return nil
	}
	if m.filtering {
		switch msg.String() {
		case "esc":
			m.filtering = false
			m.input.Blur()
			m.input.SetValue("")
			m.tabs[m.active].setFilter("")
			return nil
		case "enter", "tab", "down", "up":
			m.filtering = false
			m.input.Blur()
			if msg.String() == "down" || msg.String() == "up" {
				return m.tabs[m.active].update(msg)
			}
			return nil
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.tabs[m.active].setFilter(m.input.Value())
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
	case key.Matches(msg, k.NextTab):
		m.switchTab((m.active + 1) % len(m.tabs))
	case key.Matches(msg, k.PrevTab):
		m.switchTab((m.active + len(m.tabs) - 1) % len(m.tabs))
	case key.Matches(msg, k.JumpTab):
		m.switchTab(int(msg.String()[0] - '1'))
	case key.Matches(msg, k.Palette):
		m.palette = newPalette(m.c)
		return m.palette.focus()
	case key.Matches(msg, k.Filter):
		if !m.tabs[m.active].filterable() {
			return m.setStatus("this tab has no filter", false)
		}
		m.filtering = true
		m.input.SetValue(m.tabs[m.active].filter())
		m.input.CursorEnd()
		return m.input.Focus()
	case key.Matches(msg, k.HistBack):
		m.back()
	case key.Matches(msg, k.HistFwd):
		m.forward()
	case key.Matches(msg, k.Copy):
		return m.copy()
	case key.Matches(msg, k.Open):
		return m.openSelected()
	default:
		return m.tabs[m.active].update(msg)
	}
	return nil
}

func (m *Model) switchTab(i int) {
	if i < 0 || i >= len(m.tabs) || i == m.active {
		return
	}
	m.active = i
	m.filtering = false
	m.input.Blur()
}

// here is the current place for the history.
func (m *Model) here() navEntry {
	r, ok := m.tabs[m.active].selected()
	return navEntry{tab: m.active, ref: r, has: ok}
}

// go_ shows a record on its tab; push records the jump for [ and ].
func (m *Model) go_(r model.Ref, push bool) {
	i := tabFor(r.Kind)
	if i < 0 || !m.c.ds.Valid(r) {
		return
	}
	if push {
		m.history = append(m.history[:m.histPos], m.here())
	}
	m.switchTab(i)
	m.tabs[i].selectRef(r)
	if push {
		m.history = append(m.history, m.here())
		m.histPos = len(m.history) - 1
		if len(m.history) > 200 {
			m.history = m.history[len(m.history)-200:]
			m.histPos = len(m.history) - 1
		}
	}
}

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

func (m *Model) back() {
	if m.histPos <= 0 {
		return
	}
	m.histPos--
	m.visit(m.history[m.histPos])
}

func (m *Model) forward() {
	if m.histPos >= len(m.history)-1 {
		return
	}
	m.histPos++
	m.visit(m.history[m.histPos])
}

func (m *Model) visit(e navEntry) {
	m.switchTab(e.tab)
	if e.has {
		m.tabs[e.tab].selectRef(e.ref)
	}
}

func (m *Model) setStatus(text string, isErr bool) tea.Cmd {
	m.statusSeq++
	m.status, m.statusErr = text, isErr
	seq := m.statusSeq
	return tea.Tick(4*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

// copy puts the selected record, as plain text, on the clipboard (OSC 52).
func (m *Model) copy() tea.Cmd {
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return m.setStatus("nothing selected to copy", true)
	}
	text := m.c.ds.Describe(r)
	return tea.Batch(tea.SetClipboard(text),
		m.setStatus(fmt.Sprintf("copied %s %q to the clipboard (%d lines)", r.Kind, m.c.ds.ID(r), strings.Count(text, "\n")), false))
}

// openSelected opens the selected link's URL, or the record's first source.
func (m *Model) openSelected() tea.Cmd {
	if t, ok := m.tabs[m.active].(interface{ selectedURL() string }); ok {
		if u := t.selectedURL(); u != "" {
			return m.open(u)
		}
	}
	r, ok := m.tabs[m.active].selected()
	if !ok {
		return m.setStatus("nothing selected", true)
	}
	srcs := m.c.ds.SourcesOf(r)
	if len(srcs) == 0 {
		return m.setStatus("this record cites no source", true)
	}
	s := m.c.ds.Source(srcs[0])
	if s == nil {
		return nil
	}
	return m.open(s.URL)
}

func (m *Model) open(url string) tea.Cmd {
	if m.c.opts.Remote {
		return m.setStatus("opening links is not available over SSH; the address is "+url, false)
	}
	if m.c.opts.OpenURL == nil {
		return m.setStatus("no browser available; the address is "+url, false)
	}
	opener := m.c.opts.OpenURL
	return tea.Batch(m.setStatus("opening "+url, false), func() tea.Msg {
		if err := opener(url); err != nil {
			return statusMsg{text: "could not open the browser: " + err.Error(), err: true}
		}
		return nil
	})
}

// bodyMouse translates a mouse event to the active tab's coordinates; it
// reports false while an overlay is open or when the pointer is above the
// body.
func (m *Model) bodyMouse(mouse tea.Mouse) (tea.Mouse, bool) {
	if m.palette != nil || m.showHelp || mouse.Y < m.headerHeight() {
		return mouse, false
	}
	mouse.Y -= m.headerHeight()
	return mouse, true
}

func (m *Model) click(msg tea.MouseClickMsg) tea.Cmd {
	mouse := msg.Mouse()
	if m.palette != nil || m.showHelp {
		if m.showHelp {
			m.showHelp = false
		}
		return nil
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

// View draws the whole window: header, the active tab, footer, and any
// overlay, in exactly the window's size.
func (m *Model) View() tea.View {
	if !m.frameValid {
		m.frame, m.frameValid = m.render(), true
	}
	v := tea.NewView(m.frame)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "casia: " + m.tabs[m.active].title()
	return v
}

func (m *Model) render() string {
	if m.panicNext {
		panic("casia test build: panic in View on request")
	}
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.w < MinWidth || m.h < MinHeight {
		return m.tooSmall()
	}
	var b strings.Builder
	b.Grow(m.w * m.h * 2)
	b.WriteString(m.tabBar())
	if m.headerHeight() == 2 {
		b.WriteByte('\n')
		b.WriteString(m.c.st.Rule.Render(strings.Repeat("─", m.w)))
	}
	// Tabs render exactly their area (the size sweep and fuzz tests check
	// it), so the body is used as is rather than measured again.
	if body := m.tabs[m.active].view(); body != "" {
		b.WriteByte('\n')
		b.WriteString(body)
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.helpLine())
	screen := b.String()
	switch {
	case m.palette != nil:
		return m.overlay(screen, m.palette.view(m.w, m.h))
	case m.showHelp:
		return m.overlay(screen, m.helpView())
	}
	return screen
}

func (m *Model) tooSmall() string {
	msg := fmt.Sprintf("casia needs at least %d×%d (now %d×%d)", MinWidth, MinHeight, m.w, m.h)
	lines := make([]string, m.h)
	words := wrap(msg, m.w)
	top := max((m.h-len(words))/2, 0)
	for i, wl := range words {
		if top+i < m.h {
			lines[top+i] = lipgloss.PlaceHorizontal(m.w, lipgloss.Center, m.c.st.Notice.Render(wl))
		}
	}
	return block(lines, m.w, m.h)
}

// overlay centres a box over the screen.
func (m *Model) overlay(screen, box string) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((m.w-bw)/2, 0), max((m.h-bh)/2, 0)
	c := lipgloss.NewCompositor(
		lipgloss.NewLayer(screen),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	)
	return block(strings.Split(c.Render(), "\n"), m.w, m.h)
}

type jumpTabMsg int
