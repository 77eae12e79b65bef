package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract entities and relations without a database, as JSON Lines",
		ArgsUsage: "PATH...",
		Description: `Runs the same extraction as kg load and writes one JSON object per
article to stdout: {"article", "sentences", "entities", "relations"} (see
README, "The kg extract contract"). The same input gives byte-identical
output. kg load accepts what this writes and stores it without extracting
again, so extraction can be split across machines: each runs kg extract on
its share, one runs kg load on the results.

Example:
   kg extract testdata/corpus > corpus.jsonl`,
		Flags: []cli.Flag{
			taggerFlag(),
			&cli.IntFlag{Name: "workers", Value: runtime.GOMAXPROCS(0), Usage: "extraction workers"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("extract: give at least one file or directory")
			}
			p, err := newPipeline(c)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(c.App.Writer, 1<<16)
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			failed := 0
			const chunk = 64
			batch := make([]extract.Article, 0, chunk)
			flush := func() error {
				results, errs := extractAll(p, batch, max(1, c.Int("workers")))
				for i, r := range results {
					if errs[i] != nil {
						fmt.Fprintf(c.App.ErrWriter, "kg: %s: %s\n", batch[i].Path, oneLine(errs[i].Error()))
						failed++
						continue
					}
					if err := enc.Encode(r); err != nil {
						return fmt.Errorf("extract: write: %w", err)
					}
				}
				batch = batch[:0]
				return nil
			}
			for a, err := range extract.Read(c.Context, c.Args().Slice()...) {
				if err != nil {
					if c.Context.Err() != nil {
						return errors.New("extract interrupted")
					}
					fmt.Fprintf(c.App.ErrWriter, "kg: %s\n", oneLine(err.Error()))
					failed++
					continue
				}
				batch = append(batch, a)
				if len(batch) == chunk {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			if failed > 0 {
				return exitError{code: 1, err: errPartial}
			}
			return nil
		},
	}
}
