package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func TestMode(t *testing.T) {
	tests := []struct {
		name  string
		votes ballot
		want  string
		ok    bool
	}{
		{"none", nil, "", false},
		{"one", ballot{{"سوريا", 1}}, "سوريا", true},
		{"most wins", ballot{{"سوريا", 1}, {"سورية", 3}}, "سورية", true},
		{"tie goes to the smallest", ballot{{"سورية", 2}, {"سوريا", 2}}, "سوريا", true},
		// Byte order is code-point order, as in Neo4j: U+FFFD < U+1F600.
		{"tie beyond the BMP", ballot{{"😀", 1}, {"\uFFFD", 1}}, "\uFFFD", true},
		{"empty name votes", ballot{{"", 2}, {"x", 1}}, "", true},
	}
	for _, tc := range tests {
		got, ok := tc.votes.mode()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: mode = %q (% x), %v; want %q, %v", tc.name, got, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMergeSorted(t *testing.T) {
	tests := []struct{ a, b, want []string }{
		{nil, nil, nil},
		{[]string{"a"}, nil, []string{"a"}},
		{nil, []string{"a"}, []string{"a"}},
		{[]string{"a", "c"}, []string{"b", "c", "d"}, []string{"a", "b", "c", "d"}},
		{[]string{"\uFFFD"}, []string{"ا", "😀"}, []string{"ا", "\uFFFD", "😀"}},
	}
	for _, tc := range tests {
		if got := mergeSorted(tc.a, tc.b); !slices.Equal(got, tc.want) {
			t.Errorf("mergeSorted(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// randomView is an article's view of one entity with few possible values,
// so that batches often disagree with the stored winner.
func randomView(r *rand.Rand, event bool) view {
	names := []string{"سوريا", "سورية", "Syria", ""}
	v := view{count: int64(1 + r.IntN(3))}
	v.modes[0] = names[r.IntN(len(names))]
	if r.IntN(2) == 0 {
		v.modes[1] = []string{"Syria", "Syrian Arab Republic"}[r.IntN(2)]
	}
	if event {
		v.modes[3] = []string{"attack", "airstrike"}[r.IntN(2)]
		v.evidence = fmt.Sprintf("a%d#%d", r.IntN(9), r.IntN(9))
	}
	for range r.IntN(3) {
		v.aliases = append(v.aliases, names[r.IntN(3)])
	}
	slices.Sort(v.aliases)
	v.aliases = slices.Compact(v.aliases)
	return v
}

// TestUpdateEqualsTally adds random views in random batches the way Write
// does (stored state plus a batch tally, recounting only the candidates
// update asks for) and checks the result against the tally of all views.
func TestUpdateEqualsTally(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		event := seed%2 == 0
		var all tally
		var st stored
		st.fresh = true
		var props map[string]any
		for range 1 + r.IntN(6) {
			var batch tally
			for range 1 + r.IntN(4) {
				v := randomView(r, event)
				batch.add(&v)
				all.add(&v)
			}
			var recount [nModes][]string
			props, recount = st.update(&batch)
			for k, cands := range recount {
				// What qRecount does: count the candidates over all articles.
				var votes ballot
				for _, x := range all.votes[k] {
					if slices.Contains(cands, x.value) {
						votes.add(x.value, x.n)
					}
				}
				if w, ok := votes.mode(); ok {
					props[modeProps[k]] = w
				}
			}
			st = storedFrom(props)
		}
		if want := all.props(); !reflect.DeepEqual(props, want) {
			t.Errorf("seed %d: incremental %v, want %v", seed, props, want)
		}
	}
}

// storedFrom is what qEntityState reads back after qSetAggregates.
func storedFrom(p map[string]any) stored {
	s := stored{articles: p["articleCount"].(int64), mentions: p["mentionCount"].(int64)}
	if a, ok := p["aliases"].([]string); ok {
		s.aliases = a
	}
	if e, ok := p["evidence"].(string); ok {
		s.evidence = e
	}
	for k, name := range modeProps {
		if v, ok := p[name].(string); ok {
			s.modes[k] = &v
		}
	}
	return s
}

func TestViewRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50 {
		v := randomView(r, i%2 == 0)
		rec := encodeView(nil, "place:سوريا", "Place", &v)
		id, label, got, err := decodeView(rec)
		if err != nil || id != "place:سوريا" || label != "Place" || !reflect.DeepEqual(got, v) {
			t.Fatalf("decode(encode(%+v)) = %q %q %+v %v", v, id, label, got, err)
		}
	}
	if _, _, _, err := decodeView([]byte("x\x00y\x00\x05")); err == nil {
		t.Error("decodeView accepted a truncated record")
	}
}

func TestSpill(t *testing.T) {
	for _, limit := range []int{1 << 20, 200} { // in memory; many runs on disk
		s := newSpill(t.TempDir(), limit)
		r := rand.New(rand.NewPCG(5, 6))
		var want [][]byte
		for range 1000 {
			rec := []byte(fmt.Sprintf("k%03d\x00%d", r.IntN(100), r.IntN(1000)))
			want = append(want, rec)
			if err := s.add(rec); err != nil {
				t.Fatal(err)
			}
		}
		slices.SortFunc(want, bytes.Compare)
		var got [][]byte
		if err := s.each(func(rec []byte) error { got = append(got, bytes.Clone(rec)); return nil }); err != nil {
			t.Fatal(err)
		}
		if limit == 200 && len(s.runs) < 10 {
			t.Errorf("limit %d: only %d runs", limit, len(s.runs))
		}
		if !slices.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("limit %d: records out of order or lost", limit)
		}
		s.close()
	}
}
