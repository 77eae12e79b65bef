package tagger

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// viterbiSmall, which Tag and TagDocument use, decodes as the plain
// all-transitions Viterbi does, ties included: IOB2 masks and random ones,
// small score ranges (many ties) and large.
func TestViterbiSmallIsViterbiAny(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		T := 1 + r.IntN(maxFastTags)
		if trial%3 == 0 {
			T = 2*r.IntN(maxDocTypes+1) + 1 // an IOB2 tag set
		}
		n := 1 + r.IntN(40)
		span := int32(3)
		if trial%2 == 0 {
			span = 1 << 20
		}
		em := make([]int32, n*T)
		for i := range em {
			em[i] = r.Int32N(2*span) - span
		}
		trans := make([]int32, (T+1)*T)
		for i := range trans {
			trans[i] = r.Int32N(2*span) - span
		}
		allow := allowed(T)
		if trial%3 == 1 {
			for i := range allow {
				allow[i] = r.IntN(4) > 0
			}
			allow[T*T] = true // some first tag
			for c := 0; c < T; c++ {
				allow[c*T+c] = true // and a way on from every tag
			}
		}
		got := make([]uint8, n)
		want := make([]uint8, n)
		s1, b1 := make([]int64, n*T), make([]uint8, n*T)
		s2, b2 := make([]int64, n*T), make([]uint8, n*T)
		viterbi(em, trans, allow, n, T, s1, b1, got) // viterbiSmall
		copy(s2[:T], s1[:T])                         // the first row, viterbi's own
		viterbiAny(em, trans, allow, n, T, s2, b2)
		if !slices.Equal(s1, s2) {
			t.Fatalf("trial %d (T=%d, n=%d): scores differ", trial, T, n)
		}
		backtrack(s2, b2, n, T, want)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (T=%d, n=%d): %v, want %v", trial, T, n, got, want)
		}
	}
}
