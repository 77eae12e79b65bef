package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

// addAll adds every count of o.
func (s *Stats) addAll(o Stats) {
	s.Articles += o.Articles
	s.Replaced += o.Replaced
	s.Sentences += o.Sentences
	s.Entities += o.Entities
	s.Mentions += o.Mentions
	s.Relations += o.Relations
	s.Touched += o.Touched
	s.Removed += o.Removed
	s.addStats(o)
}

// addStats adds the server counters of o.
func (s *Stats) addStats(o Stats) {
	s.NodesCreated += o.NodesCreated
	s.NodesDeleted += o.NodesDeleted
	s.RelationshipsCreated += o.RelationshipsCreated
	s.RelationshipsDeleted += o.RelationshipsDeleted
	s.PropertiesSet += o.PropertiesSet
}

// typedRelations is the relationship-type alternation of the typed relations.
const typedRelations = "HOLDS_ROLE|SPOKESPERSON_FOR|MEMBER_OF|PART_OF|PARTICIPATED_IN|OCCURRED_IN|CO_MENTIONED|RENAMED_TO"

// Removal of whatever earlier versions of the articles $ids contributed.
const (
	// qClaimArticles takes the write lock of each article of a chunk, in
	// id order, before its state is read: a second writer of the same
	// article waits here until the first commits, then sees what it wrote
	// and replaces it, instead of adding a copy beside it. An article is
	// done when it has a contentHash (its whole contribution is in the
	// graph) and pending when it has a pending token instead (its content
	// is in the graph, its share of entity aggregates and typed relations
	// is not). A node it creates is neither until the chunk writes it. It
	// returns how many articles it locked (n), the done ones, how many are
	// pending and the entities those mention.
	qClaimArticles = `UNWIND $ids AS aid
MERGE (a:Article {id: aid})
SET a:Article
WITH a, a.contentHash IS NOT NULL AS done, a.pending IS NOT NULL AS pending
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity) WHERE pending
RETURN count(DISTINCT a) AS n, collect(DISTINCT CASE WHEN done THEN a.id END) AS done,
       count(DISTINCT CASE WHEN pending THEN a END) AS pending, collect(DISTINCT e.id) AS entities`

	// qFinishClaim locks the articles of a batch ($rows: [id,
	// replaceable]), in id order, and tells which still carry the writer's
	// token (ours), which of the replaceable ones are done, and the
	// entities those mention. An article another writer claimed since is
	// neither: that writer completes it. So is a done article that is not
	// replaceable (the writer no longer has its content): whoever made it
	// done counted it.
	qFinishClaim = `UNWIND $rows AS row
MATCH (a:Article {id: row[0]})
SET a:Article
WITH a, a.pending = $token AS ours, a.contentHash IS NOT NULL AND row[1] AS done
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity) WHERE done
RETURN collect(DISTINCT CASE WHEN ours THEN a.id END) AS ours, collect(DISTINCT CASE WHEN done THEN a.id END) AS done,
       collect(DISTINCT e.id) AS entities`

	// qMarkDone marks the articles that carry the writer's token done.
	qMarkDone = `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
WITH a, row WHERE a.pending = $token
SET a.contentHash = row.hash
REMOVE a.pending
RETURN count(*) AS n`

	// qAbandonClaim locks the articles of a failed batch, in id order, and
	// returns those still pending with the writer's token and the
	// entities they mention.
	qAbandonClaim = `UNWIND $ids AS aid
MATCH (a:Article {id: aid})
SET a:Article
WITH a WHERE a.pending = $token
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN collect(DISTINCT a.id) AS ours, collect(DISTINCT e.id) AS entities`

	// qOld finds which articles exist, done or pending, and which
	// entities they mention.
	qOld = `UNWIND $ids AS aid
MATCH (a:Article {id: aid}) WHERE a.contentHash IS NOT NULL OR a.pending IS NOT NULL
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
RETURN count(DISTINCT a) AS old, collect(DISTINCT e.id) AS entities`

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

// Locking and reading the batch's entities.
const (
	// qLockEntities merges the entities a batch touches, sorted by id so
	// that concurrent writers take the locks in the same order, and
	// returns the element id (valid in this transaction only) and the
	// stored aggregates of each. Setting a label, even one the node has,
	// takes the node's write lock: until the commit no other writer
	// changes the entity, so what it returns stays true. Entities only an
	// old version mentioned get the label Entity, which they have.
	qLockEntities = `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e:$(row.label)
RETURN row.id AS id, elementId(e) AS eid, e.articleCount AS articleCount, e.mentionCount AS mentionCount,
       e.aliases AS aliases, e.evidence AS evidence,
       e.name AS name, e.nameEn AS nameEn, e.wikidata AS wikidata, e.type AS type, e.date AS date`

	// qMergeEntities creates the entities a batch mentions that are not in
	// the graph yet, without aggregates, in id order, and returns the
	// element id of each. It takes no lock on existing entities, so that
	// it runs beside other writers that mention the same entities.
	qMergeEntities = `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.label)
RETURN row.id AS id, elementId(e) AS eid`

	// qLockExisting takes the write lock of existing entities (Delete).
	qLockExisting = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e:Entity
RETURN count(*) AS n`
)

// Writing the new versions. Rows name entities by their position in
// $eids, the element ids qMergeEntities or qLockEntities returned.
const (
	// qArticles writes each article with its Article-MENTIONS edges, its
	// sentences and their mention edges, pending with $token, except the
	// articles $skip. The entity nodes the articles mention are looked up
	// once into a list (es) that the rows index, by [element id, id] pairs
	// ($eids): the id check makes an element id read in an earlier
	// transaction safe even if its node was deleted since and the element
	// id reused. If one is missing the list is short and nothing is
	// written, which the caller's count of created relationships tells.
	// The check is in the projection, not the MATCH: a plan made on an
	// empty database would otherwise scan every entity.
	qArticles = `CALL () {
  UNWIND $eids AS x
  MATCH (e) WHERE elementId(e) = x[0]
  RETURN collect(CASE WHEN e.id = x[1] THEN e END) AS es
}
WITH es WHERE size(es) = size($eids)
UNWIND $articles AS art
WITH es, art WHERE NOT art.id IN $skip
MERGE (a:Article {id: art.id})
SET a.path = art.path, a.title = art.title, a.url = art.url, a.source = art.source,
    a.published = art.published, a.lang = art.lang, a.contentHash = null, a.pending = $token
WITH es, a, art
CALL (es, a, art) {
  UNWIND art.mentions AS m // [entity, count, name, aliases, nameEn, wikidata, type, date, evidence]
  WITH a, m, es[m[0]] AS e
  CREATE (a)-[:MENTIONS {count: m[1], name: m[2], aliases: m[3], nameEn: m[4],
    wikidata: m[5], type: m[6], date: m[7], evidence: m[8]}]->(e)
}
UNWIND art.sentences AS s // [id, index, text, start, end, mentions]
CREATE (a)-[:HAS_SENTENCE]->(n:Sentence {id: s[0], index: s[1], text: s[2], start: s[3], end: s[4], article: art.id})
WITH es, n, s
UNWIND s[5] AS m // [entity, start, end, text]
WITH n, m, es[m[0]] AS e
CREATE (n)-[:MENTIONS {start: m[1], end: m[2], text: m[3]}]->(e)`

	// qClaimNew is qClaimArticles and qArticles in one statement, for the
	// common case: it claims the chunk's articles ($ids, sorted) and, only
	// when none of them is done or pending (busy), writes their content.
	// A busy chunk comes back with nothing written, for the general path.
	qClaimNew = `UNWIND $ids AS aid
MERGE (a:Article {id: aid})
SET a:Article
WITH count(a) AS n, count(CASE WHEN a.contentHash IS NOT NULL OR a.pending IS NOT NULL THEN 1 END) AS busy
CALL (busy) {
  WITH busy WHERE busy = 0
` + qArticles + `
}
RETURN n, busy`

	// qSetAggregates stores aggregates computed by the writer; a null
	// removes a property.
	qSetAggregates = `UNWIND $rows AS row
MATCH (e) WHERE elementId(e) = row.eid
SET e += row.props
RETURN count(*) AS n`

	// qRecount counts, over all articles, the votes for the candidate
	// values of the mode properties whose winner a batch may have changed.
	qRecount = `UNWIND $rows AS row
MATCH (e) WHERE elementId(e) = row.eid
MATCH (a:Article)-[m:MENTIONS]->(e) WHERE a.contentHash IS NOT NULL
UNWIND row.props AS p
WITH row, p, m[p.name] AS v
WHERE v IN p.cands
RETURN row.eid AS eid, p.name AS prop, v AS value, count(*) AS votes`
)

// Entity aggregates recomputed from the Article-MENTIONS edges of done
// articles, for the entities whose share of an article was taken away:
// removing a view can change a mode or drop an alias, which only the
// remaining edges tell. An entity that only pending articles mention keeps
// no aggregates.
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
  MATCH (a:Article)-[m:MENTIONS]->(e) WHERE a.contentHash IS NOT NULL
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
SET e.articleCount = CASE articleCount WHEN 0 THEN null ELSE articleCount END,
    e.mentionCount = CASE articleCount WHEN 0 THEN null ELSE mentionCount END,
    e.aliases = CASE size(aliases) WHEN 0 THEN null ELSE aliases END,
    e.name = name, e.nameEn = nameEn, e.wikidata = wikidata,
    e.type = eventType, e.date = date, e.evidence = evidence
RETURN count(*) AS n`
)

// relationQuery merges the typed relations of one type: both ends are
// found by element id, the relation is merged on its identifying property
// only, and the provenance lists are merged with what is there, sorted and
// distinct. Loading in id order only appends, which needs no sort.
func relationQuery(typ string) string {
	ident := ""
	if k := relationKey(typ); k != "" {
		ident = " {" + k + ": row[2]}"
	}
	sentences := ""
	if typ == extract.CoMentioned {
		sentences = ", r.sentences = size(sentenceIds)"
	}
	merge := func(p, v string) string {
		return `CASE WHEN r.` + p + ` IS NULL THEN ` + v + `
      WHEN last(r.` + p + `) < head(` + v + `) THEN r.` + p + ` + ` + v + `
      ELSE COLLECT { UNWIND r.` + p + ` + ` + v + ` AS x RETURN DISTINCT x ORDER BY x } END`
	}
	return `UNWIND $rows AS row // [from, to, key, articles, sentenceIds]
MATCH (f) WHERE elementId(f) = $eids[row[0]]
MATCH (t) WHERE elementId(t) = $eids[row[1]]
MERGE (f)-[r:` + typ + ident + `]->(t)
WITH r, row, ` + merge("articles", "row[3]") + ` AS articles,
     ` + merge("sentenceIds", "row[4]") + ` AS sentenceIds
SET r.articles = articles, r.sentenceIds = sentenceIds, r.count = size(sentenceIds)` + sentences + `
RETURN count(*) AS n`
}

// newRelationQuery creates typed relations of one type that cannot exist
// yet, because one of their ends is new in this transaction: no MERGE, no
// lock on the ends, no list to merge.
func newRelationQuery(typ string) string {
	props := "articles: row[3], sentenceIds: row[4], count: size(row[4])"
	if k := relationKey(typ); k != "" {
		props = k + ": row[2], " + props
	}
	if typ == extract.CoMentioned {
		props += ", sentences: size(row[4])"
	}
	return `UNWIND $rows AS row // [from, to, key, articles, sentenceIds]
MATCH (f) WHERE elementId(f) = $eids[row[0]]
MATCH (t) WHERE elementId(t) = $eids[row[1]]
CREATE (f)-[:` + typ + ` {` + props + `}]->(t)
RETURN count(*) AS n`
}

// Write stores a batch of articles. For each article it first removes what
// an earlier version contributed, then writes the new version, then brings
// the aggregates of every entity the old or new versions touch up to date
// and deletes entities no article mentions any more. When ctx ends while a
// commit is under way the outcome is unknown (as with any database);
// writing the batch again is always safe. Write does not compare content
// hashes; callers skip unchanged articles with Hashes. Pass about
// BatchSize articles at once.
//
// An article is written in two steps, each a transaction, after one
// transaction that creates the batch's entities that are not in the graph
// yet (so that the content transactions only look them up). Its content
// (the Article node, its sentences and mention edges) goes in a small
// transaction of a few articles, several at once, and leaves the article
// pending: it carries the writer's token and no contentHash, and no
// aggregate or typed relation counts it. Then one transaction for the
// whole batch adds the pending articles' share to the entities and typed
// relations and marks them done by setting contentHash. Short content
// transactions keep Neo4j's transaction state young, which saves its
// garbage collector most of its work, while popular entities are updated
// once a batch rather than once a chunk. A crash between the two steps
// leaves pending articles, which Hashes reports as absent: the next load
// of them writes them again, removing the pending content first. Readers
// may see a pending article's content before its aggregates.
//
// Aggregates cost what the batch adds, not what the graph holds: counts,
// aliases and evidence are updated from the stored values, and a name is
// recounted over all articles only when the batch votes for another value
// than the stored one. Entities an old version mentioned are recomputed
// from their edges.
func (s *Store) Write(ctx context.Context, results []extract.Result) (Stats, error) {
	b, err := NewBatch(results)
	if err != nil {
		return Stats{}, err
	}
	return s.WriteBatch(ctx, b)
}

// Batch is a batch of Results checked against the extraction contract and
// flattened into the parameters of the write statements. Building it costs
// CPU but no I/O, so a loader can build the next batch while the previous
// one is written; it does not keep the Results.
type Batch struct {
	rows *rows
}

// NewBatch checks and flattens results; its error wraps ErrInvalid.
// Article ids must be distinct within a batch.
func NewBatch(results []extract.Result) (*Batch, error) {
	r, err := buildRows(results)
	if err != nil {
		return nil, err
	}
	return &Batch{rows: r}, nil
}

// Len is the number of articles of the batch.
func (b *Batch) Len() int { return len(b.rows.ids) }

// WriteBatch is Write for a batch built by NewBatch; writing the same
// batch again is safe.
func (s *Store) WriteBatch(ctx context.Context, b *Batch) (Stats, error) {
	r := b.rows
	if len(r.ids) == 0 {
		return Stats{}, nil
	}
	start := time.Now()
	w := &batchWrite{s: s, r: r, rewritable: r, token: newToken(), st: Stats{
		Articles: len(r.ids), Sentences: r.sentenceCount, Entities: len(r.entityIDs),
		Mentions: r.mentionCount, Relations: r.relationCount,
	}}
	err := w.writeContent(ctx)
	contentTook := time.Since(start)
	if err == nil {
		err = w.finish(ctx)
	}
	if err != nil {
		w.abandon(ctx)
		return Stats{}, writeError(r, err)
	}
	took := time.Since(start)
	s.log.Debug("batch written", "first", r.ids[0], "articles", w.st.Articles, "replaced", w.st.Replaced,
		"nodesCreated", w.st.NodesCreated, "relsCreated", w.st.RelationshipsCreated,
		"entitiesRemoved", w.st.Removed, "took", took, "content", contentTook, "finish", took-contentTook)
	return w.st, nil
}

// contentWriters is the number of content transactions a batch runs at
// once. Two keep a local Neo4j busy while each waits for its commit or
// for the client, without contending much for locks: chunks share only
// entity nodes, and Neo4j adds relationships to a dense node under a
// shared lock. A deadlock between them is retried by the driver.
const contentWriters = 2

// batchWrite is one WriteBatch under way.
type batchWrite struct {
	s     *Store
	r     *rows
	token string
	mu    sync.Mutex
	st    Stats
	// rewritable is the batch whose articles finish can write again (to
	// replace a done version); nil when there is none. WriteBatch's is
	// r; a Writer's group keeps only the last batch's.
	rewritable *rows
	// replacing is set when a chunk found articles done, which finish
	// replaces.
	replacing atomic.Bool
	// eids are the element ids of the batch's entities, by id, as the
	// entities transaction found or created them.
	eids map[string]any
}

// afterEntities, when set (by tests), runs between a batch's entities
// step and its content.
var afterEntities func(ids []string)

// writeContent runs the entities step, then writes the content of every
// chunk, leaving the articles pending.
func (w *batchWrite) writeContent(ctx context.Context) error {
	if err := w.entities(ctx); err != nil {
		return err
	}
	if afterEntities != nil {
		afterEntities(w.r.entityIDs)
	}
	return w.content(ctx)
}

// writeError is the error of a failed write of the articles of r.
func writeError(r *rows, err error) error {
	return fmt.Errorf("graph write of %d articles (first %q): %w", len(r.ids), r.ids[0], err)
}

// entities creates the batch's entities that are not in the graph yet, in
// one transaction, and keeps the element id of each for the content
// transactions. Merging them there instead, chunk by chunk, costs the
// server four times as much: popular entities are in every chunk.
func (w *batchWrite) entities(ctx context.Context) error {
	st, err := w.s.writeTx(ctx, "entities", w.r.ids, func(tx neo4j.ManagedTransaction, st *Stats) error {
		eids, err := mergeEntities(ctx, tx, w.r, w.r.entityIDs, qMergeEntities, st)
		w.eids = eids
		return err
	})
	if err != nil {
		return err
	}
	w.st.addStats(st)
	return nil
}

// newToken returns a random token that tells this write's pending
// articles from anyone else's.
func newToken() string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on Linux, macOS or Windows
	}
	return hex.EncodeToString(b[:])
}

