package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Kind is the type of a record. Every record has an id, a title and
// sources, so lists, search, the palette and "show" treat them alike.
type Kind uint8

// Record kinds, in tab order.
const (
	KindSummit Kind = iota
	KindCountry
	KindPartnership
	KindProject
	KindEvent
	KindSource
	numKinds
)

var kindNames = [numKinds]string{"summit", "country", "partnership", "project", "event", "source"}

// String is the singular name: "country".
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// ListName is the list's name on the command line: "signatories".
func (k Kind) ListName() string {
	switch k {
	case KindCountry:
		return "signatories"
	case KindSummit:
		return "summit"
	}
	return k.String() + "s"
}

// Lists are the kinds `casia list` accepts, in order.
var Lists = []Kind{KindCountry, KindPartnership, KindProject, KindEvent, KindSource}

// ParseList accepts a list name in the forms people type: "signatories",
// "countries", "partners", "infrastructure", "timeline"…
func ParseList(name string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "signatories", "signatory", "countries", "country", "states":
		return KindCountry, nil
	case "partnerships", "partnership", "partners", "partner", "formats":
		return KindPartnership, nil
	case "projects", "project", "infrastructure":
		return KindProject, nil
	case "events", "event", "timeline":
		return KindEvent, nil
	case "sources", "source":
		return KindSource, nil
	}
	return 0, fmt.Errorf("unknown list %q; use signatories, partnerships, projects, events or sources", name)
}

// Ref points at one record of a dataset.
type Ref struct {
	Kind  Kind
	Index int
}

// derived is everything computed from the records after validation.
// byID and countryIdx are built at load; the rest on first use, so
// start-up does only what the first frame needs.
type index struct {
	byID          map[string]Ref
	countryIdx    map[string]int
	foldedCountry map[string]string // id -> folded common name, for country:

	searchOnce [numKinds]sync.Once
	search     [numKinds]*searchIndex

	citeOnce   sync.Once
	citesBuilt atomic.Bool      // set once citedBy and cites are complete
	citedBy    map[string][]Ref // source id -> records citing it
	cites      [numKinds][][]string

	stateOnce    sync.Once
	stateNames   [][]string // per country: folded names a search word may use
	partnerState []string   // per partnership: the state its partner is, or ""
	otherStates  [][]string // per project: states among its other countries

	orders orders

	sharedMu sync.Mutex
	shared   map[any]*sharedValue
}

type sharedValue struct {
	once sync.Once
	v    any
}

// Shared returns the value stored under key for this dataset, calling
// build the first time. It is for work every session over a dataset would
// otherwise repeat (column widths, prepared rows): built once, then shared
// by all of them, so it must not change afterwards unless it guards itself.
// Concurrent callers of one key wait for a single build. Keys are compared
// with ==: use a type of your own package so they cannot clash.
func (ds *Dataset) Shared(key any, build func() any) any {
	ix := ds.idx
	ix.sharedMu.Lock()
	e := ix.shared[key]
	if e == nil {
		if ix.shared == nil {
			ix.shared = map[any]*sharedValue{}
		}
		e = &sharedValue{}
		ix.shared[key] = e
	}
	ix.sharedMu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v
}

func (ds *Dataset) prepare() {
	ix := &index{
		byID:       make(map[string]Ref, ds.total()),
		countryIdx: make(map[string]int, len(ds.Countries)),
	}
	if ds.Summit.ID != "" {
		ix.byID[ds.Summit.ID] = Ref{KindSummit, 0}
	}
	for k := KindCountry; k < numKinds; k++ {
		for i := range ds.Len(k) {
			ix.byID[ds.ID(Ref{k, i})] = Ref{k, i}
		}
	}
	ix.foldedCountry = make(map[string]string, len(ds.Countries))
	for i, c := range ds.Countries {
		ix.countryIdx[c.ID] = i
		ix.foldedCountry[c.ID] = Fold(c.Names.Common)
	}
	ds.idx = ix
}

