package tagger

import (
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/internal/freelist"
)

// Model is a trained tagger: an averaged structured perceptron over hashed
// features with first-order tag transitions, decoded with Viterbi under
// IOB2 constraints. It has a base layer, used by Tag, and optionally a doc
// layer that TagDocument adds for document consistency. A Model is
// read-only and safe for concurrent use.
type Model struct {
	tags  []string // tag names; 0 is O, 2k+1 is B of type k, 2k+2 is I of type k
	allow []bool   // (len(tags)+1)×len(tags): is the transition valid IOB2?
	base  layer
	doc   *layer // nil when the model was trained without documents
	lex   *clex
	fz    featurizer
	info  Info
	pool  *freelist.List[scratch]

	// joint holds, for every key of the base or doc layer, both weight
	// rows side by side (base then doc, 2×len(tags)) as int16, so that the
	// first pass of TagDocument scores both layers with one lookup per key
	// and half the memory traffic. nil when a weight does not fit in int16;
	// TagDocument then reads the two layers apart, with the same result.
	jointOnce sync.Once
	joint     *jointLayer
}

// jointLayer is the base and doc layers merged; see Model.joint.
type jointLayer struct {
	index *table
	fast  *packed // index packed, or nil
	w     []int16 // rows of 2×len(tags)
}

// joined returns the joint table of the base and doc layers, built on
// first use, or nil.
func (m *Model) joined() *jointLayer {
	m.jointOnce.Do(func() {
		T := len(m.tags)
		keys := map[uint64]bool{}
		for _, l := range []*layer{&m.base, m.doc} {
			for _, sl := range l.index.slots {
				if sl.key != 0 {
					keys[sl.key] = true
				}
			}
		}
		j := &jointLayer{index: newTable(len(keys))}
		add := func(l *layer, half int) bool {
			for _, sl := range l.index.slots {
				if sl.key == 0 {
					continue
				}
				r := j.index.get(sl.key)
				if r < 0 {
					r = int32(len(j.w) / (2 * T))
					j.index.put(sl.key, r)
					j.w = append(j.w, make([]int16, 2*T)...)
				}
				dst := j.w[int(r)*2*T+half*T:]
				for t, v := range l.w[int(sl.row)*T : int(sl.row)*T+T] {
					if v != int32(int16(v)) {
						return false
					}
					dst[t] = int16(v)
				}
			}
			return true
		}
		if add(&m.base, 0) && add(m.doc, 1) {
			j.fast = packTable(j.index)
			m.joint = j
		}
	})
	return m.joint
}

// layer is one set of perceptron weights.
type layer struct {
	index *table  // feature key → row
	w     []int32 // rows of len(tags) weights
	trans []int32 // (len(tags)+1) rows of len(tags); the last row scores the first tag

	// fast and w16 are index packed and w as int16, which tagging reads
	// instead when both exist (see freeze): half the memory, fewer cache
	// misses, the same sums.
	fast *packed
	w16  []int16
}

// freeze builds fast and w16 for a layer that will not change any more;
// they stay nil when the keys do not pack or a weight does not fit in
// int16.
func (l *layer) freeze() {
	l.fast, l.w16 = nil, nil
	w16 := make([]int16, len(l.w))
	for i, v := range l.w {
		if v != int32(int16(v)) {
			return
		}
		w16[i] = int16(v)
	}
	if p := packTable(l.index); p != nil {
		l.fast, l.w16 = p, w16
	}
}

// Info describes how a model was trained.
type Info struct {
	Sentences int    // training sentences
	Tokens    int    // training tokens
	Epochs    int    // perceptron passes
	Seed      uint64 // shuffling seed of the first perceptron
	Bags      int    // perceptrons summed, with seeds Seed, Seed+1, …
	Folds     int    // folds of the leave-fold-out lexicon and of the jackknife
	MinCount  int    // features seen fewer times were dropped
	Doc       bool   // whether the doc layer was trained
	Lexicon   bool   // whether an external lexicon (the gazetteer) is compiled in
}

// Info returns how the model was trained.
func (m *Model) Info() Info { return m.info }

