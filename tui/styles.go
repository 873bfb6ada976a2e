package tui

import (
	"image/color"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"casia/model"
)

// Theme is a --theme value.
type Theme string

// Themes.
const (
	ThemeAuto         Theme = "auto"
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
)

// Styles is every style the dashboard draws with, built once per theme and
// background so View never constructs styles. Meaning is never carried by
// colour alone: selections are reversed and marked, confidence has a
// symbol, links are underlined.
type Styles struct {
	NoColor bool
	Dark    bool

	Accent, Accent2, Muted, Warn color.Color

	Brand, TabActive, TabInactive, TabKey, Rule Ink
	Status, StatusKey, Count, Message, Error    Ink
	TableHeader, Row, RowSelected, RowDim       Ink
	Match, MatchSelected                        Ink
	Title, Subtitle, Section, Label, Text, Dim  Ink
	Link, LinkSelected, Caveat, Quote           Ink
	BoxTitle, Notice, YearMark, Rail            Ink
	Emphasis, Alarm, Highlight                  Ink // map labels and the selected route
	Box                                         lipgloss.Style
	Bar                                         []Ink // gradient for charts, one ink per step
	Badge                                       map[model.Confidence]Ink

	Help  help.Styles
	Input textinput.Styles
	// The footer's keys, descriptions and separators, as Inks: the help
	// line is drawn every frame.
	HelpKey, HelpDesc, HelpSep Ink

	// Margin replaces the blank that starts a line: a space in the text
	// colour, which looks the same but is not the terminal's default
	// style. Bubble Tea's renderer (ultraviolet) tries, for every cursor
	// move near the screen's edges, to overwrite the cells it crosses
	// instead of sending a move, and builds that text cell by cell, one
	// string concatenation each (quadratic) for as long as the cells share
	// the cursor's style: across a line that is blank but for a scroll bar
	// at its right end, every move cost about 20 KB of garbage. A first
	// cell in another style ends that search at once. "" without colour.
	Margin string
}

// Marker is drawn before the selected row so the selection shows without
// colour or reverse video (NO_COLOR, screen readers, copy-paste).
const Marker = "▌"

// NewStyles builds the styles for a background. noColor drops every colour
// but keeps bold, underline and reverse video.
func NewStyles(theme Theme, isDark, noColor bool) *Styles {
	switch theme {
	case ThemeDark:
		isDark = true
	case ThemeLight:
		isDark = false
	}
	hc := theme == ThemeHighContrast
	ld := lipgloss.LightDark(isDark)
	s := &Styles{NoColor: noColor, Dark: isDark}
	s.Accent = ld(lipgloss.Color("#8A4B00"), lipgloss.Color("#F2B84B"))
	s.Accent2 = ld(lipgloss.Color("#006D77"), lipgloss.Color("#5FD3DC"))
	s.Muted = ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8C8C8C"))
	s.Warn = ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8A75"))
	text := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E6E6E6"))
	if hc {
		s.Accent = ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFF00"))
		s.Accent2 = ld(lipgloss.Color("#0000C0"), lipgloss.Color("#00FFFF"))
		s.Muted = ld(lipgloss.Color("#303030"), lipgloss.Color("#D0D0D0"))
		s.Warn = ld(lipgloss.Color("#C00000"), lipgloss.Color("#FF5050"))
		text = ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF"))
	}
	fg := func(c color.Color) lipgloss.Style {
		if noColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(c)
	}
	plain := lipgloss.NewStyle()

	s.Brand = inkOf(fg(s.Accent).Bold(true))
	s.TabActive = inkOf(fg(s.Accent).Bold(true).Underline(true))
	s.TabInactive = inkOf(fg(s.Muted))
	if hc || noColor {
		s.TabInactive = Ink{}
	}
	s.TabKey = inkOf(fg(s.Accent2))
	s.Rule = inkOf(fg(s.Muted))
	s.Status = inkOf(fg(s.Muted))
	s.StatusKey = inkOf(fg(s.Accent2).Bold(true))
	s.Count = inkOf(fg(s.Accent).Bold(true))
	s.Message = inkOf(fg(s.Accent2))
	s.Error = inkOf(fg(s.Warn).Bold(true))

	s.TableHeader = inkOf(fg(s.Muted).Bold(true))
	s.Row = inkOf(fg(text))
	s.RowSelected = inkOf(plain.Reverse(true).Bold(true))
	s.RowDim = inkOf(fg(s.Muted))
	s.Match = inkOf(fg(s.Accent).Bold(true).Underline(true))
	s.MatchSelected = inkOf(plain.Reverse(true).Bold(true).Underline(true))

	s.Title = inkOf(fg(s.Accent).Bold(true))
	s.Subtitle = inkOf(fg(s.Muted).Italic(true))
	s.Section = inkOf(fg(s.Accent2).Bold(true))
	s.Label = inkOf(fg(s.Muted))
	s.Text = inkOf(fg(text))
	s.Dim = inkOf(fg(s.Muted))
	s.Link = inkOf(fg(s.Accent2).Underline(true))
	s.LinkSelected = inkOf(plain.Reverse(true).Underline(true).Bold(true))
	s.Caveat = inkOf(fg(s.Warn))
	s.Quote = inkOf(fg(text).Italic(true))

	border := s.Accent2
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if !noColor {
		s.Box = s.Box.BorderForeground(border)
	}
	s.BoxTitle = inkOf(fg(s.Accent).Bold(true))
	s.Notice = inkOf(fg(s.Accent).Bold(true))
	s.YearMark = inkOf(fg(s.Accent).Bold(true))
	s.Rail = inkOf(fg(s.Muted))

	s.Bar = []Ink{inkOf(plain)}
	if !noColor {
		s.Bar = nil
		for _, c := range lipgloss.Blend1D(8, s.Accent2, s.Accent) {
			s.Bar = append(s.Bar, inkOf(lipgloss.NewStyle().Foreground(c)))
		}
	}
	s.Emphasis = inkOf(fg(text).Bold(true))
	s.Alarm = inkOf(fg(s.Warn).Bold(true))
	s.Highlight = inkOf(fg(s.Accent).Bold(true).Reverse(true))

	s.Badge = map[model.Confidence]Ink{
		model.Verified:     inkOf(fg(s.Accent2)),
		model.SingleSource: inkOf(fg(s.Accent)),
		model.Conflicting:  inkOf(fg(s.Warn).Bold(true)),
		model.Derived:      inkOf(fg(s.Muted)),
	}

	s.Help = help.DefaultStyles(isDark)
	s.Input = textinput.DefaultStyles(isDark)
	if noColor {
		s.Help = help.Styles{ShortKey: plain.Bold(true), FullKey: plain.Bold(true)}
		s.Input = textinput.Styles{}
		s.Input.Cursor.Color = nil
	} else {
		s.Help.ShortKey = fg(s.Accent2)
		s.Help.FullKey = fg(s.Accent2)
		s.Input.Focused.Prompt = fg(s.Accent).Bold(true)
	}
	s.HelpKey, s.HelpDesc, s.HelpSep = inkOf(s.Help.ShortKey), inkOf(s.Help.ShortDesc), inkOf(s.Help.ShortSeparator)
	if !noColor {
		s.Margin = s.Text.Render(" ")
	}
	return s
}

