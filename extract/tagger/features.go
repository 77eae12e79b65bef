package tagger

import (
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
)

// tokInfo is what feature templates read about one token; it is computed
// once per token per sentence.
type tokInfo struct {
	norm       string
	h          uint64   // hash of norm
	stems      []string // arabic.Stems(norm): norm first, then clitic-stripped forms
	stemHashes []uint64
	lexF       []uint64 // hashes of the forms looked up in the external lexicon (see lexForms)
	hs         uint64   // hash of the shortest stem
	shape      uint16
	kinds      uint32    // built-in and external list bits
	lexW, lexS uint8     // corpus lexicon info of the word and of its shortest stem
	freq       uint8     // corpus frequency bucket of the word (0: unseen)
	freqS      uint8     // the highest frequency bucket of its stems
	phr        uint8     // corpus lexicon phrase match (see clex.matchPhrases)
	ext        uint8     // external lexicon phrase match: kind index+1, 0x80 on the first word
	docW, docS uint8     // how the word and its stem were tagged nearby (see docMem)
	docP       uint8     // span remembered from nearby sentences (see docMem.matchPhrases)
	affix      [2]uint64 // what tAffixAt says of the word as a neighbour; 0 for words under three letters
}

// setLex fills the corpus lexicon fields of t from cl (nil clears them).
func (t *tokInfo) setLex(cl *clex) {
	t.lexW, t.lexS, t.freq, t.freqS = 0, 0, 0, 0
	if cl == nil {
		return
	}
	t.lexW = cl.words.get(t.h)
	t.lexS = cl.stems.get(t.hs)
	t.freq = cl.freq.get(t.h)
	for _, h := range t.stemHashes[1:] {
		t.freqS = max(t.freqS, cl.freq.get(h))
	}
}

// Feature templates. The numbers are part of the model format: changing
// them invalidates trained models.
const (
	tBias = iota + 1
	tWord
	tStem
	tShort
	tPre
	tSuf
	tShortSuf
	tShape
	tShape3
	tWordAt
	tShortAt
	tBiPrev
	tBiNext
	tKindAt
	tKindLeft
	tKindRight
	tLexW
	tLexS
	tLexAt
	tPhr
	tExt
	tShortPre
	tTitleGiven
	tFreq
	tFreqAt
	tAffixAt
	tDocW
	tDocS
	tDocAt
	tDocLex
	tDocP
)

// Hashes standing for the words before the start and after the end of a
// sentence (arbitrary constants).
const (
	hBOS = 0x1b0517a5e0f1ed01
	hEOS = 0x2c9e6d3b44a7f3e5
)

// featurizer turns tokens into feature keys. It is read-only once built.
type featurizer struct {
	lists *builtin
	ext   *extLex // nil when the model has no external lexicon
}

// shape classes.
const (
	shArabic = 1 << iota
	shLatin
	shDigit
	shPunct
	shUpper
	shOther
)

func shapeOf(tok string) uint16 {
	var s uint16
	n := 0
	for _, r := range tok {
		n++
		switch {
		case arabic.IsArabic(r):
			s |= shArabic
		case r < 0x80 && (r >= 'a' && r <= 'z'):
			s |= shLatin
		case r < 0x80 && (r >= 'A' && r <= 'Z'):
			s |= shLatin | shUpper
		case unicode.IsDigit(r):
			s |= shDigit
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			s |= shPunct
		default:
			s |= shOther
		}
	}
	lb := uint16(0)
	switch {
	case n <= 1:
		lb = 0
	case n == 2:
		lb = 1
	case n == 3:
		lb = 2
	case n <= 5:
		lb = 3
	case n <= 8:
		lb = 4
	default:
		lb = 5
	}
	return s | lb<<8
}

// info fills the tokInfo of each token; cl may be nil.
func (f *featurizer) info(tokens []string, cl *clex, out []tokInfo) {
	for i, tok := range tokens {
		f.wordInfo(tok, cl, &out[i])
	}
	if f.ext != nil {
		f.ext.match(out)
	} else {
		for i := range out {
			out[i].ext = 0
		}
	}
}

