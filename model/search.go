package model

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Query is a parsed search: every term must match (AND). A term is plain
// text matched as a substring of everything a record says (names, aliases,
// topics, places…), `field:value` for one attribute, and either can be
// negated with a leading "!". "double quotes" keep spaces in a term. Plain
// text is case-insensitive unless it has an upper-case letter. A word that
// is a state's name, in any script, selects the records tied to that state,
// exactly as country: does.
type Query struct {
	Terms []Term
}

// Term is one condition of a Query.
type Term struct {
	Neg   bool
	Field string // "" for plain text
	Text  string // folded; case kept when Cased
	Cased bool
	// Err says why a term is malformed (an unknown field, a year that is
	// not one, a kind that does not exist). Filters skip such terms and
	// CheckQuery reports them, so a typo is explained, never a silent 0/0.
	Err    string
	quoted bool   // typed in quotes: never a field ("doi:10.1" is text)
	typed  string // as written, for messages
}

// QueryFields are the `field:` prefixes a query understands, with what each
// matches.
var QueryFields = []struct{ Name, Help string }{
	{"country", "a country's id or name, in any script (country:kz, country:kyrg, country:Казахстан)"},
	{"kind", "a project or event kind (kind:rail, kind:summit)"},
	{"status", "a project status (status:operating)"},
	{"year", "a year or range the record mentions (year:2023, year:2020..2025)"},
	{"confidence", "research status (confidence:single-source)"},
	{"tier", "a source's tier (tier:official)"},
	{"source", "records citing a source id (source:afp-seed)"},
	{"id", "a record id or its prefix (id:cku)"},
}

func isQueryField(s string) bool {
	for _, f := range QueryFields {
		if f.Name == s {
			return true
		}
	}
	return false
}

// looksLikeField reports whether name:value was meant as a field filter:
// a short ASCII word before the colon and a value that is not a URL's
// "//" (so https://… and 24.kg stay searchable text).
func looksLikeField(name, val string) bool {
	if len(name) < 2 || len(name) > 16 || val == "" || strings.HasPrefix(val, "/") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// ParseQuery reads the query language. It never fails: a malformed field
// term carries its Err (and matches nothing being skipped), anything else
// it does not understand is plain text.
func ParseQuery(s string) Query {
	var q Query
	// Queries are matched against sanitised text, so they are sanitised
	// the same way: a control character can never match.
	for _, tk := range tokens(Safe(s, false)) {
		tok := tk.text
		var t Term
		t.quoted, t.typed = tk.quoted, tk.text
		if strings.HasPrefix(tok, "!") && len(tok) > 1 && !tk.quoted {
			t.Neg, tok = true, tok[1:]
		}
		if name, val, ok := strings.Cut(tok, ":"); ok && !tk.quoted {
			switch lower := strings.ToLower(name); {
			case isQueryField(lower):
				t.Field, tok = lower, val
			case looksLikeField(name, val):
				t.Field, tok = lower, val
				t.Err = unknownField(name)
			}
		}
		if tok == "" {
			continue
		}
		t.Cased = t.Field == "" && hasUpper(tok)
		t.Text = string(foldBytes(nil, tok, t.Cased))
		if t.Text == "" {
			continue
		}
		if t.Err == "" {
			t.Err = checkValue(t.Field, t.Text, t.value())
		}
		q.Terms = append(q.Terms, t)
	}
	return q
}

type token struct {
	text   string
	quoted bool
}

func tokens(s string) []token {
	var out []token
	var b strings.Builder
	inQuote, quoted := false, false
	flush := func() {
		if b.Len() > 0 || quoted {
			out = append(out, token{b.String(), quoted})
		}
		b.Reset()
		quoted = false
	}
	for _, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
			quoted = true
			continue
		case (r == ' ' || r == '\t' || r == '\n') && !inQuote:
			flush()
			continue
		}
		b.WriteRune(r)
	}
	flush()
	return out
}

