package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/kgraph/kg/extract"
)

// varied makes n articles over a few shared entities whose names,
// English names and aliases vary between articles, so that batches keep
// voting against the stored winners; version changes every article.
func varied(p string, n int, version uint64) []extract.Result {
	r := rand.New(rand.NewPCG(version, 99))
	names := [][]string{{"سوريا", "سورية", "Syria"}, {"لافروف", "سيرغي لافروف", "Lavrov", "😀"}, {"الأمم المتحدة", "UN"}}
	ids := []string{"place:" + p + "syria", "person:" + p + "lavrov", "org:" + p + "un"}
	types := []string{extract.Place, extract.Person, extract.Organization}
	out := make([]extract.Result, n)
	for i := range out {
		aid := fmt.Sprintf("%sv-%03d", p, i)
		res := extract.Result{
			Article:   extract.ArticleMeta{ID: aid, Title: "t", ContentHash: fmt.Sprint(version, i)},
			Sentences: sentences(4),
		}
		for k := range ids {
			if r.IntN(4) == 0 {
				continue
			}
			name := names[k][r.IntN(len(names[k]))]
			e := extract.Entity{ID: ids[k], Type: types[k], Name: name, Aliases: []string{name}}
			if r.IntN(2) == 0 {
				e.NameEn = names[k][len(names[k])-1-r.IntN(2)]
			}
			for range 1 + r.IntN(3) {
				e.Mentions = append(e.Mentions, mention(r.IntN(4), r.IntN(50), name))
			}
			res.Entities = append(res.Entities, e)
		}
		if len(res.Entities) >= 2 {
			a, b := res.Entities[0].ID, res.Entities[1].ID
			res.Relations = append(res.Relations, extract.Relation{Type: extract.CoMentioned, From: a, To: b, Sentence: r.IntN(4)})
		}
		out[i] = res
	}
	return out
}

// TestWriteIncremental writes the same articles in random batches and
// orders, some first in an old version that is then replaced, and checks
// that the graph equals one written in a single batch.
func TestWriteIncremental(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	arts := varied(p, 40, 1)
	write(t, s, arts)
	want := dump(t, s, p)
	for seed := range uint64(3) {
		purge(t, s, p)
		r := rand.New(rand.NewPCG(seed, 2))
		old := varied(p, 40, 100+seed)
		order := r.Perm(len(arts))
		for i := 0; i < len(order); {
			k := 1 + r.IntN(8)
			var batch []extract.Result
			for _, j := range order[i:min(i+k, len(order))] {
				if r.IntN(3) == 0 {
					write(t, s, []extract.Result{old[j]}) // to be replaced
				}
				batch = append(batch, arts[j])
			}
			write(t, s, batch)
			i += k
		}
		if got := dump(t, s, p); got != want {
			t.Errorf("seed %d: graph differs from one batch:\n%s", seed, diffLines(want, got))
		}
	}
}

// TestWriteConcurrent writes two halves of a corpus at the same time,
// batches sharing entities, and checks the graph equals a sequential
// load: the entity locks serialize the aggregate updates.
func TestWriteConcurrent(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	arts := varied(p, 60, 2)
	write(t, s, arts)
	want := dump(t, s, p)
	purge(t, s, p)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for half := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Half 0 writes articles 0, 2, 4, …, half 1 the others.
			for i := half; i < len(arts); i += 10 {
				var batch []extract.Result
				for j := i; j < min(i+10, len(arts)); j += 2 {
					batch = append(batch, arts[j])
				}
				if _, err := s.Write(context.Background(), batch); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := dump(t, s, p); got != want {
		t.Errorf("concurrent writes differ from a sequential load:\n%s", diffLines(want, got))
	}
}
