package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// SortField is a column a list can be ordered by. The first field of each
// kind is its natural order.
type SortField struct {
	Key   string
	Label string
	// Numeric fields sort largest first when first chosen; text fields A–Z.
	Numeric bool
}

var sortFields = [numKinds][]SortField{
	KindCountry: {
		{Key: "listed", Label: "as listed"},
		{Key: "name", Label: "name"},
		{Key: "population", Label: "population", Numeric: true},
		{Key: "area", Label: "area", Numeric: true},
		{Key: "gdp", Label: "GDP", Numeric: true},
		{Key: "trade", Label: "trade with China", Numeric: true},
	},
	KindPartnership: {
		{Key: "launched", Label: "launched"},
		{Key: "partner", Label: "partner"},
		{Key: "latest", Label: "latest meeting"},
		{Key: "format", Label: "format"},
	},
	KindProject: {
		{Key: "name", Label: "name"},
		{Key: "kind", Label: "kind"},
		{Key: "status", Label: "status"},
		{Key: "length", Label: "length", Numeric: true},
		{Key: "cost", Label: "cost", Numeric: true},
		{Key: "start", Label: "first milestone"},
	},
	KindEvent: {
		{Key: "date", Label: "date"},
		{Key: "title", Label: "title"},
		{Key: "kind", Label: "kind"},
	},
	KindSource: {
		{Key: "publisher", Label: "publisher"},
		{Key: "title", Label: "title"},
		{Key: "date", Label: "date"},
		{Key: "tier", Label: "tier"},
		{Key: "cited", Label: "times cited", Numeric: true},
	},
}

// SortFields lists the orders a kind supports; the first is the default.
func SortFields(k Kind) []SortField {
	if k < numKinds {
		return sortFields[k]
	}
	return nil
}

// LookupSort finds a sort field by key (case-insensitive; "" is the default).
func LookupSort(k Kind, key string) (SortField, error) {
	fs := SortFields(k)
	switch {
	case len(fs) == 0 && key == "":
		return SortField{}, nil
	case len(fs) == 0:
		return SortField{}, fmt.Errorf("%s records cannot be sorted", k)
	case key == "":
		return fs[0], nil
	}
	for _, f := range fs {
		if strings.EqualFold(f.Key, key) {
			return f, nil
		}
	}
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Key
	}
	return SortField{}, fmt.Errorf("cannot sort %s by %q; use one of: %s", k.ListName(), key, strings.Join(keys, ", "))
}

// Sort orders idx (indices of records of kind k) by the field. Numeric
// fields put the largest first unless reverse; records without a value
// always go last; ties keep dataset order. An unknown field leaves idx as
// it is.
//
// The full order of each field is computed once per dataset and cached, so
// sorting any subset afterwards is a linear pass: what keeps a filter
// keystroke cheap on large datasets.
func (ds *Dataset) Sort(k Kind, idx []int, key string, reverse bool) {
	perm := ds.order(k, key, reverse)
	if perm == nil || len(idx) < 2 {
		return
	}
	if len(idx) < 64 && len(perm) > 4096 {
		rank := ds.rank(k, key, reverse)
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
		return
	}
	want := newBitmap(len(perm), idx)
	j := 0
	for _, i := range perm {
		if want.has(i) {
			idx[j] = i
			j++
		}
	}
}

// Order is every record of kind k in the order Sort gives, or nil when
// the key is unknown or the kind has no orders. It is computed once per
// dataset and shared by every caller, so it must not be modified: it is
// what an unfiltered list shows, without a copy per session.
func (ds *Dataset) Order(k Kind, key string, reverse bool) []int {
	return ds.order(k, key, reverse)
}

type orderKey struct {
	kind    Kind
	key     string
	reverse bool
}

type orders struct {
	mu    sync.Mutex
	perm  map[orderKey][]int
	ranks map[orderKey][]int32
}

// order is the cached permutation of all records of a kind by a field.
func (ds *Dataset) order(k Kind, key string, reverse bool) []int {
	f, err := LookupSort(k, key)
	if err != nil || f.Key == "" {
		return nil
	}
	ok := orderKey{k, f.Key, reverse}
	o := &ds.idx.orders
	o.mu.Lock()
	defer o.mu.Unlock()
	if p, hit := o.perm[ok]; hit {
		return p
	}
	p := make([]int, ds.Len(k))
	for i := range p {
		p[i] = i
	}
	ds.sortAll(k, p, f, reverse)
	if o.perm == nil {
		o.perm = map[orderKey][]int{}
	}
	o.perm[ok] = p
	return p
}