// Tags returns the tag set, O first.
func (m *Model) Tags() []string { return append([]string(nil), m.tags...) }

// Features returns the number of weighted features of the base and doc
// layers.
func (m *Model) Features() int {
	n := m.base.index.n
	if m.doc != nil {
		n += m.doc.index.n
	}
	return n
}

type scratch struct {
	toks  []tokInfo
	phr   []uint8
	keys  []uint64
	em    []int32
	score []int64
	back  []uint8
	out   []uint8

	mem *docMem // TagDocument's document memory, reset for each document
	// TagDocument's per-token space, see docBuffers.
	dtoks  []tokInfo
	dem2   []int32
	dfirst []uint8
	ents   []*wordEntry          // the cache entry of each token of the sentence
	words  map[string]*wordEntry // the word cache, see wordEntry
	wkeys  []uint64
}

// keepTokens is the most tokens of a document whose buffers a scratch
// keeps for the next one.
const keepTokens = 1 << 14

// docBuffers returns TagDocument's per-token space for a document of n
// tokens: token information, the doc layer's scores (zeroed) and the first
// pass's tags.
func (s *scratch) docBuffers(n, T int) ([]tokInfo, []int32, []uint8) {
	if cap(s.dtoks) < n || cap(s.dem2) < n*T {
		s.dtoks, s.dem2, s.dfirst = make([]tokInfo, n), make([]int32, n*T), make([]uint8, n)
	}
	toks, em2, first := s.dtoks[:n], s.dem2[:n*T], s.dfirst[:n]
	clear(em2)
	if n > keepTokens {
		s.dtoks, s.dem2, s.dfirst = nil, nil, nil
	}
	return toks, em2, first
}

func (s *scratch) grow(n, ntags int) {
	if cap(s.toks) < n {
		s.toks = make([]tokInfo, n)
		s.phr = make([]uint8, n)
		s.out = make([]uint8, n)
	}
	s.toks, s.phr, s.out = s.toks[:n], s.phr[:n], s.out[:n]
	if cap(s.em) < n*ntags {
		s.em = make([]int32, n*ntags)
		s.score = make([]int64, n*ntags)
		s.back = make([]uint8, n*ntags)
	}
	s.em, s.score, s.back = s.em[:n*ntags], s.score[:n*ntags], s.back[:n*ntags]
	clear(s.em)
	if cap(s.ents) < n {
		s.ents = make([]*wordEntry, n)
	}
	s.ents = s.ents[:n]
}

// wordEntry caches what tagging needs of one word, since news repeats its
// words: the word-level token information and, per table, the summed
// weights of the word's own features (slot 0) and of the features it gives
// the token 2 and 1 places after it and 1 and 2 places before it (slots 1
// to 4; see slotD). Sums of integers do not depend on their order, so the
// cache changes no score.
type wordEntry struct {
	info  tokInfo
	base  sums // over the base layer, len(tags) wide
	joint sums // over the joint table, 2×len(tags) wide
}

// sums holds the five slots' sums of one table in one block, allocated on
// first use; have marks the slots computed.
type sums struct {
	w    []int32
	have uint8
}

// slotD is the offset, from the token scored to the word, of each slot.
var slotD = [5]int{0, -2, -1, 1, 2}

// wordCacheMax bounds the word cache of one scratch (about 20 MB).
const wordCacheMax = 1 << 15

// word returns the cache entry of tok, computing its token information on
// a miss.
func (m *Model) word(s *scratch, tok string) *wordEntry {
	if e, ok := s.words[tok]; ok {
		return e
	}
	if s.words == nil || len(s.words) >= wordCacheMax {
		s.words = make(map[string]*wordEntry, 1024)
	}
	tok = strings.Clone(tok) // not a slice of the caller's text, which the cache would keep
	e := &wordEntry{}
	m.fz.wordInfo(tok, m.lex, &e.info)
	s.words[tok] = e
	return e
}

