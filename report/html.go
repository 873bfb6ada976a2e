package report

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"casia/model"
)

//go:embed brief.html.tmpl
var briefTemplate string

//go:embed brief.css
var briefCSS string

// tmpl is parsed once. html/template escapes every data string for the
// context it lands in (text, attribute, URL), and refuses URLs that are
// not http(s), so nothing in a dataset becomes markup or script.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("brief").Funcs(template.FuncMap{
		"mark":     Mark,
		"confName": ConfidenceName,
		"kindTitle": func(k model.ProjectKind) string {
			return KindTitle(k)
		},
		"join": strings.Join,
		"css":  func() template.CSS { return template.CSS(briefCSS) },
		"itoa": strconv.Itoa,
		"human": func(d model.Date) string {
			return d.Human()
		},
	}).Parse(briefTemplate))
})

// htmlPage is what the template sees.
type htmlPage struct {
	*Brief
	Map    *svgMap
	Charts []svgChart
}

// HTML writes the brief as one self-contained page: inline CSS, no
// scripts, nothing fetched (a Content-Security-Policy says so to the
// browser), the map and the charts as inline SVG, light and dark themes
// from prefers-color-scheme, and print styles for an A4 PDF.
func (b *Brief) HTML(w io.Writer) error {
	m, err := b.buildMap()
	if err != nil {
		return err
	}
	return tmpl().Execute(w, htmlPage{Brief: b, Map: m, Charts: b.buildCharts()})
}

// NameX is where the charts' state names end (they are right-aligned).
func (htmlPage) NameX() string { return num(chartNameW) }