// errEntityGone means an entity node was deleted under a chunk by another
// writer, which found it mentioned by no article; writing the chunk again
// creates it again.
var errEntityGone = errors.New("an entity node was deleted meanwhile")

// content writes the articles' content chunk by chunk, contentWriters
// chunks at once.
func (w *batchWrite) content(ctx context.Context) error {
	work := make(chan int)
	errs := make([]error, contentWriters)
	var failed atomic.Bool
	var wg sync.WaitGroup
	for k := range contentWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if failed.Load() {
					continue
				}
				err := w.chunk(ctx, i, false)
				for try := 0; try < 3 && errors.Is(err, errEntityGone); try++ {
					err = w.chunk(ctx, i, true)
				}
				if err != nil {
					errs[k] = err
					failed.Store(true)
				}
			}
		}()
	}
	for i := range w.r.articles {
		work <- i
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

// chunk writes the content of one chunk of articles in one transaction,
// leaving them pending. Articles that are done are left for finish, which
// replaces them in the transaction that counts them, so that a failed
// write never leaves an article without its old version. A pending
// version (of a writer that crashed, or of a concurrent one) is removed
// first. The entities are those the entities transaction created, unless
// merge is set (after one of them was found deleted by another writer).
func (w *batchWrite) chunk(ctx context.Context, i int, merge bool) error {
	r := w.r
	c := &r.articles[i]
	ids := make([]any, len(c.ids))
	for x, id := range c.ids {
		ids[x] = id
	}
	ents := make([]string, len(c.ents))
	for x, k := range c.ents {
		ents[x] = r.entityIDs[k]
	}
	slices.Sort(ents) // the lock order
	st, err := w.s.writeTx(ctx, "content", ids, func(tx neo4j.ManagedTransaction, st *Stats) error {
		if !merge {
			if written, err := w.writeNew(ctx, tx, r, c, ids, st); err != nil || written {
				return err
			}
		}
		rec, err := run(ctx, tx, qClaimArticles, map[string]any{"ids": sortedIDs(ids)}, len(ids), st)
		if err != nil {
			return err
		}
		done := stringList(rec, "done")
		if len(done) > 0 {
			w.replacing.Store(true)
		}
		var eids map[string]any
		if count(rec, "pending") == 0 {
			eids = w.eids
			if merge {
				eids, err = mergeEntities(ctx, tx, r, ents, qMergeEntities, st)
				if err != nil {
					return err
				}
			}
			if err := w.writeArticles(ctx, tx, r, c, eids, done, st); err != nil {
				return err
			}
		} else {
			// Lock what the pending and new versions mention, in id
			// order, before the pending versions' entities can become
			// orphans.
			old := stringList(rec, "entities")
			slices.Sort(old)
			eids, err = mergeEntities(ctx, tx, r, union(old, ents), qLockEntities, st)
			if err != nil {
				return err
			}
			for _, q := range []string{qUnsentence, qUnmention} {
				if _, err := run(ctx, tx, q, map[string]any{"ids": minusAny(ids, done)}, -1, st); err != nil {
					return err
				}
			}
			if err := w.writeArticles(ctx, tx, r, c, eids, done, st); err != nil {
				return err
			}
			if gone := minus(old, ents); len(gone) > 0 {
				rec, err := run(ctx, tx, qOrphans, map[string]any{"ids": gone}, -1, st)
				if err != nil {
					return err
				}
				st.Removed += count(rec, "n")
			}
		}
		return nil
	})
	if err != nil {
		var n4j *neo4j.Neo4jError
		if errors.As(err, &n4j) && strings.HasSuffix(n4j.Code, ".EntityNotFound") {
			err = fmt.Errorf("%w: %w", errEntityGone, err)
		}
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.st.Removed += st.Removed
	w.st.addStats(st)
	return nil
}

// mergeEntities runs q (qMergeEntities or qLockEntities) for the entities
// ids (sorted) and returns their element ids.
func mergeEntities(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, ids []string, q string, st *Stats) (map[string]any, error) {
	res, err := tx.Run(ctx, keepPlan+q, map[string]any{"rows": r.entityRows(ids)})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	out := make(map[string]any, len(ids))
	for res.Next(ctx) {
		v := res.Record().Values
		id, _ := v[0].(string)
		out[id] = v[1]
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(q), err)
	}
	st.add(sum.Counters())
	if len(out) != len(ids) {
		return nil, fmt.Errorf("%s: %d of %d entities merged", firstLine(q), len(out), len(ids))
	}
	return out, nil
}

// writeArticles runs qArticles for the articles of one chunk except skip,
// and checks that every relationship went in: when an entity node is
// missing, nothing does.
func (w *batchWrite) writeArticles(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, c *articleChunk, eids map[string]any, skip []string, st *Stats) error {
	if len(skip) == len(c.ids) {
		return nil
	}
	want := 0
	for x, id := range c.ids {
		if !slices.Contains(skip, id) {
			want += c.relationships[x]
		}
	}
	pairs := entityPairs(r, c, eids)
	if skip == nil {
		skip = []string{}
	}
	res, err := tx.Run(ctx, keepPlan+qArticles, map[string]any{"articles": c.rows, "eids": pairs, "token": w.token, "skip": skip})
	if err != nil {
		return fmt.Errorf("write articles: %w", err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return fmt.Errorf("write articles: %w", err)
	}
	st.add(sum.Counters())
	if got := sum.Counters().RelationshipsCreated(); got != want {
		return fmt.Errorf("write articles: %d of %d relationships written: %w", got, want, errEntityGone)
	}
	return nil
}

// entityPairs returns the [element id, id] pairs of the entities chunk c
// mentions, in the order its rows index them ($eids of qArticles).
func entityPairs(r *rows, c *articleChunk, eids map[string]any) []any {
	pairs := make([]any, len(c.ents))
	for x, k := range c.ents {
		id := r.entityIDs[k]
		pairs[x] = []any{eids[id], id}
	}
	return pairs
}

// writeNew claims the chunk's articles and, if none of them is in the
// graph yet (done or pending), writes their content with the entities
// step's element ids, in one statement (qClaimNew). It reports whether it
// wrote; if not, the articles are claimed and nothing else is changed.
func (w *batchWrite) writeNew(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, c *articleChunk, ids []any, st *Stats) (bool, error) {
	want := 0
	for _, n := range c.relationships {
		want += n
	}
	pairs := entityPairs(r, c, w.eids)
	res, err := tx.Run(ctx, keepPlan+qClaimNew, map[string]any{"ids": sortedIDs(ids), "articles": c.rows, "eids": pairs, "token": w.token, "skip": []string{}})
	if err != nil {
		return false, fmt.Errorf("write articles: %w", err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return false, fmt.Errorf("write articles: %w", err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return false, fmt.Errorf("write articles: %w", err)
	}
	st.add(sum.Counters())
	if n := count(rec, "n"); n != len(ids) {
		return false, fmt.Errorf("write articles: %d of %d articles claimed", n, len(ids))
	}
	if count(rec, "busy") > 0 {
		return false, nil
	}
	if got := sum.Counters().RelationshipsCreated(); got != want {
		return false, fmt.Errorf("write articles: %d of %d relationships written: %w", got, want, errEntityGone)
	}
	return true, nil
}

// finish, in one transaction, replaces the batch's articles that were
// done before, adds the pending articles to the entity aggregates and
// typed relations, and marks them done. An article another writer
// claimed since is left to that writer; then the relations leave out its
// share and the batch's entities are recomputed from their edges instead
// of updated.
func (w *batchWrite) finish(ctx context.Context) error {
	r := w.r
	st, err := w.s.writeTx(ctx, "finish", r.ids, func(tx neo4j.ManagedTransaction, st *Stats) error {
		rewritable := map[any]bool{}
		if w.rewritable != nil {
			for _, id := range w.rewritable.ids {
				rewritable[id] = true
			}
		}
		claim := make([]any, len(r.ids))
		for i, id := range sortedIDs(r.ids) {
			claim[i] = []any{id, rewritable[id]}
		}
		rec, err := run(ctx, tx, qFinishClaim, map[string]any{"rows": claim, "token": w.token}, -1, st)
		if err != nil {
			return err
		}
		ours, done := stringList(rec, "ours"), stringList(rec, "done")
		old := stringList(rec, "entities")
		slices.Sort(old)
		st.Replaced = len(done)
		state, err := w.s.lock(ctx, tx, r, old, st)
		if err != nil {
			return err
		}
		if len(done) > 0 {
			// Replace the old versions of done articles, in this
			// transaction: their content is written pending, like the
			// others', and marked done with them.
			doneAny := make([]any, len(done))
			for i, id := range done {
				doneAny[i] = id
			}
			if err := w.s.remove(ctx, tx, doneAny, st); err != nil {
				return err
			}
			eids := make(map[string]any, len(state))
			for i := range state {
				eids[r.entityIDs[i]] = state[i].eid
			}
			for i := range w.rewritable.articles {
				c := &w.rewritable.articles[i]
				var skip []string
				for _, id := range c.ids {
					if !slices.Contains(done, id) {
						skip = append(skip, id)
					}
				}
				if err := w.writeArticles(ctx, tx, w.rewritable, c, eids, skip, st); err != nil {
					return err
				}
			}
		}
		_, err = run(ctx, tx, qMarkDone, map[string]any{"rows": r.finish, "token": w.token}, len(ours)+len(done), st)
		if err != nil {
			return err
		}
		if len(ours)+len(done) == len(r.ids) {
			if err := w.s.insertRelations(ctx, tx, r.relations, state, st); err != nil {
				return err
			}
			if err := w.s.aggregate(ctx, tx, r, state, old, st); err != nil {
				return err
			}
			return w.s.recompute(ctx, tx, old, minus(old, r.entityIDs), st)
		}
		included := make(map[string]bool, len(ours)+len(done))
		for _, id := range append(ours, done...) {
			included[id] = true
		}
		if err := w.s.insertRelations(ctx, tx, r.relationsOf(included), state, st); err != nil {
			return err
		}
		all := union(old, r.entityIDs)
		return w.s.recompute(ctx, tx, all, all, st)
	})
	if err != nil {
		return err
	}
	w.st.Replaced = st.Replaced
	w.st.Touched += st.Touched
	w.st.Removed += st.Removed
	w.st.addStats(st)
	return nil
}

// abandon removes what a failed write left pending with its token, and
// the entities no article mentions any more (among them those the
// entities step created), so that a batch that fails leaves nothing
// behind. It runs after ctx ended too, for a while.
func (w *batchWrite) abandon(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abandonTimeout)
	defer cancel()
	r := w.r
	n := 0
	_, err := w.s.writeTx(ctx, "abandon", r.ids, func(tx neo4j.ManagedTransaction, st *Stats) error {
		n = 0
		rec, err := run(ctx, tx, qAbandonClaim, map[string]any{"ids": sortedIDs(r.ids), "token": w.token}, -1, st)
		if err != nil {
			return err
		}
		ids := stringList(rec, "ours")
		// The entities step created the batch's new entities before any
		// article mentioned them.
		ents := union(stringList(rec, "entities"), r.entityIDs)
		if len(ids) == 0 {
			_, err := run(ctx, tx, qOrphans, map[string]any{"ids": r.entityIDs}, -1, st)
			return err
		}
		if len(ents) > 0 {
			if _, err := run(ctx, tx, qLockExisting, map[string]any{"ids": ents}, -1, st); err != nil {
				return err
			}
		}
		for _, q := range []string{qUnsentence, qDeleteArticle} {
			if _, err := run(ctx, tx, q, map[string]any{"ids": ids}, -1, st); err != nil {
				return err
			}
		}
		if len(ents) > 0 {
			if _, err := run(ctx, tx, qOrphans, map[string]any{"ids": ents}, -1, st); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		w.s.log.Warn("could not remove the pending articles of a failed write; the next write of them will", "err", err)
		return
	}
	if n > 0 {
		w.s.log.Debug("pending articles of a failed write removed", "articles", n)
	}
}

// abandonTimeout bounds abandon.
const abandonTimeout = 30 * time.Second

// entityRows are the {id, label} rows of qMergeEntities and qLockEntities
// for the entities ids. Entities of no article of the batch get the label
// Entity, which they have.
func (r *rows) entityRows(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		label := "Entity"
		if k, found := slices.BinarySearch(r.entityIDs, id); found {
			label = r.entities[k].label
		}
		out[i] = map[string]any{"id": id, "label": label}
	}
	return out
}

// stringList reads a list of strings from a record.
func stringList(rec *neo4j.Record, key string) []string {
	v, _ := rec.Get(key)
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// minusAny returns the ids of a that are not in b.
func minusAny(a []any, b []string) []any {
	if len(b) == 0 {
		return a
	}
	out := make([]any, 0, len(a))
	for _, x := range a {
		if !slices.Contains(b, x.(string)) {
			out = append(out, x)
		}
	}
	return out
}

// qStrays deletes the entities no article mentions that carry no
// aggregates: an entities step created them for a batch whose content
// never went in, because the load was killed in between.
const qStrays = `MATCH (e:Entity) WHERE e.articleCount IS NULL AND NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e
RETURN count(*) AS n`

// RemoveStrays deletes the entities that no article mentions and that
// have no aggregates, which a load killed between a batch's entities step
// and its content leaves, and returns how many it deleted. It reads every
// entity node. A concurrent writer whose new entities it deletes before
// their articles go in creates them again.
func (s *Store) RemoveStrays(ctx context.Context) (int, error) {
	n := 0
	_, err := s.writeTx(ctx, "strays", []any{""}, func(tx neo4j.ManagedTransaction, st *Stats) error {
		rec, err := run(ctx, tx, qStrays, nil, -1, st)
		if err != nil {
			return err
		}
		n = count(rec, "n")
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("graph remove strays: %w", err)
	}
	return n, nil
}

// Delete removes one article and everything it contributed, and nothing
// else: entities only it mentioned disappear, shared ones are recomputed.
// It reports whether the article was in the graph.
func (s *Store) Delete(ctx context.Context, articleID string) (bool, error) {
	ids := []any{articleID}
	st, err := s.writeTx(ctx, "delete", ids, func(tx neo4j.ManagedTransaction, st *Stats) error {
		rec, err := run(ctx, tx, qOld, map[string]any{"ids": ids}, -1, st)
		if err != nil {
			return err
		}
		old := oldEntities(rec, st)
		if st.Replaced == 0 {
			return nil
		}
		if len(old) > 0 {
			if _, err := run(ctx, tx, qLockExisting, map[string]any{"ids": old}, -1, st); err != nil {
				return err
			}
		}
		if err := s.remove(ctx, tx, ids, st); err != nil {
			return err
		}
		if _, err := run(ctx, tx, qDeleteArticle, map[string]any{"ids": ids}, 1, st); err != nil {
			return err
		}
		st.Articles = 1
		return s.recompute(ctx, tx, old, old, st)
	})
	if err != nil {
		return false, fmt.Errorf("graph delete %q: %w", articleID, err)
	}
	s.log.Debug("article deleted", "id", articleID, "found", st.Articles > 0, "entitiesRemoved", st.Removed)
	return st.Articles > 0, nil
}

// writeTx runs fn in a managed write transaction of a session of its own;
// fn may run more than once, each time with fresh Stats. An error that cut
// the connection while the commit was under way wraps ErrUncertain.
func (s *Store) writeTx(ctx context.Context, op string, ids []any, fn func(tx neo4j.ManagedTransaction, st *Stats) error) (Stats, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	committing := false
	attempt := 0
	st, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (Stats, error) {
		committing = false
		if attempt++; attempt > 1 {
			// The driver retries a transaction after a transient error
			// (a deadlock, a lost connection) without telling.
			s.log.Debug("transaction retried", "op", op, "first", ids[0], "attempt", attempt)
		}
		var st Stats
		if err := fn(tx, &st); err != nil {
			return st, err
		}
		committing = true
		return st, nil
	}, txMeta(op, ids))
	if err != nil {
		return Stats{}, uncertain(committing, err)
	}
	return st, nil
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

// sortedIDs returns a sorted copy of article ids, the order locks are
// taken in.
func sortedIDs(ids []any) []any {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
	return out
}

// oldEntities reads the count of articles already in the graph (into
// st.Replaced) and the entities they mention, sorted, from a record of
// qOld.
func oldEntities(rec *neo4j.Record, st *Stats) []string {
	st.Replaced = count(rec, "old")
	if st.Replaced == 0 {
		return nil
	}
	old := stringList(rec, "entities")
	slices.Sort(old)
	return old
}

// lock merges the batch's entities and takes the write lock of every
// entity the batch touches, old or new, in id order. It returns the
// element id and stored aggregates of the batch's entities, in the order
// of r.entities, and adds the entities it created to st.
func (s *Store) lock(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, old []string, st *Stats) ([]entityState, error) {
	res, err := tx.Run(ctx, keepPlan+qLockEntities, map[string]any{"rows": r.entityRows(union(old, r.entityIDs))})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(qLockEntities), err)
	}
	out := make([]entityState, len(r.entityIDs))
	seen := 0
	for res.Next(ctx) {
		rec := res.Record()
		id, _ := rec.Values[0].(string)
		k, found := slices.BinarySearch(r.entityIDs, id)
		if !found {
			continue
		}
		es := &out[k]
		es.eid, _ = rec.Values[1].(string)
		n, ok := rec.Values[2].(int64)
		es.fresh = !ok
		es.articles = n
		es.mentions, _ = rec.Values[3].(int64)
		if l, ok := rec.Values[4].([]any); ok {
			es.aliases = make([]string, 0, len(l))
			for _, x := range l {
				if a, ok := x.(string); ok {
					es.aliases = append(es.aliases, a)
				}
			}
		}
		es.evidence, _ = rec.Values[5].(string)
		for k := range nModes {
			if v, ok := rec.Values[6+k].(string); ok {
				es.modes[k] = &v
			}
		}
		seen++
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstLine(qLockEntities), err)
	}
	st.add(sum.Counters())
	if seen != len(out) {
		return nil, fmt.Errorf("%s: %d of %d entities found", firstLine(qLockEntities), seen, len(out))
	}
	return out, nil
}

// remove takes out what the articles ids contributed, except their
// Article nodes.
func (s *Store) remove(ctx context.Context, tx neo4j.ManagedTransaction, ids []any, st *Stats) error {
	p := map[string]any{"ids": ids}
	for _, q := range []string{qUnrelate, qUnsentence, qUnmention} {
		if _, err := run(ctx, tx, q, p, -1, st); err != nil {
			return err
		}
	}
	return nil
}

// entityState is an entity's element id and stored aggregates.
type entityState struct {
	eid string
	stored
}

// insertRelations merges the typed relations rels (relation type → rows)
// between the batch's entities.
func (s *Store) insertRelations(ctx context.Context, tx neo4j.ManagedTransaction, rels map[string][]any, state []entityState, st *Stats) error {
	eids := make([]any, len(state))
	for i := range state {
		eids[i] = state[i].eid
	}
	for _, t := range relationTypes() {
		// A relation with an end that did not exist before is new.
		var merge, create []any
		for _, row := range rels[t] {
			row := row.([]any)
			if state[row[0].(int64)].fresh || state[row[1].(int64)].fresh {
				create = append(create, row)
			} else {
				merge = append(merge, row)
			}
		}
		for _, x := range []struct {
			q    string
			rows []any
		}{{newRelationQuery(t), create}, {relationQuery(t), merge}} {
			for _, chunk := range chunks(x.rows, rowsPerStatement) {
				if _, err := run(ctx, tx, x.q, map[string]any{"rows": chunk, "eids": eids}, len(chunk), st); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// aggregate brings up to date the aggregates of the batch's entities that
// no old version mentioned (those are recomputed from their edges): from
// the stored values and the batch's tallies, recounting a mode only when
// the batch may have changed its winner.
func (s *Store) aggregate(ctx context.Context, tx neo4j.ManagedTransaction, r *rows, state []entityState, old []string, st *Stats) error {
	updates := make([]any, 0, len(r.entities))
	entityIndex := make([]int, 0, len(r.entities)) // of each update
	var recount []any
	for i := range r.entities {
		if _, dirty := slices.BinarySearch(old, r.entities[i].id); dirty {
			continue
		}
		entityIndex = append(entityIndex, i)
		p, rc := state[i].update(&r.entities[i].tally)
		var fields []any
		for k, cands := range rc {
			if cands != nil {
				fields = append(fields, map[string]any{"name": modeProps[k], "cands": cands})
			}
		}
		if fields != nil {
			recount = append(recount, map[string]any{"eid": state[i].eid, "props": fields})
		}
		updates = append(updates, map[string]any{"eid": state[i].eid, "props": p})
	}
	if recount != nil {
		if err := s.recount(ctx, tx, recount, updates); err != nil {
			return err
		}
	}
	st.Touched += len(updates)
	// Write only what changed: most batches leave a popular entity's name
	// and aliases as they were.
	k := 0
	for i, u := range updates {
		u := u.(map[string]any)
		u["props"] = state[entityIndex[i]].changes(u["props"].(map[string]any))
		if len(u["props"].(map[string]any)) > 0 {
			updates[k] = u
			k++
		}
	}
	updates = updates[:k]
	if len(updates) == 0 {
		return nil
	}
	_, err := run(ctx, tx, qSetAggregates, map[string]any{"rows": updates}, len(updates), st)
	return err
}

// recount counts the votes for the candidates of rows over all articles
// and puts the winners into updates (matched by element id).
func (s *Store) recount(ctx context.Context, tx neo4j.ManagedTransaction, rows []any, updates []any) error {
	res, err := tx.Run(ctx, keepPlan+qRecount, map[string]any{"rows": rows})
	if err != nil {
		return fmt.Errorf("%s: %w", firstLine(qRecount), err)
	}
	votes := map[[2]string]*ballot{} // {eid, prop} → votes
	for res.Next(ctx) {
		v := res.Record().Values
		eid, _ := v[0].(string)
		prop, _ := v[1].(string)
		value, _ := v[2].(string)
		n, _ := v[3].(int64)
		k := [2]string{eid, prop}
		if votes[k] == nil {
			votes[k] = &ballot{}
		}
		votes[k].add(value, n)
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("%s: %w", firstLine(qRecount), err)
	}
	for _, u := range updates {
		u := u.(map[string]any)
		eid := u["eid"].(string)
		p := u["props"].(map[string]any)
		for _, name := range modeProps {
			if vs, ok := votes[[2]string{eid, name}]; ok {
				if w, ok := vs.mode(); ok {
					p[name] = w
				}
			}
		}
	}
	return nil
}

// recompute deletes the entities among maybeGone that no article mentions
// any more, then recomputes the aggregates of the rest of touched from
// their edges.
func (s *Store) recompute(ctx context.Context, tx neo4j.ManagedTransaction, touched, maybeGone []string, st *Stats) error {
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
	st.Touched += len(touched)
	_, err := run(ctx, tx, qRecompute, map[string]any{"ids": touched}, len(touched)-st.Removed, st)
	return err
}

// keepPlan prefixes every statement of the write path. Neo4j replans a
// cached query once the counts it was planned on have drifted, which
// during a load they always have: in a traced 10,000-article load about
// 8% of the server's time went to planning the same few statements again.
// Each statement here starts from a unique-constraint index or element
// ids, so its first plan stays the right one however the graph grows.
// Expressions are interpreted: compiling them to bytecode once a
// statement is hot gave the server's query threads more to do, not less
// (10,000-article loads on fresh servers, three in turn with each: 35.5–
// 38.9 CPU-seconds interpreted against 37.6–41.6 compiled).
const keepPlan = "CYPHER replan=skip expressionEngine=interpreted "

// run executes one statement that returns a single record with a count n,
// adds its counters to st, and when want ≥ 0 checks that n rows went
// through: a MATCH that finds nothing drops rows silently.
func run(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any, want int, st *Stats) (*neo4j.Record, error) {
	res, err := tx.Run(ctx, keepPlan+q, params)
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

// Statement sizes within a transaction.
const (
	// articlesPerStatement is also the size of a content transaction.
	articlesPerStatement = 25
	rowsPerStatement     = 2000
)

// chunks splits rows into slices of at most n.
func chunks(rows []any, n int) [][]any {
	var out [][]any
	for len(rows) > n {
		out = append(out, rows[:n])
		rows = rows[n:]
	}
	if len(rows) > 0 {
		out = append(out, rows)
	}
	return out
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
