package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// commandKind is something a tab or the palette asks the root to do that
// needs the whole session: open a view over several tabs' state, or
// export the active tab.
type commandKind int

const (
	cmdCompare commandKind = iota
	cmdAbout
	cmdExportCSV
	cmdExportMarkdown
)

// commandMsg carries a command to the root.
type commandMsg commandKind

func command(c commandKind) tea.Cmd { return func() tea.Msg { return commandMsg(c) } }

func (m *Model) runCommand(c commandKind) tea.Cmd {
	switch c {
	case cmdCompare:
		return m.openCompare()
	case cmdAbout:
		m.overlay = newAbout(m.c)
	case cmdExportCSV:
		return m.export(exportCSV)
	case cmdExportMarkdown:
		return m.export(exportMarkdown)
	}
	return nil
}

// featureKey handles the global keys of provenance and data out: i, e, u
// and Y.
func (m *Model) featureKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.About):
		return m.runCommand(cmdAbout)
	case key.Matches(msg, k.Export):
		return m.startExport()
	case key.Matches(msg, k.CopyURL):
		return m.copyURL()
	case key.Matches(msg, k.Cite):
		return m.copyCitation()
	}
	return nil
}
