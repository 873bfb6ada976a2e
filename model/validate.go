package model

import (
	"math"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var (
	dateType       = reflect.TypeFor[Date]()
	confidenceType = reflect.TypeFor[Confidence]()
	figureType     = reflect.TypeFor[Figure]()
	placeType      = reflect.TypeFor[Place]()
	countryType    = reflect.TypeFor[Country]()
	sourceType     = reflect.TypeFor[Source]()
	summitType     = reflect.TypeFor[Summit]()
	membershipType = reflect.TypeFor[Membership]()
)

// enums lists the closed vocabularies, keyed by their Go type.
var enums = map[reflect.Type][]string{
	confidenceType:                   {string(Verified), string(SingleSource), string(Conflicting), string(Derived)},
	reflect.TypeFor[ProjectKind]():   {string(Rail), string(Road), string(Pipeline), string(Power), string(Logistics), string(Digital), string(Industry)},
	reflect.TypeFor[ProjectStatus](): {string(Proposed), string(Preparatory), string(UnderConstruction), string(Operating), string(Stalled)},
	reflect.TypeFor[Org]():           {string(OrgSCO), string(OrgEAEU), string(OrgCSTO), string(OrgOTS), string(OrgCAREC), string(OrgCIS), string(OrgWTO)},
	reflect.TypeFor[Role]():          {string(Member), string(Observer), string(DialoguePartner)},
	reflect.TypeFor[EventKind]():     {string(Independence), string(Diplomacy), string(SummitEvent), string(Organisation), string(Infrastructure), string(Initiative)},
	reflect.TypeFor[SourceTier]():    {string(Official), string(Press), string(Reference), string(Secondary), string(DataSet)},
}

// validator checks the decoded values. It runs after the shape check, so
// every field has the right Go type; what remains is meaning: ids,
// references, dates, ranges, vocabularies.
type validator struct {
	l         *loader
	countries map[string]bool
	sources   map[string]bool
	ids       map[string][]pathElem
	path      []pathElem
}

func (l *loader) validate(ds *Dataset) {
	v := &validator{
		l:         l,
		countries: make(map[string]bool, len(ds.Countries)),
		sources:   make(map[string]bool, len(ds.Sources)),
		ids:       make(map[string][]pathElem),
	}
	for _, c := range ds.Countries {
		v.countries[c.ID] = true
	}
	for _, s := range ds.Sources {
		v.sources[s.ID] = true
	}
	if n := ds.total() - 1; n > MaxRecords && !l.inMemory {
		v.problemAt(nil, "file holds %d records; casia loads at most %d", n, MaxRecords)
		return
	}
	if len(ds.Countries)+len(ds.Partnerships)+len(ds.Projects)+len(ds.Events) == 0 {
		v.problemAt([]pathElem{{key: "countries"}}, "dataset is empty: it has no countries, partnerships, projects or events")
	}
	v.value(reflect.ValueOf(ds).Elem(), field{})
}

// problem records a problem at the current path.
func (v *validator) problem(format string, args ...any) {
	v.problemAt(v.path, format, args...)
}

func (v *validator) problemAt(path []pathElem, format string, args ...any) {
	if v.l.full || v.l.reported(path) {
		return
	}
	n, _ := nodeAt(v.l.body, path)
	line, col := pos(n)
	v.l.addAt(line, col, pathString(path), format, args...)
}

func (v *validator) push(e pathElem) { v.path = append(v.path, e) }
func (v *validator) pop()            { v.path = v.path[:len(v.path)-1] }

func (v *validator) value(rv reflect.Value, f field) {
	if v.l.full {
		return
	}
	t := rv.Type()
	switch rv.Kind() {
	case reflect.Pointer:
		if !rv.IsNil() {
			v.value(rv.Elem(), f)
		}
	case reflect.Struct:
		v.structValue(rv)
	case reflect.Slice:
		if f.required && rv.Len() == 0 {
			v.problem("must not be empty")
		}
		if t.Elem().Kind() == reflect.String {
			v.strings(rv, f)
			return
		}
		for i := range rv.Len() {
			v.push(pathElem{index: i})
			v.value(rv.Index(i), f)
			v.pop()
		}
	case reflect.String:
		v.str(rv.String(), t, f)
	case reflect.Float64:
		if x := rv.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			v.problem("must be a finite number")
		}
	}
}

func (v *validator) strings(rv reflect.Value, f field) {
	seen := make(map[string]bool, rv.Len())
	for i := range rv.Len() {
		s := rv.Index(i).String()
		v.push(pathElem{index: i})
		switch {
		case s == "":
			v.problem("must not be empty")
		case seen[s]:
			v.problem("%q is listed twice", s)
		case f.country && !v.countries[s]:
			v.problem("unknown country %q%s", s, v.known(v.countries))
		case f.sources && !v.sources[s]:
			v.problem("unknown source %q; every source must be listed under sources", s)
		}
		seen[s] = true
		v.pop()
	}
}

