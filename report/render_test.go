package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"casia/model"
)

// TestMarkdownRenders reads the Markdown brief the way GitHub does
// (goldmark with GFM tables, strikethrough and footnotes) and checks what a
// reader of the rendered page gets: no markup from the data, every table
// row with its header's number of cells, every footnote reference turned
// into a link, and the data's text intact.
func TestMarkdownRenders(t *testing.T) {
	// Raw HTML is rendered, as GitHub renders the tags it allows, so any
	// that slipped through escaping would show up as elements.
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	for name, ds := range map[string]*model.Dataset{"fixture": fixture(t), "embedded": embedded(t)} {
		t.Run(name, func(t *testing.T) {
			src := markdown(t, ds, Options{})
			var out bytes.Buffer
			if err := md.Convert([]byte(src), &out); err != nil {
				t.Fatal(err)
			}
			doc := parse(t, out.Bytes())
			for _, bad := range []string{"script", "b", "em", "strong del", "del", "img"} {
				for _, n := range all(doc, tag(bad)) {
					t.Errorf("the data became <%s>: %q", bad, text(n))
				}
			}
			for _, table := range all(doc, tag("table")) {
				want := len(all(all(table, tag("thead"))[0], tag("th")))
				for _, tr := range all(table, tag("tr")) {
					if got := len(all(tr, tag("td"))) + len(all(tr, tag("th"))); got != want {
						t.Errorf("a row has %d cells, the header %d: %q", got, want, text(tr))
					}
				}
			}
			rendered := text(doc)
			if strings.Contains(rendered, "[^") {
				t.Error("a footnote reference was not rendered as a footnote")
			}
			b, _ := Build(ds, Options{})
			refs := all(doc, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "footnote-ref") })
			if len(refs) == 0 {
				t.Fatal("no footnote references rendered")
			}
			items := all(doc, func(n *html.Node) bool { return n.Data == "li" && strings.HasPrefix(attr(n, "id"), "fn:") })
			if len(items) != len(b.Notes) {
				t.Errorf("%d footnotes rendered, want %d", len(items), len(b.Notes))
			}
			for _, note := range b.Notes {
				if !strings.Contains(rendered, note.Source.Title) {
					t.Errorf("the source title %q is not in the rendered text", note.Source.Title)
				}
			}
			if ds.Summit.ID != "" && !strings.Contains(rendered, oneLine(ds.Summit.Summary)) {
				t.Error("the summit's summary does not render as its own text")
			}
			for _, p := range ds.Partnerships {
				if !strings.Contains(rendered, p.Format) {
					t.Errorf("the format %q does not render as its own text", p.Format)
				}
			}
		})
	}
}
