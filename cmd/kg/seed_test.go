package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/queries"
)

// TestSeedCorpus loads the seed corpus (../shared/corpus beside the
// repository: five Arabic articles, not part of it) twice and checks what
// a user checks first: the second load changes nothing, each person is
// one node however the articles name them, سوريا and سورية are one
// place, and every canned query, with its default parameters, answers.
func TestSeedCorpus(t *testing.T) {
	corpus := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the seed corpus is missing in CI: %v", err)
		}
		t.Skipf("no seed corpus beside the repository: %v", err)
	}
	s := server(t)
	s.wipe(t)
	if r := runKG(t, s, append([]string{"load", corpus}, s.flags()...)...); r.code != 0 {
		t.Fatalf("first load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	first := s.dump(t)
	r := runKG(t, s, append([]string{"load", corpus}, s.flags()...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "0 loaded, 5 unchanged, 0 failed") {
		t.Fatalf("second load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !bytes.Equal(first, s.dump(t)) {
		t.Fatal("the second load changed the graph")
	}

	count := func(stmt string, params map[string]any) int {
		t.Helper()
		rows, err := s.cypher(stmt, params)
		if err != nil {
			t.Fatal(err)
		}
		return int(rows[0][0].(float64))
	}
	// Each of these names one real person; every Person node any of its
	// spellings belongs to must be the same node.
	for _, name := range []string{"لافروف", "كيربي", "راتني", "كيري"} {
		n := count(`MATCH (p:Person) WHERE any(a IN coalesce(p.aliases, []) + [p.name] WHERE a CONTAINS $s) RETURN count(p)`, map[string]any{"s": name})
		if n != 1 {
			t.Errorf("%d Person nodes are named with %s, want 1", n, name)
		}
	}
	if n := count(`MATCH (p:Place) WHERE any(a IN p.aliases WHERE a IN ['سوريا', 'سورية']) RETURN count(p)`, nil); n != 1 {
		t.Errorf("%d Place nodes have سوريا or سورية as an alias, want 1", n)
	}
	if n := count(`MATCH (p:Place) WHERE 'سوريا' IN p.aliases AND 'سورية' IN p.aliases RETURN count(p)`, nil); n != 1 {
		t.Errorf("سوريا and سورية are not aliases of one Place")
	}

	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		r := runKG(t, s, append([]string{"query", q.Name, "--format", "json"}, s.flags()...)...)
		if r.code != 0 {
			t.Errorf("kg query %s: exit %d: %s", q.Name, r.code, r.stderr)
			continue
		}
		var rows []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
			t.Errorf("kg query %s: %v", q.Name, err)
			continue
		}
		if len(rows) == 0 {
			t.Errorf("kg query %s: no rows on the seed corpus", q.Name)
		}
	}
}
