package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
)

// CLI tests: run is called with buffers, as main calls it, and the exit
// status and output are checked. Tests that need a database use the
// package's own Neo4j (see env_test.go).

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // in the error line
	}{
		{"unknown command", []string{"nosuch"}, "nosuch"},
		{"unknown global flag", []string{"--nosuch", "load", "x"}, "nosuch"},
		{"unknown command flag", []string{"load", "--nosuch", "x"}, "nosuch"},
		{"flag after the paths", []string{"load", "x", "--batch-sise", "3"}, "batch-sise"},
		{"bad flag value", []string{"load", "--batch-size", "many", "x"}, "batch-size"},
		{"load without paths", []string{"load"}, "load: give at least one file or directory"},
		{"extract without paths", []string{"extract"}, "extract: give at least one"},
		{"delete without ids", []string{"delete"}, "delete: give at least one article id"},
		{"unknown query", []string{"query", "nosuch"}, "nosuch"},
		{"query without name", []string{"query"}, "give exactly one query name"},
		{"param without =", []string{"query", "entity-profile", "--param", "entity"}, `"entity" is not key=value`},
		{"unknown param", []string{"query", "entity-profile", "--param", "who=x"}, `unknown parameter "who"`},
		{"bad int param", []string{"query", "entity-profile", "--param", "limit=ten"}, "limit"},
		{"unknown format", []string{"query", "entity-profile", "--format", "xml"}, `unknown --format "xml"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runInProcess(tc.args...)
			line := checkOneLineError(t, r)
			if !strings.Contains(line, tc.want) {
				t.Errorf("error %q does not mention %q", line, tc.want)
			}
			if n := strings.Count(r.stderr, "\n"); n != 1 {
				t.Errorf("%d lines on stderr, want one:\n%s", n, r.stderr)
			}
		})
	}
}

func TestNeo4jUnreachable(t *testing.T) {
	// Nothing listens on port 1. The password is in a flag and in the URI;
	// neither may show, even in debug logs.
	const secret = "unreachable-Secret-93"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"load", []string{"load", "../../testdata/corpus"}},
		{"schema", []string{"schema"}},
		{"status", []string{"status"}},
		{"query", []string{"query", "top-entities"}},
		{"delete", []string{"delete", "x"}},
	} {
		for _, uri := range []string{"bolt://127.0.0.1:1", "bolt://neo4j:" + secret + "@127.0.0.1:1"} {
			t.Run(tc.name+" "+strings.Replace(uri, secret, "SECRET", 1), func(t *testing.T) {
				args := append([]string{"--log-level", "debug", tc.args[0], "--uri", uri, "--password", secret}, tc.args[1:]...)
				r := runInProcess(args...)
				line := checkOneLineError(t, r)
				if want := "kg: cannot reach Neo4j at bolt://127.0.0.1:1: connection refused"; line != want {
					t.Errorf("error %q, want %q", line, want)
				}
				noSecret(t, r, secret)
			})
		}
	}
}

func TestWrongPassword(t *testing.T) {
	s := server(t)
	// One attempt only: Neo4j locks a user out for a while after a few
	// failed logins in a row.
	const wrong = "wrong-Password-5521"
	r := runInProcess("--log-level", "debug", "load", "--uri", s.uri(), "--username", "neo4j", "--password", wrong, "../../testdata/corpus")
	line := checkOneLineError(t, r)
	if want := "kg: Neo4j rejected the credentials for user neo4j"; !strings.HasPrefix(line, want) {
		t.Errorf("error %q, want %q", line, want)
	}
	noSecret(t, r, wrong)
	noSecret(t, r, s.password)
}

// TestBadInputs loads testdata/bad (a binary file, an empty one, Latin-1
// text, a JSONL file whose line 2 is broken, a PDF) and a file over the
// size limit before the good corpus: each bad input gets one line naming
// it, everything good is loaded, and the exit status is 1.
func TestBadInputs(t *testing.T) {
	s := server(t)
	s.wipe(t)
	big := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(extract.MaxFileSize + 1); err != nil { // sparse
		t.Fatal(err)
	}
	f.Close()

	bad, corpus := filepath.Join("..", "..", "testdata", "bad"), filepath.Join("..", "..", "testdata", "corpus")
	args := append([]string{"--log-level", "debug", "load"}, s.flags()...)
	r := runInProcess(append(args, bad, big, corpus)...)
	if r.code != 1 {
		t.Fatalf("exit status %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	noStackTrace(t, r)
	noSecret(t, r, s.password)

	var errLines []string
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(l, "kg: ") {
			errLines = append(errLines, l)
		}
	}
	wants := []string{
		filepath.Join(bad, "binary.txt") + ":1: binary data",
		filepath.Join(bad, "empty.txt") + ": empty article",
		filepath.Join(bad, "latin1.txt") + ":1: not valid UTF-8",
		filepath.Join(bad, "malformed.jsonl") + ":2: bad JSON",
		filepath.Join(bad, "report.pdf") + ": unsupported file type",
		big + ": too large",
	}
	if len(errLines) != len(wants) {
		t.Errorf("%d error lines, want %d:\n%s", len(errLines), len(wants), strings.Join(errLines, "\n"))
	}
	for _, w := range wants {
		n := 0
		for _, l := range errLines {
			if strings.HasPrefix(l, "kg: "+w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("want one line starting %q, got %d:\n%s", "kg: "+w, n, r.stderr)
		}
	}

	// Every good article is in the graph: the two good lines of the broken
	// JSONL file and the whole corpus.
	want := []string{"bad_jsonl_good1", "bad_jsonl_good3"}
	for a, err := range extract.Read(context.Background(), corpus) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, a.ID)
	}
	got, err := s.store.Hashes(context.Background(), want)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range want {
		if _, ok := got[id]; !ok {
			t.Errorf("article %s was not loaded", id)
		}
	}
	if c := s.counts(t); c.Nodes["Article"] != int64(len(want)) {
		t.Errorf("%d articles in the graph, want %d", c.Nodes["Article"], len(want))
	}
	if !strings.Contains(r.stdout, "articles: "+strconv.Itoa(len(want))+" loaded, 0 unchanged, 6 failed") {
		t.Errorf("summary does not count %d loaded and 6 failed:\n%s", len(want), r.stdout)
	}
}

// TestQueryParamsAreData passes Cypher that tries to break out of a
// string literal, or to end the statement, as query parameters: they are
// values matched as data and change nothing.
func TestQueryParamsAreData(t *testing.T) {
	s := server(t)
	s.wipe(t)
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	if r := runInProcess(append(append([]string{"load"}, s.flags()...), corpus)...); r.code != 0 {
		t.Fatalf("load: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	before := s.dump(t)
	query := func(t *testing.T, args ...string) result {
		t.Helper()
		return runInProcess(append(append([]string{"query"}, s.flags()...), args...)...)
	}
	// The control: a real id finds its entity.
	if r := query(t, "entity-profile", "--param", "entity=place:syria", "--format", "json"); r.code != 0 || !strings.Contains(r.stdout, `"id": "place:syria"`) {
		t.Fatalf("entity-profile place:syria: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	hostile := []string{
		`x' OR 1=1 //`,
		`x" OR 1=1 //`,
		`}) DETACH DELETE n //`,
		`place:syria' OR '1'='1`,
		`place:syria"}) MATCH (n) DETACH DELETE n RETURN 1 AS id //`,
		"place:syria\nMATCH (n) DETACH DELETE n",
		`$entity`,
		`\u0027 OR true //`,
		"place:syria` OR 1=1 //",
	}
	for _, v := range hostile {
		t.Run(v, func(t *testing.T) {
			for _, q := range []string{"entity-profile", "entity-sentences", "co-mentioned", "entity-timeline"} {
				r := query(t, q, "--param", "entity="+v, "--format", "json")
				if r.code != 0 {
					t.Errorf("%s: exit %d: %s", q, r.code, r.stderr)
					continue
				}
				if strings.TrimSpace(r.stdout) != "[]" {
					t.Errorf("%s with entity=%q returned rows: the value was not matched as data:\n%s", q, v, r.stdout)
				}
			}
			// Full-text queries take Lucene syntax: a value may be a
			// syntax error there, reported on one line, never a change.
			r := query(t, "entity-search", "--param", "q="+v, "--format", "json")
			if r.code != 0 {
				checkOneLineError(t, r)
			}
			// Typed parameters refuse what they cannot parse.
			r = query(t, "entity-profile", "--param", "entity=place:syria", "--param", "limit=1 "+v)
			if line := checkOneLineError(t, r); !strings.Contains(line, "limit") {
				t.Errorf("limit=%q: error %q does not name the parameter", "1 "+v, line)
			}
		})
	}
	// A parameter name is not a way in either.
	r := query(t, "entity-profile", "--param", "entity}) DETACH DELETE n //=x")
	checkOneLineError(t, r)
	if after := s.dump(t); string(after) != string(before) {
		t.Fatalf("the graph changed after queries with hostile parameters")
	}
}
