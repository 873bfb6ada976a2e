package model

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
	yamltoken "github.com/goccy/go-yaml/token"
)

// walker checks the document's shape against the Go types before decoding,
// so that every unknown field, wrong type and missing required field in the
// file is reported at once with its position; the YAML decoder alone would
// stop at the first.
//
// It also repairs what it reports: a value of the wrong type is replaced
// by null (its position kept), so the rest of the file still decodes and
// the semantic checks (references, dates, ranges) run in the same pass.
// The paths it repaired, and the required fields found missing, are
// marked, so the validator does not report them a second time.
type walker struct {
	l *loader
}

// nulled is a null node standing where n was, at n's position.
func nulled(n ast.Node) ast.Node {
	var tk *yamltoken.Token
	if t := n.GetToken(); t != nil {
		tk = yamltoken.New("null", "null", t.Position)
	} else {
		tk = yamltoken.New("null", "null", &yamltoken.Position{Line: 1, Column: 1})
	}
	return ast.Null(tk)
}

var datasetType = reflect.TypeFor[Dataset]()

// field is what the walker and validator need to know about a struct field.
type field struct {
	key      string
	index    []int
	typ      reflect.Type
	required bool
	text     bool // prose: keeps newlines when sanitised
	omit     bool // omitempty: Marshal leaves it out when empty
	country  bool // holds country ids
	sources  bool // holds source ids
	id       bool // the record's id
}

type structInfo struct {
	fields []field
	byKey  map[string]int
}

var structCache sync.Map // reflect.Type -> *structInfo; derived from types only

func infoOf(t reflect.Type) *structInfo {
	if v, ok := structCache.Load(t); ok {
		return v.(*structInfo)
	}
	si := &structInfo{byKey: map[string]int{}}
	var add func(t reflect.Type, prefix []int)
	add = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("yaml")
			if !sf.IsExported() || tag == "-" || tag == "" && !sf.Anonymous {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int{}, prefix...), i)
			if strings.Contains(opts, "inline") {
				add(sf.Type, idx)
				continue
			}
			f := field{key: name, index: idx, typ: sf.Type, omit: strings.Contains(opts, "omitempty")}
			for _, o := range strings.Split(sf.Tag.Get("casia"), ",") {
				switch o {
				case "req":
					f.required = true
				case "text":
					f.text = true
				case "country":
					f.country = true
				case "sources":
					f.sources = true
				case "id":
					f.id = true
				}
			}
			si.byKey[name] = len(si.fields)
			si.fields = append(si.fields, f)
		}
	}
	add(t, nil)
	v, _ := structCache.LoadOrStore(t, si)
	return v.(*structInfo)
}

// pathElem is one step into the document: a mapping key or a list index.
type pathElem struct {
	key   string
	index int // used when key == ""
}

func pathString(p []pathElem) string {
	var b strings.Builder
	for _, e := range p {
		if e.key == "" {
			fmt.Fprintf(&b, "[%d]", e.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.key)
	}
	return b.String()
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
	}
}

func kindName(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return "a mapping"
	case ast.SequenceType:
		return "a list"
	case ast.NullType:
		return "null"
	case ast.BoolType:
		return "a boolean"
	case ast.IntegerType, ast.FloatType, ast.InfinityType, ast.NanType:
		return "a number"
	default:
		if s, ok := n.(*ast.StringNode); ok {
			return "text " + strconv.Quote(clip(s.Value, 40))
		}
		return "text " + strconv.Quote(clip(n.String(), 40))
	}
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// check reports what is wrong with n as a value of type t. It returns
// false when n itself cannot be decoded as a t, for the caller to replace
// it with null (problems further inside n are repaired where they are).
func (w *walker) check(n ast.Node, t reflect.Type, path []pathElem) (ok bool) {
	n = unwrap(n)
	if n == nil {
		return true
	}
	switch n.(type) {
	case *ast.AnchorNode:
		w.l.addNode(n, pathString(path), "anchors (&name) are not supported; write the value out")
		return false
	case *ast.AliasNode:
		w.l.addNode(n, pathString(path), "aliases (*name) are not supported; write the value out")
		return false
	}
	isNull := n.Type() == ast.NullType
	if t.Kind() == reflect.Pointer {
		if isNull {
			return true
		}
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		return w.checkStruct(n, t, path)
	case reflect.Slice:
		if isNull {
			return true
		}
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			w.l.addNode(n, pathString(path), "expected a list, got %s", kindName(n))
			return false
		}
		for i, v := range seq.Values {
			p := append(path, pathElem{index: i})
			if !w.check(v, t.Elem(), p) {
				seq.Values[i] = nulled(v)
				w.l.markBad(p)
			}
		}
	case reflect.String:
		switch n.Type() {
		case ast.MappingType, ast.MappingValueType, ast.SequenceType:
			w.l.addNode(n, pathString(path), "expected text, got %s", kindName(n))
			return false
		case ast.StringType, ast.LiteralType:
			if s, ok := n.(interface{ GetValue() any }); ok {
				if v, ok := s.GetValue().(string); ok && len(v) > MaxStringBytes {
					w.l.addNode(n, pathString(path), "text is %d KB; the limit is %d KB", len(v)>>10, MaxStringBytes>>10)
					return false
				}
			}
		}
	case reflect.Float64:
		switch n.Type() {
		case ast.IntegerType, ast.FloatType:
		case ast.InfinityType, ast.NanType:
			w.l.addNode(n, pathString(path), "expected a finite number, got %s", n.String())
			return false
		default:
			w.l.addNode(n, pathString(path), "expected a number, got %s", kindName(n))
			return false
		}
	case reflect.Int:
		if n.Type() != ast.IntegerType {
			w.l.addNode(n, pathString(path), "expected a whole number, got %s", kindName(n))
			return false
		} else if iv, ok := n.(*ast.IntegerNode); ok {
			switch v := iv.Value.(type) {
			case int64:
				if v > 1<<31 || v < -(1<<31) {
					w.l.addNode(n, pathString(path), "number %d is out of range", v)
					return false
				}
			case uint64:
				if v > 1<<31 {
					w.l.addNode(n, pathString(path), "number %d is out of range", v)
					return false
				}
			}
		}
	case reflect.Bool:
		if n.Type() != ast.BoolType {
			w.l.addNode(n, pathString(path), "expected true or false, got %s", kindName(n))
			return false
		}
	}
	return true
}

