package graph

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kgraph/kg/extract"
)

// rows is one batch of Results flattened into the parameters of the write
// statements, with each entity's share of the batch tallied. Building it
// checks the extraction contract, so a bad Result fails before any
// statement runs. Rows refer to entities by their position in entities,
// which the transaction maps to element ids.
type rows struct {
	ids       []any            // article ids, batch order
	articles  []articleChunk   // the articles, articlesPerStatement a statement
	entities  []entityRow      // sorted by id
	entityIDs []string         // the ids of entities, same order
	relations map[string][]any // relation type → [from, to, key, articles, sentenceIds], sorted
	finish    []any            // {id, hash} of each article, sorted by id (qFinish)
	// Totals, for Stats.
	relationCount, sentenceCount, mentionCount int
}

// articleChunk is the articles one statement writes: their properties,
// mentions and sentences (see qArticles), which refer to entities by their
// position in ents, the positions in rows.entities of the entities they
// mention, so that a statement looks up only the nodes it needs.
type articleChunk struct {
	rows []any
	ids  []string // the article id of each row
	ents []int
	// relationships is the number of relationships qArticles creates for
	// each article of rows.
	relationships []int
}

// entityRow is one entity of a batch and what the batch's articles say
// about it.
type entityRow struct {
	id, label string
	tally     tally
}

// entityPrefix returns the id prefix the spec requires for an entity type.
// Checking it means a node can never pick up two type labels.
func entityPrefix(typ string) (string, bool) {
	switch typ {
	case extract.Person:
		return "person:", true
	case extract.Organization:
		return "org:", true
	case extract.Place:
		return "place:", true
	case extract.Event:
		return "event:", true
	}
	return "", false
}

// entityTypes lists the entity labels in a fixed order.
func entityTypes() []string {
	return []string{extract.Person, extract.Organization, extract.Place, extract.Event}
}

// relationTypes lists the typed relations in a fixed order.
func relationTypes() []string {
	return []string{
		extract.HoldsRole, extract.SpokespersonFor, extract.MemberOf, extract.PartOf,
		extract.ParticipatedIn, extract.OccurredIn, extract.CoMentioned, extract.RenamedTo,
	}
}

// relationKey names the property that, with the endpoints and the type,
// identifies a typed relation; "" when there is none.
func relationKey(typ string) string {
	switch typ {
	case extract.HoldsRole:
		return "title"
	case extract.ParticipatedIn:
		return "role"
	}
	return ""
}

// SentenceID is the id of a sentence node: "<articleID>#<index>".
func SentenceID(articleID string, index int) string {
	return articleID + "#" + strconv.Itoa(index)
}

type relKey struct{ typ, from, to, key string }

type relAgg struct {
	articles    map[string]bool
	sentenceIDs map[string]bool
}

// Check reports whether a Result follows the extraction contract that
// Write relies on; its error wraps ErrInvalid. Write checks every Result
// itself; Check lets a caller drop one bad Result instead of failing its
// whole batch.
func Check(r extract.Result) error {
	_, err := checkResult(&r)
	return err
}

// checked is what checkResult learns about a valid Result.
type checked struct {
	sentences map[int]bool
	types     map[string]string // entity id → type
	rels      []relKey          // one per relation, in order
}

