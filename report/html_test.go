package report

import (
	"bytes"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"casia/model"
)

func htmlOf(t testing.TB, ds *model.Dataset, o Options) []byte {
	t.Helper()
	b, err := Build(ds, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.HTML(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parse(t testing.TB, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), c)
}

// all lists the element nodes under n (n included) for which keep is true.
func all(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && keep(d) {
			out = append(out, d)
		}
	}
	if n.Type == html.ElementNode && keep(n) {
		out = append([]*html.Node{n}, out...)
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := all(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}

// TestHTMLStructure checks the page a browser gets, for the fixture and
// the embedded data: self-contained, accessible, every footnote link
// resolving, every external link well-formed, the map holding the states
// and their capitals.
func TestHTMLStructure(t *testing.T) {
	for name, ds := range map[string]*model.Dataset{"fixture": fixture(t), "embedded": embedded(t)} {
		t.Run(name, func(t *testing.T) {
			page := htmlOf(t, ds, Options{})
			doc := parse(t, page)
			b, _ := Build(ds, Options{})
			checkSelfContained(t, doc)
			checkAccessible(t, doc)
			checkLinks(t, doc, b)
			checkMap(t, doc, b)
			checkCharts(t, doc, b)
		})
	}
}

func checkSelfContained(t *testing.T, doc *html.Node) {
	t.Helper()
	htmlEl := all(doc, tag("html"))[0]
	if attr(htmlEl, "lang") != "en" {
		t.Errorf(`<html lang> = %q, want "en"`, attr(htmlEl, "lang"))
	}
	for _, bad := range []string{"script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "foreignObject"} {
		if n := all(doc, tag(bad)); len(n) > 0 {
			t.Errorf("the page has a <%s> element", bad)
		}
	}
	for _, n := range all(doc, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			if a.Key == "src" || a.Key == "srcset" || strings.HasPrefix(a.Key, "on") || (a.Key == "style" && strings.Contains(a.Val, "url(")) {
				t.Errorf("<%s %s=%q> could fetch or run something", n.Data, a.Key, a.Val)
			}
		}
	}
	styles := all(doc, tag("style"))
	if len(styles) != 1 {
		t.Fatalf("%d <style> elements, want 1", len(styles))
	}
	css := text(styles[0])
	for _, bad := range []string{"url(", "@import", "@font-face"} {
		if strings.Contains(css, bad) {
			t.Errorf("the CSS has %s", bad)
		}
	}
	for _, want := range []string{"prefers-color-scheme: dark", "@media print", "size: A4"} {
		if !strings.Contains(css, want) {
			t.Errorf("the CSS lacks %q", want)
		}
	}
	var csp string
	for _, m := range all(doc, tag("meta")) {
		if strings.EqualFold(attr(m, "http-equiv"), "Content-Security-Policy") {
			csp = attr(m, "content")
		}
	}
	if !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q does not forbid fetching", csp)
	}
	if len(all(doc, tag("title"))) == 0 || text(all(doc, tag("title"))[0]) == "" {
		t.Error("no page title")
	}
}

func checkAccessible(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, id := range []string{"summit", "states", "formats", "projects", "timeline", "sources"} {
		s := byID(doc, id)
		if s == nil || s.Data != "section" {
			t.Errorf("no <section id=%q>", id)
			continue
		}
		h := byID(doc, attr(s, "aria-labelledby"))
		if h == nil || h.Data != "h2" {
			t.Errorf("section %q is not labelled by its <h2>", id)
		}
	}
	if len(all(doc, tag("h1"))) != 1 {
		t.Error("want exactly one <h1>")
	}
	for _, table := range all(doc, tag("table")) {
		heads := all(table, tag("thead"))
		if len(heads) != 1 {
			t.Errorf("a table (%q) has no <thead>", text(table)[:min(40, len(text(table)))])
			continue
		}
		for _, th := range all(heads[0], tag("th")) {
			if attr(th, "scope") != "col" {
				t.Errorf("header %q lacks scope=col", text(th))
			}
		}
		for _, body := range all(table, tag("tbody")) {
			for _, tr := range all(body, tag("tr")) {
				first := tr.FirstChild
				for first != nil && first.Type != html.ElementNode {
					first = first.NextSibling
				}
				if first == nil || first.Data != "th" || attr(first, "scope") != "row" {
					t.Errorf("row %q does not start with a <th scope=row>", text(tr)[:min(40, len(text(tr)))])
				}
			}
		}
	}
	// Every SVG drawing is an image with a title and a description; the
	// small legend keys are hidden from screen readers.
	for _, svg := range all(doc, tag("svg")) {
		if attr(svg, "aria-hidden") == "true" {
			continue
		}
		if attr(svg, "role") != "img" {
			t.Errorf("an <svg> lacks role=img")
		}
		ids := strings.Fields(attr(svg, "aria-labelledby"))
		if len(ids) != 2 {
			t.Errorf("an <svg> is labelled by %q, want a title and a description", ids)
			continue
		}
		for i, want := range []string{"title", "desc"} {
			n := byID(doc, ids[i])
			if n == nil || n.Data != want || strings.TrimSpace(text(n)) == "" {
				t.Errorf("<svg> label %q is not a non-empty <%s>", ids[i], want)
			}
		}
	}
	// A confidence mark is hidden from screen readers, which read its
	// name instead.
	for _, mk := range all(doc, func(n *html.Node) bool { return hasClass(n, "mk") }) {
		if attr(mk, "aria-hidden") != "true" {
			t.Error("a confidence mark is not aria-hidden")
			break
		}
		sr := mk.NextSibling
		if sr == nil || !hasClass(sr, "sr") {
			t.Errorf("mark %q has no screen-reader name after it", text(mk))
			break
		}
	}
}

