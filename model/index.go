package model

import (
	"bytes"
	"sync"
)

// textIndex is one kind's records flattened into one folded buffer, plus
// small signatures per record: which bytes occur in it, and bloom filters
// of its byte pairs and triples (224 bytes per record). A search term first checks the signatures (a
// dozen AND operations), so most records are rejected, or for one-letter
// terms decided, without reading their text; the survivors are confirmed
// with bytes.Contains. This keeps a keystroke well under 2 ms on 100,000
// records.
type textIndex struct {
	buf   []byte
	ends  []int // ends[i]: end of record i in buf (a 0 byte follows)
	bytes []byteSet
	pairs []pairSet
	tris  []triSet
}

type byteSet [4]uint64 // one bit per byte value
type pairSet [8]uint64 // a 512-bit bloom filter of adjacent byte pairs

// triSet is a 1024-bit bloom filter of byte triples with two bits per
// triple: about 6% false positives for one triple on a 150-byte record.
type triSet [16]uint64

func (s *triSet) add(a, b, c byte) {
	h := (uint(a)*961 + uint(b)*31 + uint(c)) * 2654435761
	p, q := h>>8&1023, h>>20&1023
	s[p>>6] |= 1 << (p & 63)
	s[q>>6] |= 1 << (q & 63)
}

func pairBit(a, b byte) uint { return (uint(a)*31 + uint(b)) & 511 }

// word is one 64-bit word of a needle's signature that has bits set.
type word struct {
	i int
	m uint64
}

func nonzero(ws []uint64) []word {
	var out []word
	for i, m := range ws {
		if m != 0 {
			out = append(out, word{i, m})
		}
	}
	return out
}

// covers reports whether set has every bit of the needle's words.
func covers(set []uint64, need []word) bool {
	for _, w := range need {
		if set[w.i]&w.m != w.m {
			return false
		}
	}
	return true
}

func (s *byteSet) add(c byte)    { s[c>>6] |= 1 << (c & 63) }
func (s *pairSet) add(a, b byte) { p := pairBit(a, b); s[p>>6] |= 1 << (p & 63) }

// searchIndex holds a kind's case-insensitive index, and the
// case-sensitive one for smart case, built the first time a query has a
// capital letter.
type searchIndex struct {
	lower     textIndex
	casedOnce sync.Once
	cased     textIndex
	texts     func(i int, emit func(string))
}

func (ds *Dataset) searchIndex(k Kind) *searchIndex {
	ix := ds.idx
	ix.searchOnce[k].Do(func() {
		si := &searchIndex{texts: func(i int, emit func(string)) { ds.texts(Ref{k, i}, emit) }}
		si.lower = buildIndex(ds.Len(k), si.texts, false)
		ix.search[k] = si
	})
	return ix.search[k]
}

func buildIndex(n int, texts func(int, func(string)), keepCase bool) textIndex {
	ti := textIndex{
		buf:   make([]byte, 0, n*96),
		ends:  make([]int, n),
		bytes: make([]byteSet, n),
		pairs: make([]pairSet, n),
		tris:  make([]triSet, n),
	}
	for i := range n {
		start := len(ti.buf)
		texts(i, func(s string) {
			ti.buf = foldBytes(ti.buf, s, keepCase)
			ti.buf = append(ti.buf, '\n')
		})
		ti.ends[i] = len(ti.buf)
		rec := ti.buf[start:]
		for j, c := range rec {
			ti.bytes[i].add(c)
			if j > 0 {
				ti.pairs[i].add(rec[j-1], c)
			}
			if j > 1 {
				ti.tris[i].add(rec[j-2], rec[j-1], c)
			}
		}
		ti.buf = append(ti.buf, 0)
	}
	return ti
}

func (si *searchIndex) index(cased bool) *textIndex {
	if !cased {
		return &si.lower
	}
	si.casedOnce.Do(func() { si.cased = buildIndex(len(si.lower.ends), si.texts, true) })
	return &si.cased
}

// textHits returns the candidates (all records when cand is nil, in
// dataset order) whose text contains t, or does not when t is negated.
// The result keeps cand's order.
func (si *searchIndex) textHits(t Term, cand []int, n int) []int {
	ti := si.index(t.Cased)
	needle := []byte(t.Text)
	var nb byteSet
	var np pairSet
	var nt triSet
	for j, c := range needle {
		nb.add(c)
		if j > 0 {
			np.add(needle[j-1], c)
		}
		if j > 1 {
			nt.add(needle[j-2], needle[j-1], c)
		}
	}
	single := len(needle) == 1
	// Only the words where the needle has bits need checking.
	bw, pw, tw := nonzero(nb[:]), nonzero(np[:]), nonzero(nt[:])
	match := func(i int) bool {
		ok := covers(ti.bytes[i][:], bw) && covers(ti.pairs[i][:], pw) && covers(ti.tris[i][:], tw)
		if ok && !single {
			start := 0
			if i > 0 {
				start = ti.ends[i-1] + 1
			}
			ok = bytes.Contains(ti.buf[start:ti.ends[i]], needle)
		}
		return ok != t.Neg
	}
	// Two-byte terms are too common for the signatures to help much: one
	// sequential scan is faster when there is much to look through.
	if len(needle) == 2 && (cand == nil || len(cand) >= n/16) {
		return ti.scan(needle, t.Neg, cand, n)
	}
	if cand == nil {
		out := make([]int, 0, 64)
		for i := range n {
			if match(i) {
				out = append(out, i)
			}
		}
		return out
	}
	out := make([]int, 0, len(cand))
	if len(cand) < n/16 {
		for _, i := range cand {
			if match(i) {
				out = append(out, i)
			}
		}
		return out
	}
	// Many candidates, probably in sort order: test them in dataset order,
	// which reads the signatures sequentially, then keep cand's order.
	in := make([]bool, n)
	for _, i := range cand {
		in[i] = true
	}
	for i := range n {
		if in[i] {
			in[i] = match(i)
		}
	}
	for _, i := range cand {
		if in[i] {
			out = append(out, i)
		}
	}
	return out
}

// scan finds the records containing needle with one sequential pass of
// bytes.Index over the whole buffer, jumping to the next record after each
// hit: for common terms this beats testing records one by one. With cand
// set, only those records count, in cand's order.
func (ti *textIndex) scan(needle []byte, neg bool, cand []int, n int) []int {
	hit := make([]bool, n)
	pos, rec := 0, 0
	for pos < len(ti.buf) {
		j := bytes.Index(ti.buf[pos:], needle)
		if j < 0 {
			break
		}
		p := pos + j
		for rec < n && ti.ends[rec] <= p {
			rec++
		}
		if rec == n {
			break
		}
		hit[rec] = true
		pos = ti.ends[rec] + 1
		rec++
	}
	var out []int
	if cand == nil {
		out = make([]int, 0, 64)
		for i, h := range hit {
			if h != neg {
				out = append(out, i)
			}
		}
		return out
	}
	out = make([]int, 0, len(cand))
	for _, i := range cand {
		if hit[i] != neg {
			out = append(out, i)
		}
	}
	return out
}
