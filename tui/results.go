package tui

import (
	"errors"
	"fmt"

	"casia/model"
)

// results is a tab's filtered, sorted view of one kind of record and the
// cursor in it. Filtering goes through model.Refine, so typing a query one
// key at a time searches only the previous hits.
//
// Unfiltered, the hits are the dataset's own order (model.Dataset.Order),
// shared by every session and never written: a session over 100,000
// records does not copy them. They are found when first read (hits), so a
// tab nobody opens costs no sorting: start-up sorts only what the first
// frame shows. Filtered, the hits are the session's own.
type results struct {
	c       *ctx
	kind    model.Kind
	query   string
	q       model.Query
	list    []int // the hits; read them with hits()
	stale   bool  // list is to be found again: every record, in the order
	sortI   int
	reverse bool
	cur     int
	gen     int    // bumped whenever hits change, for caches of derived rows
	qerr    string // why the query is malformed, "" when it is not
}

func newResults(c *ctx, k model.Kind) results {
	return results{c: c, kind: k, stale: true}
}

// hits are the records shown, in order.
func (r *results) hits() []int {
	if r.stale {
		r.list, r.stale = r.all(), false
	}
	return r.list
}

// all is every record in the current order: the dataset's shared slice
// when the kind has orders.
func (r *results) all() []int {
	if h := r.c.ds.Order(r.kind, r.sortKey(), r.reverse); h != nil {
		return h
	}
	return r.c.ds.Refine(r.kind, "", nil, "", r.sortKey(), r.reverse)
}

func (r *results) sortKey() string {
	fs := model.SortFields(r.kind)
	if len(fs) == 0 {
		return ""
	}
	return fs[min(r.sortI, len(fs)-1)].Key
}

func (r *results) sortField() model.SortField {
	fs := model.SortFields(r.kind)
	if len(fs) == 0 {
		return model.SortField{}
	}
	return fs[min(r.sortI, len(fs)-1)]
}

// descending reports the effective direction: numeric fields start largest
// first.
func (r *results) descending() bool { return r.sortField().Numeric != r.reverse }

// setQuery refilters and puts the cursor on the first match.
func (r *results) setQuery(q string) {
	if q == r.query {
		return
	}
	pq := model.ParseQuery(q)
	if pq.Empty() {
		r.list, r.stale = nil, true
	} else {
		r.list = r.c.ds.Refine(r.kind, r.query, r.hits(), q, r.sortKey(), r.reverse)
	}
	r.query, r.q = q, pq
	r.qerr = ""
	var qe *model.QueryError
	if err := r.c.ds.CheckQuery(r.kind, q); errors.As(err, &qe) {
		r.qerr = qe.Msg
	}
	r.cur = 0
	r.gen++
}

// setSort changes the order and puts the cursor on the first row, where
// the order starts.
func (r *results) setSort(i int, reverse bool) {
	n := len(model.SortFields(r.kind))
	if n == 0 {
		return
	}
	r.sortI, r.reverse = (i%n+n)%n, reverse
	if r.q.Empty() {
		r.list, r.stale = nil, true
	} else {
		// Filtered hits are this session's own (Refine made them).
		r.c.ds.Sort(r.kind, r.hits(), r.sortKey(), r.reverse)
	}
	r.cur = 0
	r.gen++
}

// setSortKey restores a remembered sort by name.
func (r *results) setSortKey(key string, reverse bool) {
	for i, f := range model.SortFields(r.kind) {
		if f.Key == key {
			r.setSort(i, reverse)
			return
		}
	}
}

func (r *results) selected() (model.Ref, bool) {
	if r.cur < 0 || r.cur >= len(r.hits()) {
		return model.Ref{}, false
	}
	return model.Ref{Kind: r.kind, Index: r.hits()[r.cur]}, true
}

func (r *results) selectRef(ref model.Ref) bool {
	if ref.Kind != r.kind {
		return false
	}
	for i, h := range r.hits() {
		if h == ref.Index {
			r.cur = i
			return true
		}
	}
	return false
}

func (r *results) move(n int) {
	if len(r.hits()) == 0 {
		r.cur = 0
		return
	}
	r.cur = max(0, min(r.cur+n, len(r.hits())-1))
}

// count is the footer's "3/14", with the unfiltered total while filtering.
func (r *results) count() string {
	total := r.c.ds.Len(r.kind)
	pos := 0
	if len(r.hits()) > 0 {
		pos = r.cur + 1
	}
	s := fmt.Sprintf("%d/%d", pos, len(r.hits()))
	if r.query != "" {
		s += fmt.Sprintf(" of %d", total)
	}
	return s
}

func (r *results) sortStatus() string {
	f := r.sortField()
	if f.Key == "" {
		return ""
	}
	arrow := "▲"
	if r.descending() {
		arrow = "▼"
	}
	return "sort: " + f.Label + " " + arrow
}
