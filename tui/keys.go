package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the dashboard with its help text: the
// footer, the "?" overlay and the README's key table all come from here,
// and so do the keys of the filter box and the palette.
type KeyMap struct {
	NextTab, PrevTab, JumpTab      key.Binding
	Up, Down, PageUp, PageDown     key.Binding
	Top, Bottom, Left, Right       key.Binding
	Enter, Back, HistBack, HistFwd key.Binding
	Filter, Sort, SortReverse      key.Binding
	Palette, Copy, Open, Help      key.Binding
	Pane, Zoom                     key.Binding
	Chart, Metric, Scale           key.Binding
	MapMode, ASCII                 key.Binding
	ZoomIn, ZoomOut, ZoomReset     key.Binding
	Quit, ForceQuit                key.Binding
	// Provenance, comparison and data out (cite.go, compare.go, about.go,
	// export.go).
	Mark, Compare, About  key.Binding
	Export, CopyURL, Cite key.Binding
	ExportCSV, ExportMD   key.Binding
	ViewClose             key.Binding

	// In the filter box: every other key is text.
	FilterKeep, FilterClear, FilterLeave key.Binding
	// In the palette: every other key is text.
	PaletteJump, PaletteNext, PalettePrev, PaletteClose key.Binding
	// In the help overlay.
	HelpClose key.Binding
}

// DefaultKeys is the keymap of design.md.
func DefaultKeys() *KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return &KeyMap{
		NextTab:     b(k("tab"), h("tab", "next tab")),
		PrevTab:     b(k("shift+tab"), h("shift+tab", "previous tab")),
		JumpTab:     b(k("1", "2", "3", "4", "5", "6", "7"), h("1-7", "go to tab")),
		Up:          b(k("up", "k"), h("↑/k", "up")),
		Down:        b(k("down", "j"), h("↓/j", "down")),
		PageUp:      b(k("pgup", "ctrl+u"), h("pgup/ctrl+u", "page up")),
		PageDown:    b(k("pgdown", "ctrl+d"), h("pgdn/ctrl+d", "page down")),
		Top:         b(k("g", "home"), h("g/home", "first")),
		Bottom:      b(k("G", "end"), h("G/end", "last")),
		Left:        b(k("left", "h"), h("←/h", "back to the list")),
		Right:       b(k("right", "l"), h("→/l", "into the detail")),
		Enter:       b(k("enter"), h("enter", "open")),
		Back:        b(k("esc"), h("esc", "close / clear / back")),
		HistBack:    b(k("["), h("[", "back")),
		HistFwd:     b(k("]"), h("]", "forward")),
		Filter:      b(k("/"), h("/", "filter")),
		Sort:        b(k("s"), h("s", "sort")),
		SortReverse: b(k("S"), h("S", "reverse sort")),
		Palette:     b(k(":", "ctrl+p"), h(":/ctrl+p", "jump to…")),
		Copy:        b(k("y"), h("y", "copy record / fact")),
		Open:        b(k("o"), h("o", "open source")),
		CopyURL:     b(k("u"), h("u", "copy URL")),
		Cite:        b(k("Y"), h("Y", "copy citation")),
		Export:      b(k("e"), h("e", "export")),
		About:       b(k("i"), h("i", "about the data")),
		Mark:        b(k("space"), h("space", "mark state")),
		Compare:     b(k("C"), h("C", "compare marked")),
		Help:        b(k("?"), h("?", "help")),
		Pane:        b(k("p"), h("p", "hide detail")),
		Zoom:        b(k("z"), h("z", "zoom")),
		Chart:       b(k("c"), h("c", "chart")),
		Metric:      b(k("m"), h("m", "chart metric")),
		Scale:       b(k("x"), h("x", "chart scale")),
		MapMode:     b(k("v"), h("v", "countries/projects")),
		ASCII:       b(k("a"), h("a", "braille/blocks")),
		ZoomIn:      b(k("+", "="), h("+", "zoom in")),
		ZoomOut:     b(k("-"), h("-", "zoom out")),
		ZoomReset:   b(k("0"), h("0", "whole map")),
		Quit:        b(k("q", "ctrl+c"), h("q", "quit")),
		ForceQuit:   b(k("ctrl+c"), h("ctrl+c", "quit, even while typing")),

		FilterKeep:  b(k("enter"), h("enter", "keep filter")),
		FilterClear: b(k("esc"), h("esc", "clear")),
		FilterLeave: b(k("tab", "up", "down"), h("↑/↓", "back to the list")),

		PaletteJump:  b(k("enter"), h("enter", "jump")),
		PaletteNext:  b(k("down", "ctrl+n", "tab"), h("↓", "next")),
		PalettePrev:  b(k("up", "ctrl+p", "shift+tab"), h("↑", "previous")),
		PaletteClose: b(k("esc"), h("esc", "close")),

		HelpClose: b(k("?", "esc"), h("? or esc", "close")),

		ExportCSV: b(k("c"), h("c", "CSV")),
		ExportMD:  b(k("m"), h("m", "Markdown")),
		ViewClose: b(k("esc"), h("esc", "close")),
	}
}

// helpSection is a titled group of keys in the "?" overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections groups every binding for the "?" overlay.
func (k *KeyMap) helpSections() []helpSection {
	// The overlay has room to say more than the footer.
	export, mark, compare := k.Export, k.Mark, k.Compare
	export.SetHelp("e", "export the list: c CSV, m Markdown")
	mark.SetHelp("space", "mark a state (Signatories)")
	compare.SetHelp("C", "compare marked states")
	return []helpSection{
		{"Tabs", []key.Binding{k.NextTab, k.PrevTab, k.JumpTab, k.Palette, k.Help, k.Quit, k.ForceQuit}},
		{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}},
		{"Records", []key.Binding{k.Enter, k.Right, k.Left, k.Back, k.HistBack, k.HistFwd, mark, compare}},
		{"Sources and data", []key.Binding{k.Copy, k.Open, k.CopyURL, k.Cite, export, k.About}},
		{"Filter and sort", []key.Binding{k.Filter, k.FilterKeep, k.FilterClear, k.Sort, k.SortReverse}},
		{"Panes and charts", []key.Binding{k.Pane, k.Zoom, k.Chart, k.Metric, k.Scale}},
		{"Map", []key.Binding{k.MapMode, k.ASCII, k.ZoomIn, k.ZoomOut, k.ZoomReset}},
	}
}