// checkResult checks one Result against the extraction contract.
func checkResult(res *extract.Result) (*checked, error) {
	aid := res.Article.ID
	if aid == "" {
		return nil, fmt.Errorf("graph write: result has no article id: %w", ErrInvalid)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("graph write: article %q: %s: %w", aid, fmt.Sprintf(format, args...), ErrInvalid)
	}
	if strings.ContainsRune(aid, 0) {
		return nil, fail("NUL in the article id")
	}
	c := &checked{sentences: make(map[int]bool, len(res.Sentences)), types: make(map[string]string, len(res.Entities))}
	for _, s := range res.Sentences {
		if c.sentences[s.Index] {
			return nil, fail("sentence %d twice", s.Index)
		}
		c.sentences[s.Index] = true
	}
	for _, e := range res.Entities {
		prefix, ok := entityPrefix(e.Type)
		switch {
		case e.ID == "":
			return nil, fail("entity %q has no id", e.Name)
		case !ok:
			return nil, fail("entity %q has unknown type %q", e.ID, e.Type)
		case !strings.HasPrefix(e.ID, prefix) || len(e.ID) == len(prefix):
			return nil, fail("entity %q of type %s must have an id %s<key>", e.ID, e.Type, prefix)
		case strings.ContainsRune(e.ID, 0):
			return nil, fail("NUL in entity id %q", e.ID)
		case c.types[e.ID] != "":
			return nil, fail("entity %q twice", e.ID)
		case e.Type == extract.Event && !c.sentences[e.Evidence]:
			return nil, fail("event %q: evidence sentence %d does not exist", e.ID, e.Evidence)
		}
		c.types[e.ID] = e.Type
		for _, m := range e.Mentions {
			if !c.sentences[m.Sentence] {
				return nil, fail("entity %q: mention %q in sentence %d, which does not exist", e.ID, m.Text, m.Sentence)
			}
		}
	}
	c.rels = make([]relKey, len(res.Relations))
	for i, rel := range res.Relations {
		k, err := relationIdentity(rel, c.types, c.sentences)
		if err != nil {
			return nil, fail("%s %s→%s: %v", rel.Type, rel.From, rel.To, err)
		}
		c.rels[i] = k
	}
	return c, nil
}

// mentionView is the article's view of one entity: the properties of its
// (:Article)-[:MENTIONS]->(:Entity) edge, and the same as a view.
func mentionView(aid string, e *extract.Entity) (map[string]any, view) {
	v := view{count: int64(len(e.Mentions)), aliases: sortedSet(e.Aliases)}
	v.modes[0] = e.Name
	v.modes[1] = e.NameEn
	v.modes[2] = e.Wikidata
	props := map[string]any{"count": v.count, "name": e.Name}
	if len(v.aliases) > 0 {
		props["aliases"] = v.aliases // a list property is absent rather than empty
	}
	setNonEmpty(props, "nameEn", e.NameEn)
	setNonEmpty(props, "wikidata", e.Wikidata)
	if e.Type == extract.Event {
		v.modes[3] = e.EventType
		v.modes[4] = e.Date
		v.evidence = SentenceID(aid, e.Evidence)
		setNonEmpty(props, "type", e.EventType)
		setNonEmpty(props, "date", e.Date)
		props["evidence"] = v.evidence
	}
	return props, v
}

