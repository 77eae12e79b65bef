package tagger

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sort"

	"github.com/kgraph/kg/extract/gazetteer"

	"github.com/kgraph/kg/extract/internal/freelist"
)

// TrainOptions configures Train. The zero value of a field means its
// default; DefaultTrainOptions gives the options of the shipped model.
type TrainOptions struct {
	Epochs   int    // perceptron passes over the data (default 6)
	Seed     uint64 // seed of the per-epoch shuffle (default 1)
	Folds    int    // folds for the leave-fold-out corpus lexicon (default 5)
	MinCount int    // drop features seen fewer times in training (default 2)
	Scale    int    // weights are stored as round(weight*Scale) (default 32)
	Bags     int    // sum this many perceptrons trained with seeds Seed, Seed+1, … (default 3)
	NoDoc    bool   // skip the doc layer (TagDocument then tags sentence by sentence)
	// Gazetteer compiles the lists of extract/gazetteer into the model
	// (when Lexicon is nil).
	Gazetteer bool
	Lexicon   Lexicon // external word lists compiled into the model; nil: none, or the gazetteer's
	Logger    *slog.Logger
}

// DefaultTrainOptions returns the options used for the shipped model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 6, Seed: 1, Folds: 5, MinCount: 2, Scale: 32, Bags: 3, Gazetteer: true}
}

