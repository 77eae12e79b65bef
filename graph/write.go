package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Stats describes what one Write or Delete did.
type Stats struct {
	Articles  int // articles written (or deleted)
	Replaced  int // of those, articles that were in the graph before
	Sentences int
	Entities  int // distinct entities of the batch
	Mentions  int // mentions, one Sentence-MENTIONS edge each
	Relations int // distinct typed relations of the batch
	// Touched is the number of entities whose aggregates were recomputed;
	// Removed, of those, the entities no article mentions any more.
	Touched int
	Removed int
	// Server counters summed over the batch's statements.
	NodesCreated         int
	NodesDeleted         int
	RelationshipsCreated int
	RelationshipsDeleted int
	PropertiesSet        int
}

// Elements is the number of nodes and relationships created.
func (s Stats) Elements() int { return s.NodesCreated + s.RelationshipsCreated }

func (s *Stats) add(c neo4j.Counters) {
	s.NodesCreated += c.NodesCreated()
	s.NodesDeleted += c.NodesDeleted()
	s.RelationshipsCreated += c.RelationshipsCreated()
	s.RelationshipsDeleted += c.RelationshipsDeleted()
	s.PropertiesSet += c.PropertiesSet()
}

// typedRelations is the relationship-type alternation of the typed relations.
const typedRelations = "HOLDS_ROLE|SPOKESPERSON_FOR|MEMBER_OF|PART_OF|PARTICIPATED_IN|OCCURRED_IN|CO_MENTIONED|RENAMED_TO"

// Removal of whatever earlier versions of the articles $ids contributed.
const (
	// qOld finds which articles exist and which entities they mention.
	qOld = `UNWIND $ids AS aid
MATCH (a:Article {id: aid})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN count(DISTINCT a) AS n, collect(DISTINCT e.id) AS entities`

	// qUnrelate takes the articles out of the provenance lists of the typed
	// relations they contributed to; both ends of such a relation are
	// entities the article mentions, so starting from its start node finds
	// each one once. Filtering keeps the lists sorted. A sentence id belongs
	// to article aid when it is aid, '#', and an index without '#'.
	qUnrelate = `UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:MENTIONS]->(:Entity)-[r:` + typedRelations + `]->(:Entity)
WHERE aid IN r.articles
WITH r, collect(DISTINCT aid) AS aids
SET r.articles = [x IN r.articles WHERE NOT x IN aids],
    r.sentenceIds = [s IN r.sentenceIds WHERE none(aid IN aids WHERE s STARTS WITH aid + '#' AND NOT substring(s, size(aid) + 1) CONTAINS '#')]
SET r.count = size(r.sentenceIds),
    r.sentences = CASE type(r) WHEN 'CO_MENTIONED' THEN size(r.sentenceIds) END
WITH r WHERE size(r.articles) = 0
DELETE r
RETURN count(*) AS n`

	// qUnsentence deletes the articles' sentences and their mention edges.
	qUnsentence = `UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:HAS_SENTENCE]->(s:Sentence)
DETACH DELETE s
RETURN count(*) AS n`

	// qUnmention deletes the articles' Article-MENTIONS edges.
	qUnmention = `UNWIND $ids AS aid
MATCH (:Article {id: aid})-[m:MENTIONS]->(:Entity)
DELETE m
RETURN count(*) AS n`

	// qDeleteArticle deletes the article nodes themselves (Delete only).
	qDeleteArticle = `UNWIND $ids AS aid
MATCH (a:Article {id: aid})
DETACH DELETE a
RETURN count(*) AS n`
)

// Writing the new versions.
const (
	qArticles = `UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row.props
RETURN count(*) AS n`

	qSentences = `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
CREATE (a)-[:HAS_SENTENCE]->(s:Sentence)
SET s = row.props
RETURN count(*) AS n`

	qArticleMentions = `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Entity {id: row.entity})
CREATE (a)-[m:MENTIONS]->(e)
SET m = row.props
RETURN count(*) AS n`

	qSentenceMentions = `UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentence})
MATCH (e:Entity {id: row.entity})
CREATE (s)-[m:MENTIONS]->(e)
SET m = row.props
RETURN count(*) AS n`
)

