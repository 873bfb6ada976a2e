package model

import (
	"fmt"
	"reflect"
	"slices"
	"time"
)

// StaleYears is how many years a state's headline statistic may lag the
// dataset's as-of date before Check warns that it is out of date.
const StaleYears = 3

// Check loads a data file as Load does and, when it loads, also lists what
// is legal but questionable for a dataset people quote: a planned item whose
// date has passed with no recorded outcome, a state's statistic more than
// StaleYears older than meta.as_of, an item citing a source published
// before the event it attests, and a source nothing cites. today is the
// date plans are judged against (pinned in tests). Warnings are positioned
// like problems; the error, when not nil, is the Problems Load would give.
func Check(name string, src []byte, today Date) (*Dataset, Problems, error) {
	// JSON is parsed as YAML too, so that warnings have lines.
	l := &loader{file: name, src: src, openQuote: -1, json: looksJSON(src)}
	ds := l.load()
	if l.tooMany && l.json {
		// Too many values for the YAML parser; as JSON it may load, and
		// then its warnings are given by path alone.
		jds, err := LoadJSON(name, src)
		if err != nil {
			return nil, nil, err
		}
		ds, l.probs, l.body = jds, nil, nil
	}
	if len(l.probs) > 0 {
		return nil, nil, l.probs.sorted()
	}
	lt := &linter{l: l, ds: ds, today: today}
	lt.run()
	return ds, lt.warns.sorted(), nil
}

// Today is the current date in the form Check takes.
func Today() Date { return Date(time.Now().UTC().Format("2006-01-02")) }

type linter struct {
	l     *loader
	ds    *Dataset
	today Date
	path  []pathElem
	warns Problems
	cited map[string]bool
}

func (lt *linter) warn(path []pathElem, format string, args ...any) {
	n, _ := nodeAt(lt.l.body, path)
	line, col := pos(n)
	lt.warns = append(lt.warns, Problem{File: lt.l.file, Line: line, Col: col, Path: pathString(path),
		Msg: "warning: " + fmt.Sprintf(format, args...)})
}

func (lt *linter) at(key string, format string, args ...any) {
	lt.warn(append(slices.Clone(lt.path), pathElem{key: key}), format, args...)
}

func (lt *linter) run() {
	lt.cited = map[string]bool{}
	lt.walk(reflect.ValueOf(lt.ds).Elem())
	asOf := lt.ds.Meta.AsOf.Year()
	for i, c := range lt.ds.Countries {
		for _, s := range []struct {
			key string
			f   *Figure
		}{{"population", c.Population}, {"gdp", c.GDP}, {"gdp_per_capita", c.GDPPerCapita}, {"trade_with_china", c.TradeWithChina}} {
			if y := s.f.refYear(); s.f != nil && y > 0 && asOf-y > StaleYears && s.f.Checked < lt.ds.Meta.AsOf {
				lt.warn([]pathElem{{key: "countries"}, {index: i}, {key: s.key}},
					"%s is for %d, more than %d years before as_of %s; find a newer figure, or set checked: to the date one was last searched for and say why in note", s.key, y, StaleYears, lt.ds.Meta.AsOf)
			}
		}
	}
	for i, s := range lt.ds.Sources {
		if !lt.cited[s.ID] {
			lt.warn([]pathElem{{key: "sources"}, {index: i}, {key: "id"}}, "source %q is cited by no record", s.ID)
		}
	}
}

// refYear is the year a figure refers to, or 0 when it gives none.
func (f *Figure) refYear() int {
	if f == nil {
		return 0
	}
	if f.Year != 0 {
		return f.Year
	}
	return f.Date.Year()
}

// refDate is the date a figure refers to, and the key that holds it.
func (f *Figure) refDate() (Date, string) {
	if f.Date == "" && f.Year != 0 {
		return Date(fmt.Sprintf("%04d", f.Year)), "year"
	}
	return f.Date, "date"
}

// walk visits every struct in the dataset, checking the dated, sourced
// ones. Sources themselves are skipped: they are what is cited.
func (lt *linter) walk(rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer:
		if !rv.IsNil() {
			lt.walk(rv.Elem())
		}
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.String {
			return
		}
		for i := range rv.Len() {
			lt.path = append(lt.path, pathElem{index: i})
			lt.walk(rv.Index(i))
			lt.path = lt.path[:len(lt.path)-1]
		}
	case reflect.Struct:
		if rv.Type() == sourceType {
			return
		}
		lt.item(rv)
		for _, f := range infoOf(rv.Type()).fields {
			if f.sources {
				continue
			}
			lt.path = append(lt.path, pathElem{key: f.key})
			lt.walk(rv.FieldByIndex(f.index))
			lt.path = lt.path[:len(lt.path)-1]
		}
	}
}

