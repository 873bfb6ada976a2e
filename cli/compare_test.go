package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

const fixturePath = "../report/testdata/fixture.yaml"

// run executes a command line as casia would and returns its exit code,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, IO{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" },
	})
	return code, out.String(), errb.String()
}

func TestCompareNames(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"compare", "kz", "uz"}, 0, "Kazakhstan", ""},
		{[]string{"compare", "Kazakhstan", "Oʻzbekiston"}, 0, "Uzbekistan", ""},
		{[]string{"compare", "Казахстан", "吉尔吉斯斯坦"}, 0, "Kyrgyzstan", ""},
		{[]string{"compare", "republic", "kz"}, 2, "", `"republic" could be Kazakhstan (kz), Tajikistan (tj) or Uzbekistan (uz); name one`},
		{[]string{"compare", "atlantis", "kz"}, 2, "", `no state is called "atlantis"; the states are China (cn), Kazakhstan (kz),`},
		{[]string{"compare", "kz"}, 2, "", "name at least two states"},
		{[]string{"compare"}, 2, "", "name at least two states"},
		{[]string{"compare", "kz", "qazaqstan"}, 2, "", "name the same state, Kazakhstan"},
		{[]string{"compare", "kz", "uz", "--format", "yaml"}, 2, "", `invalid --format "yaml"`},
		{[]string{"compare", "kz", "\x1b]52;c;aGk=\x07"}, 2, "", `no state is called`},
	} {
		code, out, errs := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.err) {
			t.Errorf("casia %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tc.args, code, trim(out), errs, tc.code, tc.out, tc.err)
		}
		if strings.ContainsRune(errs, '\x1b') {
			t.Errorf("casia %q: an escape sequence reached stderr", tc.args)
		}
		if tc.code != 0 && out != "" {
			t.Errorf("casia %q failed but wrote to stdout", tc.args)
		}
	}
}

func trim(s string) string { return s[:min(len(s), 200)] }

func TestCompareTable(t *testing.T) {
	code, out, _ := run(t, "--data", fixturePath, "compare", "kz", "uz", "kg")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], strings.Repeat(" ", 16)) || !strings.Contains(lines[0], "Kazakhstan") {
		t.Errorf("header = %q", lines[0])
	}
	// Figures line up: each state's values end in the same column.
	pop, gdp := lines[1], lines[3]
	for _, want := range []string{"Population", "20,286,084 ≠ 2025", "37,543,000 ✓ 2025", "7,282,000 ✓ 2025"} {
		if !strings.Contains(pop, want) {
			t.Errorf("population line %q lacks %q", pop, want)
		}
	}
	if ansi.StringWidth(pop[:strings.Index(pop, "2025")]) != ansi.StringWidth(gdp[:strings.Index(gdp, "2023")]) {
		t.Errorf("columns do not line up:\n%s\n%s", pop, gdp)
	}
	for _, want := range []string{
		"Dialogue formats\n", "South Korea", "observer",
		"Memberships\n", "SCO ", "CSTO", "member 1994–2012", "observer since 2020",
		"Shared projects\n  China–Kyrgyzstan–Uzbekistan railway (rail, under construction): Uzbekistan, Kyrgyzstan",
		"✓ verified · ¹ single source",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestCompareFitsTerminal: on a terminal narrower than the table, the
// states come in groups that fit, each repeating the labels.
func TestCompareFitsTerminal(t *testing.T) {
	ds, err := model.LoadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	cmp, _ := ds.Compare([]string{"cn", "kz", "kg", "uz"})
	var wide, narrow bytes.Buffer
	writeCompareTable(&wide, ds, cmp, 0)
	writeCompareTable(&narrow, ds, cmp, 80)
	for _, l := range strings.Split(narrow.String(), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line of %d cells at 80 columns: %q", w, l)
		}
	}
	if strings.Count(narrow.String(), "Population") < 2 {
		t.Errorf("the narrow table was not split:\n%s", narrow.String())
	}
	if strings.Count(wide.String(), "Population") != 1 {
		t.Errorf("the piped table was split:\n%s", wide.String())
	}
}

