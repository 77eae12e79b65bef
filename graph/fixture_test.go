package graph

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// testConfig is the Neo4j the integration tests use: the local one unless
// NEO4J_URI and friends say otherwise.
func testConfig() Config {
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	return Config{
		URI:      env("NEO4J_URI", "bolt://127.0.0.1:7687"),
		Username: env("NEO4J_USERNAME", "neo4j"),
		Password: env("NEO4J_PASSWORD", "kgpassword"),
		Database: env("NEO4J_DATABASE", "neo4j"),
	}
}

// openTest opens the test Store with the schema in place. It fails, not
// skips, when Neo4j is unreachable.
func openTest(tb testing.TB) *Store {
	tb.Helper()
	return openTestConfig(tb, testConfig())
}

// openTestConfig is openTest with cfg (testConfig, changed).
func openTestConfig(tb testing.TB, cfg Config) *Store {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("integration tests need Neo4j (start it with deploy/neo4j/neo4j start): %v", err)
	}
	tb.Cleanup(func() { s.Close(ctx) })
	if err := s.Schema(ctx); err != nil {
		tb.Fatal(err)
	}
	return s
}

// newPrefix returns a marker unique to one test run. Every id the test
// writes contains it, so the test sees and deletes only its own data in a
// database others use at the same time.
func newPrefix(tb testing.TB, s *Store) string {
	tb.Helper()
	b := make([]byte, 5)
	if _, err := crand.Read(b); err != nil {
		tb.Fatal(err)
	}
	p := "kgt" + hex.EncodeToString(b) + "-"
	tb.Cleanup(func() { purge(tb, s, p) })
	return p
}

// purge deletes every node whose id contains p, in small transactions
// (only auto-commit transactions may use CALL … IN TRANSACTIONS).
func purge(tb testing.TB, s *Store, p string) {
	tb.Helper()
	ctx := context.Background()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, `MATCH (n) WHERE n.id CONTAINS $p
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`, map[string]any{"p": p})
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("purge %s: %v", p, err)
	}
}

// dump is the canonical form of the test's own data.
func dump(tb testing.TB, s *Store, p string) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := s.Dump(context.Background(), &buf, p); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

func write(tb testing.TB, s *Store, batches ...[]extract.Result) {
	tb.Helper()
	for _, b := range batches {
		if _, err := s.Write(context.Background(), b); err != nil {
			tb.Fatal(err)
		}
	}
}

// mention is one mention of text in sentence sent.
func mention(sent, start int, text string) extract.Mention {
	return extract.Mention{Start: start, End: start + len([]rune(text)), Text: text, Sentence: sent}
}

func sentences(n int) []extract.Sentence {
	out := make([]extract.Sentence, n)
	for i := range out {
		out[i] = extract.Sentence{Index: i, Start: i * 100, End: i*100 + 90, Text: fmt.Sprintf("جملة رقم %d", i)}
	}
	return out
}

// fixture holds four hand-made articles sharing entities, with p in every
// id. a1b is a changed version of a1: it drops Aleppo and the attack, keeps
// Lavrov with another spelling, and adds the UN.
type fixture struct {
	p                  string
	a1, a2, a3, a1b    extract.Result
	lavrov, syria, un  string
	aleppo, attack     string
	ratney, mfa, state string
}