func checkLinks(t *testing.T, doc *html.Node, b *Brief) {
	t.Helper()
	ids := map[string]int{}
	for _, n := range all(doc, func(n *html.Node) bool { return attr(n, "id") != "" }) {
		ids[attr(n, "id")]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	referenced := map[string]bool{}
	for _, a := range all(doc, tag("a")) {
		href := attr(a, "href")
		if frag, ok := strings.CutPrefix(href, "#"); ok {
			if ids[frag] == 0 {
				t.Errorf("link %q resolves to no anchor", href)
			}
			referenced[frag] = true
			continue
		}
		u, err := url.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Errorf("external link %q is not a well-formed http(s) URL", href)
		}
	}
	items := all(doc, func(n *html.Node) bool { return n.Data == "li" && strings.HasPrefix(attr(n, "id"), "fn-") })
	if len(items) != len(b.Notes) || len(items) == 0 {
		t.Fatalf("%d footnotes on the page, want %d", len(items), len(b.Notes))
	}
	for i, li := range items {
		n := b.Notes[i]
		if attr(li, "id") != "fn-"+itoa(n.N) {
			t.Errorf("footnote %d has id %q", n.N, attr(li, "id"))
		}
		if !referenced[attr(li, "id")] {
			t.Errorf("footnote %d is never referenced", n.N)
		}
		var ext []string
		for _, a := range all(li, tag("a")) {
			if !strings.HasPrefix(attr(a, "href"), "#") {
				ext = append(ext, attr(a, "href"))
			}
		}
		if len(ext) != 1 || ext[0] != n.Source.URL {
			t.Errorf("footnote %d links %q, want its source's URL %q", n.N, ext, n.Source.URL)
		}
		txt := text(li)
		for _, want := range []string{n.Source.Publisher, n.Source.Title} {
			if !strings.Contains(txt, want) {
				t.Errorf("footnote %d %q lacks %q", n.N, txt, want)
			}
		}
		if n.Source.Date != "" && !strings.Contains(txt, n.Source.Date.Human()) {
			t.Errorf("footnote %d lacks its date", n.N)
		}
	}
}

func checkMap(t *testing.T, doc *html.Node, b *Brief) {
	t.Helper()
	figs := all(doc, func(n *html.Node) bool { return n.Data == "figure" && hasClass(n, "map") })
	if len(figs) != 1 {
		t.Fatalf("%d map figures, want 1", len(figs))
	}
	m := figs[0]
	for _, c := range b.States {
		shapes := all(m, func(n *html.Node) bool { return n.Data == "path" && attr(n, "data-id") == c.ID })
		if len(shapes) != 1 || !hasClass(shapes[0], "sig") || !strings.HasPrefix(attr(shapes[0], "d"), "M") {
			t.Errorf("the map has no outline for %s", c.ID)
		}
		if c.Capital == nil {
			continue
		}
		caps := all(m, func(n *html.Node) bool { return hasClass(n, "capital") && attr(n, "data-country") == c.Names.Common })
		if len(caps) != 1 || !strings.Contains(text(caps[0]), c.Capital.Name) {
			t.Errorf("the map has no capital %s for %s", c.Capital.Name, c.ID)
		}
	}
	routes := 0
	for _, g := range b.Projects.Groups {
		for _, r := range g.Rows {
			if len(r.Project.Route) >= 2 {
				routes++
			}
		}
	}
	if got := len(all(m, tag("polyline"))); got != routes || routes == 0 {
		t.Errorf("%d routes on the map, want %d (> 0)", got, routes)
	}
}