func (v *validator) known(set map[string]bool) string {
	if len(set) == 0 || len(set) > 12 {
		return ""
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "; known: " + strings.Join(keys, ", ")
}

func (v *validator) str(s string, t reflect.Type, f field) {
	if s == "" {
		if f.required {
			if n, ok := nodeAt(v.l.body, v.path); ok && strings.TrimSpace(n.String()) != "" && n.String() != `""` {
				v.problem("must not be empty (it held only spaces or control characters)")
				return
			}
			v.problem("must not be empty")
		}
		return
	}
	switch {
	case t == dateType:
		if !Date(s).Valid() {
			v.problem("invalid date %q; use YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
	case enums[t] != nil:
		if !slices.Contains(enums[t], s) {
			v.problem("unknown value %q; use one of: %s", s, strings.Join(enums[t], ", "))
		}
	case f.country && !v.countries[s]:
		v.problem("unknown country %q%s", s, v.known(v.countries))
	case f.id:
		if !idPattern.MatchString(s) {
			v.problem("id %q must be lowercase letters, digits and single hyphens", s)
			return
		}
		if prev, dup := v.ids[s]; dup {
			n, _ := nodeAt(v.l.body, prev)
			line, _ := pos(n)
			v.problem("duplicate id %q (first used at line %d, %s)", s, line, pathString(prev))
			return
		}
		v.ids[s] = slices.Clone(v.path)
	}
}

func (v *validator) structValue(rv reflect.Value) {
	t := rv.Type()
	si := infoOf(t)
	for _, f := range si.fields {
		fv := rv.FieldByIndex(f.index)
		if t == datasetType && f.key == "summit" && fv.IsZero() {
			continue // the summit is optional; when present it is checked
		}
		v.push(pathElem{key: f.key})
		v.value(fv, f)
		v.pop()
	}
	switch t {
	case figureType:
		v.figure(rv.Addr().Interface().(*Figure))
	case placeType:
		p := rv.Addr().Interface().(*Place)
		v.coord("lon", p.Lon, 180)
		v.coord("lat", p.Lat, 90)
	case countryType:
		if id := rv.FieldByName("ID").String(); id != "" && (len(id) != 2 || strings.ToLower(id) != id) {
			v.at("id", "country id %q must be an ISO 3166-1 alpha-2 code in lowercase, like \"kz\"", id)
		}
		v.yearly(rv.FieldByName("TradeHistory"))
	case summitType:
		v.yearly(rv.FieldByName("TradeHistory"))
	case membershipType:
		m := rv.Addr().Interface().(*Membership)
		if m.Until != "" && m.Since.Valid() && m.Until.Valid() && m.Until < m.Since {
			v.at("until", "until %s is before since %s", m.Until, m.Since)
		}
	case sourceType:
		raw := rv.FieldByName("URL").String()
		if u, err := url.Parse(raw); raw != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			v.at("url", "url %q must be an absolute http or https address", raw)
		}
	}
	// Any record with a start and an end date must not end before it starts.
	if i, ok := si.byKey["end"]; ok && si.fields[i].typ == dateType {
		if j, ok := si.byKey["date"]; ok {
			start := Date(rv.FieldByIndex(si.fields[j].index).String())
			end := Date(rv.FieldByIndex(si.fields[i].index).String())
			if end != "" && start.Valid() && end.Valid() && end < start {
				v.at("end", "end date %s is before the start date %s", end, start)
			}
		}
	}
}

// yearly checks a figure series: each point needs its year, one unit
// throughout, and no year twice.
func (v *validator) yearly(series reflect.Value) {
	figs := series.Interface().([]Figure)
	v.push(pathElem{key: "trade_history"})
	defer v.pop()
	seen := map[int]bool{}
	for i, f := range figs {
		v.push(pathElem{index: i})
		y := f.refYear()
		switch {
		case y == 0:
			v.at("year", "a point of a yearly series needs its year")
		case seen[y]:
			v.at("year", "year %d appears twice in this series", y)
		case f.Unit != figs[0].Unit:
			v.at("unit", "unit %q differs from the series' first unit %q", f.Unit, figs[0].Unit)
		}
		seen[y] = true
		v.pop()
	}
}

// at reports a problem on a field of the struct being checked.
func (v *validator) at(key, format string, args ...any) {
	v.push(pathElem{key: key})
	v.problem(format, args...)
	v.pop()
}

func (v *validator) coord(key string, x, limit float64) {
	if x < -limit || x > limit {
		v.at(key, "%s %g is out of range (-%g to %g)", key, x, limit, limit)
	}
}

func (v *validator) figure(f *Figure) {
	if _, ok := Units[f.Unit]; !ok && f.Unit != "" {
		v.at("unit", "unknown unit %q; use one of: %s", f.Unit, strings.Join(unitNames(), ", "))
	}
	if f.Value < 0 {
		v.at("value", "value %g must not be negative; put changes and differences in note", f.Value)
	}
	if f.Year != 0 && (f.Year < 1800 || f.Year > 2100) {
		v.at("year", "year %d is out of range (1800 to 2100)", f.Year)
	}
}

func unitNames() []string {
	names := make([]string, 0, len(Units))
	for k := range Units {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
