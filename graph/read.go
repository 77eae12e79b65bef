package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// read runs one read-only statement with the database named.
func (s *Store) read(ctx context.Context, q string, params map[string]any) (*neo4j.EagerResult, error) {
	return neo4j.ExecuteQuery(ctx, s.driver, q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
}

// PendingArticle is an article whose content is in the graph but whose
// share of entity aggregates and typed relations is not: a load is
// writing it, or one was interrupted before it could finish it.
type PendingArticle struct {
	ID, Path string
}

// Pending returns how many articles are pending and the first limit of
// them by id (all of them when limit is 0 or less). Loading an article
// again finishes it; Delete removes it.
func (s *Store) Pending(ctx context.Context, limit int) (int, []PendingArticle, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	res, err := s.read(ctx, `MATCH (a:Article) WHERE a.pending IS NOT NULL
WITH a ORDER BY a.id
RETURN count(a) AS n, collect([a.id, coalesce(a.path, '')])[..$limit] AS articles`, map[string]any{"limit": limit})
	if err != nil {
		return 0, nil, fmt.Errorf("graph pending: %w", err)
	}
	if len(res.Records) != 1 {
		return 0, nil, fmt.Errorf("graph pending: %d records", len(res.Records))
	}
	n, _ := res.Records[0].Values[0].(int64)
	l, _ := res.Records[0].Values[1].([]any)
	out := make([]PendingArticle, 0, len(l))
	for _, v := range l {
		pair, _ := v.([]any)
		if len(pair) != 2 {
			continue
		}
		id, _ := pair[0].(string)
		path, _ := pair[1].(string)
		out = append(out, PendingArticle{ID: id, Path: path})
	}
	return int(n), out, nil
}

// Hashes returns the stored content hash of each article of ids that is in
// the graph; absent articles are absent from the map.
func (s *Store) Hashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, `UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, coalesce(a.contentHash, '') AS hash`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("graph hashes: %w", err)
	}
	for _, rec := range res.Records {
		id, _ := rec.Get("id")
		h, _ := rec.Get("hash")
		sid, _ := id.(string)
		out[sid], _ = h.(string)
	}
	return out, nil
}

// Counts is the number of nodes per label and relationships per type of the
// graph model, plus totals under the key "*".
type Counts struct {
	Nodes         map[string]int64
	Relationships map[string]int64
}

// Sub returns c minus before, key by key, keeping zero differences.
func (c Counts) Sub(before Counts) Counts {
	sub := func(a, b map[string]int64) map[string]int64 {
		out := make(map[string]int64, len(a))
		for k := range a {
			out[k] = a[k] - b[k]
		}
		for k := range b {
			out[k] = a[k] - b[k]
		}
		return out
	}
	return Counts{Nodes: sub(c.Nodes, before.Nodes), Relationships: sub(c.Relationships, before.Relationships)}
}

// countsQuery counts each label and type of the model; such counts come
// from the count store, without scanning.
func countsQuery() string {
	q := "CALL () { MATCH (n) RETURN count(n) AS `node:*` }\nCALL () { MATCH ()-[r]->() RETURN count(r) AS `rel:*` }\n"
	ret := "RETURN `node:*`, `rel:*`"
	for _, l := range []string{"Article", "Sentence", "Entity", "Person", "Organization", "Place", "Event"} {
		q += "CALL () { MATCH (n:" + l + ") RETURN count(n) AS `node:" + l + "` }\n"
		ret += ", `node:" + l + "`"
	}
	for _, t := range append([]string{"HAS_SENTENCE", "MENTIONS"}, relationTypes()...) {
		q += "CALL () { MATCH ()-[r:" + t + "]->() RETURN count(r) AS `rel:" + t + "` }\n"
		ret += ", `rel:" + t + "`"
	}
	return q + ret
}

// Counts returns the number of nodes per label and relationships per type.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	res, err := s.read(ctx, countsQuery(), nil)
	if err != nil {
		return Counts{}, fmt.Errorf("graph counts: %w", err)
	}
	c := Counts{Nodes: map[string]int64{}, Relationships: map[string]int64{}}
	if len(res.Records) != 1 {
		return Counts{}, fmt.Errorf("graph counts: %d records", len(res.Records))
	}
	for i, k := range res.Keys {
		n, _ := res.Records[0].Values[i].(int64)
		if name, ok := strings.CutPrefix(k, "node:"); ok {
			c.Nodes[name] = n
		} else if name, ok := strings.CutPrefix(k, "rel:"); ok {
			c.Relationships[name] = n
		}
	}
	return c, nil
}

// Query runs a read-only statement and returns its column names and rows,
// with driver values turned into plain Go values fit for printing: nodes
// become {"labels", "properties"}, relationships {"type", "properties",
// "start", "end"} (start and end are the endpoints' id properties inside a
// path, element ids otherwise), paths {"nodes", "relationships"}, dates
// and times ISO 8601 strings. A write statement fails.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error) {
	res, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, nil, fmt.Errorf("graph query: %w", err)
	}
	rows := make([][]any, len(res.Records))
	for i, rec := range res.Records {
		row := make([]any, len(rec.Values))
		for j, v := range rec.Values {
			row[j] = Plain(v)
		}
		rows[i] = row
	}
	return res.Keys, rows, nil
}

// Plain converts a value returned by the driver into nil, bool, int64,
// float64, string, []byte, []any or map[string]any, as described at Query.
func Plain(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string, []byte:
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Plain(e)
		}
		return out
	case dbtype.Node:
		return plainNode(x)
	case dbtype.Relationship:
		return plainRel(x, x.StartElementId, x.EndElementId)
	case dbtype.Path:
		ids := make(map[string]any, len(x.Nodes))
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = plainNode(n)
			ids[n.ElementId] = n.ElementId
			if id, ok := n.Props["id"]; ok {
				ids[n.ElementId] = Plain(id)
			}
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = plainRel(r, ids[r.StartElementId], ids[r.EndElementId])
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case dbtype.Date:
		return x.Time().Format(time.DateOnly)
	case dbtype.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case dbtype.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return x.String()
	case dbtype.Point3D:
		return x.String()
	}
	return fmt.Sprint(v)
}

func plainNode(n dbtype.Node) map[string]any {
	sorted := slices.Clone(n.Labels)
	slices.Sort(sorted)
	labels := make([]any, len(sorted))
	for i, l := range sorted {
		labels[i] = l
	}
	return map[string]any{"labels": labels, "properties": Plain(n.Props)}
}

func plainRel(r dbtype.Relationship, start, end any) map[string]any {
	return map[string]any{"type": r.Type, "properties": Plain(r.Props), "start": start, "end": end}
}
