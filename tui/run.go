package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"casia/model"
)

// Run shows the dashboard until the user quits and returns the final model
// (for its Snapshot). Extra program options select input, output, size or
// colour profile (tests, SSH).
func Run(ctx context.Context, ds *model.Dataset, opts Options, popts ...tea.ProgramOption) (*Model, error) {
	return RunLoading(ctx, func() (*model.Dataset, error) { return ds, nil }, opts, popts...)
}

// RunLoading is Run with the dataset loaded, and the dashboard built, while
// Bubble Tea sets up the terminal, so start-up costs the longer of the two
// rather than their sum. Use it only when load is not expected to fail
// (the embedded dataset): a failure ends the program after the terminal
// was taken, where a user file's problems belong before it.
func RunLoading(ctx context.Context, load func() (*model.Dataset, error), opts Options, popts ...tea.ProgramOption) (*Model, error) {
	ready := make(chan building, 1)
	go func() {
		ds, err := load()
		if err != nil {
			ready <- building{err: err}
			return
		}
		m := New(ds, opts)
		if opts.Width > 0 {
			m.View() // lay out the first frame here too, while the terminal is set up
		}
		ready <- building{m: m}
	}()
	w := &waiting{ready: ready}
	p := tea.NewProgram(w, append([]tea.ProgramOption{tea.WithContext(ctx)}, popts...)...)
	_, err := p.Run()
	if w.err != nil {
		return nil, w.err
	}
	if err != nil {
		return w.m, fmt.Errorf("dashboard: %w", err)
	}
	return w.m, nil
}

type building struct {
	m   *Model
	err error
}

// waiting is the program's model: Init, called once the terminal is set
// up, waits for the dashboard being built alongside, then every message
// goes to it.
type waiting struct {
	ready chan building
	m     *Model
	err   error
}

func (w *waiting) Init() tea.Cmd {
	b := <-w.ready
	if b.err != nil {
		w.err = b.err
		return tea.Quit
	}
	w.m = b.m
	return w.m.Init()
}

func (w *waiting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if w.m == nil {
		return w, nil
	}
	_, cmd := w.m.Update(msg)
	return w, cmd
}

func (w *waiting) View() tea.View {
	if w.m == nil {
		return tea.NewView("")
	}
	return w.m.View()
}