// wordInfo computes the fields of t that depend on the word alone: all but
// phr, ext and the doc fields. It reuses t's slices.
func (f *featurizer) wordInfo(tok string, cl *clex, t *tokInfo) {
	t.norm = arabic.Normalize(tok)
	t.h = hashString(t.norm)
	t.stems = arabic.Stems(t.norm)
	t.stemHashes = t.stemHashes[:0]
	for _, s := range t.stems {
		t.stemHashes = append(t.stemHashes, hashString(s))
	}
	t.hs = t.stemHashes[len(t.stemHashes)-1]
	t.shape = shapeOf(tok)
	t.affix = [2]uint64{}
	if pre, suf, n := runeCuts(t.norm); n >= 3 {
		t.affix = [2]uint64{mix(hashString(t.norm[:pre[1]]), hashString(t.norm[suf[0]:])), hashString(t.norm[suf[1]:])}
	}
	t.kinds = f.lists.kinds(t.stems, t.stemHashes)
	if f.ext != nil {
		t.lexF = lexForms(t.norm, t.h, t.lexF[:0])
		t.kinds |= f.ext.kinds(t.lexF)
	}
	t.setLex(cl)
}

// runeCuts returns the byte offsets of the first three and last three rune
// boundaries of s: pre[k] is the end of the first k+1 runes, suf[k] the start
// of the last k+1 runes; n is the rune count (capped at 4 for the test).
func runeCuts(s string) (pre, suf [3]int, n int) {
	i := 0
	for n < 4 && i < len(s) {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if n < 3 {
			pre[n] = i
		}
		n++
	}
	j := len(s)
	for k := 0; k < 3 && j > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:j])
		j -= w
		suf[k] = j
	}
	return pre, suf, n
}

// features appends the feature keys of token i to dst: those of its own
// word, those its neighbours' words give it, and those of its context.
// Tagging sums the first two kinds once per word (see wordEntry).
func (f *featurizer) features(toks []tokInfo, i int, dst []uint64) []uint64 {
	dst = ownKeys(&toks[i], dst)
	for _, d := range slotD[1:] {
		if j := i + d; j >= 0 && j < len(toks) {
			dst = nbrKeys(&toks[j], d, dst)
		}
	}
	return ctxKeys(toks, i, dst)
}

// ownKeys appends the keys of t's features that depend on its word alone.
func ownKeys(t *tokInfo, dst []uint64) []uint64 {
	dst = append(dst, fkey(tBias, 0, 0))
	dst = append(dst, fkey(tWord, 0, t.h))
	for _, h := range t.stemHashes[1:] {
		dst = append(dst, fkey(tStem, 0, h))
	}
	dst = append(dst, fkey(tShort, 0, t.hs))
	pre, suf, n := runeCuts(t.norm)
	for k := 0; k < 3 && k+1 < n; k++ {
		dst = append(dst, fkey(tPre, k, hashString(t.norm[:pre[k]])))
		dst = append(dst, fkey(tSuf, k, hashString(t.norm[suf[k]:])))
	}
	short := t.stems[len(t.stems)-1]
	if short != t.norm {
		pre, suf, n = runeCuts(short)
		for k := 0; k < 3 && k+1 < n; k++ {
			dst = append(dst, fkey(tShortSuf, k, hashString(short[suf[k]:])))
			if k < 2 {
				dst = append(dst, fkey(tShortPre, k, hashString(short[:pre[k]])))
			}
		}
	}
	dst = append(dst, fkey(tShape, 0, uint64(t.shape)))
	for b, k := 0, t.kinds; k != 0; b, k = b+1, k>>1 {
		if k&1 != 0 {
			dst = append(dst, fkey(tKindAt, b<<4|2, 0))
		}
	}
	dst = append(dst, fkey(tLexW, 0, uint64(t.lexW)), fkey(tLexS, 0, uint64(t.lexS)))
	dst = append(dst, fkey(tFreq, 0, uint64(t.freq)<<16|uint64(t.freqS)<<8|uint64(t.lexW)))
	return dst
}

