package tui

import "casia/model"

// Options configure one dashboard session.
type Options struct {
	Tab     string // tab to open on; "" for the remembered or first tab
	Filter  string // initial filter of that tab
	Theme   Theme
	NoColor bool // NO_COLOR was set: no colour at all
	ASCII   bool // block glyphs instead of braille on the map
	// Remote is set for SSH sessions: the server cannot open a browser on
	// the user's machine.
	Remote bool
	// State is the remembered tab, filters and sort; nil for none.
	State *State
	// OpenURL opens a link in the user's browser; nil disables "o".
	OpenURL func(url string) error
	// Width and Height, when known before the program starts, let the very
	// first frame be drawn instead of waiting for the size message.
	Width, Height int
	// DataFrom names the data file the session shows (the --data path),
	// for the About view; "" for the built-in data.
	DataFrom string
	// ExportDir is where e writes files; "" is the working directory.
	ExportDir string
	// Today is the date passed plans are judged against ("planned Sep 2026
	// · overdue"); empty means the clock's, tests pin it.
	Today model.Date
}

// ctx is what every component shares within one session: the read-only
// dataset, the current styles, the keymap, the options and the day. It is
// passed to each component when it is built (soft-serve's common.Common);
// there is no package-level mutable state, so any number of sessions can
// run in one process.
type ctx struct {
	ds    *model.Dataset
	st    *Styles
	keys  *KeyMap
	opts  Options
	today model.Date
}

func newCtx(ds *model.Dataset, opts Options) *ctx {
	if opts.Theme == "" {
		opts.Theme = ThemeAuto
	}
	today := opts.Today
	if !today.Valid() {
		today = model.Today()
	}
	c := &ctx{ds: ds, keys: DefaultKeys(), opts: opts, today: today}
	c.st = c.styles(true)
	return c
}

// stylesKey names a theme's styles among the dataset's shared values.
type stylesKey struct {
	theme         Theme
	dark, noColor bool
}

// styles are the session's theme for a background. Styles are read-only
// once built, so sessions over one dataset share each theme's (there are
// at most sixteen) rather than build their own.
func (c *ctx) styles(isDark bool) *Styles {
	return c.ds.Shared(stylesKey{c.opts.Theme, isDark, c.opts.NoColor}, func() any {
		return NewStyles(c.opts.Theme, isDark, c.opts.NoColor)
	}).(*Styles)
}
