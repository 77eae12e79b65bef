package tagger

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	cases := []struct {
		name string
		tags string
		want []Span
	}{
		{"empty", "", nil},
		{"all O", "O O", nil},
		{"B I", "B-PERS I-PERS O", []Span{{0, 2, "PERS"}}},
		{"B B", "B-LOC B-LOC", []Span{{0, 1, "LOC"}, {1, 2, "LOC"}}},
		{"I after O starts", "O I-ORG I-ORG", []Span{{1, 3, "ORG"}}},
		{"I of another type starts", "B-PERS I-ORG", []Span{{0, 1, "PERS"}, {1, 2, "ORG"}}},
		{"I first starts", "I-MISC", []Span{{0, 1, "MISC"}}},
		{"span at end", "O B-LOC I-LOC", []Span{{1, 3, "LOC"}}},
		{"junk counts as O", "B-LOC X I-LOC", []Span{{0, 1, "LOC"}, {2, 3, "LOC"}}},
	}
	for _, c := range cases {
		if got := Spans(strings.Fields(c.tags)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Spans(%q) = %v, want %v", c.name, c.tags, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	cases := []struct {
		name                          string
		gold, pred                    string
		wantGold, wantPred, wantRight int
		typ                           string
		tg, tp, tc                    int
	}{
		{"exact", "B-PERS I-PERS O B-LOC", "B-PERS I-PERS O B-LOC", 2, 2, 2, "PERS", 1, 1, 1},
		{"boundary miss", "B-PERS I-PERS O", "B-PERS O O", 1, 1, 0, "PERS", 1, 1, 0},
		{"type miss", "B-ORG I-ORG", "B-LOC I-LOC", 1, 1, 0, "ORG", 1, 0, 0},
		{"ill-formed gold I", "O I-LOC", "O B-LOC", 1, 1, 1, "LOC", 1, 1, 1},
		{"ill-formed pred I", "B-PERS I-PERS", "B-PERS I-ORG", 1, 2, 0, "ORG", 0, 1, 0},
		{"nothing found", "B-MISC", "O", 1, 0, 0, "MISC", 1, 0, 0},
	}
	for _, c := range cases {
		r := Score([][]string{strings.Fields(c.gold)}, [][]string{strings.Fields(c.pred)})
		if r.Total.Gold != c.wantGold || r.Total.Pred != c.wantPred || r.Total.Correct != c.wantRight {
			t.Errorf("%s: total %+v, want gold %d pred %d correct %d", c.name, r.Total, c.wantGold, c.wantPred, c.wantRight)
		}
		if got := r.ByType[c.typ]; got != (Counts{c.tg, c.tp, c.tc}) {
			t.Errorf("%s: %s %+v, want {%d %d %d}", c.name, c.typ, got, c.tg, c.tp, c.tc)
		}
	}
}

func TestReportNumbers(t *testing.T) {
	gold := [][]string{strings.Fields("B-PERS I-PERS O B-LOC O B-ORG")}
	pred := [][]string{strings.Fields("B-PERS I-PERS O B-ORG O B-ORG")}
	r := Score(gold, pred)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(r.Total.Precision(), 2.0/3) || !near(r.Total.Recall(), 2.0/3) || !near(r.Total.F1(), 2.0/3) {
		t.Errorf("micro P/R/F = %v %v %v, want 2/3 each", r.Total.Precision(), r.Total.Recall(), r.Total.F1())
	}
	if c := r.ByType["ORG"]; !near(c.Precision(), 0.5) || !near(c.Recall(), 1) {
		t.Errorf("ORG P/R = %v %v, want 0.5 1", c.Precision(), c.Recall())
	}
	if c := r.ByType["LOC"]; c.F1() != 0 {
		t.Errorf("LOC F1 = %v, want 0", c.F1())
	}
	if !near(r.Accuracy(), 5.0/6) {
		t.Errorf("accuracy %v, want 5/6", r.Accuracy())
	}
	want := "processed 6 tokens with 3 phrases; found: 3 phrases; correct: 2.\n" +
		"accuracy:  83.33%; precision:  66.67%; recall:  66.67%; FB1:  66.67\n" +
		"              LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0\n" +
		"              ORG: precision:  50.00%; recall: 100.00%; FB1:  66.67  2\n" +
		"             PERS: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n"
	if got := r.String(); got != want {
		t.Errorf("String():\n%s\nwant:\n%s", got, want)
	}
}

func TestScoreShortPrediction(t *testing.T) {
	r := Score([][]string{{"B-LOC", "O"}}, nil)
	if r.Total.Gold != 1 || r.Total.Pred != 0 || r.Tokens != 2 || r.TokensCorrect != 1 {
		t.Errorf("missing prediction scored as %+v", r)
	}
}