func newFixture(p string) fixture {
	f := fixture{
		p:      p,
		lavrov: "person:" + p + "sergey-lavrov",
		ratney: "person:" + p + "مايكل-راتني",
		mfa:    "org:" + p + "russian-foreign-ministry",
		state:  "org:" + p + "us-state-department",
		un:     "org:" + p + "united-nations",
		syria:  "place:" + p + "syria",
		aleppo: "place:" + p + "aleppo",
		attack: "event:attack:" + p + "aleppo:2016-08-30",
	}
	meta := func(id, hash string) extract.ArticleMeta {
		return extract.ArticleMeta{ID: p + id, Path: "testdata/" + id + ".txt", Title: "عنوان " + id,
			Source: "test", Published: "2016-08-30", Lang: "ar", ContentHash: hash}
	}
	f.a1 = extract.Result{
		Article:   meta("a1", "h1"),
		Sentences: sentences(3),
		Entities: []extract.Entity{
			{ID: f.lavrov, Type: extract.Person, Name: "سيرغي لافروف", NameEn: "Sergey Lavrov", Wikidata: "Q4707",
				Aliases:  []string{"سيرغي لافروف", "لافروف"},
				Mentions: []extract.Mention{mention(0, 0, "سيرغي لافروف"), mention(2, 200, "لافروف")}},
			{ID: f.mfa, Type: extract.Organization, Name: "وزارة الخارجية الروسية", Aliases: []string{"وزارة الخارجية الروسية"},
				Mentions: []extract.Mention{mention(0, 20, "وزارة الخارجية الروسية")}},
			{ID: f.syria, Type: extract.Place, Name: "سوريا", NameEn: "Syria", Aliases: []string{"سوريا"},
				Mentions: []extract.Mention{mention(0, 50, "سوريا"), mention(1, 110, "سوريا")}},
			{ID: f.aleppo, Type: extract.Place, Name: "حلب", Aliases: []string{"حلب"},
				Mentions: []extract.Mention{mention(1, 120, "حلب")}},
			{ID: f.attack, Type: extract.Event, Name: "هجوم", Aliases: []string{"هجوم"}, EventType: "attack",
				Date: "2016-08-30", Evidence: 1, Mentions: []extract.Mention{mention(1, 100, "هجوم")}},
		},
		Relations: []extract.Relation{
			{Type: extract.HoldsRole, From: f.lavrov, To: f.mfa, Props: map[string]any{"title": "وزير الخارجية"}, Sentence: 0},
			{Type: extract.CoMentioned, From: f.syria, To: f.lavrov, Sentence: 0},
			{Type: extract.CoMentioned, From: f.lavrov, To: f.syria, Sentence: 2},
			{Type: extract.OccurredIn, From: f.attack, To: f.aleppo, Sentence: 1},
			{Type: extract.PartOf, From: f.aleppo, To: f.syria, Sentence: 1},
			{Type: extract.ParticipatedIn, From: f.syria, To: f.attack, Props: map[string]any{"role": "target"}, Sentence: 1},
		},
	}
	f.a2 = extract.Result{
		Article:   meta("a2", "h2"),
		Sentences: sentences(2),
		Entities: []extract.Entity{
			{ID: f.lavrov, Type: extract.Person, Name: "سيرجي لافروف", NameEn: "Sergey Lavrov",
				Aliases:  []string{"سيرجي لافروف"},
				Mentions: []extract.Mention{mention(0, 0, "سيرجي لافروف")}},
			{ID: f.mfa, Type: extract.Organization, Name: "الخارجية الروسية", Aliases: []string{"الخارجية الروسية"},
				Mentions: []extract.Mention{mention(0, 30, "الخارجية الروسية")}},
			{ID: f.syria, Type: extract.Place, Name: "سوريا", Aliases: []string{"سوريا", "سورية"},
				Mentions: []extract.Mention{mention(1, 100, "سورية")}},
			{ID: f.ratney, Type: extract.Person, Name: "مايكل راتني", Aliases: []string{"مايكل راتني"},
				Mentions: []extract.Mention{mention(1, 130, "مايكل راتني")}},
			{ID: f.attack, Type: extract.Event, Name: "هجوم", Aliases: []string{"الهجوم"}, EventType: "attack",
				Date: "2016-08-30", Evidence: 1, Mentions: []extract.Mention{mention(1, 110, "الهجوم")}},
		},
		Relations: []extract.Relation{
			{Type: extract.HoldsRole, From: f.lavrov, To: f.mfa, Props: map[string]any{"title": "وزير الخارجية"}, Sentence: 0},
			{Type: extract.CoMentioned, From: f.ratney, To: f.syria, Sentence: 1},
			{Type: extract.CoMentioned, From: f.lavrov, To: f.syria, Sentence: 1},
			{Type: extract.ParticipatedIn, From: f.syria, To: f.attack, Props: map[string]any{"role": "target"}, Sentence: 1},
		},
	}
	f.a3 = extract.Result{
		Article:   meta("a3", "h3"),
		Sentences: sentences(2),
		Entities: []extract.Entity{
			{ID: f.ratney, Type: extract.Person, Name: "راتني", Aliases: []string{"راتني"}, NameEn: "Michael Ratney",
				Mentions: []extract.Mention{mention(0, 0, "راتني"), mention(1, 100, "راتني")}},
			{ID: f.state, Type: extract.Organization, Name: "وزارة الخارجية الأمريكية", NameEn: "US State Department",
				Aliases: []string{"الخارجية الأمريكية"}, Mentions: []extract.Mention{mention(0, 20, "الخارجية الأمريكية")}},
			{ID: f.syria, Type: extract.Place, Name: "سوريا", Aliases: []string{"سوريا"},
				Mentions: []extract.Mention{mention(1, 120, "سوريا")}},
		},
		Relations: []extract.Relation{
			{Type: extract.SpokespersonFor, From: f.ratney, To: f.state, Sentence: 0},
			{Type: extract.CoMentioned, From: f.ratney, To: f.syria, Sentence: 1},
			{Type: extract.RenamedTo, From: f.state, To: f.syria, Sentence: 0},
		},
	}
	f.a1b = extract.Result{
		Article:   meta("a1", "h1b"),
		Sentences: sentences(2),
		Entities: []extract.Entity{
			{ID: f.lavrov, Type: extract.Person, Name: "لافروف", NameEn: "Sergey Lavrov", Aliases: []string{"لافروف"},
				Mentions: []extract.Mention{mention(0, 0, "لافروف")}},
			{ID: f.syria, Type: extract.Place, Name: "سوريا", Aliases: []string{"سوريا"},
				Mentions: []extract.Mention{mention(1, 100, "سوريا")}},
			{ID: f.un, Type: extract.Organization, Name: "الأمم المتحدة", Aliases: []string{"الأمم المتحدة"},
				Mentions: []extract.Mention{mention(1, 120, "الأمم المتحدة")}},
		},
		Relations: []extract.Relation{
			{Type: extract.CoMentioned, From: f.lavrov, To: f.syria, Sentence: 0},
			{Type: extract.MemberOf, From: f.syria, To: f.un, Sentence: 1},
		},
	}
	return f
}