func (ds *Dataset) rank(k Kind, key string, reverse bool) []int32 {
	perm := ds.order(k, key, reverse)
	f, _ := LookupSort(k, key)
	ok := orderKey{k, f.Key, reverse}
	o := &ds.idx.orders
	o.mu.Lock()
	defer o.mu.Unlock()
	if r, hit := o.ranks[ok]; hit {
		return r
	}
	r := make([]int32, len(perm))
	for pos, i := range perm {
		r[i] = int32(pos)
	}
	if o.ranks == nil {
		o.ranks = map[orderKey][]int32{}
	}
	o.ranks[ok] = r
	return r
}

func (ds *Dataset) sortAll(k Kind, idx []int, f SortField, reverse bool) {
	desc := f.Numeric != reverse
	if f.Numeric {
		type row struct {
			i int
			n sortNum
		}
		rows := make([]row, len(idx))
		for j, i := range idx {
			rows[j] = row{i, ds.number(Ref{k, i}, f.Key)}
		}
		slices.SortStableFunc(rows, func(a, b row) int {
			va, vb := a.n, b.n
			if va.ok != vb.ok {
				if va.ok {
					return -1
				}
				return 1
			}
			if c := cmp.Compare(va.dim, vb.dim); c != 0 {
				return c
			}
			c := cmp.Compare(va.v, vb.v)
			if desc {
				c = -c
			}
			if c == 0 {
				return cmp.Compare(a.i, b.i)
			}
			return c
		})
		for j := range rows {
			idx[j] = rows[j].i
		}
		return
	}
	if f.Key == "listed" {
		slices.Sort(idx)
		if reverse {
			slices.Reverse(idx)
		}
		return
	}
	type row struct {
		i   int
		key string
	}
	rows := make([]row, len(idx))
	for j, i := range idx {
		rows[j] = row{i, ds.text(Ref{k, i}, f.Key)}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if (a.key == "") != (b.key == "") {
			if a.key == "" {
				return 1
			}
			return -1
		}
		c := cmp.Compare(a.key, b.key)
		if desc {
			c = -c
		}
		if c == 0 {
			return cmp.Compare(a.i, b.i)
		}
		return c
	})
	for j := range rows {
		idx[j] = rows[j].i
	}
}

type sortNum struct {
	v   float64
	dim string // figures in different units or currencies group apart
	ok  bool
}

func fig(f *Figure) sortNum {
	if f == nil {
		return sortNum{}
	}
	v, dim, ok := f.Base()
	return sortNum{v: v, dim: dim, ok: ok}
}

func (ds *Dataset) number(r Ref, key string) sortNum {
	switch rec := ds.Record(r).(type) {
	case *Country:
		switch key {
		case "population":
			return fig(rec.Population)
		case "area":
			return fig(rec.Area)
		case "gdp":
			return fig(rec.GDP)
		case "trade":
			return fig(rec.TradeWithChina)
		}
	case *Project:
		switch key {
		case "length":
			return fig(rec.Length)
		case "cost":
			n := fig(rec.Cost)
			if n.dim == "USD" {
				n.dim = "" // dollars first, other currencies after
			}
			return n
		}
	case *Source:
		if key == "cited" {
			return sortNum{v: float64(len(ds.CitedBy(rec.ID))), ok: true}
		}
	}
	return sortNum{}
}

func (ds *Dataset) text(r Ref, key string) string {
	switch rec := ds.Record(r).(type) {
	case *Country:
		return Fold(rec.Names.Common)
	case *Partnership:
		switch key {
		case "launched":
			if rec.Launched != nil {
				return string(rec.Launched.Date)
			}
		case "partner":
			return Fold(rec.Partner)
		case "latest":
			if rec.LatestMeeting != nil {
				return string(rec.LatestMeeting.Date)
			}
		case "format":
			return Fold(rec.Format)
		}
	case *Project:
		switch key {
		case "name":
			return Fold(rec.Name)
		case "kind":
			return string(rec.Kind)
		case "status":
			return string(rec.Status)
		case "start":
			if len(rec.Milestones) > 0 {
				return string(rec.Milestones[0].Date)
			}
		}
	case *Event:
		switch key {
		case "date":
			return string(rec.Date)
		case "title":
			return Fold(rec.Title)
		case "kind":
			return string(rec.Kind)
		}
	case *Source:
		switch key {
		case "publisher":
			return Fold(rec.Publisher)
		case "title":
			return Fold(rec.Title)
		case "date":
			return string(rec.Date)
		case "tier":
			return string(rec.Tier)
		}
	}
	return ""
}

// Query runs a filter and a sort in one call: what `casia list` and every
// list tab do.
func (ds *Dataset) Query(k Kind, filter, sortKey string, reverse bool) ([]int, error) {
	if _, err := LookupSort(k, sortKey); err != nil {
		return nil, err
	}
	idx := ds.Filter(k, filter)
	ds.Sort(k, idx, sortKey, reverse)
	return idx, nil
}
