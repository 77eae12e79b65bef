package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/kgraph/kg/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestExtractGolden pins the kg extract contract: the JSON Lines for the
// sample corpus must not change unless the golden file is updated on purpose
// (go test ./cmd/kg -run Golden -update).
func TestExtractGolden(t *testing.T) {
	var out, errb bytes.Buffer
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	if code := run(context.Background(), []string{"kg", "extract", corpus}, nil, &out, &errb); code != 0 {
		t.Fatalf("kg extract exited %d: %s", code, errb.String())
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "extract.jsonl")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		gotLines, wantLines := bytes.Split(out.Bytes(), []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gotLines) && i < len(wantLines); i++ {
			if !bytes.Equal(gotLines[i], wantLines[i]) {
				t.Fatalf("line %d differs from %s (run with -update if the change is intended)\n got: %.300s\nwant: %.300s", i+1, golden, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("output has %d lines, golden %d", len(gotLines), len(wantLines))
	}
}

// TestExtractContract checks the promises of the contract on the sample
// corpus: offsets are code points into the text, mention text is exactly
// that slice, ids are stable across articles, and output is deterministic.
func TestExtractContract(t *testing.T) {
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	var a, b, errb bytes.Buffer
	if code := run(context.Background(), []string{"kg", "extract", "--workers", "1", corpus}, nil, &a, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if code := run(context.Background(), []string{"kg", "extract", "--workers", "4", corpus}, nil, &b, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("output depends on the number of workers")
	}
	texts := map[string][]rune{}
	for art, err := range extract.Read(context.Background(), corpus) {
		if err != nil {
			t.Fatal(err)
		}
		texts[art.ID] = []rune(art.Text)
	}
	names := map[string]string{} // entity id → type, across articles
	dec := json.NewDecoder(&a)
	n := 0
	for dec.More() {
		var r extract.Result
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		n++
		text, ok := texts[r.Article.ID]
		if !ok {
			t.Fatalf("unknown article %q", r.Article.ID)
		}
		for i, s := range r.Sentences {
			if s.Index != i || s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("%s: bad sentence %+v", r.Article.ID, s)
			}
		}
		for _, e := range r.Entities {
			if typ, ok := names[e.ID]; ok && typ != e.Type {
				t.Errorf("entity %s has type %s and %s", e.ID, typ, e.Type)
			}
			names[e.ID] = e.Type
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Fatalf("%s: mention %+v out of bounds", r.Article.ID, m)
				}
				if got := string(text[m.Start:m.End]); got != m.Text || !utf8.ValidString(got) {
					t.Errorf("%s: mention text %q, slice is %q", r.Article.ID, m.Text, got)
				}
				if m.Sentence < 0 || m.Sentence >= len(r.Sentences) {
					t.Errorf("%s: mention %+v in sentence out of range", r.Article.ID, m)
					continue
				}
				if s := r.Sentences[m.Sentence]; m.Start < s.Start || m.End > s.End {
					t.Errorf("%s: mention %+v outside its sentence %+v", r.Article.ID, m, s)
				}
			}
		}
	}
	if n != len(texts) {
		t.Fatalf("%d results for %d articles", n, len(texts))
	}
}
