package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMatchASCII checks the fast path of MatchRanges for plain ASCII text
// against the general one, which folds a copy.
func TestMatchASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "abcAB Ck-.1"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	queries := []string{"a", "ab", "AB", "b c", "!a b", "kind:rail ab", "aa ab", "ü", "казах", "\"b c\"", "k-", "1 ."}
	for range 20 {
		queries = append(queries, word(1+rng.IntN(3))+" "+word(1+rng.IntN(2)))
	}
	for _, qs := range queries {
		q := ParseQuery(qs)
		for range 200 {
			s := word(rng.IntN(24))
			if !plainASCII(s) {
				continue
			}
			if got, want := matchASCII(s, q), matchFolded(s, q); !slices.Equal(got, want) {
				t.Fatalf("MatchRanges(%q, %q) = %v, want %v", s, qs, got, want)
			}
		}
	}
}
