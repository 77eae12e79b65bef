// Command kgbench measures kg on a synthetic corpus (kg gen) against a
// Neo4j server of its own, and prints one table and a one-line summary:
//
//   - extraction alone, MB/s and articles/s, on one core and on all;
//   - kg load of BENCH_N articles into an empty database: articles/s and
//     graph elements (nodes + relationships) per second;
//   - the same graph loaded by Neo4j's own LOAD CSV with MERGE, from the
//     files of kg export --format csv, on the same server, and the ratio;
//   - a naive loader, one auto-commit statement per node and per
//     relationship, on the first BENCH_NAIVE_N articles, and the ratio of
//     elements per second;
//   - a reload of the unchanged corpus, and its speedup;
//   - the peak resident memory of kg load (the child's rusage) for each
//     size of BENCH_RSS.
//
// It starts its own server (deploy/neo4j/neo4j with KG_NEO4J_HOME set to
// BENCH_NEO4J_HOME and ports BENCH_BOLT_PORT, BENCH_HTTP_PORT), empties it
// between phases by deleting its database while it is stopped, and stops
// it at the end: the user's Neo4j and data are never touched. Knobs, all
// optional, are environment variables:
//
//	BENCH_N=10000            articles for kg load, reload and LOAD CSV
//	BENCH_NAIVE_N=200        articles for the naive loader
//	BENCH_RSS=1000,10000,100000  sizes for peak RSS (BENCH_N's load counts)
//	BENCH_EXTRACT_N=2000     articles for the extraction rates
//	BENCH_BATCH=0            kg load --batch-size (0: kg's default)
//	BENCH_ROUNDS=3           rounds of kg load and LOAD CSV; the ratio is their median
//	BENCH_WARM=0             articles of a warm-up load (see below); 0: none
//	BENCH_ONLY=ratio         only the rounds of kg load and LOAD CSV
//	BENCH_SEED=1             kg gen --seed
//	BENCH_DIR=               work directory (default: a new temporary one, removed)
//	BENCH_NEO4J_HOME=        server home (default: $TMPDIR/kg-bench-neo4j)
//	BENCH_BOLT_PORT=7688 BENCH_HTTP_PORT=7475
//	BENCH_HEAP=2g BENCH_PAGECACHE=2g   the server's memory
//	BENCH_KEEP=1             leave the server running at the end
//
// Usage: go run ./cmd/kgbench [--kg bin/kg] [--out bench.md]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kgbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kg := fs.String("kg", "", "kg binary to measure (default: build ./cmd/kg)")
	out := fs.String("out", "", "also write the table, as Markdown, to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := configFromEnv()
	if err != nil {
		fmt.Fprintln(stderr, "kgbench:", err)
		return 2
	}
	cfg.kg = *kg
	cfg.out = *out
	b := &bench{cfg: cfg, log: stderr}
	if err := b.run(ctx, stdout); err != nil {
		fmt.Fprintln(stderr, "kgbench:", err)
		return 1
	}
	return 0
}

// config is what the environment asks for.
type config struct {
	n, naiveN, extractN, batch int
	rounds, warm               int
	ratioOnly                  bool
	rss                        []int
	seed                       uint64
	dir, home                  string
	bolt, http                 int
	heap, pagecache            string
	keep                       bool
	kg, out                    string
}

func configFromEnv() (config, error) {
	c := config{n: 10000, naiveN: 200, extractN: 2000, rss: []int{1000, 10000, 100000}, seed: 1, rounds: 3,
		bolt: 7688, http: 7475, heap: "2g", pagecache: "2g"}
	ints := []struct {
		key string
		p   *int
	}{{"BENCH_N", &c.n}, {"BENCH_NAIVE_N", &c.naiveN}, {"BENCH_EXTRACT_N", &c.extractN}, {"BENCH_BATCH", &c.batch},
		{"BENCH_ROUNDS", &c.rounds}, {"BENCH_WARM", &c.warm},
		{"BENCH_BOLT_PORT", &c.bolt}, {"BENCH_HTTP_PORT", &c.http}}
	for _, x := range ints {
		if v := os.Getenv(x.key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return c, fmt.Errorf("%s=%q: want a number", x.key, v)
			}
			*x.p = n
		}
	}
	if v := os.Getenv("BENCH_RSS"); v != "" {
		c.rss = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return c, fmt.Errorf("BENCH_RSS=%q: want sizes like 1000,10000", v)
			}
			c.rss = append(c.rss, n)
		}
	}
	if v := os.Getenv("BENCH_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return c, fmt.Errorf("BENCH_SEED=%q: want a number", v)
		}
		c.seed = n
	}
	if c.n < 1 || c.naiveN < 1 || c.extractN < 1 || c.rounds < 1 {
		return c, fmt.Errorf("BENCH_N, BENCH_NAIVE_N, BENCH_EXTRACT_N and BENCH_ROUNDS must be at least 1")
	}
	switch v := os.Getenv("BENCH_ONLY"); v {
	case "":
	case "ratio":
		c.ratioOnly = true
	default:
		return c, fmt.Errorf("BENCH_ONLY=%q: the one choice is ratio", v)
	}
	c.dir = os.Getenv("BENCH_DIR")
	c.home = os.Getenv("BENCH_NEO4J_HOME")
	if c.home == "" {
		c.home = os.TempDir() + "/kg-bench-neo4j"
	}
	if v := os.Getenv("BENCH_HEAP"); v != "" {
		c.heap = v
	}
	if v := os.Getenv("BENCH_PAGECACHE"); v != "" {
		c.pagecache = v
	}
	c.keep = os.Getenv("BENCH_KEEP") == "1"
	return c, nil
}
