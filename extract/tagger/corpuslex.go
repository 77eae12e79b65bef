package tagger

// clex is the entity lexicon read from tagged sentences. It is keyed by
// hashes only, which is all tagging needs:
//   - words: hash of a normalized word (or of its shortest stem, in stems)
//     → info byte: the most frequent entity tag index in the low 4 bits and
//     how often the word is part of an entity (a bucket 0–3) in bits 4–5;
//   - phrases: hash of a sequence of normalized words → the most frequent
//     entity type (1-based) in the low 4 bits and the bucket of how often
//     the sequence is that entity, in bits 4–5.
//
// During training each sentence sees a clex built from the other folds, so
// that lexicon features are as reliable on training data as on new text.
//
// phrases also holds every proper prefix of a phrase, with value 0 when the
// prefix is not itself a phrase, so matching stops as soon as no phrase can
// continue.
type clex struct {
	words   *byteTable
	stems   *byteTable
	phrases *byteTable
	freq    *byteTable // hash of a normalized word → frequency bucket 1–4
	maxLen  int        // longest phrase, in words
}

// freqBucket folds a word count into 1–4 (0 is for unseen words).
func freqBucket(n int32) uint8 {
	switch {
	case n >= 20:
		return 4
	case n >= 5:
		return 3
	case n >= 2:
		return 2
	}
	return 1
}

// maxPhraseLen caps the phrases kept in the lexicon.
const maxPhraseLen = 6

// bucket folds a fraction into 0–3.
func bucket(part, total int) uint8 {
	switch f := float64(part) / float64(total); {
	case f >= 0.9:
		return 3
	case f >= 0.5:
		return 2
	case f >= 0.2:
		return 1
	}
	return 0
}

// seqHash is the hash of a sequence of word hashes.
func seqHash(prev, h uint64) uint64 { return mix(prev^0x5bd1e995, h) }

// buildClex reads sentences whose tags are indices into tags (0 is O,
// 2k+1 is B of type k, 2k+2 is I of type k).
func buildClex(sents []*prepared, ntags int) *clex {
	type counts []int32
	wc := map[uint64]counts{}
	sc := map[uint64]counts{}
	ntypes := (ntags - 1) / 2
	pc := map[uint64]counts{} // phrase → per-type counts, slot 0 = total occurrences
	c := &clex{}
	words, stems, phrases, freq := map[uint64]uint8{}, map[uint64]uint8{}, map[uint64]uint8{}, map[uint64]uint8{}
	// Pass 1: word tag counts and entity phrases.
	for _, s := range sents {
		for i, t := range s.gold {
			x := wc[s.toks[i].h]
			if x == nil {
				x = make(counts, ntags)
				wc[s.toks[i].h] = x
			}
			x[t]++
			y := sc[s.toks[i].hs]
			if y == nil {
				y = make(counts, ntags)
				sc[s.toks[i].hs] = y
			}
			y[t]++
		}
		for _, sp := range goldSpans(s.gold) {
			if sp.end-sp.start > maxPhraseLen {
				continue
			}
			h := uint64(0)
			for i := sp.start; i < sp.end; i++ {
				if i > sp.start {
					if _, ok := phrases[h]; !ok {
						phrases[h] = 0 // a prefix
					}
				}
				h = seqHash(h, s.toks[i].h)
			}
			x := pc[h]
			if x == nil {
				x = make(counts, ntypes+1)
				pc[h] = x
			}
			x[sp.typ+1]++
			if n := sp.end - sp.start; n > c.maxLen {
				c.maxLen = n
			}
		}
	}
	// Pass 2: how often each entity phrase occurs at all.
	for _, s := range sents {
		for i := range s.toks {
			h := uint64(0)
			for j := i; j < len(s.toks) && j-i < c.maxLen; j++ {
				h = seqHash(h, s.toks[j].h)
				if x := pc[h]; x != nil {
					x[0]++
				}
			}
		}
	}
	info := func(x counts) (uint8, bool) {
		total := 0
		for _, v := range x {
			total += int(v)
		}
		ent := total - int(x[0])
		if ent == 0 {
			return 0, false
		}
		best := 1
		for t := 2; t < len(x); t++ {
			if x[t] > x[best] {
				best = t
			}
		}
		return uint8(best) | bucket(ent, total)<<4, true
	}
	for h, x := range wc {
		if v, ok := info(x); ok {
			words[h] = v
		}
		n := int32(0)
		for _, v := range x {
			n += v
		}
		freq[h] = freqBucket(n)
	}
	for h, x := range sc {
		if v, ok := info(x); ok {
			stems[h] = v
		}
	}
	for h, x := range pc {
		best, ent := 1, 0
		for t := 1; t < len(x); t++ {
			ent += int(x[t])
			if x[t] > x[best] {
				best = t
			}
		}
		total := max(int(x[0]), ent)
		phrases[h] = uint8(best) | bucket(ent, total)<<4
	}
	c.words, c.stems, c.phrases, c.freq = byteTableOf(words), byteTableOf(stems), byteTableOf(phrases), byteTableOf(freq)
	return c
}

