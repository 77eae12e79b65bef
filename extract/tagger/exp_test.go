package tagger

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/gazetteer"
)

func expOpts() TrainOptions {
	opts := DefaultTrainOptions()
	if v := os.Getenv("EPOCHS"); v != "" {
		opts.Epochs, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("MINC"); v != "" {
		opts.MinCount, _ = strconv.Atoi(v)
	}
	opts.NoDoc = os.Getenv("NODOC") != ""
	if os.Getenv("GAZ") != "" {
		g, err := gazetteer.Default()
		if err != nil {
			panic(err)
		}
		opts.Lexicon = g
	}
	return opts
}

// TestExperiment evaluates on three blocks: the dev split (last 10%) and
// the two 10% blocks before it, each time training on the rest of the
// first 90%.
func TestExperiment(t *testing.T) {
	if os.Getenv("EXP") == "" {
		t.Skip()
	}
	sents := readANERcorp(t)
	train90, dev := Split(sents, 0.1)
	n := len(train90)
	type block struct {
		name       string
		train, dev []Sentence
	}
	blocks := []block{{"dev", train90, dev}}
	if os.Getenv("DEVONLY") == "" {
		for _, b := range [][2]int{{n * 8 / 9, n}, {n * 7 / 9, n * 8 / 9}} {
			tr := append(append([]Sentence{}, train90[:b[0]]...), train90[b[1]:]...)
			blocks = append(blocks, block{fmt.Sprintf("%d-%d", b[0], b[1]), tr, train90[b[0]:b[1]]})
		}
	}
	var sum, sumBase float64
	var line []string
	for _, b := range blocks {
		m, err := Train(b.train, expOpts())
		if err != nil {
			t.Fatal(err)
		}
		var gold, pred [][]string
		for _, s := range b.dev {
			gold = append(gold, s.Tags)
			pred = append(pred, m.Tag(s.Tokens))
		}
		base := Score(gold, pred)
		r := m.Evaluate(b.dev)
		if os.Getenv("V") != "" {
			fmt.Printf("%s base %.4f\n%s", b.name, base.Total.F1(), r)
		}
		sum += r.Total.F1()
		sumBase += base.Total.F1()
		line = append(line, fmt.Sprintf("%s %.4f/%.4f", b.name, base.Total.F1(), r.Total.F1()))
	}
	fmt.Printf("%s | mean base %.4f doc %.4f\n", strings.Join(line, "  "), sumBase/float64(len(blocks)), sum/float64(len(blocks)))
}

func TestErrors(t *testing.T) {
	if os.Getenv("ERR") == "" {
		t.Skip()
	}
	sents := readANERcorp(t)
	train, dev := Split(sents, 0.1)
	m, _ := Train(train, expOpts())
	var toks [][]string
	for _, s := range dev {
		toks = append(toks, s.Tokens)
	}
	preds := m.TagDocument(toks)
	for k, s := range dev {
		p := preds[k]
		gs, ps := Spans(s.Tags), Spans(p)
		in, ing := map[Span]bool{}, map[Span]bool{}
		for _, x := range ps {
			in[x] = true
		}
		for _, x := range gs {
			ing[x] = true
		}
		join := func(x Span) string {
			out := ""
			for i := max(0, x.Start-2); i < min(len(s.Tokens), x.End+2); i++ {
				if i == x.Start {
					out += "["
				}
				out += s.Tokens[i]
				if i == x.End-1 {
					out += "]"
				}
				out += " "
			}
			return out
		}
		for _, x := range gs {
			if !in[x] {
				fmt.Printf("MISS %s\t%s\t%v\n", x.Type, join(x), p[x.Start:x.End])
			}
		}
		for _, x := range ps {
			if !ing[x] {
				fmt.Printf("FP   %s\t%s\t%v\n", x.Type, join(x), s.Tags[x.Start:x.End])
			}
		}
	}
}
