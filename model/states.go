package model

import (
	"slices"
	"strings"
)

// A state named in a query means the same on every list: "kazakhstan",
// "Казахстан", "哈萨克斯坦" and country:kz all select the records tied to
// Kazakhstan. This file holds what "tied to a state" means for each kind.

// stateNames lists, per country index, the folded names a plain search
// word may use for it: common, official, native (and its Latin spelling),
// Russian, Chinese and aliases. Ids and ISO codes are left out so that a
// short word such as "kg" stays plain text ("24.kg"); country:kg takes them.
func (ds *Dataset) stateNames() [][]string {
	ix := ds.idx
	ix.stateOnce.Do(func() {
		ix.stateNames = make([][]string, len(ds.Countries))
		for i := range ds.Countries {
			c := &ds.Countries[i]
			codes := []string{Fold(c.ID), Fold(c.ISO3)}
			for _, n := range c.allNames() {
				if !slices.Contains(codes, n) {
					ix.stateNames[i] = append(ix.stateNames[i], n)
				}
			}
		}
		// Free-text country names that name a state: a format's partner
		// ("China"), a project's other countries.
		ix.partnerState = make([]string, len(ds.Partnerships))
		for i := range ds.Partnerships {
			if ids := ds.namedIn(ix.stateNames, ds.Partnerships[i].Partner); len(ids) > 0 {
				ix.partnerState[i] = ids[0]
			}
		}
		ix.otherStates = make([][]string, len(ds.Projects))
		for i := range ds.Projects {
			for _, o := range ds.Projects[i].OtherCountries {
				ix.otherStates[i] = append(ix.otherStates[i], ds.namedIn(ix.stateNames, o)...)
			}
		}
	})
	return ix.stateNames
}

func (ds *Dataset) namedIn(names [][]string, text string) []string {
	q := strings.TrimSpace(Fold(text))
	if q == "" {
		return nil
	}
	var ids []string
	for i, ns := range names {
		if slices.Contains(ns, q) {
			ids = append(ids, ds.Countries[i].ID)
		}
	}
	return ids
}

// stateNamed returns the ids of the states whose name (not code) is
// exactly text, folded: the plain search words that act as country:.
func (ds *Dataset) stateNamed(text string) []string {
	return ds.namedIn(ds.stateNames(), text)
}

// countryTerm resolves the value of country: to state ids, the way the CLI
// and the palette resolve a state: by id, ISO code or any name, exactly,
// else by the start of a name. One letter, too short for that, picks the
// states whose English name begins with it.
func (ds *Dataset) countryTerm(val string) []string {
	if ids := ds.CountriesNamed(val); len(ids) > 0 {
		return ids
	}
	var ids []string
	for _, c := range ds.Countries {
		if val != "" && strings.HasPrefix(ds.idx.foldedCountry[c.ID], val) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// termStates is the states a term selects records by, or nil when it is
// plain text (or another field).
func (ds *Dataset) termStates(t Term) []string {
	switch {
	case t.Err != "":
		return nil
	case t.Field == "country":
		return ds.countryTerm(t.Text)
	case t.Field == "":
		return ds.stateNamed(t.Text)
	}
	return nil
}

// tiedTo reports whether record r is tied to one of the states: it is the
// state, or the state takes part in it (a summit's participants, a
// format's members, observers or partner, a project's or an event's
// countries). Sources have no such field; they are handled as text, by
// the states' names (see stateHits).
func (ds *Dataset) tiedTo(r Ref, ids []string) bool {
	in := func(list []string) bool {
		for _, id := range list {
			if slices.Contains(ids, id) {
				return true
			}
		}
		return false
	}
	ds.stateNames()
	switch rec := ds.Record(r).(type) {
	case *Summit:
		return in(rec.Participants) || slices.Contains(ids, rec.Host) || slices.Contains(ids, rec.Country)
	case *Country:
		return slices.Contains(ids, rec.ID)
	case *Partnership:
		return in(rec.Members) || in(rec.Observers) || slices.Contains(ids, ds.idx.partnerState[r.Index])
	case *Project:
		return in(rec.Countries) || in(ds.idx.otherStates[r.Index])
	case *Event:
		return in(rec.Countries)
	}
	return false
}

// stateHits filters the candidates (all records of k when nil) by the
// states a term names, keeping or dropping them as the term is negated.
func (ds *Dataset) stateHits(k Kind, ids []string, neg bool, cand []int) []int {
	if k == KindSource {
		// A source is about a state when its title, publisher or address
		// names it, in any of its names.
		si := ds.searchIndex(k)
		n := ds.Len(k)
		hit := make([]bool, n)
		for _, id := range ids {
			i, ok := ds.idx.countryIdx[id]
			if !ok {
				continue
			}
			for _, name := range ds.stateNames()[i] {
				for _, j := range si.textHits(Term{Text: name}, nil, n) {
					hit[j] = true
				}
			}
		}
		return keep(cand, n, func(i int) bool { return hit[i] != neg })
	}
	return keep(cand, ds.Len(k), func(i int) bool { return ds.tiedTo(Ref{k, i}, ids) != neg })
}

// keep returns the candidates (0..n-1 when nil) that pass test, in order.
func keep(cand []int, n int, test func(int) bool) []int {
	var out []int
	if cand == nil {
		for i := range n {
			if test(i) {
				out = append(out, i)
			}
		}
		return out
	}
	for _, i := range cand {
		if test(i) {
			out = append(out, i)
		}
	}
	return out
}
