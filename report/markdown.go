package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"casia/model"
)

// Markdown writes the brief as CommonMark with GitHub's tables and
// footnotes ([^1]), which pandoc and most editors and CMSs read too. Every
// data string is escaped, so nothing in the data turns into markup.
func (b *Brief) Markdown(w io.Writer) error {
	m := &mdWriter{w: bufio.NewWriter(w)}
	m.line("# " + md(b.Title))
	m.blank()
	m.para(b.metaLine())
	m.para("Marks: " + md(Legend))
	if b.Summit != nil {
		b.mdSummit(m)
	}
	b.mdFigures(m)
	b.mdFormats(m)
	b.mdProjects(m)
	b.mdTimeline(m)
	m.line("## Sources")
	m.blank()
	for _, n := range b.Notes {
		m.line(fmt.Sprintf("[^%d]: %s", n.N, mdSource(n)))
		m.blank()
	}
	return m.w.Flush()
}

// metaLine says what the brief covers and how current the data is.
func (b *Brief) metaLine() string {
	var parts []string
	if b.AsOf != "" {
		parts = append(parts, "Data as of "+b.AsOf)
	}
	if b.Updated != "" {
		parts = append(parts, "updated "+b.Updated)
	}
	parts = append(parts, "states: "+strings.Join(b.stateNames(), ", "))
	parts = append(parts, "timeline and meetings since "+strconv.Itoa(b.Since))
	return "Briefing from casia. " + md(strings.Join(parts, "; ")) + "."
}

func (b *Brief) stateNames() []string {
	out := make([]string, len(b.States))
	for i, c := range b.States {
		out[i] = c.Names.Common
	}
	return out
}

type mdWriter struct{ w *bufio.Writer }

func (m *mdWriter) line(s string) { m.w.WriteString(s + "\n") }
func (m *mdWriter) blank()        { m.w.WriteString("\n") }

// para writes an already-escaped paragraph.
func (m *mdWriter) para(s string) {
	if s == "" {
		return
	}
	m.line(lead(s))
	m.blank()
}

func (m *mdWriter) heading(level int, s string) {
	m.line(strings.Repeat("#", level) + " " + md(s))
	m.blank()
}

func (m *mdWriter) list(items []string) {
	if len(items) == 0 {
		return
	}
	for _, it := range items {
		m.line("- " + lead(it))
	}
	m.blank()
}

func (m *mdWriter) table(header []string, right []bool, rows [][]string) {
	m.line("| " + strings.Join(header, " | ") + " |")
	seps := make([]string, len(header))
	for i := range seps {
		seps[i] = "---"
		if right != nil && right[i] {
			seps[i] = "---:"
		}
	}
	m.line("| " + strings.Join(seps, " | ") + " |")
	for _, r := range rows {
		m.line("| " + strings.Join(r, " | ") + " |")
	}
	m.blank()
}

// mdCited is text, its confidence mark and its footnotes; with a label,
// "label: text".
func mdCited(c Cited) string {
	s := md(c.Text)
	if c.Label != "" && c.Text != "" {
		s = md(c.Label) + ": " + s
	}
	return s + mdMarks(c)
}

func mdMarks(c Cited) string {
	s := ""
	if mk := Mark(c.Conf); mk != "" {
		s = " " + mk
	}
	for _, r := range c.Refs {
		s += "[^" + strconv.Itoa(r.N) + "]"
	}
	return s
}

func mdCiteds(cs []Cited) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = mdCited(c)
	}
	return out
}

// mdFig is a figure's cell: "20,286,084 (1 Jan 2025) ≠[^3]"; empty when
// the dataset has no such figure.
func mdFig(f Fig) string {
	if f.F == nil {
		return ""
	}
	s := md(f.Text)
	if f.When != "" {
		s += " (" + md(f.When) + ")"
	}
	return s + mdMarks(f.Cited)
}

func (b *Brief) mdSummit(m *mdWriter) {
	s := b.Summit
	m.heading(2, s.Name)
	if len(s.AltNames) > 0 {
		m.para("Also: " + md(strings.Join(s.AltNames, "; ")) + ".")
	}
	m.para("**" + md(s.When) + "**, " + md(s.Place) + ". Host: " + md(s.Host) + ".")
	m.para(mdCited(s.Summary))
	if len(s.Leaders) > 0 {
		m.para("Leaders: " + md(strings.Join(s.Leaders, ", ")) + ".")
	}
	t := &s.Treaty
	m.heading(3, "The treaty")
	m.para("**" + md(t.Name.Text) + "**" + mdMarks(t.Name) + ", signed " + md(t.Signed) + " by " + md(strings.Join(t.Signatories, ", ")) + ".")
	if len(t.AltNames) > 0 {
		m.para("Also rendered as: " + md(strings.Join(t.AltNames, "; ")) + ".")
	}
	if t.Articles != nil {
		m.para("Articles: " + mdFig(*t.Articles))
	}
	if len(t.Principles) > 0 {
		m.para("Principles:")
		m.list(mdCiteds(t.Principles))
	}
	if len(t.Notes) > 0 {
		m.para("Notes:")
		m.list(mdCiteds(t.Notes))
	}
	if len(s.Documents) > 0 {
		m.heading(3, "Documents")
		m.list(mdCiteds(s.Documents))
	}
	if len(s.Outcomes) > 0 {
		m.heading(3, "Outcomes")
		m.list(mdCiteds(s.Outcomes))
	}
	if len(s.Quotes) > 0 {
		m.heading(3, "Quotes")
		var qs []string
		for _, q := range s.Quotes {
			qs = append(qs, md(q.Text)+" — "+md(q.Label)+mdMarks(q))
		}
		m.list(qs)
	}
	if len(s.Figures) > 0 {
		m.heading(3, "Figures")
		var rows [][]string
		for _, f := range s.Figures {
			rows = append(rows, []string{md(f.Label), mdFig(f)})
		}
		m.table([]string{"Figure", "Value"}, []bool{false, true}, rows)
	}
}

