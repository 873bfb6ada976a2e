package tui

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// FPS is the frame rate a local dashboard asks Bubble Tea for: its most.
// A frame goes out at the renderer's next tick, so the rate bounds the
// time from a key (or the start) to the screen: about 4 ms on average at
// 120 frames a second, 8 ms at the default 60. An idle dashboard draws
// nothing, and keys rarely come faster than 60 a second, so the rate costs
// next to no CPU (README, Performance). SSH sessions choose their own.
const FPS = 120

// frameRate, set at link time (-ldflags "-X casia/tui.frameRate=60"),
// replaces FPS: cmd/casia's BenchmarkFrameRate builds casia at two rates
// to compare them.
var frameRate string

func fps() int {
	if n, err := strconv.Atoi(frameRate); err == nil && n > 0 {
		return n
	}
	return FPS
}

// gcPercent is the garbage collector's target while a local dashboard runs
// (GOGC, unless the environment sets it).
const gcPercent = 200

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
	if os.Getenv("GOGC") == "" {
		// The dashboard keeps a few MB live and allocates as much again to
		// start (the dataset decoded, Bubble Tea's buffers): at Go's
		// default target that is a collection during start-up, 2-9 ms of
		// CPU. Twice the live heap is a small price for a terminal app.
		defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
	}
	if os.Getenv("GOMAXPROCS") == "" {
		// One processor: a dashboard's work per key is well under a
		// millisecond and runs in turn (input, update, frame), so a second
		// one only costs threads waking and spinning to look for work:
		// about a tenth of start-up's CPU, and some of every idle second.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	}
	ready := make(chan building, 1)
	// The renderer measures non-ASCII text with a width table it builds on
	// first use (about 1 ms); build it now, beside the terminal's set-up,
	// rather than in the first frame's flush.
	go ansi.WcWidth.StringWidth("─")
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
	p := tea.NewProgram(w, append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(fps())}, popts...)...)
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