// sum returns the summed weights of slot over the base layer (joint nil)
// or the joint table.
func (e *wordEntry) sum(m *Model, joint *jointLayer, slot int, keys *[]uint64) []int32 {
	W := len(m.tags)
	tab := &e.base
	if joint != nil {
		tab, W = &e.joint, 2*W
	}
	if tab.have&(1<<slot) != 0 {
		return tab.w[slot*W : slot*W+W : slot*W+W]
	}
	if tab.w == nil {
		tab.w = make([]int32, 5*W)
	}
	r := tab.w[slot*W : slot*W+W : slot*W+W]
	k := (*keys)[:0]
	if slot == 0 {
		k = ownKeys(&e.info, k)
	} else {
		k = nbrKeys(&e.info, slotD[slot], k)
	}
	*keys = k
	if joint != nil {
		joint.emit2(k, r[:W/2], r[W/2:])
	} else {
		m.base.emit(k, r)
	}
	tab.have |= 1 << slot
	return r
}

// prepareCached is prepare through the word cache; ents receives each
// token's entry. The tokens share the entries' slices, which nothing
// writes to.
func (m *Model) prepareCached(s *scratch, tokens []string, toks []tokInfo, ents []*wordEntry) {
	for i, tok := range tokens {
		e := m.word(s, tok)
		ents[i] = e
		toks[i] = e.info
	}
	if m.fz.ext != nil {
		m.fz.ext.match(toks)
	}
	m.lex.matchPhrases(toks, s.phr)
	for i := range toks {
		toks[i].phr = s.phr[i]
	}
}

// emitCached adds the scores of token i to e over the base layer, or to e
// and e2 (the doc layer's share) over the joint table.
func (m *Model) emitCached(s *scratch, toks []tokInfo, ents []*wordEntry, i int, joint *jointLayer, e, e2 []int32) {
	T := len(e)
	add := func(r []int32) {
		if joint != nil {
			for t := range e {
				e[t] += r[t]
				e2[t] += r[T+t]
			}
			return
		}
		for t := range e {
			e[t] += r[t]
		}
	}
	for slot, d := range slotD {
		if j := i + d; j >= 0 && j < len(toks) {
			add(ents[j].sum(m, joint, slot, &s.wkeys))
		}
	}
	s.keys = ctxKeys(toks, i, s.keys[:0])
	if joint != nil {
		joint.emit2(s.keys, e, e2)
	} else {
		m.base.emit(s.keys, e)
	}
}

// Tag returns one IOB2 tag per token of a sentence. Tokens are words as
// written (clitics attached), as arabic.Tokenize gives them.
func (m *Model) Tag(tokens []string) []string {
	out := make([]string, len(tokens))
	if len(tokens) == 0 {
		return out
	}
	s := m.pool.Get()
	defer m.pool.Put(s)
	T := len(m.tags)
	s.grow(len(tokens), T)
	m.prepareCached(s, tokens, s.toks, s.ents)
	for i := range s.toks {
		m.emitCached(s, s.toks, s.ents, i, nil, s.em[i*T:i*T+T], nil)
	}
	viterbi(s.em, m.base.trans, m.allow, len(tokens), T, s.score, s.back, s.out)
	for i, t := range s.out {
		out[i] = m.tags[t]
	}
	return out
}

