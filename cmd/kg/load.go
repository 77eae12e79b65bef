package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "extract articles and upsert them into Neo4j",
		ArgsUsage: "PATH...",
		Description: `Reads .txt, .md and .jsonl articles from files or directories (walked
recursively), applies the schema, skips articles whose content is unchanged,
extracts entities and relations, and writes each article all or nothing. A
changed article replaces everything it contributed before. A bad file or line
is reported with its path and line and the rest still loads; the exit status
is then 1. Ctrl-C stops cleanly between batches.

Examples:
   kg load testdata/corpus
   kg load --batch-size 200 archive/ extra.jsonl`,
		Flags: append(append(neo4jFlags(), browserFlags()...),
			taggerFlag(),
			&cli.IntFlag{Name: "batch-size", Value: graph.DefaultBatchSize, Usage: "articles per write transaction"},
			&cli.IntFlag{Name: "workers", Value: runtime.GOMAXPROCS(0), Usage: "extraction workers"},
			&cli.BoolFlag{Name: "progress", Value: isTerminal(os.Stderr), DefaultText: "on when stderr is a terminal", Usage: "show a progress line on stderr"},
			&cli.StringFlag{Name: "browse-addr", Value: defaultBrowseAddr, Usage: "where kg browse listens, for the guide link printed at the end", EnvVars: []string{"KG_BROWSE_ADDR"}},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("load: give at least one file or directory")
			}
			p, err := newPipeline(c)
			if err != nil {
				return err
			}
			st, err := openStore(c)
			if err != nil {
				return err
			}
			defer st.Close(context.WithoutCancel(c.Context))
			if err := st.Schema(c.Context); err != nil {
				return err
			}
			before, err := st.Counts(c.Context)
			if err != nil {
				return err
			}
			l := loader{
				store:     st,
				pipeline:  p,
				batchSize: max(1, c.Int("batch-size")),
				workers:   max(1, c.Int("workers")),
				errw:      c.App.ErrWriter,
			}
			if c.Bool("progress") {
				l.progress = c.App.ErrWriter
			}
			sum, loadErr := l.run(c.Context, c.Args().Slice())
			after, err := st.Counts(context.WithoutCancel(c.Context))
			if err == nil {
				sum.delta = after.Sub(before)
			}
			sum.print(c.App.Writer)
			if loadErr != nil {
				return loadErr
			}
			if c.Context.Err() == nil {
				printExploreLink(c)
			}
			if c.Context.Err() != nil {
				return exitError{code: 130, err: errors.New("load interrupted; run it again to finish")}
			}
			if sum.failed > 0 {
				return exitError{code: 1, err: errPartial}
			}
			return nil
		},
	}
}

// loader streams articles through hashing, extraction and batched writes.
type loader struct {
	store     *graph.Store
	pipeline  *extract.Pipeline
	batchSize int
	workers   int
	errw      io.Writer
	progress  io.Writer // nil: no progress line

	mu  sync.Mutex // guards sum
	sum summary
}

type summary struct {
	loaded, unchanged, failed int
	elapsed                   time.Duration
	delta                     graph.Counts
}

func (s summary) print(w io.Writer) {
	fmt.Fprintf(w, "articles: %d loaded, %d unchanged, %d failed (%.1fs)\n", s.loaded, s.unchanged, s.failed, s.elapsed.Seconds())
	printDelta(w, "nodes", s.delta.Nodes)
	printDelta(w, "relationships", s.delta.Relationships)
}

func printDelta(w io.Writer, what string, m map[string]int64) {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		fmt.Fprintf(w, "%s: no change\n", what)
		return
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %+d", k, m[k])
	}
	fmt.Fprintf(w, "%s: %s\n", what, strings.Join(parts, ", "))
}

type item struct {
	art extract.Article
	err error
}

