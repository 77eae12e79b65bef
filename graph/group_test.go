package graph

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/kgraph/kg/extract"
)

// TestWriter writes the same articles through Writers that finish every
// few articles, in random batches and orders, some articles first in an
// old version that a later batch replaces and some twice, and checks that
// the graph equals one written in a single WriteBatch; until a Writer
// finishes them, its articles are pending.
func TestWriter(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	arts := varied(p, 40, 3)
	write(t, s, arts)
	want := dump(t, s, p)
	pending := func() int64 {
		_, rows, err := s.Query(ctx, "MATCH (a:Article) WHERE a.id STARTS WITH $p AND a.pending IS NOT NULL RETURN count(a)",
			map[string]any{"p": p})
		if err != nil {
			t.Fatal(err)
		}
		return rows[0][0].(int64)
	}
	// Seeds 0 to 3 also write old versions and repeats, which the
	// finishing step recomputes from edges; 4 and 5 only add articles,
	// whose share the Writer's merged tallies bring.
	for seed := range uint64(6) {
		purge(t, s, p)
		r := rand.New(rand.NewPCG(seed, 3))
		old := varied(p, 40, 200+seed)
		w := s.NewWriter(1 + r.IntN(15))
		held := 0
		writeBatch := func(batch []extract.Result) {
			t.Helper()
			b, err := NewBatch(batch)
			if err != nil {
				t.Fatal(err)
			}
			st, err := w.Write(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			held += len(batch) - st.Articles
		}
		order := r.Perm(len(arts))
		for i := 0; i < len(order); {
			k := 1 + r.IntN(8)
			var batch []extract.Result
			for _, j := range order[i:min(i+k, len(order))] {
				switch x := r.IntN(4); {
				case seed >= 4:
				case x == 0:
					writeBatch([]extract.Result{old[j]}) // to be replaced
				case x == 1:
					writeBatch([]extract.Result{arts[j]}) // to be written again
				}
				batch = append(batch, arts[j])
			}
			writeBatch(batch)
			i += k
		}
		if got := pending(); got == 0 && held > 0 {
			t.Errorf("seed %d: the writer holds %d articles, none pending", seed, held)
		}
		if _, err := w.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if got := pending(); got != 0 {
			t.Errorf("seed %d: %d articles pending after Flush", seed, got)
		}
		if got := dump(t, s, p); got != want {
			t.Errorf("seed %d: graph differs from one batch:\n%s", seed, diffLines(want, got))
		}
	}
}

// TestWriterAbandon writes batches through a Writer that never finishes
// them, then abandons it: nothing of them stays.
func TestWriterAbandon(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1})
	before := dump(t, s, p)
	w := s.NewWriter(1000)
	for _, batch := range [][]extract.Result{{f.a2}, {f.a3}} {
		b, err := NewBatch(batch)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if dump(t, s, p) == before {
		t.Fatal("the writer wrote nothing")
	}
	w.Abandon(ctx)
	if after := dump(t, s, p); after != before {
		t.Errorf("an abandoned writer left traces:\n%s", diffLines(before, after))
	}
}