// TagDocument tags the sentences of one document (an article, in order).
// With a model that has a doc layer it tags twice, the second time knowing
// how each word was tagged in the sentences around it, which makes the tags
// of a repeated name agree; otherwise it is Tag on each sentence.
func (m *Model) TagDocument(doc [][]string) [][]string {
	T := len(m.tags)
	s := m.pool.Get()
	defer m.pool.Put(s)
	type sent struct {
		toks  []tokInfo
		first []uint8
		em2   []int32 // the doc layer's scores of the base keys, n rows of T
	}
	var joint *jointLayer
	if m.doc != nil {
		joint = m.joined()
	}
	sents := make([]sent, len(doc))
	ntok := 0
	for _, tokens := range doc {
		ntok += len(tokens)
	}
	dtoks, dem2, dfirst := s.docBuffers(ntok, T)
	for i, tokens := range doc {
		if len(tokens) == 0 {
			continue
		}
		x := &sents[i]
		n := len(tokens)
		x.toks, dtoks = dtoks[:n:n], dtoks[n:]
		s.grow(n, T)
		m.prepareCached(s, tokens, x.toks, s.ents)
		if m.doc != nil {
			x.em2, dem2 = dem2[:n*T:n*T], dem2[n*T:]
		}
		for j := range x.toks {
			e := s.em[j*T : j*T+T]
			switch {
			case joint != nil:
				m.emitCached(s, x.toks, s.ents, j, joint, e, x.em2[j*T:j*T+T])
			case m.doc != nil: // weights beyond int16: both layers, key by key
				s.keys = m.fz.features(x.toks, j, s.keys[:0])
				m.base.emit(s.keys, e)
				m.doc.emit(s.keys, x.em2[j*T:j*T+T])
			default:
				m.emitCached(s, x.toks, s.ents, j, nil, e, nil)
			}
		}
		viterbi(s.em, m.base.trans, m.allow, len(tokens), T, s.score, s.back, s.out)
		x.first, dfirst = dfirst[:n:n], dfirst[n:]
		copy(x.first, s.out)
	}
	out := make([][]string, len(doc))
	name := func(i int, tags []uint8) {
		out[i] = make([]string, len(tags))
		for j, t := range tags {
			out[i][j] = m.tags[t]
		}
	}
	if m.doc == nil {
		for i := range sents {
			name(i, sents[i].first)
		}
		return out
	}
	if s.mem == nil {
		s.mem = newDocMem()
	}
	mem := s.mem
	mem.reset()
	slide(len(doc), func(i int) []tokInfo { return sents[i].toks }, func(i int) []uint8 { return sents[i].first }, mem, func(i int) {
		x := &sents[i]
		if len(x.toks) == 0 {
			name(i, nil)
			return
		}
		mem.setDoc(x.toks)
		s.grow(len(x.toks), T)
		for j := range x.toks {
			e := s.em[j*T : j*T+T]
			copy(e, x.em2[j*T:j*T+T])
			s.keys = docFeatures(x.toks, j, s.keys[:0])
			m.doc.emit(s.keys, e)
		}
		viterbi(s.em, m.doc.trans, m.allow, len(x.toks), T, s.score, s.back, s.out)
		name(i, s.out)
	})
	return out
}

// emit adds the weight rows of keys to e.
func (l *layer) emit(keys []uint64, e []int32) {
	T := len(e)
	if l.fast != nil {
		for _, k := range keys {
			if r := l.fast.get(k); r >= 0 {
				row := l.w16[int(r)*T : int(r)*T+T]
				for t := range e {
					e[t] += int32(row[t])
				}
			}
		}
		return
	}
	for _, k := range keys {
		if r := l.index.get(k); r >= 0 {
			row := l.w[int(r)*T : int(r)*T+T]
			for t := range e {
				e[t] += row[t]
			}
		}
	}
}

// emit2 adds the two halves of the joint rows of keys to a and b.
func (l *jointLayer) emit2(keys []uint64, a, b []int32) {
	T := len(a)
	for _, k := range keys {
		var r int32
		if l.fast != nil {
			r = l.fast.get(k)
		} else {
			r = l.index.get(k)
		}
		if r >= 0 {
			row := l.w[int(r)*2*T : int(r)*2*T+2*T]
			for t := range a {
				a[t] += int32(row[t])
				b[t] += int32(row[T+t])
			}
		}
	}
}

// allowed builds the IOB2 transition mask: I-X only after B-X or I-X, and
// never first.
func allowed(ntags int) []bool {
	a := make([]bool, (ntags+1)*ntags)
	for p := 0; p <= ntags; p++ {
		for c := 0; c < ntags; c++ {
			ok := true
			if c > 0 && c%2 == 0 { // I of type (c-2)/2
				ok = p < ntags && p > 0 && (p-1)/2 == (c-2)/2
			}
			a[p*ntags+c] = ok
		}
	}
	return a
}

