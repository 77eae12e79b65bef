package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
)

// TestLoadResultsWithoutHash loads results that carry no contentHash (as a
// tool other than kg extract may write them) twice: the second load finds
// every article unchanged and leaves the graph as it was.
func TestLoadResultsWithoutHash(t *testing.T) {
	s := server(t)
	s.wipe(t)
	x := runKG(t, nil, "extract", "../../testdata/corpus")
	if x.code != 0 {
		t.Fatalf("kg extract: exit %d: %s", x.code, x.stderr)
	}
	var out strings.Builder
	n := 0
	dec := json.NewDecoder(strings.NewReader(x.stdout))
	for dec.More() {
		var r extract.Result
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		r.Article.ContentHash = ""
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(append(b, '\n'))
		n++
	}
	path := filepath.Join(t.TempDir(), "nohash.jsonl")
	if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	r := runKG(t, s, "load", path)
	if r.code != 0 {
		t.Fatalf("first load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if loaded, unchanged, failed := loadSummary(t, r.stdout); loaded != n || unchanged != 0 || failed != 0 {
		t.Errorf("first load: %d loaded, %d unchanged, %d failed; want %d, 0, 0", loaded, unchanged, failed, n)
	}
	first := s.dump(t)
	r = runKG(t, s, "load", path)
	if r.code != 0 {
		t.Fatalf("second load: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if loaded, unchanged, failed := loadSummary(t, r.stdout); loaded != 0 || unchanged != n || failed != 0 {
		t.Errorf("second load: %d loaded, %d unchanged, %d failed; want 0, %d, 0", loaded, unchanged, failed, n)
	}
	if got := s.dump(t); string(got) != string(first) {
		t.Error("the second load changed the graph")
	}
	checkStatus(t, s, n, 0)
}
