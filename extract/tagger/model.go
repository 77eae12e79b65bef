package tagger

import (
	"sync"
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
	pool  *sync.Pool
}

// layer is one set of perceptron weights.
type layer struct {
	index *table  // feature key → row
	w     []int32 // rows of len(tags) weights
	trans []int32 // (len(tags)+1) rows of len(tags); the last row scores the first tag
}

// Info describes how a model was trained.
type Info struct {
	Sentences int    // training sentences
	Tokens    int    // training tokens
	Epochs    int    // perceptron passes
	Seed      uint64 // shuffling seed
	Folds     int    // folds of the leave-fold-out lexicon and of the jackknife
	MinCount  int    // features seen fewer times were dropped
	Doc       bool   // whether the doc layer was trained
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

// WithLexicon returns a copy of the model that asks lex for gazetteer
// features. Use it only with a model trained with the same lexicon.
func (m *Model) WithLexicon(lex Lexicon) *Model {
	c := *m
	c.fz.ext = lex
	c.pool = newPool()
	return &c
}

type scratch struct {
	toks  []tokInfo
	phr   []uint8
	keys  []uint64
	em    []int32
	score []int64
	back  []uint8
	out   []uint8
}

func newPool() *sync.Pool {
	return &sync.Pool{New: func() any { return new(scratch) }}
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
}

// Tag returns one IOB2 tag per token of a sentence. Tokens are words as
// written (clitics attached), as arabic.Tokenize gives them.
func (m *Model) Tag(tokens []string) []string {
	out := make([]string, len(tokens))
	if len(tokens) == 0 {
		return out
	}
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	s.grow(len(tokens), len(m.tags))
	m.prepare(tokens, s.toks, s.phr)
	for i, t := range m.decode(&m.base, s.toks, false, s) {
		out[i] = m.tags[t]
	}
	return out
}

// TagDocument tags the sentences of one document (an article, in order).
// With a model that has a doc layer it tags twice, the second time knowing
// how each word was tagged in the sentences around it, which makes the tags
// of a repeated name agree; otherwise it is Tag on each sentence.
func (m *Model) TagDocument(doc [][]string) [][]string {
	out := make([][]string, len(doc))
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	toks := make([][]tokInfo, len(doc))
	first := make([][]uint8, len(doc))
	for i, sent := range doc {
		if len(sent) == 0 {
			continue
		}
		toks[i] = make([]tokInfo, len(sent))
		s.grow(len(sent), len(m.tags))
		m.prepare(sent, toks[i], s.phr)
		first[i] = append([]uint8(nil), m.decode(&m.base, toks[i], false, s)...)
	}
	final := first
	if m.doc != nil {
		final = make([][]uint8, len(doc))
		mem := newDocMem(len(m.tags))
		slide(len(doc), func(i int) []tokInfo { return toks[i] }, func(i int) []uint8 { return first[i] }, mem, func(i int) {
			if len(doc[i]) == 0 {
				return
			}
			mem.setDoc(toks[i], first[i])
			s.grow(len(doc[i]), len(m.tags))
			final[i] = append([]uint8(nil), m.decode(m.doc, toks[i], true, s)...)
		})
	}
	for i, t := range final {
		out[i] = make([]string, len(doc[i]))
		for j, x := range t {
			out[i][j] = m.tags[x]
		}
	}
	return out
}

// prepare computes the token information of a sentence.
func (m *Model) prepare(tokens []string, toks []tokInfo, phr []uint8) {
	m.fz.info(tokens, m.lex, toks)
	m.lex.matchPhrases(toks, phr)
	for i := range toks {
		toks[i].phr = phr[i]
	}
}

// decode scores and decodes one prepared sentence with layer l into s.out.
func (m *Model) decode(l *layer, toks []tokInfo, withDoc bool, s *scratch) []uint8 {
	T := len(m.tags)
	n := len(toks)
	for i := range s.em {
		s.em[i] = 0
	}
	for i := 0; i < n; i++ {
		s.keys = m.fz.features(toks, i, s.keys[:0])
		if withDoc {
			s.keys = docFeatures(toks, i, s.keys)
		}
		e := s.em[i*T : i*T+T]
		for _, k := range s.keys {
			if r := l.index.get(k); r >= 0 {
				row := l.w[int(r)*T : int(r)*T+T]
				for t := range e {
					e[t] += row[t]
				}
			}
		}
	}
	viterbi(s.em, l.trans, m.allow, n, T, s.score, s.back, s.out)
	return s.out
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
	const neg = -1 << 62
	start := T * T
	for c := 0; c < T; c++ {
		if allow[start+c] {
			score[c] = int64(em[c]) + int64(trans[start+c])
		} else {
			score[c] = neg
		}
	}
	for i := 1; i < n; i++ {
		prev := score[(i-1)*T : i*T]
		cur := score[i*T : i*T+T]
		for c := 0; c < T; c++ {
			best, arg := int64(neg), 0
			for p := 0; p < T; p++ {
				if !allow[p*T+c] || prev[p] == neg {
					continue
				}
				if v := prev[p] + int64(trans[p*T+c]); v > best {
					best, arg = v, p
				}
			}
			if best == neg {
				cur[c] = neg
			} else {
				cur[c] = best + int64(em[i*T+c])
			}
			back[i*T+c] = uint8(arg)
		}
	}
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
