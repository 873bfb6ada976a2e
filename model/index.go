package model

import (
	"bytes"
	bits2 "math/bits"
	"slices"
	"sync"
)

// textIndex is one kind's records flattened into one folded buffer, plus
// a small signature per record (280 bytes): which bytes occur in it, which
// pairs of lower-case letters (exactly), and bloom filters of its other
// byte pairs and of its byte triples. A search term first checks the
// signatures, so most records are rejected, or for terms of one byte or
// two letters decided, without reading their text; the survivors are
// confirmed with bytes.Contains. This keeps a keystroke well under 2 ms on
// 100,000 records.
//
// The signatures are stored word-major: sig[w][i] is word w of record i.
// A needle has bits in only a few words, so a search reads those words
// alone, sequentially (8 bytes a record per word), instead of a record's
// whole signature.
type textIndex struct {
	buf  []byte
	ends []int // ends[i]: end of record i in buf (a 0 byte follows)
	sig  [sigWords][]uint64
}

// The signature's words, in order.
const (
	byteWords   = 4  // one bit per byte value
	letterWords = 11 // one bit per pair of letters a–z: 676 bits
	pairWords   = 4  // a 256-bit bloom filter of the other adjacent byte pairs
	triWords    = 16 // a 1024-bit bloom filter of byte triples, two bits each

	letterBase = byteWords
	pairBase   = letterBase + letterWords
	triBase    = pairBase + pairWords
	sigWords   = triBase + triWords
)

// signature is one record's (or needle's) words, as built.
type signature [sigWords]uint64

func (s *signature) set(w int, bit uint) { s[w+int(bit>>6)] |= 1 << (bit & 63) }

func (s *signature) addByte(c byte) { s.set(0, uint(c)) }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

func (s *signature) addPair(a, b byte) {
	if isLetter(a) && isLetter(b) {
		s.set(letterBase, uint(a-'a')*26+uint(b-'a'))
		return
	}
	s.set(pairBase, (uint(a)*31+uint(b))&255)
}

// addTri sets two bits per triple: about 6% false positives for one
// triple on a 150-byte record.
func (s *signature) addTri(a, b, c byte) {
	h := (uint(a)*961 + uint(b)*31 + uint(c)) * 2654435761
	s.set(triBase, h>>8&1023)
	s.set(triBase, h>>20&1023)
}

func signatureOf(text []byte) signature {
	var s signature
	for j, c := range text {
		s.addByte(c)
		if j > 0 {
			s.addPair(text[j-1], c)
		}
		if j > 1 {
			s.addTri(text[j-2], text[j-1], c)
		}
	}
	return s
}

// exact reports whether a needle's signature decides a match without
// reading the text: one byte, or two letters.
func exact(needle []byte) bool {
	return len(needle) == 1 || len(needle) == 2 && isLetter(needle[0]) && isLetter(needle[1])
}

// word is one 64-bit word of a needle's signature that has bits set.
type word struct {
	i int
	m uint64
}

// needleWords are the words where the needle has bits, the most selective
// first: triples, then pairs, then bytes.
func needleWords(s *signature) []word {
	out := make([]word, 0, 8)
	for _, r := range [][2]int{{triBase, sigWords}, {letterBase, triBase}, {0, letterBase}} {
		for i := r[0]; i < r[1]; i++ {
			if s[i] != 0 {
				out = append(out, word{i, s[i]})
			}
		}
	}
	return out
}

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
		buf:  make([]byte, 0, n*96),
		ends: make([]int, n),
	}
	for w := range ti.sig {
		ti.sig[w] = make([]uint64, n)
	}
	for i := range n {
		start := len(ti.buf)
		texts(i, func(s string) {
			ti.buf = foldBytes(ti.buf, s, keepCase)
			ti.buf = append(ti.buf, '\n')
		})
		ti.ends[i] = len(ti.buf)
		sig := signatureOf(ti.buf[start:])
		for w, v := range sig {
			ti.sig[w][i] = v
		}
		ti.buf = append(ti.buf, 0)
	}
	return ti
}

