package tagger

import (
	"fmt"
	"sort"
	"strings"
)

// Span is an entity mention in token positions, End exclusive.
type Span struct {
	Start, End int
	Type       string
}

// Spans reads the entities of an IOB2 tag sequence the way conlleval does:
// a B-X starts an entity, and so does an I-X that does not continue an X
// entity. Anything that is not O, B-X or I-X counts as O.
func Spans(tags []string) []Span {
	var (
		out   []Span
		open  = -1
		otype string
	)
	closeAt := func(i int) {
		if open >= 0 {
			out = append(out, Span{Start: open, End: i, Type: otype})
			open = -1
		}
	}
	for i, t := range tags {
		prefix, typ := splitTag(t)
		switch {
		case prefix == 'B':
			closeAt(i)
			open, otype = i, typ
		case prefix == 'I':
			if open < 0 || otype != typ {
				closeAt(i)
				open, otype = i, typ
			}
		default:
			closeAt(i)
		}
	}
	closeAt(len(tags))
	return out
}

// splitTag returns 'B' or 'I' and the type, or 0 for O and anything else.
func splitTag(t string) (byte, string) {
	if len(t) > 2 && t[1] == '-' && (t[0] == 'B' || t[0] == 'I') {
		return t[0], t[2:]
	}
	return 0, ""
}

// Counts holds the entity counts of one type.
type Counts struct {
	Gold, Pred, Correct int
}

// Precision is Correct/Pred (0 when nothing was predicted).
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Pred) }

// Recall is Correct/Gold (0 when there is no gold entity).
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is a conlleval-style score: an entity is correct when its span
// and type both match exactly.
type Report struct {
	Tokens        int
	TokensCorrect int
	Total         Counts            // micro-averaged over all types
	ByType        map[string]Counts // per entity type
}

// Types returns the entity types of the report, sorted.
func (r Report) Types() []string {
	ts := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// Accuracy is the fraction of tokens whose tag is right.
func (r Report) Accuracy() float64 { return ratio(r.TokensCorrect, r.Tokens) }

// Score compares predicted tag sequences with gold ones, sentence by
// sentence. Sentences must pair up and have equal lengths; a shorter
// prediction is scored as if padded with O.
func Score(gold, pred [][]string) Report {
	rep := Report{ByType: map[string]Counts{}}
	for i, g := range gold {
		var p []string
		if i < len(pred) {
			p = pred[i]
		}
		if len(p) < len(g) {
			pp := make([]string, len(g))
			copy(pp, p)
			for j := len(p); j < len(g); j++ {
				pp[j] = "O"
			}
			p = pp
		}
		for j := range g {
			rep.Tokens++
			if g[j] == p[j] {
				rep.TokensCorrect++
			}
		}
		gs, ps := Spans(g), Spans(p[:len(g)])
		inGold := make(map[Span]bool, len(gs))
		for _, s := range gs {
			inGold[s] = true
			c := rep.ByType[s.Type]
			c.Gold++
			rep.ByType[s.Type] = c
		}
		for _, s := range ps {
			c := rep.ByType[s.Type]
			c.Pred++
			if inGold[s] {
				c.Correct++
			}
			rep.ByType[s.Type] = c
		}
	}
	for _, c := range rep.ByType {
		rep.Total.Gold += c.Gold
		rep.Total.Pred += c.Pred
		rep.Total.Correct += c.Correct
	}
	return rep
}

// String prints the report as a table in the manner of conlleval.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		r.Tokens, r.Total.Gold, r.Total.Pred, r.Total.Correct)
	fmt.Fprintf(&b, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
		100*r.Accuracy(), 100*r.Total.Precision(), 100*r.Total.Recall(), 100*r.Total.F1())
	for _, t := range r.Types() {
		c := r.ByType[t]
		fmt.Fprintf(&b, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			t, 100*c.Precision(), 100*c.Recall(), 100*c.F1(), c.Pred)
	}
	return b.String()
}
