package model

import (
	"bytes"
	"fmt"
)

// Structural limits, checked by a linear scan of the bytes before the YAML
// parser sees them. goccy/go-yaml's parser checks each new key of a
// mapping against the keys before it, so one mapping of n keys costs n²
// (20,000 keys, 230 KB: 2.7 s; 2 MB: 77 s), and it spends about 1.2–2.3
// KB on every value, so 8 MB of one-character values took 3.4 GB. The
// byte limits alone (MaxFileSize, line length) do not bound either.
const (
	// MaxKeys bounds the keys of one mapping. casia's records have at most
	// 25 fields, so a mapping with more is all unknown or repeated keys.
	MaxKeys = 256
	// MaxValues bounds the values in a file: lines with content, plus the
	// items of flow lists and mappings. The built-in dataset has about
	// 5,700; 3,000 synthetic records in each list, 3.8 MB, have 194,000.
	// At the parser's 1.2–2.3 KB a value, this keeps a file's parse under
	// about 500 MB. Larger datasets load as JSON, bounded by jsonBounds.
	MaxValues = 250_000
)

// keyCount is the keys seen so far of an open mapping: a block mapping at
// an indentation, or a flow mapping at a bracket depth.
type keyCount struct {
	at   int // indentation (block) or bracket depth (flow)
	keys int
}

// bounds is the structural scan: nesting, keys per mapping and values per
// file, each refused at its position before the parser runs. It tracks
// quotes, comments and flow brackets as shallow did; within a line it
// recognises "key:" in block and flow position. Its counts are
// approximate in odd corners (a quoted string spanning lines that holds
// "a: b" counts a key), never by enough to refuse a file within the
// limits that real data keeps.
func (l *loader) bounds() bool {
	depth := 0
	var quote, prev byte // prev: last non-blank byte on this line, 0 at line start
	indent, lineStart, quoteAt := 0, true, 0
	values := 0
	var block []keyCount // open block mappings, innermost last
	var flow []keyCount  // open flow collections: keys counted for mappings ({)
	var flowKind []byte  // '{' or '[' per open flow collection
	content := false     // this line has content outside quotes and comments
	keyStart := -1       // offset where this line's first token starts (block)
	refuse := func(i int, format string, args ...any) bool {
		line, col := l.offsetPos(i)
		l.addAt(line, col, "", format, args...)
		return false
	}
	// blockKey counts a key at indentation n: deeper mappings are closed,
	// and the mapping at n gets one more key.
	blockKey := func(n, at int) bool {
		for len(block) > 0 && block[len(block)-1].at > n {
			block = block[:len(block)-1]
		}
		if len(block) == 0 || block[len(block)-1].at < n {
			block = append(block, keyCount{at: n})
		}
		top := &block[len(block)-1]
		if top.keys++; top.keys > MaxKeys {
			return refuse(at, "mapping has more than %d keys; casia's records have at most %d fields", MaxKeys, 25)
		}
		return true
	}
	for i := 0; i < len(l.src); i++ {
		c := l.src[i]
		if c == '\n' {
			if quote != 0 && l.openQuote < 0 {
				l.openQuote = quoteAt
			}
			if content {
				if values++; values > MaxValues {
					l.tooMany = true
					return refuse(i, "file has more than %s values; casia reads at most that many (split the file, or write JSON)", FormatNumber(MaxValues))
				}
			}
			prev, indent, lineStart, content, keyStart = 0, 0, true, false, -1
			continue
		}
		if lineStart && quote == 0 && depth == 0 {
			if c == ' ' || c == '-' || c == '?' {
				if c == '-' && i+1 < len(l.src) && l.src[i+1] != ' ' && l.src[i+1] != '\n' && l.src[i+1] != '\r' {
					lineStart = false // "-5" or "---": not an item marker
				} else {
					if c == '-' || c == '?' {
						// A list item: the mappings inside the previous
						// item, at this indentation and deeper, are closed.
						for len(block) > 0 && block[len(block)-1].at > indent {
							block = block[:len(block)-1]
						}
						content = true
					}
					if indent++; indent > 4*maxNesting {
						return refuse(i, "line is indented more than %d columns; casia data nests at most %d levels", 4*maxNesting, maxNesting)
					}
					continue
				}
			}
		}
		if lineStart {
			lineStart = false
			if c != '#' && c != '\r' {
				keyStart = i
			}
		}
		flowPos := prev == 0 || prev == ':' || prev == '-' || prev == '[' || prev == '{' || prev == ',' || prev == '?'
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case (c == '"' || c == '\'') && flowPos:
			quote, quoteAt = c, i
			content = true
		case c == '#' && (i == 0 || l.src[i-1] == ' ' || l.src[i-1] == '\t' || l.src[i-1] == '\n'):
			for i+1 < len(l.src) && l.src[i+1] != '\n' {
				i++
			}
			continue
		case (c == '[' || c == '{') && (flowPos || depth > 0):
			if depth++; depth > maxNesting {
				return refuse(i, "brackets nest deeper than %d levels", maxNesting)
			}
			flow = append(flow, keyCount{at: depth})
			flowKind = append(flowKind, c)
			content = true
		case (c == ']' || c == '}') && depth > 0:
			depth--
			flow, flowKind = flow[:len(flow)-1], flowKind[:len(flowKind)-1]
		case c == ',' && depth > 0:
			if values++; values > MaxValues {
				l.tooMany = true
				return refuse(i, "file has more than %s values; casia reads at most that many (split the file, or write JSON)", FormatNumber(MaxValues))
			}
		case c == ':' && (i+1 == len(l.src) || bytes.IndexByte([]byte(" \t\r\n,]}"), l.src[i+1]) >= 0):
			// A key's colon: in a flow mapping, one more key for it; in
			// block position, one more key for the mapping at this line's
			// indentation (a "- key:" item opens one two columns in).
			if depth > 0 {
				if flowKind[len(flowKind)-1] == '{' {
					top := &flow[len(flow)-1]
					if top.keys++; top.keys > MaxKeys {
						return refuse(i, "mapping has more than %d keys; casia's records have at most %d fields", MaxKeys, 25)
					}
				}
			} else if keyStart >= 0 {
				at := keyStart
				keyStart = -1 // one key per line
				if !blockKey(indent, at) {
					return false
				}
			}
			content = true
		default:
			if c != ' ' && c != '\t' && c != '\r' {
				content = true
			}
		}
		if c != ' ' && c != '\t' {
			prev = c
		}
	}
	if content {
		values++
	}
	l.tooMany = values > MaxValues
	return values <= MaxValues || refuse(len(l.src), "file has more than %s values; casia reads at most that many (split the file, or write JSON)", FormatNumber(MaxValues))
}

