package score

import (
	"errors"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
)

func ent(id, typ string, texts ...string) extract.Entity {
	e := extract.Entity{ID: id, Type: typ, Name: texts[0]}
	for _, t := range texts {
		e.Mentions = append(e.Mentions, extract.Mention{Text: t})
	}
	return e
}

func TestScore(t *testing.T) {
	gold := map[string]Gold{
		"a": {Entities: []GoldEntity{
			{extract.Person, "John Kirby", []string{"جون كيربي", "كيربي"}},
			{extract.Place, "Syria", []string{"سوريا", "سورية"}},
			{extract.Place, "Washington", []string{"واشنطن"}},
		}, Events: []GoldEvent{{"talks", "2016-08-30", "Washington"}, {"veto", "-", "-"}}},
		"b": {Entities: []GoldEntity{
			{extract.Person, "John Kirby", []string{"كيربي"}},
			{extract.Place, "Syria", []string{"سورية"}},
			{extract.Place, "Moscow", []string{"موسكو"}}, // not found
		}},
	}
	results := []extract.Result{
		{Article: extract.ArticleMeta{ID: "a"}, Entities: []extract.Entity{
			ent("person:kirby", extract.Person, "جون كيربي", "كيربي"),
			ent("place:syria", extract.Place, "سوريا"),
			ent("place:washington", extract.Place, "وواشنطن"), // clitic attached
			ent("org:x", extract.Organization, "شيء"),         // false positive
			{ID: "event:talks:washington:2016-08-30", Type: extract.Event, EventType: "talks", Date: "2016-08-30"},
		}, Relations: []extract.Relation{{Type: extract.OccurredIn, From: "event:talks:washington:2016-08-30", To: "place:washington"}}},
		{Article: extract.ArticleMeta{ID: "b"}, Entities: []extract.Entity{
			ent("person:kirby-2", extract.Person, "كيربي"), // split across articles
			ent("place:syria", extract.Place, "سورية"),
		}},
		{Article: extract.ArticleMeta{ID: "c"}},
	}
	r := Score(gold, results)
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("articles", r.Articles, 2)
	check("person found", r.ByType[extract.Person].FoundGold, 2)
	check("place found", r.ByType[extract.Place].FoundGold, 3)
	check("org pred", r.ByType[extract.Organization].Pred, 1)
	check("org matched", r.ByType[extract.Organization].MatchedPred, 0)
	check("micro precision", r.Micro().Precision(), 5.0/6)
	check("real entities", r.RealEntities, 3)
	check("one node", r.OneNode, 2)
	check("split", strings.Join(r.Split, ","), "John Kirby")
	check("events", r.FoundEvents, 1)
	check("gold events", r.GoldEvents, 2)
	check("unannotated", strings.Join(r.Unannotated, ","), "c")
	check("missed", strings.Join(r.Missed, ","), "b: Place Moscow")
	check("unmatched", strings.Join(r.Unmatched, ","), "a: Organization شيء (org:x)")
	check("missed events", strings.Join(r.MissedEvents, ","), "a: veto, date -, place -")
	out := r.String()
	for _, want := range []string{
		"  gold entities not found:\n    b: Place Moscow\n",
		"  predictions matching no gold entity:\n    a: Organization شيء (org:x)\n",
		"events found (type, date, place): 1 of 2 (0.500)\n  events not found:\n    a: veto, date -, place -\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestReadRejectsMalformedLine(t *testing.T) {
	_, err := Read(strings.NewReader("Person\tA\ta\nPlace only-two\n"))
	if !errors.Is(err, ErrFormat) || !strings.HasPrefix(err.Error(), "2:") {
		t.Fatalf("err = %v, want ErrFormat on line 2", err)
	}
}
