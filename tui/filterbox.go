package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// filterBox is the "/" input in the footer. While it has focus every key
// is text (q and digits included) except the few in the keymap's filter
// group; the root applies each change to the active tab as it is typed.
type filterBox struct {
	c       *ctx
	input   textinput.Model
	focused bool
}

// filterResult is what a key did in the box.
type filterResult int

const (
	filterTyping  filterResult = iota // the text may have changed
	filterKept                        // enter: leave the box, keep the filter
	filterCleared                     // esc: leave the box, drop the filter
	filterLeft                        // ↑/↓/tab: leave the box, pass the key on
)

func newFilterBox(c *ctx) filterBox {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "words, !not, \"a phrase\", country:kz, kind:rail, year:2023"
	in.CharLimit = 200
	in.SetStyles(c.st.Input)
	return filterBox{c: c, input: in}
}

func (f *filterBox) restyle()          { f.input.SetStyles(f.c.st.Input) }
func (f *filterBox) setWidth(w int)    { f.input.SetWidth(max(w, 10)) }
func (f *filterBox) value() string     { return f.input.Value() }
func (f *filterBox) view() string      { return f.input.View() }
func (f *filterBox) setValue(s string) { f.input.SetValue(s) }

// open focuses the box on the tab's current filter.
func (f *filterBox) open(q string) tea.Cmd {
	f.focused = true
	f.input.SetValue(q)
	f.input.CursorEnd()
	return f.input.Focus()
}

func (f *filterBox) close() {
	f.focused = false
	f.input.Blur()
}

// update handles a key or a paste while the box has focus.
func (f *filterBox) update(msg tea.Msg) (tea.Cmd, filterResult) {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		k := f.c.keys
		switch {
		case key.Matches(kp, k.FilterClear):
			f.close()
			f.input.SetValue("")
			return nil, filterCleared
		case key.Matches(kp, k.FilterKeep):
			f.close()
			return nil, filterKept
		case key.Matches(kp, k.FilterLeave):
			f.close()
			return nil, filterLeft
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd, filterTyping
}

// help is the footer's keys while typing.
func (f *filterBox) help() []key.Binding {
	k := f.c.keys
	return []key.Binding{k.FilterKeep, k.FilterClear, k.FilterLeave}
}
