package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
)

// TestExportImport checks the bulk paths against kg load: the files of
// kg export --format neo4j-admin, imported by neo4j-admin into a new
// database before its first start, and those of --format csv, loaded by
// LOAD CSV, must give the graph a kg load of the same input gives, byte
// for byte (graph.Store.Dump). The input is testdata/corpus plus kg
// extract results made to break CSV: commas, quotes, new lines, empty
// names and lists, spaces at the ends, supplementary-plane characters.
// It needs Java and the Maven artifacts of deploy/neo4j, and fails when
// the server cannot start.
func TestExportImport(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: this test starts a Neo4j server of its own")
	}
	root := repoRoot(t)
	dir := t.TempDir()
	edge := filepath.Join(dir, "edge.jsonl")
	writeEdgeResults(t, edge)
	inputs := []string{filepath.Join(root, "testdata", "corpus"), edge}

	adminDir := filepath.Join(dir, "admin")
	x := runInProcess(append([]string{"export", "--format", "neo4j-admin", adminDir}, inputs...)...)
	if x.code != 0 {
		t.Fatalf("kg export: exit %d\n%s%s", x.code, x.stdout, x.stderr)
	}

	s := newImportServer(t, root, filepath.Join(dir, "home"))
	if out, err := s.tool("neo4j-admin", "database", "import", "full", "neo4j", "@"+filepath.Join(adminDir, "neo4j-admin.args")); err != nil {
		t.Fatalf("neo4j-admin import: %v\n%s", err, out)
	}
	if out, err := s.tool("neo4j", "start"); err != nil {
		t.Fatalf("the export test needs a Neo4j of its own: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		if out, err := s.tool("neo4j", "stop"); err != nil {
			t.Logf("neo4j stop: %v\n%s", err, out)
		}
	})
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{URI: s.uri(), Username: "neo4j", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	dump := func() string {
		var b bytes.Buffer
		if err := st.Dump(ctx, &b, ""); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	imported := dump()

	if err := st.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	l := runInProcess(append([]string{"load", "--uri", s.uri(), "--password", testPassword, "--progress=false"}, inputs...)...)
	if l.code != 0 {
		t.Fatalf("kg load: exit %d\n%s%s", l.code, l.stdout, l.stderr)
	}
	loaded := dump()
	if n := strings.Count(loaded, "\n"); n < 1000 {
		t.Fatalf("kg load gave a graph of only %d lines", n)
	}
	if imported != loaded {
		t.Errorf("neo4j-admin import of kg export differs from kg load (- import, + load):\n%s", firstDiff(imported, loaded, 20))
	}

	// LOAD CSV of --format csv, from the server's import folder.
	csvDir := filepath.Join(s.home, "import", "export")
	x = runInProcess(append([]string{"export", "--format", "csv", csvDir}, inputs...)...)
	if x.code != 0 {
		t.Fatalf("kg export --format csv: exit %d\n%s%s", x.code, x.stdout, x.stderr)
	}
	if err := st.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(csvDir, "load-csv.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range cypherStatements(string(script)) {
		if _, err := st.Exec(ctx, stmt, map[string]any{"base": "file:///export/"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := dump(); got != loaded {
		t.Errorf("LOAD CSV of kg export --format csv differs from kg load (- LOAD CSV, + load):\n%s", firstDiff(got, loaded, 20))
	}
}

// cypherStatements splits a Cypher script into its statements: ';' at the end
// of a line ends one, lines starting with // are comments.
func cypherStatements(script string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(script, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
			if stmt != "" {
				out = append(out, stmt)
			}
			cur.Reset()
		}
	}
	if stmt := strings.TrimSpace(cur.String()); stmt != "" {
		out = append(out, stmt)
	}
	return out
}

// firstDiff lists up to n lines found in only one of a and b.
func firstDiff(a, b string, n int) string {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		inA[l] = true
	}
	for _, l := range strings.Split(b, "\n") {
		inB[l] = true
	}
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !inB[l] && len(out) < n {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !inA[l] && len(out) < 2*n {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// importServer is a Neo4j home of its own, new for each run, so that
// neo4j-admin can import into its database neo4j before the first start.
type importServer struct {
	root, home string
	bolt, http int
}

func newImportServer(t *testing.T, root, home string) *importServer {
	t.Helper()
	s := &importServer{root: root, home: home}
	var err error
	for _, p := range []*int{&s.bolt, &s.http} {
		if *p, err = freePort(); err != nil {
			t.Fatal(err)
		}
	}
	// Reuse the classpath the default server resolved, when there is one,
	// so that the new home does not ask Maven again.
	lib := filepath.Join(root, "deploy", "neo4j", ".run", "lib")
	if files, err := filepath.Glob(filepath.Join(lib, "*.classpath*")); err == nil && len(files) > 0 {
		if err := os.MkdirAll(filepath.Join(home, "lib"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				os.WriteFile(filepath.Join(home, "lib", filepath.Base(f)), b, 0o644)
			}
		}
	}
	return s
}

func (s *importServer) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", s.bolt) }

// tool runs deploy/neo4j/<name> for this home.
func (s *importServer) tool(name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, filepath.Join(s.root, "deploy", "neo4j", name), args...)
	c.Env = append(os.Environ(),
		"KG_NEO4J_HOME="+s.home,
		fmt.Sprintf("KG_NEO4J_BOLT_PORT=%d", s.bolt),
		fmt.Sprintf("KG_NEO4J_HTTP_PORT=%d", s.http),
		"KG_NEO4J_HEAP=512m", "KG_NEO4J_PAGECACHE=128m",
		"NEO4J_PASSWORD="+testPassword,
	)
	return c.CombinedOutput()
}

// writeEdgeResults writes kg extract results that exercise CSV quoting and
// the aggregation rules: two articles share entities under other names.
func writeEdgeResults(t *testing.T, path string) {
	t.Helper()
	m := func(s, e int, text string, sent int) extract.Mention {
		return extract.Mention{Start: s, End: e, Text: text, Sentence: sent}
	}
	a := extract.Result{
		Article: extract.ArticleMeta{ID: "edge-1", Title: " spaced, \"title\" ", Lang: "ar", ContentHash: "h-edge-1"},
		Sentences: []extract.Sentence{
			{Index: 0, Start: 0, End: 30, Text: " \"quoted, text\"\nsecond line "},
			{Index: 1, Start: 31, End: 31, Text: ""},
			{Index: 2, Start: 32, End: 40, Text: "bidi \u200f\u200b and 😀"},
		},
		Entities: []extract.Entity{
			{ID: "person:edge-empty", Type: extract.Person, Name: "", Aliases: []string{}, Mentions: []extract.Mention{m(0, 0, "", 0)}},
			{ID: "place:edge,\"comma\"", Type: extract.Place, Name: "a, \"b\"", NameEn: " x ", Aliases: []string{"a, \"b\"", "c\nd", "\uFFFD"},
				Mentions: []extract.Mention{m(4, 5, "\"", 1), m(32, 36, "bidi", 2)}},
			{ID: "event:attack:x:edge-1", Type: extract.Event, Name: "هجوم", Aliases: []string{"هجوم"}, EventType: "attack", Evidence: 2},
			{ID: "event:edge:untyped", Type: extract.Event, Name: "حدث", Aliases: []string{}, Evidence: 1},
		},
		Relations: []extract.Relation{
			{Type: extract.HoldsRole, From: "person:edge-empty", To: "place:edge,\"comma\"", Props: map[string]any{"title": "t, \"x\"\ny"}, Sentence: 0},
			{Type: extract.CoMentioned, From: "place:edge,\"comma\"", To: "person:edge-empty", Sentence: 2},
			{Type: extract.ParticipatedIn, From: "place:edge,\"comma\"", To: "event:attack:x:edge-1", Props: map[string]any{"role": "target"}, Sentence: 2},
		},
	}
	b := extract.Result{
		Article:   extract.ArticleMeta{ID: "edge-2", Path: "p,2", Title: "t2", URL: "https://x/?a=1,2", Source: "s", Published: "2016-09-10", Lang: "en", ContentHash: "h-edge-2"},
		Sentences: []extract.Sentence{{Index: 0, Start: 0, End: 9, Text: "Syria, 😀"}, {Index: 5, Start: 10, End: 12, Text: "x"}},
		Entities: []extract.Entity{
			{ID: "place:edge,\"comma\"", Type: extract.Place, Name: "😀", NameEn: "Edge", Wikidata: "Q1", Aliases: []string{"😀", "\uFFFD"},
				Mentions: []extract.Mention{m(7, 8, "😀", 0)}},
			{ID: "person:edge-empty", Type: extract.Person, Name: "z", Aliases: []string{"z"}, Mentions: []extract.Mention{m(10, 11, "x", 5)}},
			{ID: "place:syria", Type: extract.Place, Name: "Syria", NameEn: "Syria", Aliases: []string{"Syria"}, Mentions: []extract.Mention{m(0, 5, "Syria", 0)}},
		},
		Relations: []extract.Relation{
			{Type: extract.CoMentioned, From: "person:edge-empty", To: "place:edge,\"comma\"", Sentence: 5},
			{Type: extract.CoMentioned, From: "place:syria", To: "place:edge,\"comma\"", Sentence: 0},
		},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range []extract.Result{a, b} {
		if err := graph.Check(r); err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadInputs checks that kg extract output is told apart from article
// JSONL in files and directories, and that a bad result line is reported
// with its line and skipped.
func TestReadInputs(t *testing.T) {
	dir := t.TempDir()
	results := filepath.Join(dir, "shard.jsonl")
	writeEdgeResults(t, results)
	b, err := os.ReadFile(results)
	if err != nil {
		t.Fatal(err)
	}
	// A third line that is not a valid result (an entity without an id).
	bad := strings.Replace(strings.SplitAfter(string(b), "\n")[0], `"id":"person:edge-empty"`, `"id":""`, 1)
	if err := os.WriteFile(results, append(b, bad...), 0o644); err != nil {
		t.Fatal(err)
	}
	articles := filepath.Join(dir, "sub", "articles.jsonl")
	os.MkdirAll(filepath.Dir(articles), 0o755)
	os.WriteFile(articles, []byte(`{"id": "a1", "text": "قال لافروف في موسكو"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.jsonl"), []byte("not read\n"), 0o644)

	var got []string
	for in, err := range readInputs(context.Background(), []string{dir}) {
		switch {
		case err != nil:
			got = append(got, "error "+err.Error())
		case in.result != nil:
			got = append(got, "result "+in.result.Article.ID+" "+in.hash())
		default:
			got = append(got, "article "+in.art.ID)
		}
	}
	want := []string{"result edge-1 h-edge-1", "result edge-2 h-edge-2", "error " + results + ":3:", "article a1"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("input %d: %q, want %q…", i, got[i], want[i])
		}
	}
}
