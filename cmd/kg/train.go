package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract/tagger"
)

func trainCommand() *cli.Command {
	def := tagger.DefaultFileOptions()
	return &cli.Command{
		Name:  "train",
		Usage: "train the named-entity tagger on CoNLL data",
		Description: `Trains the averaged-perceptron tagger deterministically. With the
defaults on ANERcorp's train.txt it reproduces the built-in model byte for
byte. Without --dev, the last --holdout fraction of the sentences is held out
as the dev split, not trained on, and scored at the end.

Example:
   kg train --conll ../shared/data/anercorp/train.txt --out model.bin`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "conll", Required: true, Usage: "training data, CoNLL `FILE` with IOB2 tags"},
			&cli.StringFlag{Name: "dev", Usage: "CoNLL `FILE` to score on (default: hold out the end of --conll)"},
			&cli.Float64Flag{Name: "holdout", Value: def.Holdout, Usage: "fraction of --conll held out as dev when --dev is not given"},
			&cli.StringFlag{Name: "out", Required: true, Usage: "model `FILE` to write"},
			&cli.Uint64Flag{Name: "seed", Value: def.Train.Seed, Usage: "shuffling seed"},
			&cli.IntFlag{Name: "epochs", Value: def.Train.Epochs, Usage: "passes over the data"},
		},
		Action: func(c *cli.Context) error {
			opts := def
			opts.Dev = c.String("dev")
			opts.Holdout = c.Float64("holdout")
			opts.Train.Seed = c.Uint64("seed")
			opts.Train.Epochs = c.Int("epochs")
			opts.Train.Logger = logger(c)
			m, rep, err := tagger.TrainFile(c.Context, c.String("conll"), opts)
			if err != nil {
				return err
			}
			b, err := m.MarshalBinary()
			if err != nil {
				return err
			}
			if err := os.WriteFile(c.String("out"), b, 0o644); err != nil {
				return fmt.Errorf("train: %w", err)
			}
			fmt.Fprintf(c.App.Writer, "wrote %s (%d bytes, %d features)\n", c.String("out"), len(b), m.Features())
			if rep != nil {
				fmt.Fprint(c.App.Writer, rep.String())
			}
			return nil
		},
	}
}