func (ds *Dataset) total() int {
	return 1 + len(ds.Countries) + len(ds.Partnerships) + len(ds.Projects) + len(ds.Events) + len(ds.Sources)
}

// Len is the number of records of a kind.
func (ds *Dataset) Len(k Kind) int {
	switch k {
	case KindSummit:
		if ds.Summit.ID == "" {
			return 0
		}
		return 1
	case KindCountry:
		return len(ds.Countries)
	case KindPartnership:
		return len(ds.Partnerships)
	case KindProject:
		return len(ds.Projects)
	case KindEvent:
		return len(ds.Events)
	case KindSource:
		return len(ds.Sources)
	}
	return 0
}

// Lookup finds a record by id, case-insensitively.
func (ds *Dataset) Lookup(id string) (Ref, bool) {
	r, ok := ds.idx.byID[strings.ToLower(strings.TrimSpace(id))]
	return r, ok
}

// Valid reports whether r points at a record of this dataset.
func (ds *Dataset) Valid(r Ref) bool {
	return r.Index >= 0 && r.Index < ds.Len(r.Kind)
}

// ID is the record's id.
func (ds *Dataset) ID(r Ref) string {
	switch r.Kind {
	case KindSummit:
		return ds.Summit.ID
	case KindCountry:
		return ds.Countries[r.Index].ID
	case KindPartnership:
		return ds.Partnerships[r.Index].ID
	case KindProject:
		return ds.Projects[r.Index].ID
	case KindEvent:
		return ds.Events[r.Index].ID
	case KindSource:
		return ds.Sources[r.Index].ID
	}
	return ""
}

// Title is the record's name as a heading.
func (ds *Dataset) Title(r Ref) string {
	switch r.Kind {
	case KindSummit:
		return ds.Summit.Name
	case KindCountry:
		return ds.Countries[r.Index].Names.Common
	case KindPartnership:
		p := &ds.Partnerships[r.Index]
		return p.Partner + ": " + p.Format
	case KindProject:
		return ds.Projects[r.Index].Name
	case KindEvent:
		return ds.Events[r.Index].Title
	case KindSource:
		return ds.Sources[r.Index].Title
	}
	return ""
}

// Record returns a pointer to the record itself (*Summit, *Country, …).
func (ds *Dataset) Record(r Ref) any {
	switch r.Kind {
	case KindSummit:
		return &ds.Summit
	case KindCountry:
		return &ds.Countries[r.Index]
	case KindPartnership:
		return &ds.Partnerships[r.Index]
	case KindProject:
		return &ds.Projects[r.Index]
	case KindEvent:
		return &ds.Events[r.Index]
	case KindSource:
		return &ds.Sources[r.Index]
	}
	return nil
}

// Country finds a country by id; nil when there is none.
func (ds *Dataset) Country(id string) *Country {
	if i, ok := ds.idx.countryIdx[id]; ok {
		return &ds.Countries[i]
	}
	return nil
}

// CountryName is the common name of a country id, or the id itself.
func (ds *Dataset) CountryName(id string) string {
	if c := ds.Country(id); c != nil {
		return c.Names.Common
	}
	return id
}

// CountryNames maps ids to common names.
func (ds *Dataset) CountryNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ds.CountryName(id)
	}
	return out
}

// ProjectsOf lists the projects a country takes part in.
func (ds *Dataset) ProjectsOf(country string) []int {
	var out []int
	for i := range ds.Projects {
		if slices.Contains(ds.Projects[i].Countries, country) {
			out = append(out, i)
		}
	}
	return out
}

// PartnershipsOf lists the formats a country belongs to or observes.
func (ds *Dataset) PartnershipsOf(country string) []int {
	var out []int
	for i := range ds.Partnerships {
		p := &ds.Partnerships[i]
		if slices.Contains(p.Members, country) || slices.Contains(p.Observers, country) {
			out = append(out, i)
		}
	}
	return out
}