// text is record i's folded text.
func (ti *textIndex) text(i int) []byte {
	start := 0
	if i > 0 {
		start = ti.ends[i-1] + 1
	}
	return ti.buf[start:ti.ends[i]]
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
//
// The candidates become a bitmap; each of the needle's signature words
// then clears the records that lack its bits, reading that word's column
// in record order; the survivors' text is checked last.
func (si *searchIndex) textHits(t Term, cand []int, n int) []int {
	ti := si.index(t.Cased)
	needle := []byte(t.Text)
	// Other two-byte terms are too common for the signatures to help
	// much: one sequential scan is faster when there is much to look
	// through.
	if len(needle) == 2 && !exact(needle) && (cand == nil || len(cand) >= n/16) {
		return ti.scan(needle, t.Neg, cand, n)
	}
	nsig := signatureOf(needle)
	words := needleWords(&nsig)
	in := newBitmap(n, cand)
	hit := in
	if t.Neg {
		hit = slices.Clone(in)
	}
	for j, w := range words {
		col := ti.sig[w.i][:n]
		if j == 0 && cand == nil {
			// Every record is a candidate: build the bitmap from the column.
			for b := range hit {
				var bits uint64
				for k, v := range col[b*64 : min(b*64+64, n)] {
					if v&w.m == w.m {
						bits |= 1 << k
					}
				}
				hit[b] = bits
			}
			continue
		}
		hit.keep(func(i int) bool { return col[i]&w.m == w.m })
	}
	if !exact(needle) {
		hit.keep(func(i int) bool { return bytes.Contains(ti.text(i), needle) })
	}
	if t.Neg {
		for b := range in {
			in[b] &^= hit[b]
		}
		hit = in
	}
	return hit.list(cand)
}

// bitmap is a set of record indexes.
type bitmap []uint64

// newBitmap is the set of cand, or of 0..n-1 when cand is nil.
func newBitmap(n int, cand []int) bitmap {
	bm := make(bitmap, (n+63)/64)
	if cand == nil {
		for i := range bm {
			bm[i] = ^uint64(0)
		}
		if r := n % 64; r != 0 {
			bm[len(bm)-1] = 1<<r - 1
		}
		return bm
	}
	for _, i := range cand {
		if i >= 0 && i < n {
			bm[i>>6] |= 1 << (i & 63)
		}
	}
	return bm
}

func (bm bitmap) has(i int) bool { return bm[i>>6]&(1<<(i&63)) != 0 }

// keep clears the members that fail test, visiting them in order.
func (bm bitmap) keep(test func(i int) bool) {
	for b, bits := range bm {
		for v := bits; v != 0; v &= v - 1 {
			k := bits2.TrailingZeros64(v)
			if !test(b<<6 | k) {
				bits &^= 1 << k
			}
		}
		bm[b] = bits
	}
}

func (bm bitmap) count() int {
	c := 0
	for _, v := range bm {
		c += bits2.OnesCount64(v)
	}
	return c
}

// list returns the members: in cand's order, or in record order when cand
// is nil.
func (bm bitmap) list(cand []int) []int {
	out := make([]int, 0, bm.count())
	if cand == nil {
		for b, v := range bm {
			for ; v != 0; v &= v - 1 {
				out = append(out, b<<6|bits2.TrailingZeros64(v))
			}
		}
		return out
	}
	for _, i := range cand {
		if i >= 0 && i>>6 < len(bm) && bm.has(i) {
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
	hit := make(bitmap, (n+63)/64)
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
		hit[rec>>6] |= 1 << (rec & 63)
		pos = ti.ends[rec] + 1
		rec++
	}
	if neg {
		all := newBitmap(n, nil)
		for b := range hit {
			hit[b] = all[b] &^ hit[b]
		}
	}
	return hit.list(cand)
}
