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
	m := New(ds, opts)
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx)}, popts...)...)
	final, err := p.Run()
	if err != nil {
		return m, fmt.Errorf("dashboard: %w", err)
	}
	if fm, ok := final.(*Model); ok {
		m = fm
	}
	return m, nil
}
