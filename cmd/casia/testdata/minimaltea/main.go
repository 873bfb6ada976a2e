// Command minimaltea is the floor casia's start-up is measured against: a
// minimal Bubble Tea v2 program with the alternate screen and one line of
// text, which quits on q. See startup_test.go. With -fps N it asks Bubble
// Tea for that frame rate (tea.WithFPS), to compare at casia's own.
package main

import (
	"fmt"
	"os"
	"strconv"

	tea "charm.land/bubbletea/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView("hello from a minimal Bubble Tea program")
	v.AltScreen = true
	return v
}

func main() {
	var opts []tea.ProgramOption
	if len(os.Args) == 3 && os.Args[1] == "-fps" {
		fps, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "minimaltea: -fps wants a number")
			os.Exit(2)
		}
		opts = append(opts, tea.WithFPS(fps))
	}
	if _, err := tea.NewProgram(model{}, opts...).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
