package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the dashboard with its help text. The
// footer's short help, the "?" overlay and the README's key table all come
// from here.
type KeyMap struct {
	NextTab, PrevTab, JumpTab      key.Binding
	Up, Down, PageUp, PageDown     key.Binding
	Top, Bottom, Left, Right       key.Binding
	Enter, Back, HistBack, HistFwd key.Binding
	Filter, Sort, SortReverse      key.Binding
	Palette, Copy, Open, Help      key.Binding
	Chart, Metric, Scale           key.Binding
	MapMode, ASCII                 key.Binding
	ZoomIn, ZoomOut, ZoomReset     key.Binding
	Quit                           key.Binding
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
		PageUp:      b(k("pgup", "ctrl+u"), h("pgup", "page up")),
		PageDown:    b(k("pgdown", "ctrl+d"), h("pgdn", "page down")),
		Top:         b(k("g", "home"), h("g/home", "first")),
		Bottom:      b(k("G", "end"), h("G/end", "last")),
		Left:        b(k("left", "h"), h("←/h", "list pane")),
		Right:       b(k("right", "l"), h("→/l", "detail pane")),
		Enter:       b(k("enter"), h("enter", "open / follow link")),
		Back:        b(k("esc"), h("esc", "close / clear / back")),
		HistBack:    b(k("["), h("[", "back")),
		HistFwd:     b(k("]"), h("]", "forward")),
		Filter:      b(k("/"), h("/", "filter")),
		Sort:        b(k("s"), h("s", "sort field")),
		SortReverse: b(k("S"), h("S", "reverse sort")),
		Palette:     b(k(":", "ctrl+p"), h(":", "jump to…")),
		Copy:        b(k("y"), h("y", "copy record")),
		Open:        b(k("o"), h("o", "open source")),
		Help:        b(k("?"), h("?", "help")),
		Chart:       b(k("c"), h("c", "chart")),
		Metric:      b(k("m"), h("m", "chart metric")),
		Scale:       b(k("x"), h("x", "chart scale")),
		MapMode:     b(k("v"), h("v", "countries/projects")),
		ASCII:       b(k("a"), h("a", "braille/blocks")),
		ZoomIn:      b(k("+", "="), h("+", "zoom in")),
		ZoomOut:     b(k("-"), h("-", "zoom out")),
		ZoomReset:   b(k("0"), h("0", "whole map")),
		Quit:        b(k("q", "ctrl+c"), h("q", "quit")),
	}
}