// jsonBounds bounds what encoding/json would build from a JSON file: each
// object or array it opens becomes a struct or a slice (an empty event,
// "{}", is two bytes of input and about 200 of memory), so 8 MB of "{},"
// took 1.5 GB before the record count was checked. The scan counts them
// outside strings, without allocating, and refuses more than MaxValues.
//
// It also refuses what encoding/json would take but the YAML path (and so
// casia validate) refuses: a key given twice in one object, where
// encoding/json keeps the last silently, and a key in other than lower
// case, which encoding/json matches to a field case-insensitively
// ("Sources" for "sources"). casia's keys are all lower case.
func jsonBounds(name string, src []byte) error {
	n := 0
	in := false
	strStart, strEscaped := 0, false
	var objects [][][]byte // per open object or array: its keys so far (nil for an array)
	var kinds []byte
	problem := func(i int, format string, args ...any) error {
		l := &loader{src: src}
		line, col := l.offsetPos(i)
		return Problems{{File: name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case in:
			if c == '\\' {
				strEscaped = true
				i++
			} else if c == '"' {
				in = false
				if len(kinds) == 0 || kinds[len(kinds)-1] != '{' {
					continue
				}
				j := i + 1
				for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
					j++
				}
				if j == len(src) || src[j] != ':' {
					continue // a value, not a key
				}
				key := src[strStart+1 : i]
				top := &objects[len(objects)-1]
				switch {
				case strEscaped || bytes.ContainsFunc(key, func(r rune) bool { return r >= 'A' && r <= 'Z' }):
					return problem(strStart, "key %q: casia's keys are lower case, written out (as casia export writes them)", string(key))
				case len(*top) >= MaxKeys:
					return problem(strStart, "mapping has more than %d keys; casia's records have at most %d fields", MaxKeys, 25)
				}
				for _, k := range *top {
					if bytes.Equal(k, key) {
						return problem(strStart, "key %q appears twice in one object", string(key))
					}
				}
				*top = append(*top, key)
			}
		case c == '"':
			in, strStart, strEscaped = true, i, false
		case c == '{' || c == '[':
			if n++; n > MaxValues {
				return problem(i, "file opens more than %s objects and lists; casia reads at most that many", FormatNumber(MaxValues))
			}
			if len(objects) < cap(objects) {
				objects = objects[:len(objects)+1]
				objects[len(objects)-1] = objects[len(objects)-1][:0]
			} else {
				objects = append(objects, nil)
			}
			kinds = append(kinds, c)
		case c == '}' || c == ']':
			if len(kinds) > 0 {
				objects, kinds = objects[:len(objects)-1], kinds[:len(kinds)-1]
			}
		}
	}
	return nil
}