// Ink is an inline style with its escape sequences computed once (by
// rendering a marker through Lip Gloss), so the hot paths of View wrap
// text in two string concatenations instead of a full Lip Gloss render.
// It is only for single-line text without padding, width or borders.
type Ink struct{ pre, post string }

func inkOf(st lipgloss.Style) Ink {
	// The attributes in Lip Gloss's order (Style.Render), so the sequence
	// is the one it would write (TestInkOf); without a render per style,
	// building a theme's fifty inks takes a tenth of the time.
	var te ansi.Style
	if st.GetBold() {
		te = te.Bold()
	}
	if st.GetItalic() {
		te = te.Italic(true)
	}
	ul := st.GetUnderline()
	if ul {
		te = te.Underline(true)
	}
	if st.GetReverse() {
		te = te.Reverse(true)
	}
	if st.GetBlink() {
		te = te.Blink(true)
	}
	if st.GetFaint() {
		te = te.Faint()
	}
	if c := st.GetForeground(); isColor(c) {
		te = te.ForegroundColor(c)
	}
	if c := st.GetBackground(); isColor(c) {
		te = te.BackgroundColor(c)
	}
	if c := st.GetUnderlineColor(); isColor(c) {
		te = te.UnderlineColor(c)
	}
	if ul {
		te = te.UnderlineStyle(st.GetUnderlineStyle())
	}
	if st.GetStrikethrough() {
		te = te.Strikethrough(true)
	}
	if len(te) == 0 {
		return Ink{}
	}
	return Ink{te.String(), ansi.ResetStyle}
}

// isColor: Lip Gloss reports an unset colour as lipgloss.NoColor.
func isColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c != nil && !none
}

// Render styles the text, like lipgloss.Style.Render for inline styles.
func (k Ink) Render(strs ...string) string {
	s := strings.Join(strs, " ")
	if k.pre == "" && k.post == "" || s == "" {
		return s
	}
	if strings.IndexByte(s, '\n') >= 0 {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = k.pre + l + k.post
		}
		return strings.Join(lines, "\n")
	}
	return k.pre + s + k.post
}

// Badge renders a confidence symbol in its colour.
func (s *Styles) badge(c model.Confidence) string {
	st, ok := s.Badge[c]
	if !ok {
		return ""
	}
	return st.Render(c.Symbol())
}
