package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// QueryError is a malformed filter: the term as typed and what would be
// valid there. The dashboard shows it under the filter box; `casia list
// --filter` prints it and exits 2.
type QueryError struct {
	Term string // as typed
	Msg  string
}

func (e *QueryError) Error() string { return fmt.Sprintf("filter %q: %s", e.Term, e.Msg) }

// fieldKinds are the lists each field filters; a field used elsewhere
// matches nothing, so it is reported. country, year, source and id apply
// to every list.
var fieldKinds = map[string][]Kind{
	"kind":       {KindProject, KindEvent},
	"status":     {KindProject},
	"confidence": {KindCountry, KindPartnership, KindEvent},
	"tier":       {KindSource},
}

func fieldNames() string {
	names := make([]string, len(QueryFields))
	for i, f := range QueryFields {
		names[i] = f.Name + ":"
	}
	return strings.Join(names, " ")
}

// unknownField explains a name:value term whose name is no field, with the
// closest field when one is a typo away.
func unknownField(name string) string {
	msg := fmt.Sprintf("no field %q", strings.ToLower(name))
	best, bestD := "", 3
	for _, f := range QueryFields {
		if d := editDistance(strings.ToLower(name), f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	if best != "" {
		msg += fmt.Sprintf(" (did you mean %s:?)", best)
	}
	return msg + "; use " + fieldNames() + ` (or "quote" text with a colon)`
}

// vocab is a field's closed list of values, for any kind of record.
func vocab(field string) []string {
	switch field {
	case "kind":
		return append(slices.Clone(enums[reflect.TypeFor[ProjectKind]()]), enums[reflect.TypeFor[EventKind]()]...)
	case "status":
		return enums[reflect.TypeFor[ProjectStatus]()]
	case "confidence":
		return enums[confidenceType]
	case "tier":
		return enums[reflect.TypeFor[SourceTier]()]
	}
	return nil
}

// vocabFor is a field's values on one list.
func vocabFor(field string, k Kind) []string {
	switch {
	case field == "kind" && k == KindProject:
		return enums[reflect.TypeFor[ProjectKind]()]
	case field == "kind" && k == KindEvent:
		return enums[reflect.TypeFor[EventKind]()]
	}
	return vocab(field)
}

// valueMatches mirrors fieldMatch: statuses match anywhere ("under"),
// other vocabularies by prefix ("single").
func valueMatches(field, val string, values []string) bool {
	return slices.ContainsFunc(values, func(v string) bool {
		if field == "status" {
			return strings.Contains(v, val)
		}
		return strings.HasPrefix(v, val)
	})
}

// checkValue is the dataset-independent check of a field's value: years
// that are years, and values from the closed vocabularies.
func checkValue(field, val, typed string) string {
	switch field {
	case "year":
		if !validYears(val) {
			return "not a year; write year:2023, year:2020..2025 or year:..2010"
		}
	case "kind", "status", "confidence", "tier":
		if vs := vocab(field); !valueMatches(field, val, vs) {
			return badValue(field, "", typed, vs)
		}
	}
	return ""
}

func badValue(field, of, val string, values []string) string {
	plural := map[string]string{"kind": "kinds", "status": "statuses", "confidence": "levels", "tier": "tiers"}[field]
	if of != "" {
		of += " "
	}
	return fmt.Sprintf("no %s%s %q; %s%s are %s", of, field, val, of, plural, strings.Join(values, ", "))
}

func validYears(val string) bool {
	lo, hi, isRange := strings.Cut(val, "..")
	digits := func(s string) bool {
		if len(s) > 4 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if !isRange {
		return lo != "" && digits(lo)
	}
	return (lo != "" || hi != "") && digits(lo) && digits(hi)
}

// CheckQuery reports the first malformed term of a filter for list k, as a
// *QueryError naming the valid fields or values: an unknown field, a year
// that is not one, a value outside a field's closed vocabulary, a field
// that does not apply to the list. Open-ended values (a country, a source
// or record id) are not checked: a well-formed query that matches nothing
// is not an error.
func (ds *Dataset) CheckQuery(k Kind, query string) error {
	for _, t := range ParseQuery(query).Terms {
		if msg := ds.checkTerm(k, t); msg != "" {
			return &QueryError{Term: t.typed, Msg: msg}
		}
	}
	return nil
}

// value is the term's value as typed, for messages.
func (t Term) value() string {
	if _, v, ok := strings.Cut(t.typed, ":"); ok {
		return v
	}
	return t.Text
}

func (ds *Dataset) checkTerm(k Kind, t Term) string {
	if t.Err != "" && vocab(t.Field) == nil {
		return t.Err
	}
	if kinds, ok := fieldKinds[t.Field]; ok && !slices.Contains(kinds, k) {
		names := make([]string, len(kinds))
		for i, fk := range kinds {
			names[i] = fk.ListName()
		}
		return fmt.Sprintf("%s: filters %s only, not %s", t.Field, strings.Join(names, " and "), k.ListName())
	}
	switch t.Field {
	case "kind", "status", "confidence", "tier":
		if vs := vocabFor(t.Field, k); !valueMatches(t.Field, t.Text, vs) {
			of := ""
			if t.Field == "kind" {
				of = k.String()
			}
			return badValue(t.Field, of, t.value(), vs)
		}
	}
	return ""
}
