package cli

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"casia/model"
)

// FuzzCells: whatever a data file's text holds (after the loader's
// sanitising), a Markdown cell cannot end its cell or break its row, and
// a CSV cell reads back as written, never starting as a formula.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"plain", "a | b", `back\|slash`, "=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "*bold* _u_ `c` [l](u) <b>", "~x~", "line\nbreak"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = model.Safe(s, false)
		md := mdEscape(s)
		if strings.ContainsAny(md, "\r\n") {
			t.Fatalf("markdown cell %q has a line break", md)
		}
		for i := 0; i < len(md); i++ {
			if md[i] == '\\' {
				i++ // an escaped character
				continue
			}
			if strings.IndexByte("|*_`[]<>~", md[i]) >= 0 {
				t.Fatalf("markdown cell %q has an unescaped %q", md, md[i])
			}
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write([]string{csvSafe(s), "x"})
		w.Flush()
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(recs) != 1 || len(recs[0]) != 2 {
			t.Fatalf("CSV of %q does not read back: %v %q", s, err, recs)
		}
		got := recs[0][0]
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
			t.Fatalf("CSV cell %q starts as a formula", got)
		}
		if strings.TrimPrefix(got, "'") != s && got != s {
			t.Fatalf("CSV cell %q does not carry %q", got, s)
		}
	})
}

// TestFit: a table is narrowed to the width, widest text column first,
// never cutting ids or numbers, then leaving out columns from the right.
func TestFit(t *testing.T) {
	cols := []model.Column{
		{Key: "id", Min: 2, Max: 30},
		{Key: "name", Min: 8, Max: 60, Flex: true},
		{Key: "place", Min: 6, Max: 20},
		{Key: "n", Right: true},
	}
	header := []string{"ID", "Name", "Place", "N"}
	widths := []int{10, 40, 20, 8}
	if keep := fit(widths, cols, header, 60); keep != 4 || sum(widths)+6 > 60 {
		t.Errorf("fit to 60: keep %d, widths %v", keep, widths)
	}
	if widths[0] != 10 || widths[3] != 8 {
		t.Errorf("an id or number was cut: %v", widths)
	}
	widths = []int{10, 40, 20, 8}
	if keep := fit(widths, cols, header, 36); keep != 3 || sum(widths[:3])+4 > 36 {
		t.Errorf("fit to 36: keep %d, widths %v", keep, widths)
	}
	widths = []int{10, 40, 20, 8}
	if keep := fit(widths, cols, header, 200); keep != 4 || widths[1] != 40 {
		t.Errorf("fit to 200 changed the table: keep %d, widths %v", keep, widths)
	}
	if got := ansi.Truncate("Kazakhstan–China oil pipeline", 12, "…"); ansi.StringWidth(got) != 12 {
		t.Errorf("truncate: %q", got)
	}
}

func sum(ws []int) int {
	n := 0
	for _, w := range ws {
		n += w
	}
	return n
}