func checkCharts(t *testing.T, doc *html.Node, b *Brief) {
	t.Helper()
	charts := all(doc, func(n *html.Node) bool { return n.Data == "figure" && hasClass(n, "chart") })
	if len(charts) == 0 {
		t.Fatal("no charts")
	}
	pop := byID(doc, "chart-population")
	if pop == nil {
		t.Fatal("no population chart")
	}
	bars := all(pop, func(n *html.Node) bool { return n.Data == "g" && hasClass(n, "bar") })
	if len(bars) != len(b.States) {
		t.Errorf("%d population bars, want %d", len(bars), len(b.States))
	}
	// China's population is drawn off the five states' scale, the
	// others on it.
	for _, g := range bars {
		name := text(all(g, func(n *html.Node) bool { return hasClass(n, "name") })[0])
		if off := hasClass(g, "off"); off != (name == "China") {
			t.Errorf("%s: off scale = %v", name, off)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// TestHTMLEscaping: markup in the data is text on the page.
func TestHTMLEscaping(t *testing.T) {
	page := htmlOf(t, fixture(t), Options{})
	doc := parse(t, page)
	if len(all(doc, tag("script"))) > 0 {
		t.Fatal("a source title became a <script>")
	}
	if len(all(doc, tag("b"))) > 0 {
		t.Fatal("the summary's <b> became markup")
	}
	if !strings.Contains(text(doc), "<script>alert(1)</script>") {
		t.Error("the source title is not shown as text")
	}
	if !strings.Contains(string(page), `href="https://example.org/a?x=1&amp;y=2"`) {
		t.Error("the URL's & is not escaped in its attribute")
	}
	if got := text(all(doc, tag("h1"))[0]); got != "Fixture <brief> & co" {
		t.Errorf("h1 = %q", got)
	}
}

// TestHTMLNarrowed: --country highlights the covered states on the map
// and charts only them.
func TestHTMLNarrowed(t *testing.T) {
	ds := fixture(t)
	doc := parse(t, htmlOf(t, ds, Options{Countries: []string{"kz", "uz"}}))
	for _, id := range []string{"cn", "kz", "kg", "uz"} {
		p := all(doc, func(n *html.Node) bool { return n.Data == "path" && attr(n, "data-id") == id })
		if len(p) != 1 {
			t.Fatalf("no outline for %s", id)
		}
		if sel := hasClass(p[0], "sel"); sel != (id == "kz" || id == "uz") {
			t.Errorf("%s highlighted = %v", id, sel)
		}
	}
	bars := all(byID(doc, "chart-population"), func(n *html.Node) bool { return hasClass(n, "bar") })
	if len(bars) != 2 {
		t.Errorf("%d population bars, want 2", len(bars))
	}
}

// TestOffMapCapital: a capital east of the map's window (here Beijing
// moved to 125°E; the real one is inside since the map reaches 120°E) is
// drawn as an arrow on the edge, named with its longitude.
func TestOffMapCapital(t *testing.T) {
	ds := fixture(t)
	moved := false
	for i := range ds.Countries {
		if c := ds.Countries[i].Capital; c != nil && c.Name == "Beijing" {
			c.Lon, moved = 125.0, true
		}
	}
	if !moved {
		t.Fatal("the fixture has no Beijing")
	}
	b, _ := Build(ds, Options{})
	m, err := b.buildMap()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Capitals {
		if c.Name == "Beijing" {
			if !c.Off || !strings.Contains(c.Label.Text, "125.0°E") || c.Label.Anchor != "end" {
				t.Errorf("Beijing = %+v, want an arrow on the east edge", c)
			}
		}
	}
	b, _ = Build(embedded(t), Options{})
	if m, err = b.buildMap(); err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Capitals {
		if c.Off {
			t.Errorf("%s is drawn off the map; every signatory's capital is inside it", c.Name)
		}
	}
}

func TestLabelsDoNotOverlap(t *testing.T) {
	b, _ := Build(embedded(t), Options{})
	m, err := b.buildMap()
	if err != nil {
		t.Fatal(err)
	}
	var boxes []box
	for _, c := range m.Capitals {
		if c.Off {
			continue
		}
		x, y := atof(c.Label.X), atof(c.Label.Y)
		bx := textBox(x, y, c.Label.Text, c.Label.Class, c.Label.Anchor)
		for _, o := range boxes {
			if bx.overlaps(o) {
				t.Errorf("the label %q overlaps another capital's", c.Label.Text)
			}
		}
		boxes = append(boxes, bx)
	}
}