// Empty reports whether the query matches everything.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// narrows reports whether every record matching next also matches q, so a
// refined search may scan only q's hits: both are plain positive terms and
// each of q's terms is contained in the corresponding term of next.
func (q Query) narrows(next Query) bool {
	if q.Empty() || len(next.Terms) < len(q.Terms) {
		return false
	}
	for _, t := range next.Terms {
		if t.Neg || t.Field != "" || t.Err != "" {
			return false
		}
	}
	for i, t := range q.Terms {
		if t.Neg || t.Field != "" || t.Err != "" || !strings.Contains(Fold(next.Terms[i].Text), Fold(t.Text)) {
			return false
		}
	}
	return true
}

// Filter returns the indices, in dataset order, of the records of kind k
// that match the query text.
func (ds *Dataset) Filter(k Kind, query string) []int {
	return ds.filter(k, ParseQuery(query), nil)
}

// Refine is the dashboard's incremental search: prevHits is the result of
// prev in the order given by sortKey and reverse. When next extends prev
// and the extension can only narrow the result, it scans prevHits alone and
// keeps their order; otherwise it filters everything and sorts. Either way
// the result is what Query(k, next, sortKey, reverse) returns.
func (ds *Dataset) Refine(k Kind, prev string, prevHits []int, next, sortKey string, reverse bool) []int {
	q := ParseQuery(next)
	pq := ParseQuery(prev)
	if prevHits != nil && pq.Empty() && len(prevHits) == ds.Len(k) && !q.Empty() {
		// The first word typed: the previous hits are every record, in
		// order, so filtering them keeps the order without sorting.
		return ds.filter(k, q, prevHits)
	}
	if prevHits != nil && strings.HasPrefix(next, prev) && pq.narrows(q) &&
		!ds.namesState(pq) && !ds.namesState(q) {
		// A word that becomes a state's name ("kazakhstan") selects by
		// ties, not text, so it does not narrow what its prefix found.
		return ds.filter(k, q, prevHits)
	}
	hits := ds.filter(k, q, nil)
	ds.Sort(k, hits, sortKey, reverse)
	return hits
}