func (w *walker) checkStruct(n ast.Node, t reflect.Type, path []pathElem) bool {
	var pairs []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		pairs = m.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{m}
	default:
		if n.Type() == ast.NullType {
			break
		}
		w.l.addNode(n, pathString(path), "expected a mapping, got %s", kindName(n))
		return false
	}
	si := infoOf(t)
	seen := make([]bool, len(si.fields))
	for _, mv := range pairs {
		key := ""
		if mv.Key != nil {
			key = mv.Key.String()
			if k, ok := unwrap(mv.Key).(*ast.StringNode); ok {
				key = k.Value
			}
		}
		if key == "<<" {
			w.l.addNode(mv.Key, pathString(path), "merge keys (<<) are not supported; write the fields out")
			mv.Value = nulled(mv.Value)
			continue
		}
		i, ok := si.byKey[key]
		if !ok {
			w.l.addNode(mv.Key, pathString(path), "unknown field %q%s", key, suggest(key, si))
			if mv.Value != nil {
				mv.Value = nulled(mv.Value) // ignored by the decoder; never worth its time
			}
			continue
		}
		seen[i] = true
		p := append(path, pathElem{key: key})
		if !w.check(mv.Value, si.fields[i].typ, p) {
			mv.Value = nulled(mv.Value)
			w.l.markBad(p)
		}
	}
	var missing []string
	for i, f := range si.fields {
		if f.required && !seen[i] {
			missing = append(missing, f.key)
			w.l.markBad(append(path, pathElem{key: f.key}))
		}
	}
	if len(missing) == 0 {
		return true
	}
	at := n
	if len(pairs) > 0 {
		at = pairs[0].Key
	}
	if len(missing) == 1 {
		w.l.addNode(at, pathString(path), "missing required field %q", missing[0])
		return true
	}
	w.l.addNode(at, pathString(path), "missing required fields %s", quoteAll(missing))
	return true
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// synonyms are keys people write for the ones casia uses.
var synonyms = map[string]string{
	"lng": "lon", "long": "lon", "longitude": "lon", "latitude": "lat",
	"source": "sources", "country_ids": "countries", "type": "kind", "title": "name",
	"start": "date", "end_date": "end", "url_": "url",
}

// suggest offers the closest known key for a misspelt one.
func suggest(key string, si *structInfo) string {
	if s, ok := synonyms[strings.ToLower(key)]; ok {
		if _, known := si.byKey[s]; known {
			return fmt.Sprintf(" (did you mean %q?)", s)
		}
	}
	best, bestD := "", 3
	keys := make([]string, 0, len(si.fields))
	for _, f := range si.fields {
		keys = append(keys, f.key)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if d := editDistance(strings.ToLower(key), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		if len(keys) > 12 {
			return ""
		}
		return "; known fields: " + strings.Join(keys, ", ")
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nodeAt finds the node at path in the document, or the deepest existing
// ancestor when the path ends in a missing field, so validation problems
// found on the decoded values can still be positioned.
func nodeAt(root ast.Node, path []pathElem) (ast.Node, bool) {
	n := unwrap(root)
	for _, e := range path {
		var next ast.Node
		switch m := n.(type) {
		case *ast.MappingNode:
			for _, mv := range m.Values {
				if mv.Key != nil && keyOf(mv) == e.key {
					next = mv.Value
					break
				}
			}
		case *ast.MappingValueNode:
			if keyOf(m) == e.key {
				next = m.Value
			}
		case *ast.SequenceNode:
			if e.key == "" && e.index >= 0 && e.index < len(m.Values) {
				next = m.Values[e.index]
			}
		}
		if next = unwrap(next); next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}

func keyOf(mv *ast.MappingValueNode) string {
	if k, ok := unwrap(mv.Key).(*ast.StringNode); ok {
		return k.Value
	}
	return mv.Key.String()
}
