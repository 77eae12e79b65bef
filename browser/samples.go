package browser

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kgraph/kg/queries"
)

// QueryFunc runs one read-only Cypher statement with parameters and returns
// the column names and the rows; graph.Store.Query has this shape.
type QueryFunc func(ctx context.Context, cypher string, params map[string]any) ([]string, [][]any, error)

// Sample is a node of the graph a parameter can name.
type Sample struct {
	ID, Name string
}

// Samples are candidate parameter values read from the graph, best first.
type Samples struct {
	// Entities: people first, then other entities, most covered first.
	Entities []Sample
	// Pairs: two entities mentioned in the same sentences, a person first
	// when there is one, strongest first.
	Pairs [][2]Sample
	// Places: most covered first.
	Places []Sample
	// Articles: most entity mentions first.
	Articles []Sample
}

// Empty reports whether the graph offered no candidates at all.
func (s Samples) Empty() bool {
	return len(s.Entities) == 0 && len(s.Pairs) == 0 && len(s.Places) == 0 && len(s.Articles) == 0
}

// sampleLimit is how many candidates of each kind are read, and so how many
// a query tries before it settles for the first.
const sampleLimit = 8

// Each lookup returns the columns id, name (and id2, name2 for pairs).
const (
	entitiesQuery = `MATCH (e:Entity)
RETURN e.id AS id, coalesce(e.name, e.id) AS name
ORDER BY CASE WHEN e:Person THEN 0 ELSE 1 END, e.articleCount DESC, e.mentionCount DESC, e.id
LIMIT $limit`
	pairsQuery = `MATCH (a:Entity)-[r:CO_MENTIONED]-(b:Entity)
WHERE (a:Person AND NOT b:Person) OR ((a:Person) = (b:Person) AND a.id < b.id)
RETURN a.id AS id, coalesce(a.name, a.id) AS name, b.id AS id2, coalesce(b.name, b.id) AS name2
ORDER BY CASE WHEN a:Person THEN 0 ELSE 1 END, r.count DESC, a.id, b.id
LIMIT $limit`
	placesQuery = `MATCH (p:Place)
RETURN p.id AS id, coalesce(p.name, p.id) AS name
ORDER BY p.articleCount DESC, p.mentionCount DESC, p.id
LIMIT $limit`
	articlesQuery = `MATCH (a:Article)
RETURN a.id AS id, coalesce(a.title, a.id) AS name
ORDER BY COUNT { (a)-[:MENTIONS]->(:Entity) } DESC, a.id
LIMIT $limit`
)

// LoadSamples reads candidate parameter values from the graph.
func LoadSamples(ctx context.Context, run QueryFunc) (Samples, error) {
	var s Samples
	read := func(what, cypher string) ([][]any, error) {
		_, rows, err := run(ctx, cypher, map[string]any{"limit": int64(sampleLimit)})
		if err != nil {
			return nil, fmt.Errorf("browser: look up %s: %w", what, err)
		}
		return rows, nil
	}
	sample := func(row []any, i int) (Sample, bool) {
		if len(row) < i+2 {
			return Sample{}, false
		}
		id, ok1 := row[i].(string)
		name, ok2 := row[i+1].(string)
		return Sample{ID: id, Name: name}, ok1 && ok2 && id != ""
	}
	for _, k := range []struct {
		what, cypher string
		into         *[]Sample
	}{
		{"entities", entitiesQuery, &s.Entities},
		{"places", placesQuery, &s.Places},
		{"articles", articlesQuery, &s.Articles},
	} {
		rows, err := read(k.what, k.cypher)
		if err != nil {
			return Samples{}, err
		}
		for _, r := range rows {
			if x, ok := sample(r, 0); ok {
				*k.into = append(*k.into, x)
			}
		}
	}
	rows, err := read("entity pairs", pairsQuery)
	if err != nil {
		return Samples{}, err
	}
	for _, r := range rows {
		a, ok1 := sample(r, 0)
		b, ok2 := sample(r, 2)
		if ok1 && ok2 {
			s.Pairs = append(s.Pairs, [2]Sample{a, b})
		}
	}
	return s, nil
}

// Slide is one canned query with the parameter values its guide slide sets.
type Slide struct {
	Query queries.Query
	// Raw are the values as text, as kg query --param takes them.
	Raw map[string]string
	// Values are the same values typed, as Query.Bind returns them.
	Values map[string]any
	// Picked names the parameters whose value was looked up in the graph.
	Picked []string
	// Rows is how many rows the query returned with these values when kg
	// tried it, or -1 when it was not tried (nothing to look up) or failed.
	Rows int
	// Problem is why kg could not try the query, if it could not.
	Problem string
}

