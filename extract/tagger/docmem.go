package tagger

// Document consistency: a name is usually tagged the same way wherever it
// occurs in an article. TagDocument tags every sentence once with the base
// layer, remembers how each word was tagged, and tags again with the doc
// layer, whose features say how the same word (or stem) was tagged in the
// other sentences nearby. Training makes those first-pass tags by
// jackknifing, so the doc layer learns how far to trust them.

// docWindow is how many sentences before and after a sentence count as its
// document context.
const docWindow = 12

// docMem counts, for words and shortest stems, how often they were tagged
// with each entity type (slot 1+type) or O (slot 0).
//
// It also counts the entity spans by the hash of their words (the first
// word also by its shortest stem), with their proper prefixes in slot 0 so
// that matching can stop early.
type docMem struct {
	words   map[uint64]docCounts
	stems   map[uint64]docCounts
	phrases map[uint64]docCounts
}

// docCounts is indexed by slot: 0 for O (or a span prefix), 1+type.
type docCounts [1 + maxDocTypes]int32

// maxDocTypes is the most entity types the doc layer handles; Train skips
// the layer for tag sets with more.
const maxDocTypes = 7

func newDocMem() *docMem {
	return &docMem{words: map[uint64]docCounts{}, stems: map[uint64]docCounts{}, phrases: map[uint64]docCounts{}}
}

// add counts (sign 1) or uncounts (sign -1) the tags of one sentence.
func (d *docMem) add(toks []tokInfo, tags []uint8, sign int32) {
	for i, t := range tags {
		slot := 0
		if t > 0 {
			slot = 1 + int(t-1)/2
		}
		d.bump(d.words, toks[i].h, slot, sign)
		d.bump(d.stems, toks[i].hs, slot, sign)
	}
	for _, sp := range goldSpans(tags) {
		if sp.end-sp.start > maxPhraseLen {
			continue
		}
		firsts := [2]uint64{toks[sp.start].h, toks[sp.start].hs}
		for k, h0 := range firsts {
			if k == 1 && h0 == firsts[0] {
				break
			}
			h := seqHash(0, h0)
			for i := sp.start + 1; i < sp.end; i++ {
				d.bump(d.phrases, h, 0, sign)
				h = seqHash(h, toks[i].h)
			}
			d.bump(d.phrases, h, 1+sp.typ, sign)
		}
	}
}

// matchPhrases marks tokens covered by remembered spans, longest first, as
// clex.matchPhrases does, into toks[i].docP.
func (d *docMem) matchPhrases(toks []tokInfo) {
	for i := range toks {
		toks[i].docP = 0
	}
	lookup := func(h uint64) (uint8, bool) {
		x, ok := d.phrases[h]
		return infoOf(x), ok && x != (docCounts{})
	}
	matchLongest(toks, 1, maxPhraseLen, stemHashes, lookup, func(i, n int, v uint8) {
		toks[i].docP = v | 0x80
		for j := i + 1; j < i+n; j++ {
			toks[j].docP = v
		}
	})
}

func (d *docMem) bump(m map[uint64]docCounts, h uint64, slot int, sign int32) {
	x := m[h]
	x[slot] += sign
	m[h] = x
}

// infoOf summarizes counts like the corpus lexicon: the most frequent type
// (1-based) and a bucket of how often the word was an entity; 0 when never.
func infoOf(x docCounts) uint8 {
	total, best := int(x[0]), 0
	for t := 1; t < len(x); t++ {
		total += int(x[t])
		if x[t] > 0 && (best == 0 || x[t] > x[best]) {
			best = t
		}
	}
	if best == 0 {
		return 0
	}
	ent := total - int(x[0])
	return uint8(best) | bucket(ent, total)<<4
}

// setDoc fills the doc fields of a sentence's tokens from d, which must not
// count the sentence itself.
func (d *docMem) setDoc(toks []tokInfo) {
	for i := range toks {
		toks[i].docW = infoOf(d.words[toks[i].h])
		toks[i].docS = infoOf(d.stems[toks[i].hs])
	}
	d.matchPhrases(toks)
}

// slide calls visit(i) for each sentence i with mem holding the tags of the
// sentences within docWindow of i, i excluded.
func slide(n int, toks func(i int) []tokInfo, tags func(i int) []uint8, mem *docMem, visit func(i int)) {
	for j := 0; j < n && j <= docWindow; j++ {
		mem.add(toks(j), tags(j), 1)
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			if j := i + docWindow; j < n {
				mem.add(toks(j), tags(j), 1)
			}
			if j := i - docWindow - 1; j >= 0 {
				mem.add(toks(j), tags(j), -1)
			}
		}
		mem.add(toks(i), tags(i), -1)
		visit(i)
		mem.add(toks(i), tags(i), 1)
	}
}
