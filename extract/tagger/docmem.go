package tagger

import "math/bits"

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
	words   countTable
	stems   countTable
	phrases countTable
}

// docCounts is indexed by slot: 0 for O (or a span prefix), 1+type.
type docCounts [1 + maxDocTypes]int32

// maxDocTypes is the most entity types the doc layer handles; Train skips
// the layer for tag sets with more.
const maxDocTypes = 7

func newDocMem() *docMem {
	return &docMem{}
}

// reset empties d for another document, keeping its tables' memory when
// it is not much larger than a news article needs.
func (d *docMem) reset() {
	for _, t := range []*countTable{&d.words, &d.stems, &d.phrases} {
		t.reset()
	}
}

// countTable maps hashes to counts, like a map[uint64]docCounts that never
// deletes: open addressing with linear probing, placed by the key's
// multiplicative hash, which tagging probes several times per token.
type countTable struct {
	keys  []uint64
	vals  []docCounts
	n     int
	shift uint // 64 - log2(len(keys))
	zero  *docCounts
}

// keepSlots is the largest table reset keeps (about 1.3 MB); a larger one
// is dropped.
const keepSlots = 1 << 15

// reset empties t.
func (t *countTable) reset() {
	if len(t.keys) > keepSlots {
		*t = countTable{}
		return
	}
	if t.n > 0 {
		clear(t.keys)
		clear(t.vals)
		t.n = 0
	}
	t.zero = nil
}

// slot returns the counts of key, adding zero counts when absent.
func (t *countTable) slot(key uint64) *docCounts {
	if key == 0 { // 0 marks an empty slot: the key 0 is kept aside
		if t.zero == nil {
			t.zero = new(docCounts)
		}
		return t.zero
	}
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return &t.vals[i]
		case 0:
			t.keys[i] = key
			t.n++
			return &t.vals[i]
		}
	}
}

// get returns the counts of key and whether it was ever added.
func (t *countTable) get(key uint64) (docCounts, bool) {
	if key == 0 {
		if t.zero == nil {
			return docCounts{}, false
		}
		return *t.zero, true
	}
	if t.n == 0 {
		return docCounts{}, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return t.vals[i], true
		case 0:
			return docCounts{}, false
		}
	}
}

func (t *countTable) grow() {
	keys, vals := t.keys, t.vals
	size := max(64, 2*len(keys))
	t.keys, t.vals, t.n = make([]uint64, size), make([]docCounts, size), 0
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for i, k := range keys {
		if k != 0 {
			*t.slot(k) = vals[i]
		}
	}
}

// add counts (sign 1) or uncounts (sign -1) the tags of one sentence.
func (d *docMem) add(toks []tokInfo, tags []uint8, sign int32) {
	for i, t := range tags {
		slot := 0
		if t > 0 {
			slot = 1 + int(t-1)/2
		}
		d.words.slot(toks[i].h)[slot] += sign
		d.stems.slot(toks[i].hs)[slot] += sign
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
				d.phrases.slot(h)[0] += sign
				h = seqHash(h, toks[i].h)
			}
			d.phrases.slot(h)[1+sp.typ] += sign
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
		x, ok := d.phrases.get(h)
		return infoOf(x), ok && x != (docCounts{})
	}
	matchLongest(toks, 1, maxPhraseLen, stemHashes, lookup, func(i, n int, v uint8) {
		toks[i].docP = v | 0x80
		for j := i + 1; j < i+n; j++ {
			toks[j].docP = v
		}
	})
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
		w, _ := d.words.get(toks[i].h)
		st, _ := d.stems.get(toks[i].hs)
		toks[i].docW = infoOf(w)
		toks[i].docS = infoOf(st)
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
