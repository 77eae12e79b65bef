package arabic

import "unicode/utf8"

// Prefixes is a list of short prefixes (at most 8 bytes each, as every
// proclitic is) packed for testing many words against them: one masked
// comparison of machine words per prefix instead of a byte comparison.
type Prefixes struct {
	list       []string
	code, mask []uint64
}

// NewPrefixes packs list; it panics on a prefix longer than 8 bytes.
func NewPrefixes(list ...string) *Prefixes {
	ps := &Prefixes{list: list}
	for _, p := range list {
		if len(p) > 8 {
			panic("arabic.NewPrefixes: prefix over 8 bytes: " + p)
		}
		ps.code = append(ps.code, Head(p))
		ps.mask = append(ps.mask, ^uint64(0)>>(64-8*len(p)))
	}
	return ps
}

// Head packs the first 8 bytes of w (fewer when w is shorter) for Match.
func Head(w string) uint64 {
	if len(w) >= 8 { // one load
		_ = w[7]
		return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	}
	var x uint64
	for i := 0; i < len(w) && i < 8; i++ {
		x |= uint64(w[i]) << (8 * i)
	}
	return x
}

// Len is the number of prefixes.
func (ps *Prefixes) Len() int { return len(ps.list) }

// At returns prefix i.
func (ps *Prefixes) At(i int) string { return ps.list[i] }

// Match reports whether prefix i starts w; head is Head(w).
func (ps *Prefixes) Match(i int, w string, head uint64) bool {
	return len(w) >= len(ps.list[i]) && head&ps.mask[i] == ps.code[i]
}

// TwoRunes reports whether s has at least two code points, without
// counting them all.
func TwoRunes(s string) bool {
	if len(s) < 2 {
		return false
	}
	_, n := utf8.DecodeRuneInString(s)
	return len(s) > n
}
