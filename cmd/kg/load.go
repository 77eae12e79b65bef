package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
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
is then 1. Ctrl-C stops cleanly between batches. When Neo4j goes away in
the middle (a restart, a lost connection), a batch is retried with backoff
for about two and a half minutes before the load gives up; running the same
load again then finishes it.

A .jsonl file written by kg extract is loaded as it is, without extracting
again: extraction can run on other machines, in shards.

Examples:
   kg load testdata/corpus
   kg load --batch-size 200 archive/ extra.jsonl
   kg extract shard-3/ > shard-3.jsonl && kg load shard-*.jsonl`,
		Flags: append(append(neo4jFlags(), browserFlags()...),
			taggerFlag(),
			&cli.IntFlag{Name: "batch-size", Value: graph.DefaultBatchSize, Usage: "articles per batch: extracted together, content written 25 articles a transaction"},
			&cli.IntFlag{Name: "finish-every", Value: graph.DefaultFinishEvery, Usage: "articles whose entity aggregates and typed relations are written in one transaction (at least a batch); until then they are pending"},
			&cli.IntFlag{Name: "workers", Value: 0, DefaultText: "one per core, less one when Neo4j is on this machine", Usage: "extraction workers"},
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
			if n, err := st.RemoveStrays(c.Context); err != nil {
				return err
			} else if n > 0 {
				logger(c).Info("removed entities an interrupted load created but no article mentions", "entities", n)
			}
			before, err := st.Counts(c.Context)
			if err != nil {
				return err
			}
			// A soft ceiling on the heap, so that memory stays flat and well
			// under 300 MB whatever the corpus; GOMEMLIMIT overrides it.
			if os.Getenv("GOMEMLIMIT") == "" {
				debug.SetMemoryLimit(loadMemoryLimit)
			}
			l := loader{
				store:     st,
				pipeline:  p,
				batchSize: max(1, c.Int("batch-size")),
				writer:    st.NewWriter(max(1, c.Int("finish-every"))),
				workers:   loadWorkers(c.Int("workers"), c.String("uri")),
				errw:      c.App.ErrWriter,
				log:       logger(c),
				patience:  writePatience,
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
	writer    *graph.Writer
	pipeline  *extract.Pipeline
	batchSize int
	workers   int
	errw      io.Writer
	log       *slog.Logger
	// patience is how long a batch is retried, with backoff, after the
	// driver's own retries have given up on a transient failure.
	patience time.Duration
	progress io.Writer // nil: no progress line

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
	parts := countParts(m, "%s %+d", "")
	if len(parts) == 0 {
		fmt.Fprintf(w, "%s: no change\n", what)
		return
	}
	fmt.Fprintf(w, "%s: %s\n", what, strings.Join(parts, ", "))
}

// countParts formats the non-zero counts of m, by name, with format (a
// %s for the name and a verb for the count), leaving out the name skip.
func countParts(m map[string]int64, format, skip string) []string {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != 0 && k != skip {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf(format, k, m[k])
	}
	return parts
}

type item struct {
	in  input
	err error
}

// run loads every article under paths. Input errors are printed and counted;
// a database error stops the load and is returned. When ctx is cancelled the
// batch being written is finished and the load stops.
func (l *loader) run(ctx context.Context, paths []string) (summary, error) {
	start := time.Now()
	sum := &l.sum
	mu := &l.mu
	// Reading is much faster than extraction: a short read-ahead keeps the
	// extraction side fed without holding a batch's worth of articles.
	in := make(chan item, readAhead)
	go func() {
		defer close(in)
		for x, err := range readInputs(ctx, paths) {
			if errors.Is(err, context.Canceled) {
				return
			}
			select {
			case in <- item{x, err}:
			case <-ctx.Done():
				return
			}
		}
	}()

	stopProgress := l.startProgress(start)
	defer stopProgress()

	// Writes run one batch behind extraction so both stages stay busy; the
	// batch is checked and flattened (graph.NewBatch) on the extraction
	// side, off the writer's path. The hand-over is unbuffered: at most two
	// flattened batches are alive, the one being written and the next.
	type job struct {
		batch *graph.Batch
		err   error
	}
	writes := make(chan job)
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
			err := j.err
			finished := 0
			if err == nil {
				finished, err = l.write(ctx, j.batch)
			}
			mu.Lock()
			if err != nil {
				werr = err
			}
			sum.loaded += finished
			mu.Unlock()
		}
		// The articles the writer holds are finished however the load
		// ends: their content is in the graph already.
		finished, err := l.write(ctx, nil)
		if err != nil {
			l.writer.Abandon(context.WithoutCancel(ctx))
		}
		mu.Lock()
		werr = errors.Join(werr, err)
		sum.loaded += finished
		mu.Unlock()
	}()

	batch := make([]input, 0, l.batchSize)
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
			b, err := graph.NewBatch(results)
			writes <- job{b, err}
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
		batch = append(batch, it.in)
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

// loadWorkers is the number of extraction workers: n when given, else one
// per core, less one when Neo4j runs on this machine. Its writer thread is
// what bounds a load; extraction that takes every core slows it down.
func loadWorkers(n int, uri string) int {
	if n > 0 {
		return n
	}
	n = runtime.GOMAXPROCS(0)
	if u, err := url.Parse(uri); err == nil {
		switch u.Hostname() {
		case "localhost", "127.0.0.1", "::1":
			n--
		}
	}
	return max(1, n)
}

// loadMemoryLimit is kg load's soft heap limit (runtime/debug.SetMemoryLimit).
// A load keeps 100-150 MB live (two flattened batches, the articles held
// for finishing, the tagger); the room above that sets how often the
// collector runs, and its CPU is taken from a local Neo4j: 240 MiB ran 63
// collections in a 10,000-article load where 200 MiB ran 97.
const loadMemoryLimit = 240 << 20

// readAhead is how many read articles wait for extraction.
const readAhead = 64

// writePatience bounds the retries of one batch after the driver gave up:
// long enough for a Neo4j restart.
const writePatience = 2 * time.Minute

// write stores one batch with l.writer, or with a nil batch finishes
// what the writer holds, and returns the number of articles finished. A
// transient failure (Neo4j restarting, a lost connection) is retried with
// backoff for up to l.patience on top of the driver's own retries: the
// writer does not redo what went in, and a step whose commit did land is
// simply done again. A started batch is finished even after Ctrl-C, but
// Ctrl-C ends the waiting between attempts.
func (l *loader) write(ctx context.Context, batch *graph.Batch) (int, error) {
	deadline := time.Now().Add(l.patience)
	delay := time.Second
	finished := 0
	for attempt := 1; ; attempt++ {
		var st graph.Stats
		var err error
		if batch != nil {
			st, err = l.writer.Write(context.WithoutCancel(ctx), batch)
		} else {
			st, err = l.writer.Flush(context.WithoutCancel(ctx))
		}
		// A failed attempt may have finished the articles held before.
		finished += st.Articles
		if err == nil {
			return finished, nil
		}
		if !graph.Transient(err) {
			return finished, err
		}
		if time.Now().Add(delay).After(deadline) {
			return finished, fmt.Errorf("%w (gave up after %d attempts; the articles written so far are complete: run the same load again to finish)", err, attempt)
		}
		l.log.Warn("write failed, retrying", "attempt", attempt, "in", delay, "err", err)
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return finished, err
		}
		delay = min(2*delay, 15*time.Second)
	}
}

// prepare drops unchanged articles (by content hash) and extracts the rest
// in parallel, keeping input order; results of kg extract go through as
// they are. A later copy of an id in the batch wins.
func (l *loader) prepare(ctx context.Context, batch []input) (results []extract.Result, failed, unchanged int) {
	last := make(map[string]int, len(batch))
	for i, x := range batch {
		last[x.id()] = i
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
	at := make([]int, 0, len(batch)) // position in batch of each todo
	for i, x := range batch {
		if last[x.id()] != i {
			continue
		}
		if h, ok := stored[x.id()]; ok && h != "" && h == x.hash() {
			unchanged++
			continue
		}
		if x.result == nil {
			todo = append(todo, x.art)
			at = append(at, i)
		}
	}
	out, errs := extractAll(l.pipeline, todo, l.workers)
	results = make([]extract.Result, 0, len(batch))
	k := 0
	for i, x := range batch {
		switch {
		case k < len(at) && at[k] == i:
			if errs[k] != nil {
				fmt.Fprintf(l.errw, "kg: %s: %s\n", todo[k].Path, oneLine(errs[k].Error()))
				failed++
			} else {
				results = append(results, out[k])
			}
			k++
		case x.result != nil && last[x.id()] == i:
			if h, ok := stored[x.id()]; !ok || h == "" || h != x.hash() {
				results = append(results, *x.result)
			}
		}
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

// input is one article to load: read from a file, to be extracted, or a
// line of what kg extract writes, extracted already.
type input struct {
	art    extract.Article
	result *extract.Result
}

func (x input) id() string {
	if x.result != nil {
		return x.result.Article.ID
	}
	return x.art.ID
}

// hash is the content hash the graph stores for the article; a
// pre-extracted result without one got graph.ResultHash when it was read.
func (x input) hash() string {
	if x.result != nil {
		return x.result.Article.ContentHash
	}
	return x.art.Hash()
}

// maxResultLine bounds one line of kg extract output: an article of
// extract.MaxLineSize with its sentences, mentions and relations.
const maxResultLine = 8 * extract.MaxLineSize

// readInputs is extract.Read, except that a .jsonl file whose first line
// is a kg extract result ({"article": {...}, "entities": ...}) yields its
// lines as results, to be loaded without extracting again: extraction can
// be split across machines, and the shards loaded with one kg load.
func readInputs(ctx context.Context, paths []string) iter.Seq2[input, error] {
	return func(yield func(input, error) bool) {
		for _, root := range paths {
			if !walkInputs(ctx, root, yield) {
				return
			}
		}
	}
}

// walkInputs reads one path the way extract.Read does (directories in
// lexical order, names starting with a dot skipped); it returns false when
// the iteration must stop.
func walkInputs(ctx context.Context, root string, yield func(input, error) bool) bool {
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return inputFile(ctx, root, yield)
	}
	stopped := false
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			if !yield(input{}, &extract.InputError{Path: p, Err: err}) {
				stopped = true
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case p != root && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		if !inputFile(ctx, p, yield) {
			stopped = true
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && !stopped {
		return yield(input{}, &extract.InputError{Path: root, Err: err})
	}
	return !stopped
}

// inputFile reads one file as results or as articles.
func inputFile(ctx context.Context, path string, yield func(input, error) bool) bool {
	if strings.EqualFold(filepath.Ext(path), ".jsonl") && isResults(path) {
		return readResults(ctx, path, yield)
	}
	for a, err := range extract.Read(ctx, path) {
		if !yield(input{art: a}, err) {
			return false
		}
	}
	return ctx.Err() == nil
}

// resultStart is how every line of kg extract begins.
var resultStart = regexp.MustCompile(`^\s*\{\s*"article"\s*:\s*\{`)

// isResults reports whether the first non-blank line of a JSONL file is a
// kg extract result.
func isResults(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // extract.Read reports it
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimPrefix(head[:n], []byte("\uFEFF"))
	return resultStart.Match(head)
}

// readResults yields the results of a kg extract output file, line by
// line; a bad line is an *extract.InputError and reading goes on.
func readResults(ctx context.Context, path string, yield func(input, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(input{}, &extract.InputError{Path: path, Err: err})
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	var line []byte
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			yield(input{}, err)
			return false
		}
		line = line[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			if len(line)+len(chunk) > maxResultLine {
				tooLong, line = true, line[:0]
			} else if !tooLong {
				line = append(line, chunk...)
			}
			if err != bufio.ErrBufferFull {
				rerr = err
				break
			}
		}
		if rerr != nil && rerr != io.EOF {
			return yield(input{}, &extract.InputError{Path: path, Line: n, Err: rerr})
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		var lerr error
		var r extract.Result
		switch {
		case tooLong:
			lerr = fmt.Errorf("%w: line over %d bytes", extract.ErrTooLarge, maxResultLine)
		case len(bytes.TrimSpace(line)) == 0:
			if rerr == io.EOF {
				return true
			}
			continue
		default:
			if err := json.Unmarshal(line, &r); err != nil {
				lerr = fmt.Errorf("bad kg extract result: %w", err)
			} else if err := graph.Check(r); err != nil {
				lerr = err
			} else if r.Article.ContentHash == "" {
				// Not from kg extract: hash the result itself, so that
				// loading it again finds it unchanged.
				r.Article.ContentHash = graph.ResultHash(r)
			}
		}
		if lerr != nil {
			if !yield(input{}, &extract.InputError{Path: path, Line: n, Err: lerr}) {
				return false
			}
		} else if !yield(input{result: &r}, nil) {
			return false
		}
		if rerr == io.EOF {
			return true
		}
	}
}