// run loads every article under paths. Input errors are printed and counted;
// a database error stops the load and is returned. When ctx is cancelled the
// batch being written is finished and the load stops.
func (l *loader) run(ctx context.Context, paths []string) (summary, error) {
	start := time.Now()
	sum := &l.sum
	mu := &l.mu
	in := make(chan item, 2*l.batchSize)
	go func() {
		defer close(in)
		for a, err := range extract.Read(ctx, paths...) {
			if errors.Is(err, context.Canceled) {
				return
			}
			select {
			case in <- item{a, err}:
			case <-ctx.Done():
				return
			}
		}
	}()

	stopProgress := l.startProgress(start)
	defer stopProgress()

	// Writes run one batch behind extraction so both stages stay busy.
	type job struct{ results []extract.Result }
	writes := make(chan job, 1)
	var werr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := range writes {
			if werr != nil {
				continue
			}
			// A started batch is finished even after Ctrl-C: an article is
			// written all or nothing either way, and finishing saves redoing it.
			_, err := l.store.Write(context.WithoutCancel(ctx), j.results)
			mu.Lock()
			if err != nil {
				werr = err
			} else {
				sum.loaded += len(j.results)
			}
			mu.Unlock()
		}
	}()

	batch := make([]extract.Article, 0, l.batchSize)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		results, failed, unchanged := l.prepare(ctx, batch)
		mu.Lock()
		sum.failed += failed
		sum.unchanged += unchanged
		stop := werr != nil
		mu.Unlock()
		batch = batch[:0]
		if len(results) > 0 && !stop {
			writes <- job{results}
		}
	}
	for it := range in {
		if it.err != nil {
			fmt.Fprintf(l.errw, "kg: %s\n", oneLine(it.err.Error()))
			mu.Lock()
			sum.failed++
			mu.Unlock()
			continue
		}
		batch = append(batch, it.art)
		if len(batch) >= l.batchSize {
			flush()
		}
		if ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() == nil {
		flush()
	}
	close(writes)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	sum.elapsed = time.Since(start)
	return *sum, werr
}

// prepare drops unchanged articles (by content hash) and extracts the rest
// in parallel, keeping input order. A later copy of an id in the batch wins.
func (l *loader) prepare(ctx context.Context, batch []extract.Article) (results []extract.Result, failed, unchanged int) {
	last := make(map[string]int, len(batch))
	for i, a := range batch {
		last[a.ID] = i
	}
	ids := make([]string, 0, len(last))
	for id := range last {
		ids = append(ids, id)
	}
	stored, err := l.store.Hashes(ctx, ids)
	if err != nil {
		stored = nil // unknown: extract and write everything; the write is idempotent
	}
	todo := make([]extract.Article, 0, len(batch))
	for i, a := range batch {
		if last[a.ID] != i {
			continue
		}
		if h, ok := stored[a.ID]; ok && h == a.Hash() {
			unchanged++
			continue
		}
		todo = append(todo, a)
	}
	out, errs := extractAll(l.pipeline, todo, l.workers)
	results = out[:0]
	for i, r := range out {
		if errs[i] != nil {
			fmt.Fprintf(l.errw, "kg: %s: %s\n", todo[i].Path, oneLine(errs[i].Error()))
			failed++
			continue
		}
		results = append(results, r)
	}
	return results, failed, unchanged
}

// startProgress redraws one status line on the progress writer until the
// returned function is called.
func (l *loader) startProgress(start time.Time) func() {
	if l.progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(l.progress, "\r\033[K")
				return
			case <-t.C:
				l.mu.Lock()
				s := l.sum
				l.mu.Unlock()
				el := time.Since(start).Seconds()
				fmt.Fprintf(l.progress, "\r\033[Kloading: %d loaded, %d unchanged, %d failed  %.0f articles/s", s.loaded, s.unchanged, s.failed, float64(s.loaded+s.unchanged)/max(el, 0.001))
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// extractAll extracts arts on up to workers goroutines; results and errors
// come back in input order, so output does not depend on scheduling.
func extractAll(p *extract.Pipeline, arts []extract.Article, workers int) ([]extract.Result, []error) {
	out := make([]extract.Result, len(arts))
	errs := make([]error, len(arts))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(arts)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = p.Extract(arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errs
}