func (b *Brief) mdFigures(m *mdWriter) {
	fp := &b.Figures
	m.heading(2, "The states")
	header := []string{"State", "Capital", "Head of state"}
	right := []bool{false, false, false}
	for _, c := range fp.Columns {
		header = append(header, md(c.Label))
		right = append(right, true)
	}
	var rows [][]string
	for _, r := range fp.Rows {
		row := []string{md(r.Name.Text), mdCited(r.Capital), mdCited(r.Leader)}
		for _, f := range r.Figures {
			row = append(row, mdFig(f))
		}
		rows = append(rows, row)
	}
	m.table(header, right, rows)
	if len(fp.Notes) > 0 {
		m.para("Notes to the table:")
		m.list(mdCiteds(fp.Notes))
	}
}

func (b *Brief) mdFormats(m *mdWriter) {
	if len(b.Formats) == 0 {
		return
	}
	m.heading(2, "Dialogue formats")
	var rows [][]string
	for _, f := range b.Formats {
		rows = append(rows, []string{mdCited(f.Partner), md(f.Format), mdCited(f.Launched), mdCited(f.Latest), md(strings.Join(f.Members, ", "))})
	}
	m.table([]string{"Partner", "Format", "Launched", "Latest meeting", "Members"}, nil, rows)
	if len(b.Meetings) > 0 {
		m.heading(3, "Meetings since "+strconv.Itoa(b.Since))
		var items []string
		for _, it := range b.Meetings {
			items = append(items, "**"+md(it.Label)+"** ("+md(it.Partner)+"): "+md(it.Text)+mdMarks(it.Cited))
		}
		m.list(items)
	}
}

func (b *Brief) mdProjects(m *mdWriter) {
	pp := &b.Projects
	if pp.Total == 0 {
		return
	}
	m.heading(2, "Projects")
	header := []string{"Kind"}
	right := []bool{false}
	for _, s := range pp.Statuses {
		header = append(header, md(string(s)))
		right = append(right, true)
	}
	header = append(header, "All")
	right = append(right, true)
	var rows [][]string
	for _, kc := range pp.Counts {
		row := []string{md(KindTitle(kc.Kind))}
		for _, n := range kc.Counts {
			row = append(row, countCell(n))
		}
		rows = append(rows, append(row, strconv.Itoa(kc.Total)))
	}
	m.table(header, right, rows)
	for _, g := range pp.Groups {
		m.heading(3, KindTitle(g.Kind))
		var rows [][]string
		for _, r := range g.Rows {
			rows = append(rows, []string{mdCited(r.Name), md(strings.Join(r.Countries, ", ")), md(r.Status), mdFig(r.Length), mdFig(r.Capacity), mdFig(r.Cost)})
		}
		m.table([]string{"Project", "Countries", "Status", "Length", "Capacity", "Cost"}, []bool{false, false, false, true, true, true}, rows)
	}
}

func countCell(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// KindTitle is a project kind as a heading: "Rail", "Pipelines".
func KindTitle(k model.ProjectKind) string {
	switch string(k) {
	case "rail":
		return "Rail"
	case "road":
		return "Roads"
	case "pipeline":
		return "Pipelines"
	case "power":
		return "Power"
	case "logistics":
		return "Logistics"
	case "digital":
		return "Digital"
	case "industry":
		return "Industry"
	}
	return string(k)
}

func (b *Brief) mdTimeline(m *mdWriter) {
	if len(b.Timeline) == 0 {
		return
	}
	m.heading(2, "Timeline since "+strconv.Itoa(b.Since))
	var items []string
	for _, e := range b.Timeline {
		items = append(items, "**"+md(e.Label)+"**: "+md(e.Text)+mdMarks(e))
	}
	m.list(items)
}

// mdSource is a footnote: publisher, “title”, date, and the URL as a link.
func mdSource(n Note) string {
	s := n.Source
	out := md(s.Publisher) + ", “" + md(s.Title) + "”"
	if s.Date != "" {
		out += ", " + md(s.Date.Human())
	}
	return out + ". <" + AutolinkURL(s.URL) + ">"
}

// AutolinkURL makes a URL safe inside <…>: CommonMark autolinks end at
// the first space, < or >, so those (and controls) are percent-encoded.
func AutolinkURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c == '<' || c == '>' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	if _, err := url.Parse(b.String()); err != nil {
		return url.PathEscape(u)
	}
	return b.String()
}

// mdEscaper backslash-escapes what Markdown (CommonMark, GitHub's tables,
// strikethrough and math) could read as markup.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "$", `\$`, "#", `\#`,
	"\n", " ", "\r", " ",
)

// md escapes a data string for Markdown text.
func md(s string) string { return mdEscaper.Replace(s) }

// lead escapes what would make the start of a line a list item ("- ",
// "+ ", "2025. ", "3) "); para and list pass every line they start
// through it.
func lead(s string) string {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' {
		return `\` + s
	}
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i > 0 && i <= 9 && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// StateNames are the common names of the states the brief covers.
func (b *Brief) StateNames() []string { return b.stateNames() }

// EscapeMarkdown escapes a data string for Markdown text the way briefs
// do, for other commands that write Markdown with the same marks.
func EscapeMarkdown(s string) string { return md(s) }