// Entity aggregates, recomputed from the Article-MENTIONS edges only, so
// they do not depend on load order.
const (
	qOrphans = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e
RETURN count(*) AS n`

	// Each "mode" subquery picks the value most articles used, ties going
	// to the smallest; collect drops nulls, so absent values never win.
	qRecompute = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (:Article)-[m:MENTIONS]->(e)
  RETURN count(m) AS articleCount, sum(m.count) AS mentionCount,
         collect(m.aliases) AS aliasLists, collect(m.name) AS names,
         collect(m.nameEn) AS nameEns, collect(m.wikidata) AS wikidatas,
         collect(m.type) AS types, collect(m.date) AS dates, min(m.evidence) AS evidence
}
CALL (aliasLists) {
  UNWIND aliasLists AS l UNWIND l AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS aliases
}
CALL (names) { UNWIND names AS v WITH v, count(*) AS c ORDER BY c DESC, v RETURN head(collect(v)) AS name }
CALL (nameEns) { UNWIND nameEns AS v WITH v, count(*) AS c ORDER BY c DESC, v RETURN head(collect(v)) AS nameEn }
CALL (wikidatas) { UNWIND wikidatas AS v WITH v, count(*) AS c ORDER BY c DESC, v RETURN head(collect(v)) AS wikidata }
CALL (types) { UNWIND types AS v WITH v, count(*) AS c ORDER BY c DESC, v RETURN head(collect(v)) AS eventType }
CALL (dates) { UNWIND dates AS v WITH v, count(*) AS c ORDER BY c DESC, v RETURN head(collect(v)) AS date }
SET e.articleCount = articleCount, e.mentionCount = mentionCount, e.aliases = aliases,
    e.name = name, e.nameEn = nameEn, e.wikidata = wikidata,
    e.type = eventType, e.date = date, e.evidence = evidence
RETURN count(*) AS n`
)

// entityQuery merges the entity nodes of one type. Labels cannot be
// parameters, so there is one constant statement per type.
func entityQuery(label string) string {
	return `UNWIND $rows AS id
MERGE (e:Entity {id: id})
SET e:` + label + `
RETURN count(*) AS n`
}

// relationQuery merges the typed relations of one type: both ends are
// matched first, the relation is merged on its identifying property only,
// and the provenance lists are merged with what is there, sorted and
// distinct.
func relationQuery(typ string) string {
	ident := ""
	if k := relationKey(typ); k != "" {
		ident = " {" + k + ": row.key}"
	}
	sentences := ""
	if typ == extract.CoMentioned {
		sentences = ", r.sentences = size(sentenceIds)"
	}
	return `UNWIND $rows AS row
MATCH (f:Entity {id: row.from})
MATCH (t:Entity {id: row.to})
MERGE (f)-[r:` + typ + ident + `]->(t)
WITH r, row
CALL (r, row) {
  UNWIND coalesce(r.articles, []) + row.articles AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS articles
}
CALL (r, row) {
  UNWIND coalesce(r.sentenceIds, []) + row.sentenceIds AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS sentenceIds
}
SET r.articles = articles, r.sentenceIds = sentenceIds, r.count = size(sentenceIds)` + sentences + `
RETURN count(*) AS n`
}

// Write stores a batch of articles in one transaction: for each article it
// first removes what an earlier version contributed, then writes the new
// version, then recomputes every entity the old or new versions touch and
// deletes entities no article mentions any more. Either the whole batch is
// written or nothing is. When ctx ends while the commit is under way the
// outcome is unknown (as with any database); writing the batch again is
// always safe. Write does not compare content hashes; callers skip
// unchanged articles with Hashes. Pass about BatchSize articles at once.
func (s *Store) Write(ctx context.Context, results []extract.Result) (Stats, error) {
	if len(results) == 0 {
		return Stats{}, nil
	}
	r, err := buildRows(results)
	if err != nil {
		return Stats{}, err
	}
	start := time.Now()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	committing := false
	stats, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (Stats, error) {
		committing = false
		// A fresh Stats per attempt: the driver may run this function again.
		st := Stats{
			Articles: len(r.ids), Sentences: len(r.sentences), Entities: len(r.entityIDs),
			Mentions: len(r.sentenceMentions), Relations: r.relationCount,
		}
		old, err := s.remove(ctx, tx, r.ids, &st)
		if err != nil {
			return st, err
		}
		if err := s.insert(ctx, tx, r, &st); err != nil {
			return st, err
		}
		touched := union(old, r.entityIDs)
		if err := s.recompute(ctx, tx, touched, minus(old, r.entityIDs), &st); err != nil {
			return st, err
		}
		committing = true
		return st, nil
	}, txMeta("write", r.ids))
	if err != nil {
		return Stats{}, fmt.Errorf("graph write of %d articles (first %q): %w", len(results), results[0].Article.ID, uncertain(committing, err))
	}
	s.log.Debug("batch written", "articles", stats.Articles, "replaced", stats.Replaced,
		"nodesCreated", stats.NodesCreated, "relsCreated", stats.RelationshipsCreated,
		"entitiesRemoved", stats.Removed, "took", time.Since(start))
	return stats, nil
}

