package browser

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kgraph/kg/queries"
)

// fakeGraph answers the lookups from fixed rows, and a canned query with
// one row when its values satisfy ok (none when ok is nil).
type fakeGraph struct {
	ok    func(q string, params map[string]any) bool
	fail  error
	calls []string
}

func (f *fakeGraph) run(_ context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	switch cypher {
	case entitiesQuery:
		return []string{"id", "name"}, [][]any{{"person:a", "أ"}, {"person:b", "ب"}, {"org:c", "ج"}}, nil
	case pairsQuery:
		return []string{"id", "name", "id2", "name2"}, [][]any{{"person:a", "أ", "place:x", "س"}, {"person:b", "ب", "org:c", "ج"}}, nil
	case placesQuery:
		return []string{"id", "name"}, [][]any{{"place:x", "س"}, {"place:y", "ص"}}, nil
	case articlesQuery:
		return []string{"id", "name"}, [][]any{{"art1", "t1"}, {"art2", "t2"}}, nil
	}
	f.calls = append(f.calls, firstLine(cypher))
	if f.fail != nil {
		return nil, nil, f.fail
	}
	if f.ok != nil && f.ok(cypher, params) {
		return []string{"x"}, [][]any{{1}}, nil
	}
	return []string{"x"}, nil, nil
}

func query(t *testing.T, name string) queries.Query {
	t.Helper()
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestSlidePicksFromTheGraph(t *testing.T) {
	always := func(string, map[string]any) bool { return true }
	tests := []struct {
		name  string
		query string
		given map[string]string
		ok    func(string, map[string]any) bool
		want  map[string]string // the looked-up parameters
	}{
		{"entity: the top person", "neighbourhood", nil, always, map[string]string{"entity": "person:a"}},
		{"a pair for two entities", "articles-mentioning-both", nil, always, map[string]string{"entity": "person:a", "other": "place:x"}},
		{"from and to are a pair", "shortest-paths", nil, always, map[string]string{"from": "person:a", "to": "place:x"}},
		{"place", "events-at-place", nil, always, map[string]string{"place": "place:x"}},
		{"article", "article-entities", nil, always, map[string]string{"article": "art1"}},
		{"search text is a name", "entity-search", nil, always, map[string]string{"q": "أ"}},
		{"next candidate when the first gives nothing", "neighbourhood", nil,
			func(_ string, p map[string]any) bool { return p["entity"] == "person:b" }, map[string]string{"entity": "person:b"}},
		{"first candidate when none gives rows", "neighbourhood", nil,
			func(string, map[string]any) bool { return false }, map[string]string{"entity": "person:a"}},
		{"a given value stays", "neighbourhood", map[string]string{"entity": "place:y"}, always, map[string]string{"entity": "place:y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGraph{ok: tt.ok}
			s, err := LoadSamples(context.Background(), g.run)
			if err != nil {
				t.Fatal(err)
			}
			sl, err := s.Slide(context.Background(), g.run, query(t, tt.query), tt.given)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if sl.Raw[k] != v {
					t.Errorf("%s = %q, want %q (all: %q)", k, sl.Raw[k], v, sl.Raw)
				}
			}
			if vals, err := sl.Query.Bind(sl.Raw); err != nil || !reflect.DeepEqual(vals, sl.Values) {
				t.Errorf("Values %v do not match Raw %q (%v)", sl.Values, sl.Raw, err)
			}
			if len(sl.Raw) != len(sl.Query.Params) {
				t.Errorf("Raw %q does not hold every parameter", sl.Raw)
			}
		})
	}
}

func TestSlideKeepsDefaults(t *testing.T) {
	g := &fakeGraph{}
	s, err := LoadSamples(context.Background(), g.run)
	if err != nil {
		t.Fatal(err)
	}
	// role-holders' entity defaults to "" (all holders): nothing to look up,
	// so the query is not run.
	sl, err := s.Slide(context.Background(), g.run, query(t, "role-holders"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sl.Raw["entity"] != "" || sl.Rows != -1 || len(g.calls) != 0 || len(sl.Picked) != 0 {
		t.Errorf("role-holders: entity %q, rows %d, picked %q, calls %q; want the default, not run", sl.Raw["entity"], sl.Rows, sl.Picked, g.calls)
	}
	// An empty graph: every query keeps its defaults.
	all, _ := queries.All()
	for _, q := range all {
		sl, err := (Samples{}).Slide(context.Background(), nil, q, nil)
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		for _, p := range q.Params {
			if sl.Raw[p.Name] != p.Default {
				t.Errorf("%s: %s = %q on an empty graph, want the default %q", q.Name, p.Name, sl.Raw[p.Name], p.Default)
			}
		}
	}
}

func TestSlideErrors(t *testing.T) {
	g := &fakeGraph{fail: errors.New("boom")}
	s, _ := LoadSamples(context.Background(), g.run)
	sl, err := s.Slide(context.Background(), g.run, query(t, "neighbourhood"), nil)
	if err != nil || sl.Rows != -1 || !strings.Contains(sl.Problem, "boom") {
		t.Errorf("failing query: rows %d, problem %q, err %v; want -1 and the error as the problem", sl.Rows, sl.Problem, err)
	}
	if _, err := s.Slide(context.Background(), g.run, query(t, "neighbourhood"), map[string]string{"nosuch": "1"}); !errors.Is(err, queries.ErrParam) {
		t.Errorf("unknown given parameter: %v, want queries.ErrParam", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Slide(ctx, g.run, query(t, "neighbourhood"), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}