// buildRows checks results against the extraction contract and flattens
// them. Article ids must be distinct within a batch.
func buildRows(results []extract.Result) (*rows, error) {
	r := &rows{relations: map[string][]any{}}
	seenArticle := make(map[string]bool, len(results))
	checks := make([]*checked, len(results))
	entities := map[string]*entityRow{}
	for i := range results {
		res := &results[i]
		aid := res.Article.ID
		if aid == "" {
			return nil, fmt.Errorf("graph write: result %d has no article id: %w", i, ErrInvalid)
		}
		if seenArticle[aid] {
			return nil, fmt.Errorf("graph write: article %q twice in one batch: %w", aid, ErrInvalid)
		}
		seenArticle[aid] = true
		c, err := checkResult(res)
		if err != nil {
			return nil, err
		}
		checks[i] = c
		for _, e := range res.Entities {
			if entities[e.ID] == nil {
				entities[e.ID] = &entityRow{id: e.ID, label: e.Type}
			}
		}
	}
	r.entityIDs = make([]string, 0, len(entities))
	for id := range entities {
		r.entityIDs = append(r.entityIDs, id)
	}
	slices.Sort(r.entityIDs)
	index := make(map[string]int, len(r.entityIDs))
	r.entities = make([]entityRow, len(r.entityIDs))
	for i, id := range r.entityIDs {
		index[id] = i
		r.entities[i] = *entities[id]
	}

	rels := map[relKey]*relAgg{}
	var local map[int]int64 // position in entities → position in the chunk's list
	for i := range results {
		res := &results[i]
		aid := res.Article.ID
		r.ids = append(r.ids, aid)
		if i%articlesPerStatement == 0 {
			local = map[int]int64{}
			r.articles = append(r.articles, articleChunk{})
		}
		chunk := &r.articles[len(r.articles)-1]
		loc := func(k int) int64 {
			if x, ok := local[k]; ok {
				return x
			}
			x := int64(len(chunk.ents))
			local[k] = x
			chunk.ents = append(chunk.ents, k)
			return x
		}
		byIndex := make(map[int][]any, len(res.Sentences))
		var mentions []any
		for j := range res.Entities {
			e := &res.Entities[j]
			k := index[e.ID]
			props, v := mentionView(aid, e)
			r.entities[k].tally.add(&v)
			// Rows are lists, not maps: Neo4j decodes them with less garbage.
			mentions = append(mentions, []any{loc(k), props["count"], props["name"], props["aliases"], props["nameEn"],
				props["wikidata"], props["type"], props["date"], props["evidence"]})
			for _, m := range e.Mentions {
				byIndex[m.Sentence] = append(byIndex[m.Sentence], []any{loc(k), int64(m.Start), int64(m.End), m.Text})
				r.mentionCount++
			}
		}
		sentences := make([]any, len(res.Sentences))
		for j, s := range res.Sentences {
			sentences[j] = []any{SentenceID(aid, s.Index), int64(s.Index), s.Text, int64(s.Start), int64(s.End),
				nonNilAny(byIndex[s.Index])}
		}
		r.sentenceCount += len(sentences)
		nrel := len(mentions) + len(sentences)
		for _, s := range sentences {
			nrel += len(s.([]any)[5].([]any))
		}
		chunk.relationships = append(chunk.relationships, nrel)
		hash := res.Article.ContentHash
		if hash == "" {
			hash = ResultHash(*res)
		}
		r.finish = append(r.finish, map[string]any{"id": aid, "hash": hash})
		art := articleProps(res.Article)
		art["mentions"], art["sentences"] = nonNilAny(mentions), sentences
		chunk.rows = append(chunk.rows, art)
		chunk.ids = append(chunk.ids, aid)
		for j, rel := range res.Relations {
			k := checks[i].rels[j]
			agg := rels[k]
			if agg == nil {
				agg = &relAgg{articles: map[string]bool{}, sentenceIDs: map[string]bool{}}
				rels[k] = agg
			}
			agg.articles[aid] = true
			agg.sentenceIDs[SentenceID(aid, rel.Sentence)] = true
		}
	}

	// A fixed row order keeps lock order stable between concurrent writers.
	keys := make([]relKey, 0, len(rels))
	for k := range rels {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, relKey.compare)
	for _, k := range keys {
		agg := rels[k]
		r.relations[k.typ] = append(r.relations[k.typ], []any{
			int64(index[k.from]), int64(index[k.to]), k.key, setKeys(agg.articles), setKeys(agg.sentenceIDs),
		})
	}
	r.relationCount = len(keys)
	sortFinish(r.finish)
	return r, nil
}

// compare orders relations by type, ends and key.
func (a relKey) compare(b relKey) int {
	return cmp.Or(strings.Compare(a.typ, b.typ), strings.Compare(a.from, b.from),
		strings.Compare(a.to, b.to), strings.Compare(a.key, b.key))
}

// sortFinish sorts {id, hash} rows by id.
func sortFinish(rows []any) {
	slices.SortFunc(rows, func(a, b any) int {
		return strings.Compare(a.(map[string]any)["id"].(string), b.(map[string]any)["id"].(string))
	})
}