func (ds *Dataset) filter(k Kind, q Query, within []int) []int {
	n := ds.Len(k)
	if q.Empty() {
		if within != nil {
			return slices.Clone(within)
		}
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	cand := within
	applied := false
	for _, t := range q.Terms {
		if t.Err != "" {
			continue // malformed: CheckQuery explains it
		}
		applied = true
		if ids := ds.termStates(t); len(ids) > 0 {
			cand = ds.stateHits(k, ids, t.Neg, cand)
		} else if t.Field != "" {
			cand = ds.fieldHits(k, t, cand)
		} else {
			cand = ds.searchIndex(k).textHits(t, cand, n)
		}
		if cand == nil {
			cand = []int{}
		}
		if len(cand) == 0 {
			break
		}
	}
	if !applied {
		return ds.filter(k, Query{}, within)
	}
	if cand == nil {
		cand = []int{}
	}
	return cand
}

// namesState reports whether any term selects by state.
func (ds *Dataset) namesState(q Query) bool {
	for _, t := range q.Terms {
		if len(ds.termStates(t)) > 0 {
			return true
		}
	}
	return false
}

func (ds *Dataset) fieldHits(k Kind, t Term, cand []int) []int {
	return keep(cand, ds.Len(k), func(i int) bool { return ds.fieldMatch(Ref{k, i}, t.Field, t.Text) != t.Neg })
}

func (ds *Dataset) fieldMatch(r Ref, field, val string) bool {
	// Vocabulary values (kinds, statuses, tiers, confidence) are validated
	// lowercase ASCII, so they need no folding; names do.
	prefix := func(s string) bool { return strings.HasPrefix(s, val) }
	folded := func(s string) bool { return strings.HasPrefix(Fold(s), val) }
	contains := func(s string) bool { return strings.Contains(s, val) }
	// country: reaches here only when it names no signatory state (see
	// termStates): then it can match a project's other countries.
	switch field {
	case "id":
		return strings.HasPrefix(ds.ID(r), val)
	case "source":
		ds.buildCitations() // every record is asked: index them all, once
		return slices.ContainsFunc(ds.SourcesOf(r), func(s string) bool { return strings.HasPrefix(s, val) })
	case "year":
		return ds.yearMatch(r, val)
	}
	switch rec := ds.Record(r).(type) {
	case *Country:
		switch field {
		case "confidence":
			return rec.Leader != nil && prefix(string(rec.Leader.Confidence))
		}
	case *Partnership:
		switch field {
		case "confidence":
			return prefix(string(rec.Confidence))
		}
	case *Project:
		switch field {
		case "country":
			return slices.ContainsFunc(rec.OtherCountries, folded)
		case "kind":
			return prefix(string(rec.Kind))
		case "status":
			return contains(string(rec.Status))
		}
	case *Event:
		switch field {
		case "kind":
			return prefix(string(rec.Kind))
		case "confidence":
			return prefix(string(rec.Confidence))
		}
	case *Source:
		switch field {
		case "tier":
			return prefix(string(rec.Tier))
		}
	}
	return false
}

// yearMatch handles year:2023 and year:2020..2025 against every year a
// record mentions in its dates.
func (ds *Dataset) yearMatch(r Ref, val string) bool {
	lo, hi := val, val
	if a, b, ok := strings.Cut(val, ".."); ok {
		lo, hi = a, b
	}
	from, err1 := strconv.Atoi(lo)
	to, err2 := strconv.Atoi(hi)
	if lo == "" {
		from, err1 = 0, nil
	}
	if hi == "" {
		to, err2 = 9999, nil
	}
	if err1 != nil || err2 != nil {
		return false
	}
	for _, y := range ds.Years(r) {
		if y >= from && y <= to {
			return true
		}
	}
	return false
}

// Years lists the years a record's own dates fall in: an event's date, a
// project's milestones, a format's launch and meetings.
func (ds *Dataset) Years(r Ref) []int {
	var ys []int
	add := func(ds ...Date) {
		for _, d := range ds {
			if y := d.Year(); y != 0 {
				ys = append(ys, y)
			}
		}
	}
	meeting := func(m *Meeting) {
		if m != nil {
			add(m.Date, m.End)
		}
	}
	switch rec := ds.Record(r).(type) {
	case *Summit:
		add(rec.Date, rec.End)
	case *Country:
		if rec.Independence != nil {
			add(rec.Independence.Date)
		}
	case *Partnership:
		if rec.Launched != nil {
			add(rec.Launched.Date)
		}
		meeting(rec.FirstSummit)
		meeting(rec.LatestMeeting)
		meeting(rec.NextMeeting)
		for i := range rec.Meetings {
			meeting(&rec.Meetings[i])
		}
	case *Project:
		for _, m := range rec.Milestones {
			add(m.Date, m.End)
		}
	case *Event:
		add(rec.Date, rec.End)
	case *Source:
		add(rec.Date)
	}
	return ys
}

// texts emits everything a record says that a user might search for.
func (ds *Dataset) texts(r Ref, emit func(string)) {
	all := func(ss []string) {
		for _, s := range ss {
			emit(s)
		}
	}
	facts := func(fs []Fact) {
		for _, f := range fs {
			emit(f.Text)
		}
	}
	emit(ds.ID(r))
	switch rec := ds.Record(r).(type) {
	case *Summit:
		emit(rec.Name)
		all(rec.AltNames)
		emit(rec.City)
		emit(rec.Venue)
		emit(rec.Treaty.Name)
		all(rec.Treaty.AltNames)
		all(ds.CountryNames(rec.Participants))
		emit(rec.Summary)
		facts(rec.Outcomes)
		facts(rec.Documents)
	case *Country:
		n := &rec.Names
		emit(rec.ISO3)
		emit(n.Common)
		emit(n.Official)
		emit(n.Native)
		emit(n.NativeLatin)
		emit(n.Russian)
		emit(n.Chinese)
		all(n.Aliases)
		if rec.Capital != nil {
			emit(rec.Capital.Name)
		}
		if rec.Currency != nil {
			emit(rec.Currency.Name)
			emit(rec.Currency.Code)
		}
		if rec.Leader != nil {
			emit(rec.Leader.Name)
			emit(rec.Leader.Title)
		}
		emit(rec.Summary)
	case *Partnership:
		emit(rec.Partner)
		all(rec.PartnerAliases)
		emit(rec.Format)
		all(rec.Topics)
		// Members are not indexed as text: almost every format has all
		// five, so "turk" would find them all through Turkmenistan.
		// country:tm filters by member instead.
		emit(rec.Summary)
		emit(rec.Caveat)
		for _, m := range []*Meeting{rec.FirstSummit, rec.LatestMeeting, rec.NextMeeting} {
			if m != nil {
				emit(m.Place)
			}
		}
	case *Project:
		emit(rec.Name)
		all(rec.AltNames)
		emit(string(rec.Kind))
		emit(rec.Commodity)
		all(ds.CountryNames(rec.Countries))
		all(rec.OtherCountries)
		all(rec.Partners)
		emit(string(rec.Status))
		for _, p := range rec.Route {
			emit(p.Name)
		}
		emit(rec.Summary)
		emit(rec.Financing)
	case *Event:
		emit(string(rec.Date))
		emit(rec.Title)
		emit(string(rec.Kind))
		all(ds.CountryNames(rec.Countries))
		emit(rec.Summary)
	case *Source:
		emit(rec.Title)
		emit(rec.Publisher)
		emit(rec.URL)
		emit(string(rec.Date))
	}
}

// MatchRanges returns the byte ranges of s that the query's positive text
// terms match, for highlighting. Ranges are sorted and do not overlap.
func MatchRanges(s string, q Query) [][2]int {
	if plainASCII(s) {
		return matchASCII(s, q)
	}
	return matchFolded(s, q)
}

// matchFolded is MatchRanges for any text: it folds a copy and maps the
// matches back to the original's offsets.
func matchFolded(s string, q Query) [][2]int {
	var lower, cased []byte
	var lowerMap, casedMap []int
	var out [][2]int
	for _, t := range q.Terms {
		if t.Neg || t.Field != "" {
			continue
		}
		buf, m := &lower, &lowerMap
		if t.Cased {
			buf, m = &cased, &casedMap
		}
		if *buf == nil {
			*buf, *m = foldMapped(s, t.Cased)
		}
		for from := 0; from < len(*buf); {
			j := bytes.Index((*buf)[from:], []byte(t.Text))
			if j < 0 {
				break
			}
			a, b := from+j, from+j+len(t.Text)
			out = append(out, [2]int{(*m)[a], (*m)[b]})
			from = b
		}
	}
	return mergeRanges(out)
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges(out [][2]int) [][2]int {
	if len(out) < 2 {
		return out
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// plainASCII reports whether s folds byte for byte (ASCII without the
// apostrophes folding drops), so its matches need no offset map.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '\'' || c == '`' {
			return false
		}
	}
	return true
}

// matchASCII is MatchRanges for plainASCII text, without folding a copy:
// most cells match nothing and cost no allocation.
func matchASCII(s string, q Query) [][2]int {
	var out [][2]int
	for _, t := range q.Terms {
		if t.Neg || t.Field != "" || t.Text == "" {
			continue
		}
		for from := 0; from < len(s); {
			j := indexFolded(s[from:], t.Text, t.Cased)
			if j < 0 {
				break
			}
			a, b := from+j, from+j+len(t.Text)
			out = append(out, [2]int{a, b})
			from = b
		}
	}
	return mergeRanges(out)
}

// indexFolded finds a folded needle in ASCII text: exactly when the term
// is cased, else ignoring the text's case (the needle is lower case).
func indexFolded(s, needle string, cased bool) int {
	if cased {
		return strings.Index(s, needle)
	}
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == needle[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldMapped folds s and records, for every folded byte, the offset of the
// original rune it came from (plus a final entry for the end).
func foldMapped(s string, keepCase bool) ([]byte, []int) {
	buf := make([]byte, 0, len(s))
	m := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		before := len(buf)
		buf = appendFold(buf, r, keepCase)
		for range len(buf) - before {
			m = append(m, i)
		}
		i += n
	}
	m = append(m, len(s))
	return buf, m
}
