package model

import (
	"slices"
	"strconv"
	"strings"
)

// Footnotes numbers the sources a record cites, 1, 2, 3… in the order
// `casia show` first cites them, value by value. The dashboard's detail
// pane takes its numbers from here too, so a footnote [3] on screen is
// [3] in what `y` copies and what `casia show` prints.
type Footnotes struct {
	ids []string
}

// Footnotes numbers the sources of one record (none for a source).
func (ds *Dataset) Footnotes(r Ref) *Footnotes {
	d := &describer{ds: ds}
	ds.describe(d, r)
	return &d.notes
}

// add is a source's number, assigning the next one on first use.
func (f *Footnotes) add(id string) int {
	if i := slices.Index(f.ids, id); i >= 0 {
		return i + 1
	}
	f.ids = append(f.ids, id)
	return len(f.ids)
}

// Number is a source's footnote number, 0 when the record does not cite
// it.
func (f *Footnotes) Number(id string) int {
	if f == nil {
		return 0
	}
	return slices.Index(f.ids, id) + 1
}

// Numbers are the footnote numbers of a value's sources, ascending and
// without repeats; sources the record does not cite are left out.
func (f *Footnotes) Numbers(ids []string) []int {
	nums := make([]int, 0, len(ids))
	for _, id := range ids {
		if n := f.Number(id); n > 0 && !slices.Contains(nums, n) {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	return nums
}

// IDs are the cited sources' ids in footnote order: IDs()[n-1] is [n].
func (f *Footnotes) IDs() []string {
	if f == nil {
		return nil
	}
	return f.ids
}

// Mark is the footnote mark for a value's sources, " [1, 3]", or "" when
// it cites none.
func (f *Footnotes) Mark(ids []string) string {
	nums := f.Numbers(ids)
	if len(nums) == 0 {
		return ""
	}
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return " [" + strings.Join(parts, ", ") + "]"
}

// FullCitation is a source as a reader quotes it, with where to find it:
// publisher, “title”, date, URL.
func (s *Source) FullCitation() string {
	return s.Citation() + ", " + s.URL
}

// Cited is one value of a record as a reader quotes it: the value with
// its footnote mark, then each of its sources under its number (publisher,
// “title”, date and URL), as `casia show` lists them. What the dashboard
// copies for a focused footnote.
func (ds *Dataset) Cited(value string, ids []string, f *Footnotes) string {
	var b strings.Builder
	b.WriteString(value + f.Mark(ids) + "\n")
	nums := f.Numbers(ids)
	if len(nums) > 0 {
		b.WriteByte('\n')
	}
	for _, n := range nums {
		if s := ds.Source(f.ids[n-1]); s != nil {
			b.WriteString("[" + strconv.Itoa(n) + "] " + s.FullCitation() + "\n")
		}
	}
	return b.String()
}

// CheckedText says that an old figure is still the latest, "no newer
// figure found as of 27 Nov 2026", or "" when nobody searched.
func (f *Figure) CheckedText() string {
	if f == nil || f.Checked == "" {
		return ""
	}
	return "no newer figure found as of " + f.Checked.Human()
}
