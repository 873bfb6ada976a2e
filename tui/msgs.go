package tui

import (
	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// navigateMsg asks the root to show a record on its tab, remembering the
// jump in the back/forward history.
type navigateMsg struct{ ref model.Ref }

func navigate(r model.Ref) tea.Cmd {
	return func() tea.Msg { return navigateMsg{ref: r} }
}

// historyBackMsg is sent by a tab when esc has nothing left to close.
type historyBackMsg struct{}

// filterClearedMsg tells the root that a tab dropped its filter (esc).
type filterClearedMsg struct{}

// openURLMsg asks the root to open a link in the browser.
type openURLMsg struct{ url string }

// statusMsg shows a line in the footer for a few seconds.
type statusMsg struct {
	text string
	err  bool
}

type clearStatusMsg struct{ seq int }