// viterbi finds the best valid tag sequence for emission scores em (n rows
// of T) and writes it to out. Ties go to the lower tag index.
func viterbi(em, trans []int32, allow []bool, n, T int, score []int64, back []uint8, out []uint8) {
	start := T * T // the row of trans that scores the first tag
	for c := 0; c < T; c++ {
		if allow[start+c] {
			score[c] = int64(em[c]) + int64(trans[start+c])
		} else {
			score[c] = negScore
		}
	}
	if T <= maxFastTags {
		viterbiSmall(em, trans, allow, n, T, score, back)
	} else {
		viterbiAny(em, trans, allow, n, T, score, back)
	}
	backtrack(score, back, n, T, out)
}

// backtrack writes to out the tag sequence that ends in the best-scored
// tag of the last row and follows back; ties go to the lower tag index.
func backtrack(score []int64, back []uint8, n, T int, out []uint8) {
	last := score[(n-1)*T : n*T]
	arg := 0
	for c := 1; c < T; c++ {
		if last[c] > last[arg] {
			arg = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		arg = int(back[i*T+arg])
	}
}

// negScore marks an unreachable state.
const negScore = -1 << 62

// viterbiAny fills score and back after the first row, which viterbi
// scored, for any number of tags, trying every allowed transition.
func viterbiAny(em, trans []int32, allow []bool, n, T int, score []int64, back []uint8) {
	for i := 1; i < n; i++ {
		prev := score[(i-1)*T : i*T]
		for c := 0; c < T; c++ {
			best, arg := int64(negScore), 0
			for p := 0; p < T; p++ {
				if !allow[p*T+c] || prev[p] == negScore {
					continue
				}
				if v := prev[p] + int64(trans[p*T+c]); v > best {
					best, arg = v, p
				}
			}
			if best == negScore {
				score[i*T+c] = negScore
			} else {
				score[i*T+c] = best + int64(em[i*T+c])
			}
			back[i*T+c] = uint8(arg)
		}
	}
}

// maxFastTags is the most tags viterbiSmall handles (IOB2 over 7 types).
const maxFastTags = 16

// viterbiSmall is viterbiAny for at most maxFastTags tags, with the same
// result. Transitions are copied into fixed arrays, and a tag that every
// tag may precede is scored without the mask; with IOB2 the I tags, which
// have two predecessors, go through their short list. Once every tag is
// reachable no state needs the unreachable check.
func viterbiSmall(em, trans []int32, allow []bool, n, T int, score []int64, back []uint8) {
	const M = maxFastTags
	var into [M][M]int64 // into[c][p]: the score of p → c
	var all [M]bool      // every tag may precede c
	var preds [M][M]uint8
	var npred [M]int
	for c := 0; c < T; c++ {
		for p := 0; p < T; p++ {
			into[c][p] = int64(trans[p*T+c])
			if allow[p*T+c] {
				preds[c][npred[c]] = uint8(p)
				npred[c]++
			}
		}
		all[c] = npred[c] == T
	}
	reach := false // every tag reachable at i-1
	var prev [M]int64
	for i := 1; i < n; i++ {
		copy(prev[:T], score[(i-1)*T:i*T])
		row := em[i*T : i*T+T : i*T+T]
		cur := score[i*T : i*T+T : i*T+T]
		bk := back[i*T : i*T+T : i*T+T]
		next := true
		for c := range cur {
			c &= M - 1
			tc := &into[c]
			best, arg := int64(negScore), 0
			switch {
			case reach && all[c]:
				for p := 0; p < T; p++ {
					p &= M - 1
					if v := prev[p] + tc[p]; v > best {
						best, arg = v, p
					}
				}
			case reach:
				for _, p := range preds[c][:npred[c]] {
					p &= M - 1
					if v := prev[p] + tc[p]; v > best {
						best, arg = v, int(p)
					}
				}
			default:
				for _, p := range preds[c][:npred[c]] {
					p &= M - 1
					if prev[p] == negScore {
						continue
					}
					if v := prev[p] + tc[p]; v > best {
						best, arg = v, int(p)
					}
				}
			}
			if best == negScore {
				cur[c] = negScore
				next = false
			} else {
				cur[c] = best + int64(row[c])
			}
			bk[c] = uint8(arg)
		}
		reach = next
	}
}