func TestCompareCSV(t *testing.T) {
	code, out, _ := run(t, "--data", fixturePath, "compare", "cn", "kz", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(compareCSVHeader, ",") {
		t.Errorf("header = %v", recs[0])
	}
	if len(recs) != 1+2*len(model.CountryFigures) {
		t.Errorf("%d rows, want one per figure and state", len(recs)-1)
	}
	got := map[string][]string{}
	for _, r := range recs[1:] {
		got[r[0]+"/"+r[2]] = r
	}
	cn := got["population/cn"]
	if cn[4] != "1408.28" || cn[5] != "million people" || cn[10] != "1408280000" || cn[11] != "people" {
		t.Errorf("China's population row = %q", cn)
	}
	kz := got["population/kz"]
	if kz[4] != "20286084" || kz[6] != "2025-01-01" || kz[7] != "false" || kz[8] != "conflicting" || kz[9] != "src-a;src-b" {
		t.Errorf("Kazakhstan's population row = %q", kz)
	}
	if gdp := got["gdp/cn"]; gdp[7] != "true" || gdp[10] != "18770000000000" || gdp[11] != "US$" {
		t.Errorf("China's GDP row = %q", gdp)
	}
	if tr := got["trade/cn"]; strings.Join(tr[4:], "") != "" {
		t.Errorf("China has no trade figure, row = %q", tr)
	}
}

func TestCompareJSON(t *testing.T) {
	code, out, _ := run(t, "--data", fixturePath, "compare", "kz", "uz", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		States  []struct{ ID string }
		Figures []struct {
			Key    string
			Values map[string]*model.CleanFigure
		}
		Formats []struct {
			ID    string
			Roles map[string]string
		}
		Memberships []struct {
			Org    string
			States map[string][]model.Membership
		}
		Shared []struct{ ID string } `json:"shared_projects"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.States) != 2 || v.States[1].ID != "uz" {
		t.Errorf("states = %+v", v.States)
	}
	pop := v.Figures[0].Values["kz"]
	if v.Figures[0].Key != "population" || pop.Value != 20286084 || pop.Ref != "2025-01-01" || pop.Confidence != model.Conflicting || len(pop.Sources) != 2 {
		t.Errorf("kz population = %+v", pop)
	}
	if v.Figures[1].Values["uz"] != nil {
		t.Error("Uzbekistan has no area here, want null")
	}
	if len(v.Formats) != 3 || len(v.Memberships) == 0 || v.Memberships[0].States["kz"][0].Since != "2001-06-15" {
		t.Errorf("formats %+v, memberships %+v", v.Formats, v.Memberships)
	}
	if len(v.Shared) != 0 {
		t.Errorf("shared = %+v, want none (the railway is kg and uz)", v.Shared)
	}
}

func TestCompareMarkdown(t *testing.T) {
	code, out, _ := run(t, "--data", fixturePath, "compare", "kz", "uz", "kg", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"| Figure | Kazakhstan | Uzbekistan | Kyrgyzstan |\n| --- | ---: | ---: | ---: |\n",
		"| Population | 20,286,084 (1 Jan 2025) ≠[^1][^2] |",
		"## Dialogue formats", "| Türkiye: Organization of Turkic States \\| OTS[^2] |",
		"## Memberships", "## Shared projects", "- China–Kyrgyzstan–Uzbekistan railway[^1]",
		"[^1]: Publisher A, “Source A: \\<script\\>alert(1)\\</script\\> & \\*stars\\* \\_under\\_”, 17 Jun 2025. <https://example.org/a?x=1&y=2>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "brief.html")
	md := filepath.Join(dir, "brief.md")
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"report"}, 0, "# Fixture \\<brief\\> & co\n", ""},
		{[]string{"report", "--format", "markdown", "--country", "kg,uzbekistan", "--since", "2024"}, 0, "states: Kyrgyzstan, Uzbekistan; timeline and meetings since 2024", ""},
		{[]string{"report", "-c", "kg", "-c", "Kazakhstan"}, 0, "states: Kazakhstan, Kyrgyzstan;", ""},
		{[]string{"report", "--format", "html"}, 0, "<!doctype html>", ""},
		{[]string{"report", "-o", html}, 0, "", ""},
		{[]string{"report", "-o", md}, 0, "", ""},
		{[]string{"report", "--country", "republic"}, 2, "", `"republic" could be Kazakhstan (kz) or Uzbekistan (uz)`},
		{[]string{"report", "--since", "25"}, 1, "", "invalid --since 25"},
		{[]string{"report", "--format", "pdf"}, 2, "", `invalid --format "pdf"`},
		{[]string{"report", "-o", filepath.Join(dir, "no", "such", "dir", "x.md")}, 1, "", "report:"},
	} {
		code, out, errs := run(t, append([]string{"--data", fixturePath}, tc.args...)...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.err) {
			t.Errorf("casia %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tc.args, code, trim(out), errs, tc.code, tc.out, tc.err)
		}
	}
	// -o FILE.html means HTML; any other name, Markdown.
	if b, err := os.ReadFile(html); err != nil || !bytes.HasPrefix(b, []byte("<!doctype html>")) {
		t.Errorf("brief.html: %v, starts %q", err, b[:min(20, len(b))])
	}
	if b, err := os.ReadFile(md); err != nil || !bytes.HasPrefix(b, []byte("# Fixture")) {
		t.Errorf("brief.md: %v", err)
	}
	if fi, err := os.Stat(html); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("brief.html mode: %v %v", fi.Mode(), err)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the output directory holds %d entries, want 2", len(entries))
	}
}
