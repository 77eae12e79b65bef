package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

// bench runs the phases and collects the table.
type bench struct {
	cfg   config
	log   io.Writer
	root  string
	work  string
	kg    string
	srv   *server
	store *graph.Store
	rows  []row
	facts facts
	// exported are the import directories kg export wrote in this run.
	exported map[string]bool
}

// row is one line of the table.
type row struct {
	phase              string
	articles, elements int64
	seconds            float64
	mbps               float64 // extraction only
	rss                int64   // bytes, kg child processes only
	neo4jCPU           float64 // seconds, -1 unknown
	note               string
}

// facts are the figures the summary and the targets need.
type facts struct {
	arMBps1, arMBpsAll       float64
	load, reload, csv, naive row
	noTagger, extracted      row
	ratios                   []float64 // kg load / LOAD CSV, one per round
	rss                      map[int]int64
	counts                   graph.Counts
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "kgbench: "+format+"\n", args...)
}

func (b *bench) run(ctx context.Context, stdout io.Writer) (err error) {
	start := time.Now()
	if b.root, err = repoRoot(); err != nil {
		return err
	}
	if b.work = b.cfg.dir; b.work == "" {
		if b.work, err = os.MkdirTemp("", "kgbench-"); err != nil {
			return err
		}
		defer os.RemoveAll(b.work)
	} else if err := os.MkdirAll(b.work, 0o755); err != nil {
		return err
	}
	if b.kg = b.cfg.kg; b.kg == "" {
		b.kg = filepath.Join(b.work, "kg")
		b.logf("building kg")
		c := exec.CommandContext(ctx, "go", "build", "-o", b.kg, "./cmd/kg")
		c.Dir = b.root
		if out, err := c.CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	load0 := loadavg()

	// Corpora: every size is a prefix of the same generated stream.
	sizes := append([]int{b.cfg.n, b.cfg.naiveN}, b.cfg.rss...)
	if b.cfg.ratioOnly {
		sizes = []int{b.cfg.n}
	}
	slices.Sort(sizes)
	sizes = slices.Compact(sizes)
	for _, n := range sizes {
		if _, err := b.corpus(ctx, n); err != nil {
			return err
		}
	}

	if !b.cfg.ratioOnly {
		if err := b.extraction(ctx); err != nil {
			return err
		}
	}

	b.srv = &server{root: b.root, home: b.cfg.home, bolt: b.cfg.bolt, http: b.cfg.http, heap: b.cfg.heap, pagecache: b.cfg.pagecache}
	b.logf("starting the bench Neo4j at %s (home %s)", b.srv.uri(), b.srv.home)
	if err := b.fresh(ctx); err != nil {
		return err
	}
	defer func() {
		if b.store != nil {
			b.store.Close(context.Background())
		}
		if b.cfg.keep {
			b.logf("leaving the bench Neo4j running (BENCH_KEEP=1): %s", b.srv.uri())
			return
		}
		if err := b.srv.ctl(context.Background(), "stop"); err != nil {
			b.logf("%v", err)
		}
		for sub := range b.exported {
			os.RemoveAll(filepath.Join(b.srv.home, "import", sub))
		}
	}()

	// kg load into the empty database, then the reload.
	path, _ := b.corpus(ctx, b.cfg.n)
	r, counts, err := b.kgLoad(ctx, path, b.cfg.n, fmt.Sprintf("kg load, %d articles, empty database", b.cfg.n))
	if err != nil {
		return err
	}
	b.rows = append(b.rows, r)
	b.facts.load, b.facts.counts = r, counts
	b.facts.rss = map[int]int64{b.cfg.n: r.rss}
	if b.cfg.ratioOnly {
		if err := b.loadCSV(ctx, path); err != nil {
			return err
		}
		if err := b.rounds(ctx, path); err != nil {
			return err
		}
		return b.report(stdout, load0, start)
	}
	r, _, err = b.kgLoad(ctx, path, 0, "kg load again, unchanged corpus")
	if err != nil {
		return err
	}
	r.elements = 0
	if r.seconds > 0 {
		r.note = fmt.Sprintf("%.0f× faster than the first load", b.facts.load.seconds/r.seconds)
	}
	b.rows = append(b.rows, r)
	b.facts.reload = r

	// The tagger costs most of extraction's CPU: the same load without it.
	if err := b.fresh(ctx); err != nil {
		return err
	}
	r, _, err = b.kgLoad(ctx, path, b.cfg.n, fmt.Sprintf("kg load --tagger=false, %d articles, empty database", b.cfg.n), "--tagger=false")
	if err != nil {
		return err
	}
	b.rows = append(b.rows, r)
	b.facts.noTagger = r

	// Loading alone: kg load of kg extract's JSON Lines, the like of LOAD
	// CSV reading the files of kg export (neither counts extraction).
	if err := b.preExtracted(ctx, path); err != nil {
		return err
	}

	if err := b.loadCSV(ctx, path); err != nil {
		return err
	}
	if err := b.rounds(ctx, path); err != nil {
		return err
	}
	if err := b.naive(ctx); err != nil {
		return err
	}
	for _, n := range b.cfg.rss {
		if n == b.cfg.n {
			continue
		}
		if err := b.fresh(ctx); err != nil {
			return err
		}
		p, _ := b.corpus(ctx, n)
		r, _, err := b.kgLoad(ctx, p, n, fmt.Sprintf("kg load, %d articles, empty database", n))
		if err != nil {
			return err
		}
		b.rows = append(b.rows, r)
		b.facts.rss[n] = r.rss
	}

	return b.report(stdout, load0, start)
}

// report prints the table to stdout and, when asked, to a file.
func (b *bench) report(stdout io.Writer, load0 string, start time.Time) error {
	b.print(stdout, load0, time.Since(start))
	if b.cfg.out == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(b.cfg.out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(b.cfg.out)
	if err != nil {
		return err
	}
	b.print(f, load0, time.Since(start))
	return f.Close()
}

// fresh empties the bench database and reconnects: a new driver, as the
// old one's bookmarks name transactions of the deleted database.
func (b *bench) fresh(ctx context.Context) error {
	b.logf("emptying the bench database")
	if b.store != nil {
		b.store.Close(ctx)
		b.store = nil
	}
	if err := b.srv.fresh(ctx); err != nil {
		return err
	}
	var err error
	b.store, err = graph.Open(ctx, graph.Config{URI: b.srv.uri(), Username: "neo4j", Password: benchPassword})
	if err != nil {
		return err
	}
	// Both loaders start from an empty database with kg's schema online:
	// LOAD CSV needs it before it starts, and creating it is not part of
	// either load's time (kg load still checks it, and that is counted).
	if err := b.store.Schema(ctx); err != nil {
		return err
	}
	if b.cfg.warm == 0 {
		return nil
	}
	return b.warmUp(ctx)
}

// warmUp loads another corpus (kg gen with the next seed, BENCH_WARM
// articles) with kg load and with LOAD CSV, then deletes everything: the
// server then runs code its JIT compiler has seen, for both loaders
// alike, as a server that has been up for a while does, and the database
// is empty again.
func (b *bench) warmUp(ctx context.Context) error {
	path, err := b.corpusSeed(ctx, b.cfg.warm, b.cfg.seed+1)
	if err != nil {
		return err
	}
	if err := b.exportCSV(ctx, path, warmDir, false); err != nil {
		return err
	}
	if _, _, err := b.kgLoad(ctx, path, b.cfg.warm, fmt.Sprintf("warm-up: kg load, %d other articles", b.cfg.warm)); err != nil {
		return err
	}
	if _, _, err := b.csvLoad(ctx, warmDir, "warm-up: LOAD CSV of the same"); err != nil {
		return err
	}
	b.logf("warm-up: deleting everything")
	if err := b.store.Wipe(ctx); err != nil {
		return err
	}
	c, err := b.store.Counts(ctx)
	if err != nil {
		return err
	}
	if n := c.Nodes["*"] + c.Relationships["*"]; n != 0 {
		return fmt.Errorf("warm-up: %d nodes and relationships left after the wipe", n)
	}
	return nil
}

// corpus returns the path of a corpus of n articles, generating it once.
func (b *bench) corpus(ctx context.Context, n int) (string, error) {
	return b.corpusSeed(ctx, n, b.cfg.seed)
}

// corpusSeed is corpus for kg gen --seed seed.
func (b *bench) corpusSeed(ctx context.Context, n int, seed uint64) (string, error) {
	path := filepath.Join(b.work, fmt.Sprintf("corpus-%d-seed%d.jsonl", n, seed))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	b.logf("generating %d articles", n)
	tmp := strings.TrimSuffix(path, ".jsonl") + ".part.jsonl" // kg gen writes one file for a .jsonl name
	_, err := b.runKG(ctx, "gen", "--n", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10), "--out", tmp)
	if err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// child is what one kg process did.
type child struct {
	stdout  string
	seconds float64
	rss     int64 // bytes
}

// runKG runs the kg binary and measures it.
func (b *bench) runKG(ctx context.Context, args ...string) (child, error) {
	return b.runKGTo(ctx, nil, args...)
}

// runKGTo is runKG with the standard output going to stdout when it is
// not nil (child.stdout is then empty), for output too large to keep.
func (b *bench) runKGTo(ctx context.Context, stdout io.Writer, args ...string) (child, error) {
	c := exec.CommandContext(ctx, b.kg, args...)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if stdout != nil {
		c.Stdout = stdout
	}
	c.Env = append(os.Environ(), "KG_LOG_LEVEL=warn")
	t := time.Now()
	err := c.Run()
	res := child{stdout: out.String(), seconds: time.Since(t).Seconds()}
	if c.ProcessState != nil {
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.rss = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return res, fmt.Errorf("kg %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return res, nil
}

var loadLine = regexp.MustCompile(`articles: (\d+) loaded, (\d+) unchanged, (\d+) failed`)

// kgLoad runs kg load on path; wantLoaded, when not 0, is the number of
// articles it must load (else all must be unchanged). It returns the
// table row, for the caller to annotate and append, and the database's
// counts after the load.
func (b *bench) kgLoad(ctx context.Context, path string, wantLoaded int, phase string, flags ...string) (row, graph.Counts, error) {
	b.logf("%s", phase)
	before, err := b.store.Counts(ctx)
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	args := []string{"load", "--uri", b.srv.uri(), "--username", "neo4j", "--password", benchPassword, "--progress=false"}
	if b.cfg.batch > 0 {
		args = append(args, "--batch-size", strconv.Itoa(b.cfg.batch))
	}
	args = append(args, flags...)
	cpu0 := b.srv.cpu()
	c, err := b.runKG(ctx, append(args, path)...)
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	cpu := b.srv.cpu() - cpu0
	m := loadLine.FindStringSubmatch(c.stdout)
	if m == nil {
		return row{}, graph.Counts{}, fmt.Errorf("kg load printed no summary:\n%s", c.stdout)
	}
	loaded, _ := strconv.Atoi(m[1])
	unchanged, _ := strconv.Atoi(m[2])
	switch {
	case m[3] != "0":
		return row{}, graph.Counts{}, fmt.Errorf("kg load: %s articles failed", m[3])
	case wantLoaded > 0 && loaded != wantLoaded:
		return row{}, graph.Counts{}, fmt.Errorf("kg load loaded %d articles, want %d", loaded, wantLoaded)
	case wantLoaded == 0 && loaded != 0:
		return row{}, graph.Counts{}, fmt.Errorf("kg load of an unchanged corpus loaded %d articles (%d unchanged)", loaded, unchanged)
	}
	after, err := b.store.Counts(ctx)
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	d := after.Sub(before)
	r := row{phase: phase, articles: int64(loaded + unchanged), elements: d.Nodes["*"] + d.Relationships["*"],
		seconds: c.seconds, rss: c.rss, neo4jCPU: cpu}
	return r, after, nil
}

// extraction measures the pipeline alone, in this process, with kg's
// default options and without the tagger.
func (b *bench) extraction(ctx context.Context) error {
	path, err := b.corpus(ctx, b.cfg.n)
	if err != nil {
		return err
	}
	var all, ar []extract.Article
	for a, err := range extract.Read(ctx, path) {
		if err != nil {
			return err
		}
		all = append(all, a)
		if a.Lang == "ar" {
			ar = append(ar, a)
		}
		if len(all) == b.cfg.extractN {
			break
		}
	}
	cores := runtime.GOMAXPROCS(0)
	for _, tg := range []bool{true, false} {
		p, err := extract.New(extract.Options{UseTagger: tg})
		if err != nil {
			return err
		}
		name := "tagger on (kg's default)"
		if !tg {
			name = "--tagger=false"
		}
		cases := []struct {
			what    string
			arts    []extract.Article
			workers int
		}{{"Arabic", ar, 1}, {"Arabic", ar, cores}, {"all", all, cores}}
		if !tg {
			cases = cases[:2]
		}
		for _, x := range cases {
			b.logf("extraction, %s articles, %d workers, %s", x.what, x.workers, name)
			secs, bytes := extractTimed(p, x.arts, x.workers)
			r := row{phase: fmt.Sprintf("extraction, %s, %d core(s), %s", x.what, x.workers, name),
				articles: int64(len(x.arts)), seconds: secs, mbps: float64(bytes) / 1e6 / secs, neo4jCPU: -1}
			b.rows = append(b.rows, r)
			if tg && x.what == "Arabic" && x.workers == 1 {
				b.facts.arMBps1 = r.mbps
			}
			if tg && x.what == "Arabic" && x.workers == cores {
				b.facts.arMBpsAll = r.mbps
			}
		}
	}
	return nil
}

// extractTimed extracts arts on workers goroutines and returns the time
// and the bytes of text.
func extractTimed(p *extract.Pipeline, arts []extract.Article, workers int) (float64, int64) {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	next := make(chan int)
	var wg sync.WaitGroup
	t := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p.Extract(arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return time.Since(t).Seconds(), n
}

// preExtracted writes the corpus with kg extract (not timed in the load)
// and loads that file into an empty database: the load without extraction.
func (b *bench) preExtracted(ctx context.Context, path string) error {
	out := filepath.Join(b.work, "extracted.jsonl")
	defer os.Remove(out)
	b.logf("kg extract")
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	c, err := b.runKGTo(ctx, f, "extract", path)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	b.rows = append(b.rows, row{phase: "kg extract (JSON Lines for the next load)", articles: int64(b.cfg.n),
		seconds: c.seconds, rss: c.rss, neo4jCPU: -1, note: "not counted in the next load's time"})
	if err := b.fresh(ctx); err != nil {
		return err
	}
	r, counts, err := b.kgLoad(ctx, out, b.cfg.n, fmt.Sprintf("kg load of kg extract's output, %d articles, empty database", b.cfg.n))
	if err != nil {
		return err
	}
	r.note = b.countsNote("kg load of kg extract's output", counts)
	b.rows = append(b.rows, r)
	b.facts.extracted = r
	return nil
}

// csvDir and warmDir are the directories, under the server's import
// directory, of the measured corpus's CSV files and of the warm-up's.
const (
	csvDir  = "kgbench"
	warmDir = "kgbench-warm"
)

// loadCSV writes the CSV files of the corpus with kg export --format csv
// (not timed in LOAD CSV's time, as extraction is not) and loads them
// with Neo4j's LOAD CSV into an empty database with kg's schema (fresh).
func (b *bench) loadCSV(ctx context.Context, path string) error {
	if err := b.exportCSV(ctx, path, csvDir, true); err != nil {
		return err
	}
	if err := b.fresh(ctx); err != nil {
		return err
	}
	r, counts, err := b.csvLoad(ctx, csvDir, "LOAD CSV with MERGE, same graph, empty database")
	if err != nil {
		return err
	}
	r.note = b.countsNote("LOAD CSV", counts)
	b.facts.csv = r
	b.rows = append(b.rows, r)
	return nil
}

// exportCSV runs kg export --format csv into the server's import
// directory sub, once; row adds its time to the table.
func (b *bench) exportCSV(ctx context.Context, path, sub string, addRow bool) error {
	if b.exported[sub] {
		return nil
	}
	dir := filepath.Join(b.srv.home, "import", sub)
	os.RemoveAll(dir)
	b.logf("kg export --format csv %s", filepath.Base(path))
	c, err := b.runKG(ctx, "export", "--format", "csv", dir, path)
	if err != nil {
		return err
	}
	if b.exported == nil {
		b.exported = map[string]bool{}
	}
	b.exported[sub] = true
	if addRow {
		b.rows = append(b.rows, row{phase: "kg export --format csv (extraction, files for LOAD CSV)", articles: int64(b.cfg.n),
			seconds: c.seconds, rss: c.rss, neo4jCPU: -1, note: "not counted in LOAD CSV's time"})
	}
	return nil
}

// csvLoad runs the LOAD CSV script of the import directory sub and
// returns its row.
func (b *bench) csvLoad(ctx context.Context, sub, phase string) (row, graph.Counts, error) {
	dir := filepath.Join(b.srv.home, "import", sub)
	script, err := os.ReadFile(filepath.Join(dir, "load-csv.cypher"))
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	b.logf("%s", phase)
	before, err := b.store.Counts(ctx)
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	cpu0 := b.srv.cpu()
	t := time.Now()
	for _, stmt := range statements(string(script)) {
		if _, err := b.store.Exec(ctx, stmt, map[string]any{"base": "file:///" + sub + "/"}); err != nil {
			return row{}, graph.Counts{}, err
		}
	}
	secs := time.Since(t).Seconds()
	cpu := b.srv.cpu() - cpu0
	counts, err := b.store.Counts(ctx)
	if err != nil {
		return row{}, graph.Counts{}, err
	}
	d := counts.Sub(before)
	return row{phase: phase, articles: int64(b.cfg.n), elements: d.Nodes["*"] + d.Relationships["*"], seconds: secs, neo4jCPU: cpu}, counts, nil
}

// rounds loads the corpus again with kg load and with LOAD CSV, each on
// an empty database of a freshly started server, BENCH_ROUNDS times in
// all (the first round is the table's first kg load and LOAD CSV), and
// keeps the ratio of each round: one round's ratio moves with whatever
// else the machine does, the median of several much less.
func (b *bench) rounds(ctx context.Context, path string) error {
	b.facts.ratios = []float64{ratio(b.facts.load, b.facts.csv)}
	for i := 2; i <= b.cfg.rounds; i++ {
		if err := b.fresh(ctx); err != nil {
			return err
		}
		k, counts, err := b.kgLoad(ctx, path, b.cfg.n, fmt.Sprintf("round %d: kg load, %d articles, empty database", i, b.cfg.n))
		if err != nil {
			return err
		}
		warn := b.countsNote("kg load", counts)
		if err := b.fresh(ctx); err != nil {
			return err
		}
		c, counts, err := b.csvLoad(ctx, csvDir, fmt.Sprintf("round %d: LOAD CSV with MERGE, same graph, empty database", i))
		if err != nil {
			return err
		}
		c.note = b.countsNote("LOAD CSV", counts)
		x := ratio(k, c)
		k.note = strings.TrimSpace(fmt.Sprintf("kg load / LOAD CSV %.2f %s", x, warn))
		b.rows = append(b.rows, k, c)
		b.facts.ratios = append(b.facts.ratios, x)
	}
	return nil
}

// rate is the row's elements per second, or 0.
func (r row) rate() float64 {
	if r.seconds <= 0 {
		return 0
	}
	return float64(r.elements) / r.seconds
}

// ratio is a's elements per second over b's, or 0.
func ratio(a, b row) float64 {
	if b.rate() == 0 {
		return 0
	}
	return a.rate() / b.rate()
}

// countsNote compares the counts another loader left with kg load's: a
// warning for the table, logged, when they differ; else "".
func (b *bench) countsNote(who string, counts graph.Counts) string {
	if sameCounts(counts, b.facts.counts) {
		return ""
	}
	b.logf("%s counts %v differ from kg load's %v", who, counts, b.facts.counts)
	return "WARNING: counts differ from kg load's"
}

func sameCounts(a, b graph.Counts) bool {
	for k, v := range a.Nodes {
		if b.Nodes[k] != v {
			return false
		}
	}
	for k, v := range a.Relationships {
		if b.Relationships[k] != v {
			return false
		}
	}
	return true
}

// statements splits a Cypher script: a line ending in ';' ends a
// statement, lines starting with // are comments.
func statements(script string) []string {
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(strings.NewReader(script))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		cur.WriteString(line + "\n")
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if s := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); s != "" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "deploy", "neo4j", "neo4j")); err == nil {
				return dir, nil
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("run kgbench inside the kg repository (deploy/neo4j/neo4j not found)")
		}
		dir = up
	}
}

// loadavg is the one-minute load average, as text.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

// cpuModel names the processor.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