// Delete removes one article and everything it contributed, and nothing
// else: entities only it mentioned disappear, shared ones are recomputed.
// It reports whether the article was in the graph.
func (s *Store) Delete(ctx context.Context, articleID string) (bool, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	ids := []any{articleID}
	committing := false
	st, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (Stats, error) {
		committing = false
		var st Stats
		old, err := s.remove(ctx, tx, ids, &st)
		if err != nil || st.Replaced == 0 {
			return st, err
		}
		if _, err := run(ctx, tx, qDeleteArticle, map[string]any{"ids": ids}, 1, &st); err != nil {
			return st, err
		}
		st.Articles = 1
		if err := s.recompute(ctx, tx, old, old, &st); err != nil {
			return st, err
		}
		committing = true
		return st, nil
	}, txMeta("delete", ids))
	if err != nil {
		return false, fmt.Errorf("graph delete %q: %w", articleID, uncertain(committing, err))
	}
	s.log.Debug("article deleted", "id", articleID, "found", st.Articles > 0, "entitiesRemoved", st.Removed)
	return st.Articles > 0, nil
}

// uncertain marks an error that cut the connection while the commit was
// under way: the server may have committed.
func uncertain(committing bool, err error) error {
	var n4j *neo4j.Neo4jError
	if committing && !errors.As(err, &n4j) {
		return fmt.Errorf("%w: %w", ErrUncertain, err)
	}
	return err
}

// txMeta labels a transaction so that SHOW TRANSACTIONS tells what it is.
func txMeta(op string, ids []any) func(*neo4j.TransactionConfig) {
	return neo4j.WithTxMetadata(map[string]any{"app": "kg", "op": op, "first": ids[0], "articles": len(ids)})
}

// remove takes out what the articles ids contributed, except their
// Article nodes, and returns the ids of the entities they mentioned.
func (s *Store) remove(ctx context.Context, tx neo4j.ManagedTransaction, ids []any, st *Stats) ([]string, error) {
	p := map[string]any{"ids": ids}
	rec, err := run(ctx, tx, qOld, p, -1, st)
	if err != nil {
		return nil, err
	}
	st.Replaced = count(rec, "n")
	if st.Replaced == 0 {
		return nil, nil
	}
	v, _ := rec.Get("entities")
	list, _ := v.([]any)
	old := make([]string, 0, len(list))
	for _, x := range list {
		if id, ok := x.(string); ok {
			old = append(old, id)
		}
	}
	slices.Sort(old)
	for _, q := range []string{qUnrelate, qUnsentence, qUnmention} {
		if _, err := run(ctx, tx, q, p, -1, st); err != nil {
			return nil, err
		}
	}
	return old, nil
}

// insert writes the new versions of the batch's articles: nodes first,
// then the edges that match them.
func (s *Store) insert(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, st *Stats) error {
	type step struct {
		q    string
		rows []any
	}
	steps := []step{{qArticles, r.articles}, {qSentences, r.sentences}}
	for _, t := range entityTypes() {
		steps = append(steps, step{entityQuery(t), r.entities[t]})
	}
	steps = append(steps, step{qArticleMentions, r.articleMentions}, step{qSentenceMentions, r.sentenceMentions})
	for _, t := range relationTypes() {
		steps = append(steps, step{relationQuery(t), r.relations[t]})
	}
	for _, x := range steps {
		if len(x.rows) == 0 {
			continue
		}
		if _, err := run(ctx, tx, x.q, map[string]any{"rows": x.rows}, len(x.rows), st); err != nil {
			return err
		}
	}
	return nil
}

// recompute deletes the entities among maybeGone that no article mentions
// any more, then recomputes the aggregates of the rest of touched.
func (s *Store) recompute(ctx context.Context, tx neo4j.ManagedTransaction, touched, maybeGone []string, st *Stats) error {
	st.Touched = len(touched)
	if len(maybeGone) > 0 {
		rec, err := run(ctx, tx, qOrphans, map[string]any{"ids": maybeGone}, -1, st)
		if err != nil {
			return err
		}
		st.Removed = count(rec, "n")
	}
	if len(touched) == 0 {
		return nil
	}
	_, err := run(ctx, tx, qRecompute, map[string]any{"ids": touched}, len(touched)-st.Removed, st)
	return err
}

// run executes one statement that returns a single record with a count n,
// adds its counters to st, and when want ≥ 0 checks that n rows went
// through: a MATCH that finds nothing drops rows silently.
func run(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any, want int, st *Stats) (*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	st.add(sum.Counters())
	if want >= 0 {
		if n, _ := rec.Get("n"); n != int64(want) {
			return nil, fmt.Errorf("%s: %v of %d rows written", firstLine(q), n, want)
		}
	}
	return rec, nil
}

// count reads an integer column of a record; 0 when absent.
func count(rec *neo4j.Record, key string) int {
	v, _ := rec.Get(key)
	n, _ := v.(int64)
	return int(n)
}

// union returns the sorted distinct ids of a and b (both sorted).
func union(a, b []string) []string {
	out := append(append(make([]string, 0, len(a)+len(b)), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// minus returns the ids of a that are not in b (b sorted).
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}
