package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
)

// The two steps of a write, run apart: content leaves articles pending,
// finish counts them. Each case must end in the graph a plain write of
// the same articles gives.

// contentOnly writes the content of results and stops, as a writer that
// crashed before its finish transaction would.
func contentOnly(t *testing.T, s *Store, results []extract.Result) *batchWrite {
	t.Helper()
	b, err := NewBatch(results)
	if err != nil {
		t.Fatal(err)
	}
	w := &batchWrite{s: s, r: b.rows, token: newToken()}
	if err := w.content(context.Background()); err != nil {
		t.Fatal(err)
	}
	return w
}

// pendingCount is the number of pending articles under prefix p.
func pendingCount(t *testing.T, s *Store, p string) int64 {
	t.Helper()
	_, rows, err := s.Query(context.Background(),
		"MATCH (a:Article) WHERE a.id STARTS WITH $p AND a.pending IS NOT NULL RETURN count(a)", map[string]any{"p": p})
	if err != nil {
		t.Fatal(err)
	}
	return rows[0][0].(int64)
}

func TestPendingArticles(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	batch := append(synthetic(p, 0, 60, 40, 3), f.a1, f.a2, f.a3)

	purge(t, s, p)
	write(t, s, batch)
	want := dump(t, s, p)

	t.Run("crash, then the same write", func(t *testing.T) {
		purge(t, s, p)
		contentOnly(t, s, batch)
		if n := pendingCount(t, s, p); n != int64(len(batch)) {
			t.Fatalf("%d pending articles after the content step, want %d", n, len(batch))
		}
		// Pending articles count nowhere: no entity has aggregates yet.
		_, rows, err := s.Query(ctx, "MATCH (e:Entity) WHERE e.id CONTAINS $p AND e.articleCount IS NOT NULL RETURN count(e)", map[string]any{"p": p})
		if err != nil {
			t.Fatal(err)
		}
		if n := rows[0][0].(int64); n != 0 {
			t.Errorf("%d entities have aggregates while every article is pending", n)
		}
		// Pending lists them with their paths, in id order.
		n, listed, err := s.Pending(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		paths := map[string]string{}
		for _, r := range batch {
			paths[r.Article.ID] = r.Article.Path
		}
		var ours []PendingArticle
		for _, a := range listed {
			if strings.HasPrefix(a.ID, p) {
				ours = append(ours, a)
			}
		}
		if n < len(batch) || len(ours) != len(batch) {
			t.Errorf("Pending: %d in all, %d of ours listed; want at least %d and %d", n, len(ours), len(batch), len(batch))
		}
		for i, a := range ours {
			if i > 0 && ours[i-1].ID >= a.ID {
				t.Errorf("Pending lists %q after %q: not in id order", a.ID, ours[i-1].ID)
			}
			if a.Path != paths[a.ID] {
				t.Errorf("Pending lists %q with path %q, want %q", a.ID, a.Path, paths[a.ID])
			}
		}
		if _, two, err := s.Pending(ctx, 2); err != nil || len(two) != 2 {
			t.Errorf("Pending with limit 2 listed %d (%v)", len(two), err)
		}
		hashes, err := s.Hashes(ctx, []string{f.a1.Article.ID})
		if err != nil {
			t.Fatal(err)
		}
		if h := hashes[f.a1.Article.ID]; h != "" {
			t.Errorf("Hashes reports %q for a pending article; it must look absent so the next load writes it", h)
		}
		write(t, s, batch)
		if got := dump(t, s, p); got != want {
			t.Errorf("graph differs from a clean write:\n%s", diffLines(want, got))
		}
		_, listed, err = s.Pending(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range listed {
			if strings.HasPrefix(a.ID, p) {
				t.Errorf("Pending lists %q after the write finished it", a.ID)
			}
		}
	})

	t.Run("crash, then a part of the articles and another version", func(t *testing.T) {
		purge(t, s, p)
		contentOnly(t, s, batch)
		write(t, s, batch[:30], []extract.Result{f.a1b})
		write(t, s, batch[30:])
		if got := dump(t, s, p); got != want {
			t.Errorf("graph differs from a clean write:\n%s", diffLines(want, got))
		}
	})

	t.Run("overtaken by another writer", func(t *testing.T) {
		purge(t, s, p)
		w := contentOnly(t, s, batch)
		// A second writer claims a part of the pending articles and
		// completes them before the first one finishes.
		write(t, s, batch[10:40])
		if err := w.finish(ctx); err != nil {
			t.Fatal(err)
		}
		if n := pendingCount(t, s, p); n != 0 {
			t.Errorf("%d articles still pending", n)
		}
		if got := dump(t, s, p); got != want {
			t.Errorf("graph differs from a clean write:\n%s", diffLines(want, got))
		}
	})

	t.Run("overtaken, and the other writer crashed", func(t *testing.T) {
		purge(t, s, p)
		w := contentOnly(t, s, batch)
		contentOnly(t, s, batch[:20])
		if err := w.finish(ctx); err != nil {
			t.Fatal(err)
		}
		if n := pendingCount(t, s, p); n != 20 {
			t.Errorf("%d articles pending, want the 20 the crashed writer claimed", n)
		}
		write(t, s, batch[:20])
		if got := dump(t, s, p); got != want {
			t.Errorf("graph differs from a clean write:\n%s", diffLines(want, got))
		}
	})

	t.Run("delete a pending article", func(t *testing.T) {
		purge(t, s, p)
		write(t, s, []extract.Result{f.a2, f.a3})
		before := dump(t, s, p)
		contentOnly(t, s, []extract.Result{f.a1})
		found, err := s.Delete(ctx, f.a1.Article.ID)
		if err != nil || !found {
			t.Fatalf("Delete of a pending article = %v, %v; want true, nil", found, err)
		}
		if got := dump(t, s, p); got != before {
			t.Errorf("deleting the pending article left:\n%s", diffLines(before, got))
		}
	})
	purge(t, s, p)
}

// A Result without a contentHash (not from kg extract) is marked done by
// ResultHash, so that writing it again replaces it instead of failing on
// its sentences, which are already there.
func TestResultWithoutHash(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	a := f.a1
	a.Article.ContentHash = ""

	purge(t, s, p)
	write(t, s, []extract.Result{a})
	first := dump(t, s, p)
	write(t, s, []extract.Result{a})
	if got := dump(t, s, p); got != first {
		t.Errorf("writing it again changed the graph:\n%s", diffLines(first, got))
	}
	hashes, err := s.Hashes(ctx, []string{a.Article.ID})
	if err != nil {
		t.Fatal(err)
	}
	if h := hashes[a.Article.ID]; h == "" || h != ResultHash(a) {
		t.Errorf("stored hash %q, want ResultHash %q", h, ResultHash(a))
	}
	if n := pendingCount(t, s, p); n != 0 {
		t.Errorf("%d pending articles after the writes", n)
	}
	b := a
	b.Article.Title += " (changed)"
	if ResultHash(b) == ResultHash(a) {
		t.Error("ResultHash does not change with the title")
	}
	if ResultHash(a) != ResultHash(f.a1) {
		t.Error("ResultHash depends on the contentHash it replaces")
	}
}