// role is what a parameter names, for the parameters worth looking up.
type role int

const (
	keep role = iota
	firstEntity
	secondEntity
	place
	article
	searchText
)

// roleOf says which graph value a parameter takes: an entity parameter
// the first entity, or the second for other and to, or a place; article
// an article; q an entity's name. A string parameter whose default is
// empty means "all" and keeps it.
func roleOf(p queries.Param) role {
	if p.Type != queries.String || p.Default == "" {
		return keep
	}
	switch {
	case p.Entity && (p.Name == "other" || p.Name == "to"):
		return secondEntity
	case p.Entity && p.Name == "place":
		return place
	case p.Entity:
		return firstEntity
	case p.Name == "article":
		return article
	case p.Name == "q":
		return searchText
	}
	return keep
}

// triedTimeout bounds each trial run of a query.
const triedTimeout = 10 * time.Second

// Slide picks values for the parameters of q that given does not set:
// entity parameters get the most covered person (two entities mentioned
// together for a query that takes two), place parameters a place, article
// parameters an article, search text an entity's name; the rest keep their
// defaults. It tries the candidates in turn and keeps the first set with
// which q returns rows; if none does, the first set. With nothing to look
// up, q is not run. Values in given that do not suit q are an error
// (wrapping queries.ErrParam).
func (s Samples) Slide(ctx context.Context, run QueryFunc, q queries.Query, given map[string]string) (Slide, error) {
	if _, err := q.Bind(given); err != nil {
		return Slide{}, err
	}
	var lookup []queries.Param
	pair := false
	for _, p := range q.Params {
		if _, ok := given[p.Name]; ok {
			continue
		}
		switch roleOf(p) {
		case keep:
			continue
		case secondEntity:
			pair = true
		}
		lookup = append(lookup, p)
	}
	candidate := func(k int) (map[string]string, bool) {
		raw := make(map[string]string, len(q.Params))
		for n, v := range given {
			raw[n] = v
		}
		for _, p := range lookup {
			var (
				v  Sample
				ok bool
			)
			switch r := roleOf(p); {
			case pair && (r == firstEntity || r == secondEntity):
				if ok = k < len(s.Pairs); ok {
					v = s.Pairs[k][0]
					if r == secondEntity {
						v = s.Pairs[k][1]
					}
				}
			case r == firstEntity || r == secondEntity || r == searchText:
				if ok = k < len(s.Entities); ok {
					v = s.Entities[k]
				}
			case r == place:
				if ok = k < len(s.Places); ok {
					v = s.Places[k]
				}
			case r == article:
				if ok = k < len(s.Articles); ok {
					v = s.Articles[k]
				}
			}
			if !ok {
				return nil, false
			}
			if roleOf(p) == searchText {
				raw[p.Name] = v.Name
			} else {
				raw[p.Name] = v.ID
			}
		}
		return raw, true
	}
	slide := func(raw map[string]string, rows int) (Slide, error) {
		vals, err := q.Bind(raw)
		if err != nil {
			return Slide{}, err
		}
		full := make(map[string]string, len(q.Params))
		var picked []string
		for _, p := range q.Params {
			v, ok := raw[p.Name]
			if !ok {
				v = p.Default
			}
			full[p.Name] = v
			if slices.ContainsFunc(lookup, func(l queries.Param) bool { return l.Name == p.Name }) {
				picked = append(picked, p.Name)
			}
		}
		return Slide{Query: q, Raw: full, Values: vals, Picked: picked, Rows: rows}, nil
	}
	if len(lookup) == 0 {
		return slide(given, -1)
	}
	first, ok := candidate(0)
	if !ok {
		// The graph has nothing to offer: keep the defaults.
		lookup = nil
		return slide(given, -1)
	}
	var lastErr error
	ran := false
	for k := 0; k < sampleLimit; k++ {
		raw, ok := candidate(k)
		if !ok {
			break
		}
		vals, err := q.Bind(raw)
		if err != nil {
			return Slide{}, err
		}
		tctx, cancel := context.WithTimeout(ctx, triedTimeout)
		_, rows, err := run(tctx, q.Text, vals)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return Slide{}, fmt.Errorf("browser: %s: %w", q.Name, ctx.Err())
			}
			lastErr = err // too slow or failing with this value: try the next
			continue
		}
		ran = true
		if len(rows) > 0 {
			return slide(raw, len(rows))
		}
	}
	sl, err := slide(first, 0)
	if !ran && lastErr != nil {
		sl.Rows = -1
		sl.Problem = lastErr.Error()
	}
	return sl, err
}