// nbrKeys appends the keys of the features that the word of u gives the
// token d places before (d < 0) or after it.
func nbrKeys(u *tokInfo, d int, dst []uint64) []uint64 {
	dst = append(dst, fkey(tWordAt, d+2, u.h), fkey(tShortAt, d+2, u.hs))
	for b, k := 0, u.kinds; k != 0; b, k = b+1, k>>1 {
		if k&1 != 0 {
			dst = append(dst, fkey(tKindAt, b<<4|(d+2), 0))
		}
	}
	if d == -1 || d == 1 {
		dst = append(dst, fkey(tLexAt, d+1, uint64(u.lexW)))
		dst = append(dst, fkey(tFreqAt, d+1, uint64(u.freq)<<8|uint64(u.freqS)))
		if u.affix[0] != 0 {
			dst = append(dst, fkey(tAffixAt, d+1, u.affix[0]), fkey(tAffixAt, d+5, u.affix[1]))
		}
	}
	return dst
}

// ctxKeys appends the keys of token i's features that depend on more than
// one word, or on no word (the sentence's ends).
func ctxKeys(toks []tokInfo, i int, dst []uint64) []uint64 {
	t := &toks[i]
	sh := func(j int) uint64 {
		if j < 0 {
			return 0xfff0
		}
		if j >= len(toks) {
			return 0xfff1
		}
		return uint64(toks[j].shape & 0xff)
	}
	dst = append(dst, fkey(tShape3, 0, sh(i-1)<<32|sh(i)<<16|sh(i+1)))
	for d := -2; d <= 2; d++ {
		if j := i + d; j < 0 {
			dst = append(dst, fkey(tWordAt, d+2, hBOS), fkey(tShortAt, d+2, hBOS))
		} else if j >= len(toks) {
			dst = append(dst, fkey(tWordAt, d+2, hEOS), fkey(tShortAt, d+2, hEOS))
		}
	}
	wp, wn := uint64(hBOS), uint64(hEOS)
	if i > 0 {
		wp = toks[i-1].h
	}
	if i+1 < len(toks) {
		wn = toks[i+1].h
	}
	dst = append(dst, fkey(tBiPrev, 0, mix(wp, t.h)), fkey(tBiNext, 0, mix(t.h, wn)))
	var left, right uint32
	for j := max(0, i-4); j < i; j++ {
		left |= toks[j].kinds
	}
	for j := i + 1; j < min(len(toks), i+4); j++ {
		right |= toks[j].kinds
	}
	for b := 0; left != 0; b, left = b+1, left>>1 {
		if left&1 != 0 {
			dst = append(dst, fkey(tKindLeft, b, 0))
		}
	}
	for b := 0; right != 0; b, right = b+1, right>>1 {
		if right&1 != 0 {
			dst = append(dst, fkey(tKindRight, b, 0))
		}
	}
	if i > 0 && toks[i-1].kinds&kTitle != 0 {
		dst = append(dst, fkey(tTitleGiven, int(t.kinds&(kGiven|kFamSuffix)), uint64(t.lexW)))
	}
	dst = append(dst, fkey(tPhr, 0, uint64(t.phr)))
	if t.ext != 0 {
		dst = append(dst, fkey(tExt, 0, uint64(t.ext)))
	}
	return dst
}

// docFeatures appends the document-consistency feature keys of token i.
func docFeatures(toks []tokInfo, i int, dst []uint64) []uint64 {
	t := &toks[i]
	dst = append(dst, fkey(tDocW, 0, uint64(t.docW)))
	dst = append(dst, fkey(tDocS, 0, uint64(t.docS)))
	dst = append(dst, fkey(tDocLex, 0, uint64(t.docW)<<8|uint64(t.lexW)))
	dst = append(dst, fkey(tDocP, 0, uint64(t.docP)))
	for d := -1; d <= 1; d += 2 {
		if j := i + d; j >= 0 && j < len(toks) {
			dst = append(dst, fkey(tDocAt, d+1, uint64(toks[j].docW)<<8|uint64(t.docW)))
		}
	}
	return dst
}
