package cli

import (
	"errors"
	"os"
	"os/exec"
	"runtime"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"casia/model"
	"casia/tui"
)

// dashboard runs the TUI with the remembered state and saves it on exit.
// A nil dataset means the built-in one, loaded while the terminal is set
// up.
func dashboard(cmd *cobra.Command, a *app, ds *model.Dataset, tab string) error {
	opts := tui.Options{
		Tab:     tab,
		Filter:  a.tui.filter,
		Theme:   tui.Theme(a.tui.theme),
		NoColor: a.io.Getenv("NO_COLOR") != "",
		ASCII:   a.tui.ascii,
		OpenURL: openURL,
		// For the About view (i): which file this is.
		DataFrom: a.dataFile(),
	}
	if f, ok := a.io.Out.(*os.File); ok {
		if w, h, err := term.GetSize(f.Fd()); err == nil {
			opts.Width, opts.Height = w, h
		}
	}
	statePath := ""
	if !a.tui.noState {
		if p, err := tui.StatePath(a.io.Getenv); err == nil {
			statePath = p
			opts.State = tui.LoadState(p)
		}
	}
	var m *tui.Model
	var err error
	if ds != nil {
		m, err = tui.Run(cmd.Context(), ds, opts)
	} else {
		m, err = tui.RunLoading(cmd.Context(), a.dataset, opts)
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return errors.New("the dashboard crashed, which is a bug: please report it with the trace above")
	}
	if err != nil {
		return err
	}
	// Nothing remembered and nothing to remember (a first run that changed
	// nothing): no file is written. Failing to remember is not worth an
	// error after a good session.
	fresh := m != nil && opts.State == nil && opts.Tab == "" && opts.Filter == "" && !m.Changed()
	if statePath != "" && m != nil && !fresh {
		_ = tui.SaveState(statePath, m.Snapshot())
	}
	return nil
}

// openURL starts the platform's opener with its output discarded, so a
// chatty browser cannot scribble over the dashboard.
func openURL(url string) error {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	c.Stdin, c.Stdout, c.Stderr = nil, nil, nil
	if err := c.Start(); err != nil {
		return err
	}
	go func() { _ = c.Wait() }()
	return nil
}