// gspan is an entity in tag indices.
type gspan struct{ start, end, typ int }

// goldSpans reads entities from tag indices with the conlleval rules.
func goldSpans(tags []uint8) []gspan {
	var out []gspan
	open, otyp := -1, -1
	for i, t := range tags {
		switch {
		case t == 0:
			if open >= 0 {
				out = append(out, gspan{open, i, otyp})
				open = -1
			}
		case t%2 == 1: // B
			if open >= 0 {
				out = append(out, gspan{open, i, otyp})
			}
			open, otyp = i, int(t-1)/2
		default: // I
			typ := int(t-2) / 2
			if open < 0 || otyp != typ {
				if open >= 0 {
					out = append(out, gspan{open, i, otyp})
				}
				open, otyp = i, typ
			}
		}
	}
	if open >= 0 {
		out = append(out, gspan{open, len(tags), otyp})
	}
	return out
}

// matchPhrases marks the tokens covered by lexicon phrases, longest match
// first from the left; the first word may carry proclitics. It writes
// phr[i] = info byte | 0x80 for the first word of a match, info byte for the
// others, and 0 where nothing matched.
func (c *clex) matchPhrases(toks []tokInfo, phr []uint8) {
	for i := range phr {
		phr[i] = 0
	}
	if c == nil || c.phrases.n == 0 {
		return
	}
	matchLongest(toks, 1, c.maxLen, stemHashes, c.phrases.lookup, func(i, n int, v uint8) {
		phr[i] = v | 0x80
		for j := i + 1; j < i+n; j++ {
			phr[j] = v
		}
	})
}

func stemHashes(t *tokInfo) []uint64 { return t.stemHashes }

// matchLongest finds phrases in toks from the left, the longest at each
// start, and calls mark(i, n, v) for a phrase of n >= minLen words from
// token i with value v. A phrase starts with one of first(&toks[i]) and
// goes on with the words' hashes (seqHash); lookup(h) gives the value of a
// phrase hash, ok false when no phrase starts so (0 marks a proper prefix).
func matchLongest(toks []tokInfo, minLen, maxLen int, first func(*tokInfo) []uint64, lookup func(uint64) (uint8, bool), mark func(i, n int, v uint8)) {
	for i := 0; i < len(toks); {
		bestLen, bestInfo := 0, uint8(0)
		for _, h0 := range first(&toks[i]) {
			h := seqHash(0, h0)
			for j := i; j < len(toks) && j-i < maxLen; j++ {
				if j > i {
					h = seqHash(h, toks[j].h)
				}
				v, ok := lookup(h)
				if !ok {
					break
				}
				if v != 0 && j-i+1 >= minLen && j-i+1 > bestLen {
					bestLen, bestInfo = j-i+1, v
				}
			}
		}
		if bestLen == 0 {
			i++
			continue
		}
		mark(i, bestLen, bestInfo)
		i += bestLen
	}
}