func (o TrainOptions) withDefaults() TrainOptions {
	d := DefaultTrainOptions()
	if o.Epochs <= 0 {
		o.Epochs = d.Epochs
	}
	if o.Seed == 0 {
		o.Seed = d.Seed
	}
	if o.Folds <= 1 {
		o.Folds = d.Folds
	}
	if o.MinCount <= 0 {
		o.MinCount = d.MinCount
	}
	if o.Scale <= 0 {
		o.Scale = d.Scale
	}
	if o.Bags <= 0 {
		o.Bags = d.Bags
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// ErrNoData reports training input without tagged sentences.
var ErrNoData = errors.New("tagger: no tagged sentences")

// prepared is a training sentence turned into numbers.
type prepared struct {
	toks []tokInfo
	gold []uint8
	ids  []int32 // feature ids of all tokens
	off  []int32 // token i has ids[off[i]:off[i+1]]
}

// tagSet builds the tag list from the entity types found in sents: O, then
// B- and I- of each type in sorted order.
func tagSet(sents []Sentence) ([]string, map[string]uint8, error) {
	types := map[string]bool{}
	for si, s := range sents {
		if len(s.Tags) != len(s.Tokens) {
			return nil, nil, fmt.Errorf("tagger: sentence %d has %d tokens and %d tags", si, len(s.Tokens), len(s.Tags))
		}
		for _, t := range s.Tags {
			if _, typ := splitTag(t); typ != "" {
				types[typ] = true
			} else if t != "O" {
				return nil, nil, fmt.Errorf("tagger: sentence %d: bad tag %q", si, t)
			}
		}
	}
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	if 1+2*len(names) > 255 {
		return nil, nil, fmt.Errorf("tagger: too many entity types (%d)", len(names))
	}
	tags := []string{"O"}
	for _, t := range names {
		tags = append(tags, "B-"+t, "I-"+t)
	}
	idx := map[string]uint8{}
	for i, t := range tags {
		idx[t] = uint8(i)
	}
	return tags, idx, nil
}

// Train fits a model to tagged sentences, given in document order (the
// doc layer reads nearby sentences as document context). Training is
// deterministic: the same sentences and options give the same model bytes.
func Train(sents []Sentence, opts TrainOptions) (*Model, error) {
	opts = opts.withDefaults()
	tags, tagIdx, err := tagSet(sents)
	if err != nil {
		return nil, err
	}
	T := len(tags)
	lex := opts.Lexicon
	if lex == nil && opts.Gazetteer {
		g, err := gazetteer.Default()
		if err != nil {
			return nil, fmt.Errorf("tagger: train: %w", err)
		}
		lex = g
	}
	fz := featurizer{lists: newBuiltin()}
	if lex != nil {
		fz.ext = compileLexicon(lex)
	}
	var data []*prepared
	tokens := 0
	for _, s := range sents {
		if len(s.Tokens) == 0 {
			continue
		}
		p := &prepared{toks: make([]tokInfo, len(s.Tokens)), gold: make([]uint8, len(s.Tags))}
		fz.info(s.Tokens, nil, p.toks)
		for i, t := range s.Tags {
			p.gold[i] = tagIdx[t]
		}
		tokens += len(s.Tokens)
		data = append(data, p)
	}
	if len(data) == 0 {
		return nil, ErrNoData
	}
	folds := min(opts.Folds, len(data))
	if (T-1)/2 > maxDocTypes {
		opts.NoDoc = true
	}
	m := &Model{
		tags:  tags,
		allow: allowed(T),
		lex:   buildClex(data, T),
		fz:    fz,
		info: Info{Sentences: len(data), Tokens: tokens, Epochs: opts.Epochs, Seed: opts.Seed, Bags: opts.Bags,
			Folds: folds, MinCount: opts.MinCount, Doc: !opts.NoDoc, Lexicon: fz.ext != nil},
		pool: freelist.New[scratch](),
	}

	keyOf := extract(data, folds, T, &fz, false, opts)
	w, tr := perceptron(data, len(keyOf), T, opts)
	m.base = newLayer(keyOf, w, tr, T)
	if opts.NoDoc {
		return m, nil
	}

	// Jackknife: tag each fold with weights trained on the other folds, so
	// the doc layer sees first-pass tags as good as on new text.
	first := make([][]uint8, len(data))
	for f := 0; f < folds; f++ {
		lo, hi := foldRange(f, folds, len(data))
		rest := make([]*prepared, 0, len(data)-(hi-lo))
		rest = append(append(rest, data[:lo]...), data[hi:]...)
		fw, ftr := perceptron(rest, len(keyOf), T, opts)
		for i := lo; i < hi; i++ {
			first[i] = predictIDs(data[i], fw, ftr, m.allow, T)
		}
		opts.Logger.Info("tagger: jackknife", "fold", f+1, "of", folds)
	}
	mem := newDocMem()
	slide(len(data), func(i int) []tokInfo { return data[i].toks }, func(i int) []uint8 { return first[i] }, mem, func(i int) {
		mem.setDoc(data[i].toks)
	})
	keyOf = extract(data, folds, T, &fz, true, opts)
	w, tr = perceptron(data, len(keyOf), T, opts)
	l := newLayer(keyOf, w, tr, T)
	m.doc = &l
	return m, nil
}

// foldRange gives the sentences [lo, hi) of fold f: folds are contiguous,
// since neighbouring sentences share names.
func foldRange(f, folds, n int) (lo, hi int) {
	return f * n / folds, (f + 1) * n / folds
}

// extract computes the feature ids of every token, each fold with a corpus
// lexicon built from the other folds, drops features seen fewer than
// MinCount times and returns the key of each id.
func extract(data []*prepared, folds, T int, fz *featurizer, withDoc bool, opts TrainOptions) []uint64 {
	index := map[uint64]int32{}
	var (
		counts []int32
		keys   []uint64
		phr    []uint8
	)
	for f := 0; f < folds; f++ {
		lo, hi := foldRange(f, folds, len(data))
		rest := make([]*prepared, 0, len(data)-(hi-lo))
		rest = append(append(rest, data[:lo]...), data[hi:]...)
		cl := buildClex(rest, T)
		for _, p := range data[lo:hi] {
			for i := range p.toks {
				p.toks[i].setLex(cl)
			}
			if cap(phr) < len(p.toks) {
				phr = make([]uint8, len(p.toks))
			}
			cl.matchPhrases(p.toks, phr[:len(p.toks)])
			for i := range p.toks {
				p.toks[i].phr = phr[i]
			}
			p.ids = p.ids[:0]
			p.off = append(p.off[:0], 0)
			for i := range p.toks {
				keys = fz.features(p.toks, i, keys[:0])
				if withDoc {
					keys = docFeatures(p.toks, i, keys)
				}
				for _, key := range keys {
					id, ok := index[key]
					if !ok {
						id = int32(len(counts))
						index[key] = id
						counts = append(counts, 0)
					}
					counts[id]++
					p.ids = append(p.ids, id)
				}
				p.off = append(p.off, int32(len(p.ids)))
			}
		}
	}
	// Drop rare features; ids keep their first-seen order.
	remap := make([]int32, len(counts))
	nf := int32(0)
	for id, c := range counts {
		if int(c) >= opts.MinCount {
			remap[id] = nf
			nf++
		} else {
			remap[id] = -1
		}
	}
	for _, p := range data {
		ids := p.ids[:0]
		start := int32(0)
		for i := 0; i+1 < len(p.off); i++ {
			end := p.off[i+1]
			for _, id := range p.ids[start:end] {
				if r := remap[id]; r >= 0 {
					ids = append(ids, r)
				}
			}
			start = end
			p.off[i+1] = int32(len(ids))
		}
		p.ids = ids
	}
	keyOf := make([]uint64, nf)
	for key, id := range index {
		if r := remap[id]; r >= 0 {
			keyOf[r] = key
		}
	}
	opts.Logger.Info("tagger: features", "kept", nf, "seen", len(counts), "doc", withDoc)
	return keyOf
}

// newLayer keeps the feature rows with a non-zero weight.
func newLayer(keyOf []uint64, w, trans []int32, T int) layer {
	l := layer{index: newTable(len(keyOf)), trans: trans}
	for id, key := range keyOf {
		row := w[id*T : id*T+T]
		for _, v := range row {
			if v != 0 {
				l.index.put(key, int32(len(l.w)/T))
				l.w = append(l.w, row...)
				break
			}
		}
	}
	l.freeze()
	return l
}

// predictIDs tags a training sentence with weights indexed by feature id.
func predictIDs(p *prepared, w, trans []int32, allow []bool, T int) []uint8 {
	n := len(p.gold)
	em := make([]int32, n*T)
	for i := 0; i < n; i++ {
		e := em[i*T : i*T+T]
		for _, id := range p.ids[p.off[i]:p.off[i+1]] {
			row := w[int(id)*T : int(id)*T+T]
			for t := range e {
				e[t] += row[t]
			}
		}
	}
	out := make([]uint8, n)
	viterbi(em, trans, allow, n, T, make([]int64, n*T), make([]uint8, n*T), out)
	return out
}

// perceptron sums the weights of opts.Bags perceptrons trained with
// consecutive seeds.
func perceptron(data []*prepared, nf, T int, opts TrainOptions) (w, trans []int32) {
	for b := 0; b < max(1, opts.Bags); b++ {
		o := opts
		o.Seed += uint64(b)
		bw, btr := perceptron1(data, nf, T, o)
		if w == nil {
			w, trans = bw, btr
			continue
		}
		for i := range w {
			w[i] += bw[i]
		}
		for i := range trans {
			trans[i] += btr[i]
		}
	}
	return w, trans
}

// perceptron1 trains an averaged structured perceptron and returns the
// averaged weights, quantized: feature rows (nf×T) and transitions
// ((T+1)×T). Arithmetic is integer so results do not depend on the
// platform.
func perceptron1(data []*prepared, nf, T int, opts TrainOptions) (w, trans []int32) {
	cur := make([]int32, nf*T)
	acc := make([]int64, nf*T)
	tcur := make([]int32, (T+1)*T)
	tacc := make([]int64, (T+1)*T)
	allow := allowed(T)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6b67746167676572))
	var (
		em    []int32
		score []int64
		back  []uint8
		pred  []uint8
	)
	c := int64(1)
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, si := range order {
			p := data[si]
			n := len(p.gold)
			if cap(em) < n*T {
				em = make([]int32, n*T)
				score = make([]int64, n*T)
				back = make([]uint8, n*T)
				pred = make([]uint8, n)
			}
			em, score, back, pred = em[:n*T], score[:n*T], back[:n*T], pred[:n]
			for i := range em {
				em[i] = 0
			}
			for i := 0; i < n; i++ {
				e := em[i*T : i*T+T]
				for _, id := range p.ids[p.off[i]:p.off[i+1]] {
					row := cur[int(id)*T : int(id)*T+T]
					for t := range e {
						e[t] += row[t]
					}
				}
			}
			viterbi(em, tcur, allow, n, T, score, back, pred)
			same := true
			for i := range pred {
				if pred[i] != p.gold[i] {
					same = false
					break
				}
			}
			if !same {
				wrong++
				for i := 0; i < n; i++ {
					g, q := int(p.gold[i]), int(pred[i])
					if g != q {
						for _, id := range p.ids[p.off[i]:p.off[i+1]] {
							b := int(id) * T
							cur[b+g]++
							acc[b+g] += c
							cur[b+q]--
							acc[b+q] -= c
						}
					}
					gp, qp := T, T
					if i > 0 {
						gp, qp = int(p.gold[i-1]), int(pred[i-1])
					}
					if gp != qp || g != q {
						tcur[gp*T+g]++
						tacc[gp*T+g] += c
						tcur[qp*T+q]--
						tacc[qp*T+q] -= c
					}
				}
			}
			c++
		}
		opts.Logger.Info("tagger: epoch", "epoch", ep+1, "wrongSentences", wrong, "of", len(data))
	}
	return average(cur, acc, c, opts.Scale), average(tcur, tacc, c, opts.Scale)
}

// average returns round((w - acc/c) * scale) for each weight, in integers.
func average(w []int32, acc []int64, c int64, scale int) []int32 {
	out := make([]int32, len(w))
	for i := range w {
		num := (int64(w[i])*c - acc[i]) * int64(scale)
		var q int64
		if num >= 0 {
			q = (num + c/2) / c
		} else {
			q = -((-num + c/2) / c)
		}
		out[i] = int32(q)
	}
	return out
}
