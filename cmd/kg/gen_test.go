package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/extract/gazetteer"
)

func testGenerator(t *testing.T, seed uint64) *generator {
	t.Helper()
	gz, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return newGenerator(gz, seed, 0.8)
}

func TestGenDeterministic(t *testing.T) {
	g := testGenerator(t, 1)
	var a, b, tail bytes.Buffer
	if err := g.writeJSONL(&a, 0, 20); err != nil {
		t.Fatal(err)
	}
	if err := testGenerator(t, 1).writeJSONL(&b, 0, 20); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two generators with the same seed wrote different corpora")
	}
	// Article i depends on the seed and i only: a slice equals the
	// corresponding lines of the whole.
	if err := g.writeJSONL(&tail, 15, 5); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(a.String(), "\n")
	if got, want := tail.String(), strings.Join(lines[15:20], ""); got != want {
		t.Error("articles 15–19 written alone differ from the same articles in the whole")
	}
	var other bytes.Buffer
	if err := testGenerator(t, 2).writeJSONL(&other, 0, 20); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), other.Bytes()) {
		t.Error("seeds 1 and 2 wrote the same corpus")
	}
}

// TestGenCorpus reads a generated corpus back with kg's reader and
// extracts it: lengths, languages, dates, and entities shared across
// articles with a long tail.
func TestGenCorpus(t *testing.T) {
	dir := t.TempDir()
	r := runInProcess("gen", "--n", "150", "--seed", "3", "--out", dir+"/parts", "--per-file", "60")
	if r.code != 0 {
		t.Fatalf("kg gen: exit %d: %s", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "parts", "*.jsonl"))
	if len(files) != 3 {
		t.Fatalf("files %q, want 3 parts of at most 60 articles", files)
	}
	p, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	seen := map[string]int{} // entity id → articles
	arabic, years := 0, map[string]bool{}
	for a, err := range extract.Read(context.Background(), filepath.Join(dir, "parts")) {
		if err != nil {
			t.Fatal(err)
		}
		if ids[a.ID] {
			t.Fatalf("id %q twice", a.ID)
		}
		ids[a.ID] = true
		if n := len(strings.Fields(a.Text)); n < 300 || n > 850 {
			t.Errorf("%s: %d words, want 300 to 800 (and the sentence that crosses 800)", a.ID, n)
		}
		if got := extract.DetectLang(a.Text); got != a.Lang {
			t.Errorf("%s: lang %q, but the text reads as %q", a.ID, a.Lang, got)
		}
		if a.Lang == "ar" {
			arabic++
		}
		if a.Published < "2011-01-01" || a.Published > "2024-12-31" || a.Title == "" {
			t.Errorf("%s: published %q, title %q", a.ID, a.Published, a.Title)
		}
		years[a.Published[:4]] = true
		res, err := p.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Entities {
			seen[e.ID]++
		}
	}
	if len(ids) != 150 {
		t.Fatalf("%d articles read back, want 150", len(ids))
	}
	if arabic < 100 || arabic > 140 {
		t.Errorf("%d Arabic articles of 150, want about 80%%", arabic)
	}
	if len(years) < 8 {
		t.Errorf("dates over %d years only", len(years))
	}
	shared, once := 0, 0
	for _, n := range seen {
		if n >= 30 {
			shared++
		}
		if n == 1 {
			once++
		}
	}
	if seen["place:syria"] < 40 || shared < 5 || once < 50 {
		t.Errorf("entities: Syria in %d articles, %d in at least 30, %d in one only; want a few popular ones and a long tail",
			seen["place:syria"], shared, once)
	}
}

func TestGenFlags(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "one.jsonl")
	if r := runInProcess("gen", "--n", "2", "--out", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || bytes.Count(b, []byte("\n")) != 2 {
		t.Fatalf("%s: %d lines, %v", out, bytes.Count(b, []byte("\n")), err)
	}
	for _, args := range [][]string{{"gen", "--n", "0"}, {"gen", "--arabic", "2"}} {
		if r := runInProcess(args...); r.code == 0 || !strings.Contains(r.stderr, "gen:") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}
