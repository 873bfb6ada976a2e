package model

import (
	"slices"
	"strings"
)

// allNames lists every name a state goes by, folded for matching: its
// id and ISO codes, common, official, native (and its Latin spelling),
// Russian and Chinese names, and search aliases.
func (c *Country) allNames() []string {
	n := c.Names
	names := []string{c.ID, c.ISO3, n.Common, n.Official, n.Native, n.NativeLatin, n.Russian, n.Chinese}
	names = append(names, n.Aliases...)
	out := make([]string, 0, len(names))
	for _, s := range names {
		if f := strings.TrimSpace(Fold(s)); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// CountriesNamed resolves what a user typed to the ids of the states it
// names, whatever the script or spelling: "kz", "Kazakhstan", "qazaqstan",
// "Казахстан" and "哈萨克斯坦" all give [kz]. Case and diacritics are folded.
// A whole-name match wins; failing that, every state with a name that
// begins with the text (at least two characters) is a candidate, so one
// result is a match and several mean the text is ambiguous. The CLI's show
// and compare, the filter and the palette share this one answer.
func (ds *Dataset) CountriesNamed(text string) []string {
	q := strings.TrimSpace(Fold(text))
	if q == "" {
		return nil
	}
	var exact, prefix []string
	for i := range ds.Countries {
		c := &ds.Countries[i]
		names := c.allNames()
		switch {
		case slices.Contains(names, q):
			exact = append(exact, c.ID)
		case len([]rune(q)) >= 2 && slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, q) }):
			prefix = append(prefix, c.ID)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return prefix
}
