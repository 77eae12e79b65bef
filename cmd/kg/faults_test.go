package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

// Fault tests: a real kg process is killed, its Neo4j restarted under it,
// and two of them load overlapping corpora at once. Each time the graph
// must end equal, byte for byte (graph.Store.Dump), to the one a clean
// load of the same corpus gives, and no article may ever be half written.
// They run on the package's own Neo4j, which they wipe and restart.

// faultArticles is the size of the synthetic corpus: large enough that a
// load takes several batches and seconds, small enough for CI.
func faultArticles() int {
	if n, err := strconv.Atoi(os.Getenv("KG_FAULT_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 1500
}

// shape is what one article must have in the graph when it is there at
// all: its sentences, its Article-MENTIONS edges (one per entity) and its
// Sentence-MENTIONS edges (one per mention).
type shape struct{ sentences, entities, mentions int64 }

// reference is a clean load of the fault corpus.
type reference struct {
	files  []string
	n      int
	shapes map[string]shape
	dump   []byte
	counts graph.Counts
}

var refState struct {
	once sync.Once
	ref  *reference
}

// faultReference writes the fault corpus and loads it once into an empty
// graph; the fault tests compare their graphs with that one.
func faultReference(t *testing.T, s *testServer) *reference {
	t.Helper()
	refState.once.Do(func() {
		n := faultArticles()
		dir := filepath.Join(sharedTemp(t), "faults")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		ref := &reference{n: n, files: writeSynJSONL(t, dir, synCorpus(1, n), 100), shapes: map[string]shape{}}
		// What each article must look like in the graph, from kg extract:
		// the same binary and pipeline options as the loads.
		x := runKG(t, nil, append([]string{"extract"}, ref.files...)...)
		if x.code != 0 {
			t.Fatalf("kg extract: exit %d: %s", x.code, x.stderr)
		}
		dec := json.NewDecoder(strings.NewReader(x.stdout))
		for dec.More() {
			var r extract.Result
			if err := dec.Decode(&r); err != nil {
				t.Fatal(err)
			}
			sh := shape{sentences: int64(len(r.Sentences)), entities: int64(len(r.Entities))}
			for _, e := range r.Entities {
				sh.mentions += int64(len(e.Mentions))
			}
			ref.shapes[r.Article.ID] = sh
		}
		if len(ref.shapes) != n {
			t.Fatalf("kg extract gave %d articles, want %d", len(ref.shapes), n)
		}
		s.wipe(t)
		start := time.Now()
		r := runKG(t, s, append([]string{"load"}, ref.files...)...)
		if r.code != 0 {
			t.Fatalf("clean load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		t.Logf("clean load of %d articles in %.1fs, peak RSS %d MB:\n%s", n, time.Since(start).Seconds(), r.maxRSS>>20, r.stdout)
		if got := checkShapes(t, s, ref); got != n {
			t.Fatalf("clean load: %d articles in the graph, want %d", got, n)
		}
		ref.dump = s.dump(t)
		ref.counts = s.counts(t)
		refState.ref = ref
	})
	if refState.ref == nil {
		t.Fatal("the clean reference load failed (see the first fault test)")
	}
	return refState.ref
}

// checkShapes checks that every article in the graph is complete, done
// (with its contentHash) or pending (its content written, its share of
// aggregates and relations not yet), and that no sentence is without its
// article; it returns the number of done articles.
func checkShapes(t *testing.T, s *testServer, ref *reference) int {
	t.Helper()
	ctx := context.Background()
	_, rows, err := s.store.Query(ctx, `MATCH (a:Article)
RETURN a.id AS id, a.contentHash IS NOT NULL AS done, a.pending IS NOT NULL AS pending,
       COUNT { (a)-[:HAS_SENTENCE]->(:Sentence) } AS sentences,
       COUNT { (a)-[:MENTIONS]->(:Entity) } AS entities,
       COUNT { (a)-[:HAS_SENTENCE]->(:Sentence)-[:MENTIONS]->(:Entity) } AS mentions`, nil)
	if err != nil {
		t.Fatal(err)
	}
	bad, done := 0, 0
	for _, row := range rows {
		id, _ := row[0].(string)
		if row[1].(bool) == row[2].(bool) {
			t.Errorf("article %s is done %v and pending %v: exactly one must hold", id, row[1], row[2])
		}
		if row[1].(bool) {
			done++
		}
		got := shape{row[3].(int64), row[4].(int64), row[5].(int64)}
		want, ok := ref.shapes[id]
		if !ok || got != want {
			if bad++; bad <= 10 {
				t.Errorf("article %s is half written: %+v in the graph, want %+v", id, got, want)
			}
		}
	}
	_, orphans, err := s.store.Query(ctx, `MATCH (s:Sentence) WHERE NOT EXISTS { (:Article)-[:HAS_SENTENCE]->(s) } RETURN count(s)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := orphans[0][0].(int64); n != 0 {
		t.Errorf("%d sentences without their article", n)
	}
	if bad > 0 {
		t.FailNow()
	}
	return done
}

// checkGraph compares the graph with the clean load, showing a few lines
// of the difference when they differ.
func checkGraph(t *testing.T, s *testServer, ref *reference) {
	t.Helper()
	got := s.dump(t)
	if bytes.Equal(got, ref.dump) {
		return
	}
	lines := func(b []byte) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(string(b), "\n") {
			m[l] = true
		}
		return m
	}
	g, w := lines(got), lines(ref.dump)
	var diff []string
	for l := range w {
		if !g[l] && len(diff) < 8 {
			diff = append(diff, "- "+trunc(l))
		}
	}
	for l := range g {
		if !w[l] && len(diff) < 16 {
			diff = append(diff, "+ "+trunc(l))
		}
	}
	t.Fatalf("the graph differs from a clean load (counts %v, clean %v); some lines (- clean only, + here only):\n%s",
		s.counts(t).Nodes, ref.counts.Nodes, strings.Join(diff, "\n"))
}

func trunc(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// waitArticles polls until n articles are done in the graph and, with
// pending, others are pending (written, not yet counted); false when the
// child ended first.
func waitArticles(t *testing.T, s *testServer, c *child, n int, pending bool) bool {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if c.exited() {
			return false
		}
		_, rows, err := s.store.Query(context.Background(),
			"MATCH (a:Article) RETURN count(a.contentHash) AS done, count(a.pending) AS pending", nil)
		if err == nil && rows[0][0].(int64) >= int64(n) && (!pending || rows[0][1].(int64) > 0) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("fewer than %d articles after 5 minutes", n)
	return false
}

// waitIdle waits until the server runs no transaction of kg's: one whose
// commit was on the wire when kg died may still land.
func waitIdle(t *testing.T, s *testServer) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		rows, err := s.cypher("SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'kg' RETURN count(*)", nil)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] == float64(0) {
			return
		}
	}
	t.Fatal("kg's transactions still run a minute after it died")
}

var summaryRE = regexp.MustCompile(`articles: (\d+) loaded, (\d+) unchanged, (\d+) failed`)

// loadSummary reads the counts of kg load's summary line.
func loadSummary(t *testing.T, stdout string) (loaded, unchanged, failed int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary in:\n%s", stdout)
	}
	loaded, _ = strconv.Atoi(m[1])
	unchanged, _ = strconv.Atoi(m[2])
	failed, _ = strconv.Atoi(m[3])
	return
}

// faultLoad is the kg load command of the fault tests: batches of 250
// articles, finished two at a time, so that the 1,500-article corpus goes
// in a few finishing steps and a fault falls between two of them. The
// reference load uses the defaults: the graph must not depend on them.
func faultLoad() []string {
	return []string{"load", "--batch-size", "250", "--finish-every", "500"}
}

func TestLoadKilled(t *testing.T) {
	s := server(t)
	ref := faultReference(t, s)
	s.wipe(t)
	c := startKG(t, s, append(faultLoad(), ref.files...)...)
	if !waitArticles(t, s, c, ref.n/3, true) {
		t.Fatalf("the load ended before it could be killed:\n%s%s", c.res.stdout, c.res.stderr)
	}
	if err := syscall.Kill(c.cmd.Process.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if r := c.wait(t, time.Minute); !r.killed {
		t.Fatalf("kg was not killed (exit %d)", r.code)
	}
	waitIdle(t, s)
	partial := checkShapes(t, s, ref)
	cnt, err := s.store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pending := int(cnt.Nodes["Article"]) - partial
	t.Logf("killed with %d of %d articles done, %d pending", partial, ref.n, pending)
	checkStatus(t, s, partial, pending)

	r := runKG(t, s, append(faultLoad(), ref.files...)...)
	if r.code != 0 {
		t.Fatalf("second load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	loaded, unchanged, failed := loadSummary(t, r.stdout)
	if unchanged != partial || loaded != ref.n-partial || failed != 0 {
		t.Errorf("second load: %d loaded, %d unchanged, %d failed; want %d, %d, 0", loaded, unchanged, failed, ref.n-partial, partial)
	}
	checkGraph(t, s, ref)
	checkStatus(t, s, ref.n, 0)
}

// checkStatus checks what kg status says of the articles: done and
// pending, and that each pending article it lists is pending in the graph.
func checkStatus(t *testing.T, s *testServer, done, pending int) {
	t.Helper()
	r := runKG(t, s, "status", "--pending", "0")
	if r.code != 0 {
		t.Fatalf("kg status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	want := fmt.Sprintf("articles: %d done, %d pending\n", done, pending)
	if !strings.HasPrefix(r.stdout, want) {
		head, _, _ := strings.Cut(r.stdout, "\n")
		t.Errorf("kg status begins %q, want %q", head, strings.TrimSpace(want))
	}
	listed := 0
	for _, line := range strings.Split(r.stdout, "\n") {
		id, path, ok := strings.Cut(strings.TrimPrefix(line, "  "), "\t")
		if !ok || !strings.HasPrefix(line, "  ") {
			continue
		}
		listed++
		_, rows, err := s.store.Query(context.Background(), "MATCH (a:Article {id: $id}) RETURN a.pending IS NOT NULL, a.path", map[string]any{"id": id})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0][0] != true || rows[0][1] != path {
			t.Errorf("kg status lists %q (%s) as pending; the graph has %v", id, path, rows)
		}
	}
	if listed != pending {
		t.Errorf("kg status --pending 0 lists %d pending articles, want %d", listed, pending)
	}
}

func TestLoadNeo4jRestart(t *testing.T) {
	s := server(t)
	ref := faultReference(t, s)
	s.wipe(t)
	c := startKG(t, s, append(faultLoad(), ref.files...)...)
	if !waitArticles(t, s, c, ref.n/10, false) {
		t.Fatalf("the load ended before the restart:\n%s%s", c.res.stdout, c.res.stderr)
	}
	// Down for longer than the driver's own retries (30 s) last, so that
	// kg's retries of a whole batch are needed too.
	start := time.Now()
	if err := s.ctl("stop"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Second)
	if err := s.ctl("start"); err != nil {
		t.Fatal(err)
	}
	t.Logf("Neo4j stopped and started again in %.0fs", time.Since(start).Seconds())
	r := c.wait(t, 10*time.Minute)
	if r.code != 0 {
		t.Errorf("kg did not ride out the restart: exit %d: %s", r.code, checkOneLineError(t, r))
	} else {
		t.Logf("kg rode out the restart (%d retry warnings):\n%s", strings.Count(r.stderr, "retrying"), r.stdout)
	}
	noStackTrace(t, r)
	partial := checkShapes(t, s, ref)
	t.Logf("%d of %d articles done after the restart", partial, ref.n)

	r = runKG(t, s, append(faultLoad(), ref.files...)...)
	if r.code != 0 {
		t.Fatalf("load after the restart: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	checkGraph(t, s, ref)
}

func TestLoadConcurrent(t *testing.T) {
	s := server(t)
	ref := faultReference(t, s)
	s.wipe(t)
	// Two loads over overlapping parts that together are the whole corpus.
	// Both begin with the shared third, so that they write the same
	// articles, and the same entities, at the same moment.
	k := len(ref.files)
	shared := ref.files[k/3 : 2*k/3]
	a := startKG(t, s, append(append(faultLoad(), shared...), ref.files[:k/3]...)...)
	b := startKG(t, s, append(append(faultLoad(), shared...), ref.files[2*k/3:]...)...)
	ra, rb := a.wait(t, 10*time.Minute), b.wait(t, 10*time.Minute)
	for name, r := range map[string]result{"A": ra, "B": rb} {
		if r.code != 0 {
			t.Errorf("load %s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
		}
		t.Logf("load %s: %s", name, strings.SplitN(r.stdout, "\n", 2)[0])
	}
	if t.Failed() {
		t.FailNow()
	}
	if n := checkShapes(t, s, ref); n != ref.n {
		t.Fatalf("%d articles, want %d", n, ref.n)
	}
	checkGraph(t, s, ref)
}

// TestManyTinyFiles extracts a directory of 20,000 one-line articles with
// the real binary and reports its peak memory, which must stay far below
// what holding the corpus would take.
func TestManyTinyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: writes 20,000 files")
	}
	const n = 20000
	dir := t.TempDir()
	for i := range n {
		text := synOne(3, i).Text
		if j := strings.IndexAny(text, ".\n"); j > 0 {
			text = text[:j+1]
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tiny%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	r := runKG(t, nil, "extract", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := strings.Count(r.stdout, "\n"); got != n {
		t.Errorf("%d results, want %d", got, n)
	}
	t.Logf("%d tiny files extracted in %.1fs, peak RSS %d MB", n, time.Since(start).Seconds(), r.maxRSS>>20)
	if r.maxRSS > 300<<20 {
		t.Errorf("peak RSS %d MB for %d tiny files", r.maxRSS>>20, n)
	}
}
