package tagger

import (
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
)

// extLex is an external Lexicon compiled into hash tables when a model is
// trained, and stored in the model: tagging then needs neither the lexicon
// nor a call per token and kind.
type extLex struct {
	words   *table     // hash of a bare normalized word → its kind bits (extKind order)
	phrases *byteTable // seqHash of a name's word hashes → phraseKind index+1; 0 for a proper prefix
	maxLen  int        // longest name, in words
}

// maxExtLen caps the names of the external lexicon, in words.
const maxExtLen = 4

// compileLexicon lists the words and names of lex. Only Arabic ones are
// kept: the training corpus is Arabic, so Latin entries would carry weights
// learnt on Arabic names into English text (Foreign Minister before a
// known given name became a person).
func compileLexicon(lex Lexicon) *extLex {
	words := map[uint64]uint16{}
	phrases := map[uint64]uint8{}
	x := &extLex{}
	for k := 0; extKind(k) != ""; k++ {
		for _, w := range lex.Words(extKind(k)) {
			if strings.Contains(w, " ") || !hasArabic(w) {
				continue
			}
			words[hashString(arabic.Normalize(w))] |= 1 << k
		}
	}
	for k := 0; phraseKind(k) != ""; k++ {
		for _, p := range lex.Words(phraseKind(k)) {
			ws := strings.Fields(arabic.Normalize(p))
			if len(ws) < 2 || len(ws) > maxExtLen || !hasArabic(p) {
				continue
			}
			h := uint64(0)
			for i, w := range ws {
				if i > 0 {
					if _, ok := phrases[h]; !ok {
						phrases[h] = 0
					}
				}
				h = seqHash(h, hashString(w))
			}
			// The first kind listed wins when a name has several.
			if v := phrases[h]; v == 0 {
				phrases[h] = uint8(k + 1)
			}
			x.maxLen = max(x.maxLen, len(ws))
		}
	}
	x.words = newTable(len(words))
	for h, v := range words {
		x.words.put(nonZero(h), int32(v))
	}
	x.phrases = byteTableOf(phrases)
	return x
}

// lexProclitics are the conjunctions and prepositions stripped before a
// lexicon lookup, longest first. The determiner is not among them: a name
// listed without ال does not match a word that has it (السورية is an
// adjective, not سورية).
var lexProclitics = [...]string{"وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"}

// forms appends to dst the hashes of the forms of a normalized word looked
// up in the lexicon: the word, then without attached conjunctions and
// prepositions (a stem of at least three letters), with لل read as ل + ال.
func lexForms(norm string, h uint64, dst []uint64) []uint64 {
	dst = append(dst, h)
	for _, p := range lexProclitics {
		rest, ok := strings.CutPrefix(norm, p)
		if !ok || utf8.RuneCountInString(rest) < 3 {
			continue
		}
		dst = append(dst, hashString(rest))
		if strings.HasSuffix(p, "ل") && strings.HasPrefix(rest, "ل") {
			dst = append(dst, hashConcat(hashString("ال"), rest[len("ل"):]))
		}
	}
	return dst
}

// hashConcat continues the FNV-1a hash h of a string over the bytes of s.
func hashConcat(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// kinds returns the kind bits (from extShift on) of a word with the given
// form hashes.
func (x *extLex) kinds(forms []uint64) uint32 {
	var k uint32
	for _, h := range forms {
		if v := x.words.get(nonZero(h)); v > 0 {
			k |= uint32(v)
		}
	}
	return k << extShift
}

// match marks the tokens covered by names, longest first from the left,
// into toks[i].ext: kind index+1, with 0x80 on the first word.
func (x *extLex) match(toks []tokInfo) {
	for i := range toks {
		toks[i].ext = 0
	}
	if x.phrases.n == 0 {
		return
	}
	// A name of one word is a word-list kind (see kinds), not a phrase.
	matchLongest(toks, 2, x.maxLen, func(t *tokInfo) []uint64 { return t.lexF }, x.phrases.lookup, func(i, n int, v uint8) {
		toks[i].ext = v | 0x80
		for j := i + 1; j < i+n; j++ {
			toks[j].ext = v
		}
	})
}

func hasArabic(s string) bool {
	for _, r := range s {
		if arabic.IsArabic(r) {
			return true
		}
	}
	return false
}
