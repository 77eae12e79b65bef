package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/extract/score"
	"github.com/kgraph/kg/extract/tagger"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score the tagger on CoNLL data, or extraction on an annotated corpus",
		Description: `With --conll GOLD: conlleval-style precision, recall and F1 per type
and micro-averaged (exact span and type). The predictions come from --pred
(a CoNLL file with the same tokens) or from tagging GOLD with the model.
--dev-split scores only the last --holdout fraction of GOLD, the dev split
the built-in model was not trained on.

With --corpus DIR --annotations DIR: entity-level precision, recall and F1
per type of kg extract against hand annotations, the share of real entities
that become exactly one node, and event recall; then, article by article, the
annotated entities and events it did not find and the entities it found that
no annotation has.

Examples:
   kg eval --conll ../shared/data/anercorp/train.txt --dev-split
   kg eval --corpus testdata/corpus --annotations testdata/annotations`,
		Flags: []cli.Flag{
			taggerFlag(),
			&cli.StringFlag{Name: "conll", Usage: "gold CoNLL `FILE`"},
			&cli.StringFlag{Name: "pred", Usage: "predicted CoNLL `FILE` (default: tag GOLD)"},
			&cli.BoolFlag{Name: "dev-split", Usage: "score only the held-out end of GOLD"},
			&cli.Float64Flag{Name: "holdout", Value: tagger.DefaultFileOptions().Holdout, Usage: "fraction held out by --dev-split"},
			&cli.StringFlag{Name: "model", Usage: "model `FILE` (default: the built-in model)"},
			&cli.StringFlag{Name: "corpus", Usage: "article `DIR` to extract and score"},
			&cli.StringFlag{Name: "annotations", Usage: "annotation `DIR` (<article-id>.tsv files)"},
		},
		Action: func(c *cli.Context) error {
			switch {
			case c.String("conll") != "":
				return evalCoNLL(c)
			case c.String("corpus") != "" && c.String("annotations") != "":
				return evalCorpus(c)
			}
			return fmt.Errorf("eval: give --conll FILE, or --corpus DIR and --annotations DIR")
		},
	}
}

func evalCoNLL(c *cli.Context) error {
	gold, err := readCoNLL(c.String("conll"))
	if err != nil {
		return err
	}
	if c.Bool("dev-split") {
		_, gold = tagger.Split(gold, c.Float64("holdout"))
	}
	goldTags := make([][]string, len(gold))
	for i, s := range gold {
		if s.Tags == nil {
			return fmt.Errorf("eval: %s has no tags", c.String("conll"))
		}
		goldTags[i] = s.Tags
	}
	var predTags [][]string
	if p := c.String("pred"); p != "" {
		pred, err := readCoNLL(p)
		if err != nil {
			return err
		}
		if c.Bool("dev-split") {
			_, pred = tagger.Split(pred, c.Float64("holdout"))
		}
		if len(pred) != len(gold) {
			return fmt.Errorf("eval: %s has %d sentences, gold has %d", p, len(pred), len(gold))
		}
		for i, s := range pred {
			if len(s.Tokens) != len(gold[i].Tokens) {
				return fmt.Errorf("eval: sentence %d has %d tokens in %s, %d in gold", i+1, len(s.Tokens), p, len(gold[i].Tokens))
			}
			predTags = append(predTags, s.Tags)
		}
	} else {
		m, err := loadModel(c.String("model"))
		if err != nil {
			return err
		}
		toks := make([][]string, len(gold))
		for i, s := range gold {
			toks[i] = s.Tokens
		}
		predTags = m.TagDocument(toks)
	}
	fmt.Fprint(c.App.Writer, tagger.Score(goldTags, predTags).String())
	return nil
}

func evalCorpus(c *cli.Context) error {
	gold, err := score.ReadDir(c.String("annotations"))
	if err != nil {
		return err
	}
	p, err := newPipeline(c)
	if err != nil {
		return err
	}
	var results []extract.Result
	for a, err := range extract.Read(c.Context, c.String("corpus")) {
		if err != nil {
			return err
		}
		r, err := p.Extract(a)
		if err != nil {
			return fmt.Errorf("eval: %s: %w", a.Path, err)
		}
		results = append(results, r)
	}
	fmt.Fprintf(c.App.Writer, "corpus %s\n", c.String("corpus"))
	fmt.Fprint(c.App.Writer, score.Score(gold, results).String())
	return nil
}
