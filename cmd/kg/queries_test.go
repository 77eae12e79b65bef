package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/queries"
)

// loadSample loads testdata/corpus into the test Neo4j (idempotent: the
// sample corpus always gets the same nodes).
func loadSample(t *testing.T) {
	t.Helper()
	var out, errb bytes.Buffer
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	if code := run(context.Background(), []string{"kg", "load", corpus}, nil, &out, &errb); code != 0 {
		t.Fatalf("kg load exited %d: %s%s", code, out.String(), errb.String())
	}
}

func runQuery(t *testing.T, name string, params ...string) []map[string]any {
	t.Helper()
	args := []string{"kg", "query", name, "--format", "json"}
	for _, p := range params {
		args = append(args, "--param", p)
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, nil, &out, &errb); code != 0 {
		t.Fatalf("kg query %s exited %d: %s", name, code, errb.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("kg query %s: output is not JSON: %v\n%s", name, err, out.String())
	}
	return rows
}

// TestCannedQueries runs every canned query on the sample corpus and checks
// that each returns rows, and that the rows say what the query promises.
func TestCannedQueries(t *testing.T) {
	loadSample(t)
	// Parameters that exist in the sample corpus, where a default does not.
	params := map[string][]string{
		"article-entities":     {"article=ar01_geneva_truce"},
		"duplicate-candidates": {"type=Person"},
		"role-holders":         {"entity=person:john-kirby"},
	}
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		t.Run(q.Name, func(t *testing.T) {
			rows := runQuery(t, q.Name, params[q.Name]...)
			if len(rows) == 0 && q.Name != "duplicate-candidates" {
				t.Fatalf("no rows")
			}
		})
	}

	t.Run("search finds Syria from another spelling", func(t *testing.T) {
		for _, q := range []string{"سورية", "سوريا", "Syria"} {
			rows := runQuery(t, "entity-search", "q="+q)
			if !hasValue(rows, "id", "place:syria") {
				t.Errorf("entity-search %q: place:syria not found in %v", q, rows)
			}
		}
	})
	t.Run("search puts the entity spelled so first, also a word with clitics", func(t *testing.T) {
		// The analyzer stems سورية like السورية (Syrian), and strips only one
		// prefix, so وواشنطن and لروسيا found nothing before.
		for q, want := range map[string]string{
			"سورية": "place:syria", "syria": "place:syria", "وواشنطن": "place:washington",
			"لروسيا": "place:russia", "وبموسكو": "place:moscow", "واشنطن": "place:washington",
		} {
			rows := runQuery(t, "entity-search", "q="+q)
			if len(rows) == 0 || rows[0]["id"] != want || rows[0]["exact"] != true {
				t.Errorf("entity-search %q: want %s first, spelled so; got %v", q, want, rows)
			}
		}
		// A word that finds something is not searched again without clitics.
		for _, r := range runQuery(t, "entity-search", "q=بوتين") {
			if r["id"] != "person:vladimir-putin" {
				t.Errorf("entity-search بوتين: %v besides Putin", r["id"])
			}
		}
	})
	t.Run("search text that is not Lucene syntax", func(t *testing.T) {
		r := runInProcess("query", "entity-search", "--param", `q="سوريا`)
		if line := checkOneLineError(t, r); !strings.Contains(line, "not valid Lucene syntax") {
			t.Errorf("error %q", line)
		}
	})
	t.Run("profile by alias", func(t *testing.T) {
		rows := runQuery(t, "entity-profile", "entity=لافروف")
		if len(rows) != 1 || rows[0]["id"] != "person:sergey-lavrov" || rows[0]["type"] != "Person" {
			t.Fatalf("entity-profile لافروف = %v", rows)
		}
	})
	t.Run("profile by English name", func(t *testing.T) {
		// The articles spell him Sergei; his English name is Sergey.
		rows := runQuery(t, "entity-profile", "entity=Sergey Lavrov")
		if len(rows) != 1 || rows[0]["id"] != "person:sergey-lavrov" {
			t.Fatalf("entity-profile Sergey Lavrov = %v", rows)
		}
	})
	t.Run("an empty result says which entity is unknown", func(t *testing.T) {
		r := runInProcess("query", "entity-profile", "--param", "entity=لروسيا")
		want := `kg: no entity has the id, name or alias "لروسيا" (--param entity); find it by any spelling with: kg query entity-search --param q=لروسيا`
		if r.code != 0 || !strings.Contains(r.stdout, "(0 rows)") || strings.TrimSpace(r.stderr) != want {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s\nwant: %s", r.code, r.stdout, r.stderr, want)
		}
		if rows := runQuery(t, "entity-search", "q=لروسيا"); len(rows) == 0 || rows[0]["id"] != "place:russia" {
			t.Errorf("the suggested search gives %v", rows)
		}
		// Only the unknown one of two; a value with a space is quoted.
		r = runInProcess("query", "shortest-paths", "--param", "from=person:sergey-lavrov", "--param", "to=no such place", "--format", "json")
		want = `kg: no entity has the id, name or alias "no such place" (--param to); find it by any spelling with: kg query entity-search --param 'q=no such place'`
		if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" || strings.TrimSpace(r.stderr) != want {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s\nwant: %s", r.code, r.stdout, r.stderr, want)
		}
		// A known entity that the query finds nothing for: no hint.
		r = runInProcess("query", "events-at-place", "--param", "place=person:john-kerry")
		if r.code != 0 || !strings.Contains(r.stdout, "(0 rows)") || r.stderr != "" {
			t.Errorf("events-at-place Kerry: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("top persons", func(t *testing.T) {
		rows := runQuery(t, "top-entities", "type=Person", "limit=5")
		if len(rows) != 5 || !hasValue(rows, "id", "person:sergey-lavrov") {
			t.Fatalf("top-entities Person = %v", rows)
		}
	})
	t.Run("Kirby speaks for the State Department", func(t *testing.T) {
		rows := runQuery(t, "role-holders", "entity=person:john-kirby")
		b, _ := json.Marshal(rows)
		if !strings.Contains(string(b), "SPOKESPERSON_FOR") || !strings.Contains(string(b), "org:us-state-department") {
			t.Fatalf("role-holders Kirby = %s", b)
		}
	})
	t.Run("injection is data", func(t *testing.T) {
		// Other packages' tests write to the same database concurrently, so
		// compare what belongs to the sample corpus only.
		before := runQuery(t, "article-entities", "article=ar01_geneva_truce")
		for _, v := range []string{"x' OR 1=1 //", "}) DETACH DELETE e //", "\" MATCH (n) DETACH DELETE n"} {
			if rows := runQuery(t, "entity-profile", "entity="+v); len(rows) != 0 {
				t.Errorf("entity-profile %q returned %v", v, rows)
			}
		}
		after := runQuery(t, "article-entities", "article=ar01_geneva_truce")
		a, _ := json.Marshal(before)
		b, _ := json.Marshal(after)
		if string(a) != string(b) {
			t.Fatalf("graph changed:\n%s\n%s", a, b)
		}
	})
}

func hasValue(rows []map[string]any, key string, want any) bool {
	for _, r := range rows {
		if r[key] == want {
			return true
		}
	}
	return false
}