// synthetic makes n articles, numbered from first, over a pool of entities
// shared between them, each with sentences, mentions and relations; the
// same arguments give the same articles.
func synthetic(p string, first, n, pool int, seed uint64) []extract.Result {
	rng := rand.New(rand.NewPCG(seed, 7))
	types := entityTypes()
	out := make([]extract.Result, n)
	for i := range out {
		aid := fmt.Sprintf("%sart-%06d", p, first+i)
		r := extract.Result{
			Article:   extract.ArticleMeta{ID: aid, Title: "synthetic " + aid, Source: "bench", Lang: "ar", ContentHash: fmt.Sprint(seed, i)},
			Sentences: sentences(20),
		}
		seen := map[string]bool{}
		for len(r.Entities) < 12 {
			k := rng.IntN(pool)
			t := types[k%3] // people, organizations, places
			prefix, _ := entityPrefix(t)
			id := fmt.Sprintf("%s%sent-%d", prefix, p, k)
			if seen[id] {
				continue
			}
			seen[id] = true
			e := extract.Entity{ID: id, Type: t, Name: fmt.Sprintf("اسم %d", k), Aliases: []string{fmt.Sprintf("اسم %d", k), fmt.Sprintf("الاسم %d", k)}}
			for m := 0; m < 1+rng.IntN(4); m++ {
				e.Mentions = append(e.Mentions, mention(rng.IntN(20), m*10, e.Name))
			}
			r.Entities = append(r.Entities, e)
		}
		r.Entities = append(r.Entities, extract.Entity{ID: fmt.Sprintf("event:attack:%sx:%s", p, aid), Type: extract.Event,
			Name: "هجوم", Aliases: []string{"هجوم"}, EventType: "attack", Evidence: 3, Mentions: []extract.Mention{mention(3, 0, "هجوم")}})
		for j := 0; j < 15; j++ {
			a, b := r.Entities[rng.IntN(12)], r.Entities[rng.IntN(12)]
			if a.ID == b.ID {
				continue
			}
			rel := extract.Relation{Type: extract.CoMentioned, From: a.ID, To: b.ID, Sentence: rng.IntN(20)}
			if j%5 == 0 {
				rel.Type, rel.Props = extract.HoldsRole, map[string]any{"title": "رئيس"}
			}
			r.Relations = append(r.Relations, rel)
		}
		out[i] = r
	}
	return out
}

// diffLines lists the lines only in a (-) and only in b (+).
func diffLines(a, b string) string {
	inA := map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		inA[l] = true
	}
	inB := map[string]bool{}
	for _, l := range strings.Split(b, "\n") {
		inB[l] = true
	}
	var out strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !inB[l] {
			fmt.Fprintf(&out, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !inA[l] {
			fmt.Fprintf(&out, "+ %s\n", l)
		}
	}
	return out.String()
}
