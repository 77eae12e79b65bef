package main

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the graph of a corpus as CSV files for a bulk import, without a database",
		ArgsUsage: "DIR PATH...",
		Description: `Extracts the articles under PATH... (or reads kg extract output) and writes
into DIR the nodes and relationships kg load would create, as CSV files:
the same properties, counts, aliases, names and sorted provenance lists,
so that importing them gives the graph a kg load of the same corpus gives.
Memory does not grow with the corpus: entities and relations are sorted on
disk under DIR. Article ids must be distinct.

--format neo4j-admin (the default) writes neo4j-admin headers and
DIR/neo4j-admin.args, for the initial load of a large archive into a new
database (offline, much faster than any online load):

   kg export archive.dir archive/
   neo4j-admin database import full neo4j @archive.dir/neo4j-admin.args
   # start Neo4j, then create the constraints and indexes:
   kg schema

--format csv writes plain headers and DIR/load-csv.cypher, LOAD CSV
statements with MERGE for a running server that can read DIR (its import
folder): run kg schema, then each statement with $base set to the folder's
URL, e.g. :param base => 'file:///export/' in cypher-shell.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "neo4j-admin", Usage: "neo4j-admin or csv"},
			&cli.StringFlag{Name: "array-delimiter", Value: ";", Usage: "separator of list elements (one character)"},
			taggerFlag(),
			&cli.IntFlag{Name: "workers", Value: runtime.GOMAXPROCS(0), Usage: "extraction workers"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 2 {
				return fmt.Errorf("export: give the output directory and at least one file or directory")
			}
			cfg := graph.ExportConfig{Dir: c.Args().First()}
			switch c.String("format") {
			case "neo4j-admin":
				cfg.Format = graph.FormatAdmin
			case "csv":
				cfg.Format = graph.FormatCSV
			default:
				return fmt.Errorf("export: --format must be neo4j-admin or csv, not %q", c.String("format"))
			}
			d := c.String("array-delimiter")
			if utf8.RuneCountInString(d) != 1 {
				return fmt.Errorf("export: --array-delimiter must be one character")
			}
			cfg.ArrayDelimiter, _ = utf8.DecodeRuneInString(d)
			p, err := newPipeline(c)
			if err != nil {
				return err
			}
			x, err := graph.NewExporter(cfg)
			if err != nil {
				return err
			}
			defer x.Abort()
			failed := 0
			report := func(err error) {
				fmt.Fprintf(c.App.ErrWriter, "kg: %s\n", oneLine(err.Error()))
				failed++
			}
			add := func(r extract.Result) error {
				err := x.Add(r)
				if errors.Is(err, graph.ErrInvalid) || errors.Is(err, graph.ErrExport) {
					report(err)
					return nil
				}
				return err
			}
			workers := max(1, c.Int("workers"))
			const chunk = 64
			batch := make([]extract.Article, 0, chunk)
			flush := func() error {
				results, errs := extractAll(p, batch, workers)
				for i, r := range results {
					if errs[i] != nil {
						report(fmt.Errorf("%s: %w", batch[i].Path, errs[i]))
						continue
					}
					if err := add(r); err != nil {
						return err
					}
				}
				batch = batch[:0]
				return nil
			}
			for in, err := range readInputs(c.Context, c.Args().Tail()) {
				if err != nil {
					if c.Context.Err() != nil {
						return errors.New("export interrupted")
					}
					report(err)
					continue
				}
				if in.result != nil {
					// Keep input order: extract what came before first.
					if err := flush(); err != nil {
						return err
					}
					if err := add(*in.result); err != nil {
						return err
					}
					continue
				}
				batch = append(batch, in.art)
				if len(batch) == chunk {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			sum, err := x.Close()
			if err != nil {
				return err
			}
			w := c.App.Writer
			fmt.Fprintf(w, "articles: %d exported, %d failed\n", sum.Articles, failed)
			printDelta(w, "nodes", sum.Nodes)
			printDelta(w, "relationships", sum.Relationships)
			fmt.Fprintf(w, "files: %s\n", strings.Join(sum.Files, " "))
			if cfg.Format == graph.FormatAdmin {
				fmt.Fprintf(w, "import (Neo4j stopped, into a new database):\n  neo4j-admin database import full neo4j @%s/neo4j-admin.args\nthen start Neo4j and run: kg schema\n", x.Dir())
			} else {
				fmt.Fprintf(w, "load (Neo4j running, DIR in its import folder): kg schema, then the statements of %s/load-csv.cypher\n", x.Dir())
			}
			if failed > 0 {
				return exitError{code: 1, err: errPartial}
			}
			return nil
		},
	}
}
