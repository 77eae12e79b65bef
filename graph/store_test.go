package graph

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tests in this file need a running Neo4j (see testConfig). They run
// one after the other and touch only nodes whose ids contain their prefix.

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	good := testConfig()

	// A port nobody listens on: take a free one and release it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()

	const secret = "not-the-password-4711"
	tests := []struct {
		name string
		cfg  Config
		is   error
		msg  string
	}{
		{"unreachable", Config{URI: "bolt://" + closed, Username: "neo4j", Password: secret},
			ErrUnreachable, "cannot reach Neo4j at bolt://" + closed + ": connection refused"},
		{"unreachable with user in URI", Config{URI: "bolt://neo4j:" + secret + "@" + closed, Username: "neo4j", Password: secret},
			ErrUnreachable, "cannot reach Neo4j at bolt://" + closed + ": connection refused"},
		// One failed attempt only: three in a row would lock the user for a while.
		{"wrong password", Config{URI: good.URI, Username: good.Username, Password: secret},
			ErrAuth, "Neo4j rejected the credentials for user " + good.Username},
		{"unknown database", Config{URI: good.URI, Username: good.Username, Password: good.Password, Database: "kgnosuchdb"},
			ErrNoDatabase, `has no database "kgnosuchdb"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			s, err := Open(ctx, tc.cfg)
			if err == nil {
				s.Close(ctx)
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", msg, tc.is)
			}
			if !strings.Contains(msg, tc.msg) {
				t.Errorf("error %q, want it to contain %q", msg, tc.msg)
			}
			if strings.Contains(msg, secret) || strings.Contains(msg, good.Password) || strings.Contains(msg, "\n") {
				t.Errorf("error %q leaks the password or spans lines", msg)
			}
		})
	}
}

func TestSchemaIdempotent(t *testing.T) {
	s := openTest(t) // runs Schema once
	ctx := context.Background()
	if err := s.Schema(ctx); err != nil {
		t.Fatalf("second Schema: %v", err)
	}
	_, rows, err := s.Query(ctx, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0], properties[0]", nil)
	if err != nil {
		t.Fatal(err)
	}
	unique := map[string]bool{}
	for _, r := range rows {
		unique[fmt.Sprint(r[0], ".", r[1])] = true
	}
	for _, l := range []string{"Article", "Sentence", "Entity", "Person", "Organization", "Place", "Event"} {
		if !unique[l+".id"] {
			t.Errorf("no uniqueness constraint on %s.id (have %v)", l, unique)
		}
	}
	_, rows, err = s.Query(ctx, "SHOW INDEXES YIELD name, type, state, options WHERE name = 'entityNames' RETURN type, state, options.indexConfig.`fulltext.analyzer`", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0][0] != "FULLTEXT" || rows[0][1] != "ONLINE" || rows[0][2] != "arabic" {
		t.Errorf("entityNames index: %v", rows)
	}
}

func TestWriteTwiceIdentical(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	f := newFixture(p)
	batch := []extract.Result{f.a1, f.a2, f.a3}
	st, err := s.Write(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Replaced != 0 || st.Entities != 7 {
		t.Errorf("first write stats %+v", st)
	}
	// Every node is new: articles, sentences and entities.
	if want := st.Articles + st.Sentences + st.Entities; st.NodesCreated != want {
		t.Errorf("first write created %d nodes, want %d (stats %+v)", st.NodesCreated, want, st)
	}
	first := dump(t, s, p)
	st, err = s.Write(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	if st.Replaced != 3 {
		t.Errorf("second write replaced %d articles, want 3", st.Replaced)
	}
	if second := dump(t, s, p); second != first {
		t.Errorf("writing the same batch twice changed the graph:\n%s", diffLines(first, second))
	}
	if n := strings.Count(first, "\n"); n < 50 {
		t.Errorf("dump has only %d lines:\n%s", n, first)
	}
}

func TestWriteOrderIndependent(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	f := newFixture(p)
	orders := []struct {
		name    string
		batches [][]extract.Result
	}{
		{"one batch", [][]extract.Result{{f.a1, f.a2, f.a3}}},
		{"reversed, one per batch", [][]extract.Result{{f.a3}, {f.a2}, {f.a1}}},
		{"two batches", [][]extract.Result{{f.a2, f.a3}, {f.a1}}},
		{"via the old version of a1", [][]extract.Result{{f.a1b, f.a3}, {f.a2}, {f.a1}}},
	}
	var want string
	for i, o := range orders {
		purge(t, s, p)
		write(t, s, o.batches...)
		got := dump(t, s, p)
		if i == 0 {
			want = got
			continue
		}
		if got != want {
			t.Errorf("%s: graph differs from %s:\n%s", o.name, orders[0].name, diffLines(want, got))
		}
	}
}

func TestReplaceArticle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1, f.a2, f.a3})
	st, err := s.Write(ctx, []extract.Result{f.a1b})
	if err != nil {
		t.Fatal(err)
	}
	if st.Replaced != 1 || st.Removed != 1 {
		t.Errorf("stats %+v, want 1 replaced and 1 entity (Aleppo) removed", st)
	}
	replaced := dump(t, s, p)

	// The attack is still reported by a2; Aleppo only by the old a1.
	for id, want := range map[string]bool{f.aleppo: false, f.attack: true, f.un: true, f.mfa: true} {
		if got := exists(t, s, id); got != want {
			t.Errorf("entity %s exists = %v, want %v", id, got, want)
		}
	}
	checkEntity(t, s, f.lavrov, map[string]any{
		"mentionCount": int64(2), "articleCount": int64(2),
		"aliases": []any{"سيرجي لافروف", "لافروف"}, "name": "سيرجي لافروف", // tie 1:1, smaller wins
	})
	checkEntity(t, s, f.attack, map[string]any{
		"mentionCount": int64(1), "articleCount": int64(1), "evidence": p + "a2#1", "type": "attack", "date": "2016-08-30",
	})
	// HOLDS_ROLE lost a1's sentence; OCCURRED_IN came only from a1.
	checkRel(t, s, f.lavrov, "HOLDS_ROLE", f.mfa, map[string]any{
		"articles": []any{p + "a2"}, "sentenceIds": []any{p + "a2#0"}, "count": int64(1), "title": "وزير الخارجية"})
	checkRel(t, s, f.attack, "OCCURRED_IN", f.aleppo, nil)
	checkRel(t, s, f.lavrov, "CO_MENTIONED", f.syria, map[string]any{
		"articles": []any{p + "a1", p + "a2"}, "sentenceIds": []any{p + "a1#0", p + "a2#1"}, "count": int64(2), "sentences": int64(2)})

	purge(t, s, p)
	write(t, s, []extract.Result{f.a1b, f.a2, f.a3})
	if fresh := dump(t, s, p); fresh != replaced {
		t.Errorf("replacing a1 differs from loading the new a1 afresh:\n%s", diffLines(fresh, replaced))
	}
}

func TestAggregates(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1}, []extract.Result{f.a2, f.a3})
	write(t, s, []extract.Result{f.a2}) // reloading changes no count
	checkEntity(t, s, f.lavrov, map[string]any{
		"mentionCount": int64(3), "articleCount": int64(2), "name": "سيرجي لافروف",
		"aliases": []any{"سيرجي لافروف", "سيرغي لافروف", "لافروف"}, "nameEn": "Sergey Lavrov", "wikidata": "Q4707",
	})
	checkEntity(t, s, f.syria, map[string]any{
		"mentionCount": int64(4), "articleCount": int64(3), "name": "سوريا", "aliases": []any{"سوريا", "سورية"}, "nameEn": "Syria",
	})
	checkEntity(t, s, f.attack, map[string]any{
		"mentionCount": int64(2), "articleCount": int64(2), "evidence": p + "a1#1", "type": "attack", "date": "2016-08-30",
	})
	checkRel(t, s, f.lavrov, "HOLDS_ROLE", f.mfa, map[string]any{
		"articles": []any{p + "a1", p + "a2"}, "sentenceIds": []any{p + "a1#0", p + "a2#0"}, "count": int64(2)})
	checkRel(t, s, f.lavrov, "CO_MENTIONED", f.syria, map[string]any{
		"articles": []any{p + "a1", p + "a2"}, "sentenceIds": []any{p + "a1#0", p + "a1#2", p + "a2#1"},
		"count": int64(3), "sentences": int64(3)})
	checkRel(t, s, f.syria, "PARTICIPATED_IN", f.attack, map[string]any{"role": "target", "count": int64(2)})

	_, rows, err := s.Query(context.Background(), `MATCH (a:Article {id: $a})-[m:MENTIONS]->(e:Entity {id: $e})
RETURN m.count, m.name, m.aliases, size([(s:Sentence)-[:MENTIONS]->(e) WHERE s.article = $a | s])`,
		map[string]any{"a": p + "a1", "e": f.lavrov})
	if err != nil {
		t.Fatal(err)
	}
	want := []any{int64(2), "سيرغي لافروف", []any{"سيرغي لافروف", "لافروف"}, int64(2)}
	if len(rows) != 1 || fmt.Sprint(rows[0]) != fmt.Sprint(want) {
		t.Errorf("a1's mention of Lavrov: %q, want %q", rows, want)
	}

	hashes, err := s.Hashes(context.Background(), []string{p + "a1", p + "a3", p + "nope"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hashes) != 2 || hashes[p+"a1"] != "h1" || hashes[p+"a3"] != "h3" {
		t.Errorf("Hashes = %v", hashes)
	}
}

func TestDelete(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1, f.a3})
	want := dump(t, s, p)
	purge(t, s, p)

	write(t, s, []extract.Result{f.a1, f.a2, f.a3})
	found, err := s.Delete(ctx, p+"a2")
	if err != nil || !found {
		t.Fatalf("Delete a2 = %v, %v", found, err)
	}
	if got := dump(t, s, p); got != want {
		t.Errorf("deleting a2 differs from never loading it:\n%s", diffLines(want, got))
	}
	if found, err := s.Delete(ctx, p+"a2"); err != nil || found {
		t.Errorf("second Delete a2 = %v, %v; want false, nil", found, err)
	}
	for _, id := range []string{"a1", "a3"} {
		if _, err := s.Delete(ctx, p+id); err != nil {
			t.Fatal(err)
		}
	}
	if got := dump(t, s, p); got != "" {
		t.Errorf("deleting every article left:\n%s", got)
	}
}

func TestWriteAllOrNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1})

	// A sentence node that belongs to no article takes the id the batch's
	// last article needs: the uniqueness constraint fails that statement
	// after the batch's other articles were already written in the same
	// transaction, and after a1's old version was removed.
	bad := extract.Result{Article: extract.ArticleMeta{ID: p + "bad"}, Sentences: sentences(1)}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CREATE (:Sentence {id: $id})", map[string]any{"id": SentenceID(p+"bad", 0)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		t.Fatal(err)
	}
	before := dump(t, s, p)
	if _, err := s.Write(ctx, []extract.Result{f.a1b, f.a2, f.a3, bad}); err == nil {
		t.Fatal("Write succeeded despite the clashing sentence id")
	} else if !strings.Contains(err.Error(), "ConstraintValidationFailed") {
		t.Errorf("write failed with %v, want a constraint violation", err)
	}
	if after := dump(t, s, p); after != before {
		t.Errorf("a failed batch left traces:\n%s", diffLines(before, after))
	}
}

func TestWriteCancelled(t *testing.T) {
	s := openTest(t)
	p := newPrefix(t, s)
	batch := synthetic(p, 0, 150, 300, 1)
	// Cancel at various points of the transaction: whatever happens, the
	// batch is in the graph completely or not at all.
	for _, after := range []time.Duration{20 * time.Millisecond, 200 * time.Millisecond, 600 * time.Millisecond, 1500 * time.Millisecond, time.Minute} {
		ctx, cancel := context.WithTimeout(context.Background(), after)
		_, err := s.Write(ctx, batch)
		cancel()
		settle(t, s, p)
		_, rows, qerr := s.Query(context.Background(),
			"RETURN COUNT { MATCH (a:Article) WHERE a.id STARTS WITH $p }, COUNT { MATCH (e:Entity) WHERE e.id CONTAINS $p }", map[string]any{"p": p})
		if qerr != nil {
			t.Fatal(qerr)
		}
		articles, entities := rows[0][0].(int64), rows[0][1].(int64)
		t.Logf("cancelled after %v: err=%v, %d articles, %d entities", after, err, articles, entities)
		// A cancel that races the commit may report an error for a
		// transaction that did commit; a part of the batch is never right.
		switch {
		case articles != 0 && articles != int64(len(batch)):
			t.Errorf("write left %d of %d articles", articles, len(batch))
		case articles == 0 && entities != 0:
			t.Errorf("failed write left %d entities", entities)
		case err == nil && articles != int64(len(batch)):
			t.Errorf("successful write has %d of %d articles", articles, len(batch))
		case err != nil && articles != 0 && !errors.Is(err, ErrUncertain):
			t.Errorf("write committed but reported %v, which does not wrap ErrUncertain", err)
		}
		purge(t, s, p)
	}
}

func TestQueryValues(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1})
	keys, rows, err := s.Query(ctx, `MATCH path = (e:Entity {id: $from})-[r:HOLDS_ROLE]->(o)
RETURN e, r, path, [1, 2.5, 'x', null], date('2016-08-30') AS d`, map[string]any{"from": f.lavrov})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(keys, []string{"e", "r", "path", "[1, 2.5, 'x', null]", "d"}) || len(rows) != 1 {
		t.Fatalf("keys %q, %d rows", keys, len(rows))
	}
	node := rows[0][0].(map[string]any)
	if got := fmt.Sprint(node["labels"]); got != "[Entity Person]" {
		t.Errorf("labels %s", got)
	}
	if node["properties"].(map[string]any)["id"] != f.lavrov {
		t.Errorf("node %v", node)
	}
	rel := rows[0][1].(map[string]any)
	if rel["type"] != "HOLDS_ROLE" || rel["properties"].(map[string]any)["title"] != "وزير الخارجية" {
		t.Errorf("relationship %v", rel)
	}
	path := rows[0][2].(map[string]any)
	prel := path["relationships"].([]any)[0].(map[string]any)
	if len(path["nodes"].([]any)) != 2 || prel["start"] != f.lavrov || prel["end"] != f.mfa {
		t.Errorf("path %v", path)
	}
	if got := fmt.Sprint(rows[0][3]); got != "[1 2.5 x <nil>]" {
		t.Errorf("list %s", got)
	}
	if rows[0][4] != "2016-08-30" {
		t.Errorf("date %v", rows[0][4])
	}
	if _, _, err := s.Query(ctx, "CREATE (:Entity {id: $id})", map[string]any{"id": "person:" + p + "w"}); err == nil {
		t.Error("Query ran a write")
	}
}

func TestCountsAndFulltext(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	before, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, []extract.Result{f.a1, f.a2, f.a3})
	after, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Others may write to the database meanwhile: check presence and sense,
	// not exact differences.
	d := after.Sub(before)
	for _, k := range []string{"*", "Article", "Sentence", "Entity", "Person", "Organization", "Place", "Event"} {
		if _, ok := after.Nodes[k]; !ok {
			t.Errorf("no node count for %s", k)
		}
	}
	for _, k := range append([]string{"*", "HAS_SENTENCE", "MENTIONS"}, relationTypes()...) {
		if _, ok := after.Relationships[k]; !ok {
			t.Errorf("no relationship count for %s", k)
		}
	}
	if after.Nodes["Article"] < 3 || after.Nodes["*"] < after.Nodes["Entity"] {
		t.Errorf("counts %+v (difference %+v)", after, d)
	}

	_, err = neo4j.ExecuteQuery(ctx, s.driver, "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		t.Fatal(err)
	}
	_, rows, err := s.Query(ctx, `CALL db.index.fulltext.queryNodes('entityNames', $q) YIELD node
WHERE node.id CONTAINS $p RETURN node.id`, map[string]any{"q": "لافروف", "p": p})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0][0] != f.lavrov {
		t.Errorf("full-text search for لافروف: %v", rows)
	}
}

// settle waits until the server runs no transaction of the test's any
// more: a write whose context ended during its commit may still commit.
func settle(t *testing.T, s *Store, p string) {
	t.Helper()
	for range 300 {
		_, rows, err := s.Query(context.Background(), `SHOW TRANSACTIONS YIELD metaData
WHERE metaData.app = 'kg' AND metaData.first STARTS WITH $p RETURN count(*)`, map[string]any{"p": p})
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0].(int64) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the test's transactions are still running after 30s")
}

func exists(t *testing.T, s *Store, id string) bool {
	t.Helper()
	_, rows, err := s.Query(context.Background(), "MATCH (e:Entity {id: $id}) RETURN count(e)", map[string]any{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	return rows[0][0].(int64) > 0
}

func checkEntity(t *testing.T, s *Store, id string, want map[string]any) {
	t.Helper()
	_, rows, err := s.Query(context.Background(), "MATCH (e:Entity {id: $id}) RETURN properties(e)", map[string]any{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("entity %s: %d nodes", id, len(rows))
	}
	checkProps(t, id, rows[0][0].(map[string]any), want)
}

// checkRel checks the properties of the one relation typ from→to; nil
// want means there must be none.
func checkRel(t *testing.T, s *Store, from, typ, to string, want map[string]any) {
	t.Helper()
	_, rows, err := s.Query(context.Background(), "MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to}) WHERE type(r) = $typ RETURN properties(r)",
		map[string]any{"from": from, "to": to, "typ": typ})
	if err != nil {
		t.Fatal(err)
	}
	if want == nil {
		if len(rows) != 0 {
			t.Errorf("%s %s %s still exists: %v", from, typ, to, rows)
		}
		return
	}
	if len(rows) != 1 {
		t.Fatalf("%s %s %s: %d relations", from, typ, to, len(rows))
	}
	checkProps(t, from+" "+typ+" "+to, rows[0][0].(map[string]any), want)
}

func checkProps(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	for k, w := range want {
		if g := got[k]; fmt.Sprintf("%#v", g) != fmt.Sprintf("%#v", w) {
			t.Errorf("%s.%s = %q, want %q", what, k, g, w)
		}
	}
}

// TestEntityDeletedAfterEntitiesStep deletes entities that a batch's
// entities step created, as another writer that finds them mentioned by no
// article would, and creates nodes that may take their element ids, before
// the batch's content: the content transactions must not write to a
// stranger, and the batch must still go in completely.
func TestEntityDeletedAfterEntitiesStep(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	batch := []extract.Result{f.a1, f.a2, f.a3}
	write(t, s, batch)
	want := dump(t, s, p)
	purge(t, s, p)

	deleted := 0
	afterEntities = func(ids []string) {
		afterEntities = nil
		_, err := neo4j.ExecuteQuery(ctx, s.driver, `UNWIND $ids AS id
MATCH (e:Entity {id: id}) DETACH DELETE e
WITH count(*) AS n
UNWIND range(1, 50) AS i
CREATE (:Entity:Person {id: $p + 'stranger-' + i})
RETURN n`, map[string]any{"ids": ids[:2], "p": "person:" + p},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
		if err != nil {
			t.Error(err)
		}
		deleted = len(ids[:2])
	}
	t.Cleanup(func() { afterEntities = nil })
	if _, err := s.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if deleted != 2 {
		t.Fatalf("the hook deleted %d entities", deleted)
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "MATCH (e:Entity) WHERE e.id STARTS WITH $p DETACH DELETE e",
		map[string]any{"p": "person:" + p + "stranger-"}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, s, p); got != want {
		t.Errorf("graph differs from a write without the deletion:\n%s", diffLines(want, got))
	}
}

// TestRemoveStrays leaves an entity as a load killed right after a
// batch's entities step would (no article, no aggregates) and checks that
// RemoveStrays deletes it and nothing else.
func TestRemoveStrays(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	p := newPrefix(t, s)
	f := newFixture(p)
	write(t, s, []extract.Result{f.a1, f.a2})
	want := dump(t, s, p)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CREATE (:Entity:Person {id: $id})", map[string]any{"id": "person:" + p + "stray"},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		t.Fatal(err)
	}
	if dump(t, s, p) == want {
		t.Fatal("the stray entity is not in the dump")
	}
	n, err := s.RemoveStrays(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 {
		t.Errorf("RemoveStrays deleted %d entities, want at least the stray one", n)
	}
	if got := dump(t, s, p); got != want {
		t.Errorf("graph after RemoveStrays:\n%s", diffLines(want, got))
	}
}