// relationsOf returns the typed relation rows with only the share of the
// articles ours: the others are left out of the provenance lists, and a
// relation no article of ours supports is dropped.
func (r *rows) relationsOf(ours map[string]bool) map[string][]any {
	out := make(map[string][]any, len(r.relations))
	for typ, rows := range r.relations {
		for _, row := range rows {
			row := row.([]any)
			var arts, sids []string
			for _, a := range row[3].([]string) {
				if ours[a] {
					arts = append(arts, a)
				}
			}
			if len(arts) == 0 {
				continue
			}
			for _, s := range row[4].([]string) {
				if ours[s[:strings.LastIndexByte(s, '#')]] {
					sids = append(sids, s)
				}
			}
			out[typ] = append(out[typ], []any{row[0], row[1], row[2], arts, sids})
		}
	}
	return out
}

func nonNilAny(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// relationIdentity checks one relation and returns what identifies it.
func relationIdentity(rel extract.Relation, types map[string]string, sentences map[int]bool) (relKey, error) {
	known := slices.Contains(relationTypes(), rel.Type)
	switch {
	case !known:
		return relKey{}, fmt.Errorf("unknown relation type")
	case types[rel.From] == "":
		return relKey{}, fmt.Errorf("entity %q is not among the article's entities", rel.From)
	case types[rel.To] == "":
		return relKey{}, fmt.Errorf("entity %q is not among the article's entities", rel.To)
	case rel.From == rel.To:
		return relKey{}, fmt.Errorf("relation of an entity with itself")
	case !sentences[rel.Sentence]:
		return relKey{}, fmt.Errorf("sentence %d does not exist", rel.Sentence)
	case rel.Type == extract.OccurredIn && (types[rel.From] != extract.Event || types[rel.To] != extract.Place):
		return relKey{}, fmt.Errorf("must go from an Event to a Place")
	}
	k := relKey{typ: rel.Type, from: rel.From, to: rel.To}
	if name := relationKey(rel.Type); name != "" {
		v, _ := rel.Props[name].(string)
		if v == "" {
			return relKey{}, fmt.Errorf("needs a non-empty string property %q", name)
		}
		if rel.Type == extract.ParticipatedIn && v != "actor" && v != "target" && v != "participant" {
			return relKey{}, fmt.Errorf("role %q is not actor, target or participant", v)
		}
		if strings.ContainsRune(v, 0) {
			return relKey{}, fmt.Errorf("NUL in property %q", name)
		}
		k.key = v
	}
	// CO_MENTIONED is undirected: store it once, from the smaller id.
	if rel.Type == extract.CoMentioned && k.from > k.to {
		k.from, k.to = k.to, k.from
	}
	return k, nil
}

// articleProps are the properties of an Article node; empty strings are
// left out so that a property is either meaningful or absent.
func articleProps(a extract.ArticleMeta) map[string]any {
	p := map[string]any{"id": a.ID}
	setNonEmpty(p, "path", a.Path)
	setNonEmpty(p, "title", a.Title)
	setNonEmpty(p, "url", a.URL)
	setNonEmpty(p, "source", a.Source)
	setNonEmpty(p, "published", a.Published)
	setNonEmpty(p, "lang", a.Lang)
	setNonEmpty(p, "contentHash", a.ContentHash)
	return p
}

func setNonEmpty(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// sortedSet returns the distinct non-empty values of ss in byte order,
// never nil.
func sortedSet(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func setKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// ResultHash is the content hash of a Result that carries none (one not
// written by kg extract): the hex SHA-256 of its JSON encoding. The graph
// marks an article done by its hash, so every article needs one; the same
// Result always gets the same hash, and any change to it another.
func ResultHash(res extract.Result) string {
	res.Article.ContentHash = ""
	b, err := json.Marshal(res)
	if err != nil { // a Result is plain data; Marshal does not fail on it
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