// confidence checks an item's research status against the dataset's
// definitions: verified means one official source, or two sources that are
// not both secondary (a pair of weak or partisan sources is not
// verification); an official source makes single-source verified.
// Independence cannot be checked mechanically; count and tier can.
func (lt *linter) confidence(rv reflect.Value, ids []string) {
	f := rv.FieldByName("Confidence")
	if !f.IsValid() || len(ids) == 0 {
		return
	}
	if Confidence(f.String()) == SingleSource {
		for _, id := range ids {
			if s := lt.ds.Source(id); s != nil && s.Tier == Official {
				lt.at("confidence", "single-source, but %q is an official source, which makes it verified", id)
				return
			}
		}
	}
	if Confidence(f.String()) != Verified {
		return
	}
	strong := 0
	for _, id := range ids {
		s := lt.ds.Source(id)
		switch {
		case s == nil:
		case s.Tier == Official:
			return
		case s.Tier != Secondary:
			strong++
		}
	}
	if len(ids) >= 2 && strong >= 1 {
		return
	}
	why := "one non-official source"
	if len(ids) >= 2 {
		why = "only secondary sources"
	}
	lt.at("confidence", "verified on %s; verified needs one official source or two independent sources, not both secondary: mark it single-source or cite more", why)
}

// item checks one struct: a plan past its date, sources older than the
// event they attest, and the confidence its sources support.
func (lt *linter) item(rv reflect.Value) {
	var ids []string
	var when Date
	whenKey := ""
	planned := false
	var checked Date
	switch x := rv.Addr().Interface().(type) {
	case *Milestone:
		ids, when, whenKey, planned, checked = x.Sources, x.Date, "date", x.Planned, x.Checked
	case *Meeting:
		ids, when, whenKey, planned, checked = x.Sources, x.Date, "date", x.Planned, x.Checked
	case *Event:
		ids, when, whenKey = x.Sources, x.Date, "date"
	case *Quote:
		ids, when, whenKey = x.Sources, x.Date, "date"
	case *Leader:
		ids, when, whenKey = x.Sources, x.Since, "since"
	case *Membership:
		ids, when, whenKey = x.Sources, x.Since, "since"
	case *Figure:
		ids = x.Sources
		when, whenKey = x.refDate()
	case *Stat:
		ids = x.Sources
		when, whenKey = x.refDate()
	case *Summit:
		ids, when, whenKey = x.Sources, x.Date, "date"
	case *Treaty:
		ids, when, whenKey = x.Sources, x.Signed, "signed"
	default:
		if f := rv.FieldByName("Sources"); f.IsValid() {
			ids, _ = f.Interface().([]string)
		}
	}
	for _, id := range ids {
		lt.cited[id] = true
	}
	lt.confidence(rv, ids)
	if !when.Valid() {
		return
	}
	if planned {
		if when.last() < lt.today && (checked == "" || checked < when) {
			lt.at(whenKey, "planned for %s, which has passed (today is %s); record what happened, or set checked: to the date its outcome was last searched for and say what was searched in note",
				when.Human(), lt.today.Human())
		}
		return // a plan is attested by its announcement, which comes first
	}
	for _, id := range ids {
		s := lt.ds.Source(id)
		if s == nil || !s.Date.Valid() {
			continue
		}
		if before(s.Date, when) {
			lt.at(whenKey, "source %q (published %s) predates the %s it is cited for", id, s.Date.Human(), when.Human())
		}
	}
}

// before reports whether a is before b at the coarser of their precisions:
// a source dated "2025" does not predate an event of "2025-06-17".
func before(a, b Date) bool {
	_, _, _, pa := a.Parse()
	_, _, _, pb := b.Parse()
	n := 10
	switch min(pa, pb) {
	case Year:
		n = 4
	case Month:
		n = 7
	}
	return string(a)[:n] < string(b)[:n]
}

// last is the last day a date covers ("2026-09" → "2026-09-30"), so a plan
// for September is overdue only in October.
func (d Date) last() Date {
	y, m, day, p := d.Parse()
	switch p {
	case Year:
		return Date(fmt.Sprintf("%04d-12-31", y))
	case Month:
		t := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
		return Date(t.Format("2006-01-02"))
	case Day:
		return Date(fmt.Sprintf("%04d-%02d-%02d", y, m, day))
	}
	return d
}
