package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/tagger"
)

func tagCommand() *cli.Command {
	return &cli.Command{
		Name:      "tag",
		Usage:     "tag named entities (PERS, ORG, LOC, MISC) with the built-in model",
		ArgsUsage: "[FILE]",
		Description: `With --conll FILE, reads CoNLL (first column the token, a blank line
between sentences, other columns ignored) and writes "token TAG" lines with
the same tokens and sentence breaks, tags in IOB2. Without --conll, tags raw
text from FILE or stdin, one token per line.

Examples:
   kg tag --conll dev.txt > pred.txt
   echo "وقال وزير الخارجية الروسي سيرغي لافروف" | kg tag`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "conll", Usage: "CoNLL `FILE` to tag"},
			&cli.StringFlag{Name: "model", Usage: "model `FILE` from kg train (default: the built-in model)"},
		},
		Action: func(c *cli.Context) error {
			m, err := loadModel(c.String("model"))
			if err != nil {
				return err
			}
			w := bufio.NewWriter(c.App.Writer)
			defer w.Flush()
			if path := c.String("conll"); path != "" {
				sents, err := readCoNLL(path)
				if err != nil {
					return err
				}
				out := make([]tagger.Sentence, len(sents))
				toks := make([][]string, len(sents))
				for i, s := range sents {
					toks[i] = s.Tokens
				}
				for i, tags := range m.TagDocument(toks) {
					out[i] = tagger.Sentence{Tokens: sents[i].Tokens, Tags: tags}
				}
				return tagger.WriteCoNLL(w, out)
			}
			var in io.Reader = c.App.Reader
			if c.NArg() > 0 {
				f, err := os.Open(c.Args().First())
				if err != nil {
					return fmt.Errorf("tag: %w", err)
				}
				defer f.Close()
				in = f
			}
			text, err := io.ReadAll(io.LimitReader(in, 64<<20))
			if err != nil {
				return fmt.Errorf("tag: %w", err)
			}
			var doc []tagger.Sentence
			runes := []rune(string(text))
			for _, sp := range arabic.Sentences(string(text)) {
				var s tagger.Sentence
				for _, t := range arabic.Tokenize(string(runes[sp.Start:sp.End])) {
					s.Tokens = append(s.Tokens, t.Text)
				}
				if len(s.Tokens) > 0 {
					doc = append(doc, s)
				}
			}
			toks := make([][]string, len(doc))
			for i, s := range doc {
				toks[i] = s.Tokens
			}
			for i, tags := range m.TagDocument(toks) {
				doc[i].Tags = tags
			}
			return tagger.WriteCoNLL(w, doc)
		},
	}
}

func loadModel(path string) (*tagger.Model, error) {
	if path == "" {
		return tagger.Default()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return tagger.Load(b)
}

func readCoNLL(path string) ([]tagger.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := tagger.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
