package arabic

import (
	"strings"
)

// proclitics are the attached prefixes tried by Stems, longest first. They
// apply to normalized words.
var proclitics = NewPrefixes(
	"وبال", "وكال", "وفال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال",
	"لل", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)

// Stems returns the candidate forms of a normalized word with proclitics
// removed, from the word itself to the shortest stem, without duplicates.
// A stem shorter than two letters is not returned. The determiner ال is
// removed on its own as well (الخارجية → خارجية), and لل is read as ل+ال.
func Stems(w string) []string {
	out := make([]string, 1, 4)
	out[0] = w
	// The list is short, so a linear duplicate check beats a map and keeps
	// this per-token call to one allocation in the common case.
	add := func(s string) {
		if !TwoRunes(s) {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	h := Head(w)
	for i := range proclitics.Len() {
		if p := proclitics.At(i); proclitics.Match(i, w, h) {
			rest := w[len(p):]
			add(rest)
			// لل drops the determiner's alef: للخارجية = ل + الخارجية.
			if strings.HasSuffix(p, "لل") {
				add("ال" + rest)
			}
		}
	}
	return out
}

// AnyStem reports whether f accepts w or one of the forms Stems returns,
// in the same order, without building the list: the per-token check is
// allocation-free except for the لل forms.
func AnyStem(w string, f func(string) bool) bool {
	if f(w) {
		return true
	}
	h := Head(w)
	for i := range proclitics.Len() {
		if !proclitics.Match(i, w, h) {
			continue
		}
		p := proclitics.At(i)
		rest := w[len(p):]
		if TwoRunes(rest) && rest != w && f(rest) {
			return true
		}
		if strings.HasSuffix(p, "لل") {
			if f("ال" + rest) {
				return true
			}
		}
	}
	return false
}

// StripDeterminer removes a leading ال from a normalized word when what is
// left has at least two letters.
func StripDeterminer(w string) string {
	if strings.HasPrefix(w, "ال") && len([]rune(w)) >= 4 {
		return w[len("ال"):]
	}
	return w
}
