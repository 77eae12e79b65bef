package graph

import (
	"errors"
	"slices"
	"testing"

	"github.com/kgraph/kg/extract"
)

// valid returns a small Result that follows the contract; cases break one
// rule each.
func valid() extract.Result {
	return extract.Result{
		Article:   extract.ArticleMeta{ID: "x1", Title: "t", ContentHash: "h"},
		Sentences: []extract.Sentence{{Index: 0, Text: "s0"}, {Index: 1, Text: "s1"}},
		Entities: []extract.Entity{
			{ID: "person:a", Type: extract.Person, Name: "a", Aliases: []string{"a"},
				Mentions: []extract.Mention{{Start: 0, End: 1, Text: "a", Sentence: 0}}},
			{ID: "place:b", Type: extract.Place, Name: "b", Aliases: []string{"b"},
				Mentions: []extract.Mention{{Start: 2, End: 3, Text: "b", Sentence: 1}}},
			{ID: "event:attack:b:2016", Type: extract.Event, Name: "هجوم", EventType: "attack", Date: "2016", Evidence: 1},
		},
		Relations: []extract.Relation{
			{Type: extract.CoMentioned, From: "place:b", To: "person:a", Sentence: 0},
			{Type: extract.OccurredIn, From: "event:attack:b:2016", To: "place:b", Sentence: 1},
		},
	}
}

func TestBuildRowsRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *extract.Result)
	}{
		{"no article id", func(r *extract.Result) { r.Article.ID = "" }},
		{"sentence twice", func(r *extract.Result) { r.Sentences = append(r.Sentences, r.Sentences[0]) }},
		{"entity without id", func(r *extract.Result) { r.Entities[0].ID = "" }},
		{"unknown entity type", func(r *extract.Result) { r.Entities[0].Type = "Thing" }},
		{"id prefix of another type", func(r *extract.Result) { r.Entities[0].ID = "org:a" }},
		{"id is only a prefix", func(r *extract.Result) { r.Entities[0].ID = "person:" }},
		{"entity twice", func(r *extract.Result) { r.Entities = append(r.Entities, r.Entities[0]) }},
		{"mention in missing sentence", func(r *extract.Result) { r.Entities[0].Mentions[0].Sentence = 7 }},
		{"event evidence missing", func(r *extract.Result) { r.Entities[2].Evidence = 9 }},
		{"unknown relation", func(r *extract.Result) { r.Relations[0].Type = "LIKES" }},
		{"relation to outside entity", func(r *extract.Result) { r.Relations[0].To = "person:zz" }},
		{"relation from outside entity", func(r *extract.Result) { r.Relations[0].From = "person:zz" }},
		{"self relation", func(r *extract.Result) { r.Relations[0].To = r.Relations[0].From }},
		{"relation in missing sentence", func(r *extract.Result) { r.Relations[0].Sentence = 5 }},
		{"occurred in from a place", func(r *extract.Result) {
			r.Relations[1].From, r.Relations[1].To = r.Relations[1].To, r.Relations[1].From
		}},
		{"holds role without title", func(r *extract.Result) {
			r.Relations = append(r.Relations, extract.Relation{Type: extract.HoldsRole, From: "person:a", To: "place:b"})
		}},
		{"participated with a bad role", func(r *extract.Result) {
			r.Relations = append(r.Relations, extract.Relation{Type: extract.ParticipatedIn, From: "person:a",
				To: "event:attack:b:2016", Props: map[string]any{"role": "victim"}})
		}},
	}
	if _, err := buildRows([]extract.Result{valid()}); err != nil {
		t.Fatalf("valid result rejected: %v", err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := valid()
			tc.mutate(&r)
			_, err := buildRows([]extract.Result{r})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
		})
	}
	t.Run("article twice in a batch", func(t *testing.T) {
		if _, err := buildRows([]extract.Result{valid(), valid()}); !errors.Is(err, ErrInvalid) {
			t.Fatalf("got %v, want ErrInvalid", err)
		}
	})
}

func TestBuildRows(t *testing.T) {
	a, b := valid(), valid()
	b.Article.ID = "x2"
	b.Relations[0].From, b.Relations[0].To = "person:a", "place:b" // same co-mention, other direction
	b.Entities[0].Aliases = []string{"ب", "a", "", "ب"}
	r, err := buildRows([]extract.Result{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.entityIDs, []string{"event:attack:b:2016", "person:a", "place:b"}; !slices.Equal(got, want) {
		t.Errorf("entity ids %q, want %q", got, want)
	}
	co := r.relations[extract.CoMentioned]
	if len(co) != 1 {
		t.Fatalf("CO_MENTIONED rows %v, want one merged row", co)
	}
	row := co[0].([]any) // from, to, key, articles, sentenceIds
	if from, to := r.entityIDs[row[0].(int64)], r.entityIDs[row[1].(int64)]; from != "person:a" || to != "place:b" {
		t.Errorf("CO_MENTIONED stored %q→%q, want smaller id first", from, to)
	}
	if got, want := row[4].([]string), []string{"x1#0", "x2#0"}; !slices.Equal(got, want) {
		t.Errorf("sentenceIds %q, want %q", got, want)
	}
	mentions := func(article int) []any { return r.articles[0].rows[article].(map[string]any)["mentions"].([]any) }
	props := mentions(1)[0].([]any) // e, count, name, aliases, nameEn, wikidata, type, date, evidence
	if got, want := props[3].([]string), []string{"a", "ب"}; !slices.Equal(got, want) {
		t.Errorf("aliases %q (% x), want %q", got, got, want)
	}
	ev := mentions(0)[2].([]any)
	if ev[8] != "x1#1" || ev[6] != "attack" || ev[7] != "2016" {
		t.Errorf("event props %v", ev)
	}
	if r.relationCount != 2 || r.mentionCount != 4 || r.sentenceCount != 4 {
		t.Errorf("counts: %d relations, %d mentions, %d sentences", r.relationCount, r.mentionCount, r.sentenceCount)
	}
	// The batch's tally of person:a: two articles, one mention each, the
	// union of their aliases.
	pa := r.entities[1]
	if pa.id != "person:a" || pa.label != extract.Person || pa.tally.articles != 2 || pa.tally.mentions != 2 ||
		!slices.Equal(pa.tally.aliases, []string{"a", "ب"}) || !slices.Equal(pa.tally.votes[0], ballot{{"a", 2}}) {
		t.Errorf("tally of person:a: %+v", pa)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"},
		{"neo4j+s://neo4j:secret@example.com", "neo4j+s://example.com"},
		{"bolt+ssc://u@h:1", "bolt+ssc://h:1"},
	}
	for _, tc := range tests {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