// EventsOf lists the timeline events that involve a country.
func (ds *Dataset) EventsOf(country string) []int {
	var out []int
	for i := range ds.Events {
		if slices.Contains(ds.Events[i].Countries, country) {
			out = append(out, i)
		}
	}
	return out
}

// SourcesOf lists every source a record cites anywhere inside it, in order
// of first citation.
func (ds *Dataset) SourcesOf(r Ref) []string {
	if !ds.Valid(r) {
		return nil
	}
	if ds.idx.citesBuilt.Load() {
		return ds.idx.cites[r.Kind][r.Index]
	}
	// One record's sources, without indexing every record's first: a
	// detail pane (the first frame's summit) shows one record at a time.
	return ds.sourcesOf(r)
}

// sourcesOf walks one record for the sources it cites.
func (ds *Dataset) sourcesOf(r Ref) []string {
	if r.Kind == KindSource {
		return []string{ds.Sources[r.Index].ID}
	}
	var ids []string
	collectSources(reflect.ValueOf(ds.Record(r)), &ids)
	return ids
}

// CitedBy lists the records that cite a source.
func (ds *Dataset) CitedBy(source string) []Ref {
	ds.buildCitations()
	return ds.idx.citedBy[source]
}

// Source finds a source by id.
func (ds *Dataset) Source(id string) *Source {
	if r, ok := ds.Lookup(id); ok && r.Kind == KindSource {
		return &ds.Sources[r.Index]
	}
	return nil
}

func (ds *Dataset) buildCitations() {
	ix := ds.idx
	ix.citeOnce.Do(func() {
		ix.citedBy = make(map[string][]Ref)
		for k := KindSummit; k < KindSource; k++ {
			n := ds.Len(k)
			ix.cites[k] = make([][]string, n)
			for i := range n {
				r := Ref{k, i}
				ids := ds.sourcesOf(r)
				ix.cites[k][i] = ids
				for _, s := range ids {
					ix.citedBy[s] = append(ix.citedBy[s], r)
				}
			}
		}
		ix.cites[KindSource] = make([][]string, len(ds.Sources))
		for i, s := range ds.Sources {
			ix.cites[KindSource][i] = []string{s.ID}
		}
		ix.citesBuilt.Store(true)
	})
}

func collectSources(v reflect.Value, ids *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			collectSources(v.Elem(), ids)
		}
	case reflect.Struct:
		for _, f := range infoOf(v.Type()).fields {
			fv := v.FieldByIndex(f.index)
			if f.sources {
				for _, s := range fv.Interface().([]string) {
					if !slices.Contains(*ids, s) {
						*ids = append(*ids, s)
					}
				}
				continue
			}
			collectSources(fv, ids)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			return
		}
		for i := range v.Len() {
			collectSources(v.Index(i), ids)
		}
	}
}

// Suggest lists up to n record ids close to what a user typed, best
// first: ids it begins, then ids one edit away, then ids or titles that
// contain it, then ids two edits away.
func (ds *Dataset) Suggest(typed string, n int) []string {
	typed = Fold(strings.TrimSpace(typed))
	if typed == "" {
		return nil
	}
	type cand struct {
		id   string
		rank int
	}
	var cands []cand
	for k := KindSummit; k < numKinds; k++ {
		for i := range ds.Len(k) {
			r := Ref{k, i}
			id := ds.ID(r)
			d := editDistance(typed, id)
			rank := -1
			switch {
			case strings.HasPrefix(id, typed):
				rank = 0
			case d == 1:
				rank = 1
			case strings.Contains(id, typed) || strings.Contains(Fold(ds.Title(r)), typed):
				rank = 2
			case d == 2 && len(typed) > 2:
				rank = 3
			}
			if rank >= 0 {
				cands = append(cands, cand{id, rank})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.rank - b.rank })
	var out []string
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.id)
	}
	return out
}
