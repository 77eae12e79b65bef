package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrefixesMatchIsHasPrefix(t *testing.T) {
	ps := NewPrefixes("و", "ول", "ولل", "وبال", "al-", "x", "abcdefgh")
	words := []string{"", "و", "ول", "وللولايات", "وبالتالي", "بالتالي", "al-Assad", "al", "x", "xy",
		"abcdefg", "abcdefgh", "abcdefghi", "\x00", "و\x00", "لو"}
	for _, w := range words {
		h := Head(w)
		for i := range ps.Len() {
			if got, want := ps.Match(i, w, h), strings.HasPrefix(w, ps.At(i)); got != want {
				t.Errorf("Match(%q, %q) = %v, want %v", ps.At(i), w, got, want)
			}
		}
	}
}

func FuzzPrefixes(f *testing.F) {
	f.Add("وللولايات", "ولل")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, w, p string) {
		if len(p) > 8 {
			p = p[:8]
		}
		ps := NewPrefixes(p)
		if got, want := ps.Match(0, w, Head(w)), strings.HasPrefix(w, p); got != want {
			t.Fatalf("Match(%q, %q) = %v, want %v", p, w, got, want)
		}
		if got, want := TwoRunes(w), utf8.RuneCountInString(w) >= 2; got != want {
			t.Fatalf("TwoRunes(%q) = %v, want %v", w, got, want)
		}
	})
}
