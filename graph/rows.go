package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kgraph/kg/extract"
)

// rows is one batch of Results flattened into the parameter lists of the
// write statements. Building it checks the extraction contract, so a bad
// Result fails before any statement runs.
type rows struct {
	ids              []any            // article ids, batch order
	articles         []any            // {id, props}
	sentences        []any            // {article, props}
	entities         map[string][]any // label → entity ids, sorted
	entityIDs        []string         // every entity id of the batch, sorted
	articleMentions  []any            // {article, entity, props}
	sentenceMentions []any            // {sentence, entity, props}
	relations        map[string][]any // relation type → {from, to, key, articles, sentenceIds}, sorted
	relationCount    int
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

// buildRows checks results against the extraction contract and flattens
// them. Article ids must be distinct within a batch.
func buildRows(results []extract.Result) (*rows, error) {
	r := &rows{entities: map[string][]any{}, relations: map[string][]any{}}
	seenArticle := map[string]bool{}
	entityType := map[string]string{}
	rels := map[relKey]*relAgg{}
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
		fail := func(format string, args ...any) error {
			return fmt.Errorf("graph write: article %q: %s: %w", aid, fmt.Sprintf(format, args...), ErrInvalid)
		}
		r.ids = append(r.ids, aid)
		r.articles = append(r.articles, map[string]any{"id": aid, "props": articleProps(res.Article)})

		sentences := map[int]bool{}
		for _, s := range res.Sentences {
			if sentences[s.Index] {
				return nil, fail("sentence %d twice", s.Index)
			}
			sentences[s.Index] = true
			sid := SentenceID(aid, s.Index)
			r.sentences = append(r.sentences, map[string]any{"article": aid, "props": map[string]any{
				"id": sid, "index": int64(s.Index), "text": s.Text,
				"start": int64(s.Start), "end": int64(s.End), "article": aid,
			}})
		}

		inArticle := map[string]string{}
		for _, e := range res.Entities {
			prefix, ok := entityPrefix(e.Type)
			switch {
			case e.ID == "":
				return nil, fail("entity %q has no id", e.Name)
			case !ok:
				return nil, fail("entity %q has unknown type %q", e.ID, e.Type)
			case !strings.HasPrefix(e.ID, prefix) || len(e.ID) == len(prefix):
				return nil, fail("entity %q of type %s must have an id %s<key>", e.ID, e.Type, prefix)
			case inArticle[e.ID] != "":
				return nil, fail("entity %q twice", e.ID)
			}
			inArticle[e.ID] = e.Type
			if _, seen := entityType[e.ID]; !seen {
				entityType[e.ID] = e.Type
				r.entityIDs = append(r.entityIDs, e.ID)
			}
			props := map[string]any{
				"count":   int64(len(e.Mentions)),
				"name":    e.Name,
				"aliases": sortedSet(e.Aliases),
			}
			setNonEmpty(props, "nameEn", e.NameEn)
			setNonEmpty(props, "wikidata", e.Wikidata)
			if e.Type == extract.Event {
				if !sentences[e.Evidence] {
					return nil, fail("event %q: evidence sentence %d does not exist", e.ID, e.Evidence)
				}
				setNonEmpty(props, "type", e.EventType)
				setNonEmpty(props, "date", e.Date)
				props["evidence"] = SentenceID(aid, e.Evidence)
			}
			r.articleMentions = append(r.articleMentions, map[string]any{"article": aid, "entity": e.ID, "props": props})
			for _, m := range e.Mentions {
				if !sentences[m.Sentence] {
					return nil, fail("entity %q: mention %q in sentence %d, which does not exist", e.ID, m.Text, m.Sentence)
				}
				r.sentenceMentions = append(r.sentenceMentions, map[string]any{
					"sentence": SentenceID(aid, m.Sentence), "entity": e.ID,
					"props": map[string]any{"start": int64(m.Start), "end": int64(m.End), "text": m.Text},
				})
			}
		}

		for _, rel := range res.Relations {
			k, err := relationIdentity(rel, inArticle, sentences)
			if err != nil {
				return nil, fail("%s %s→%s: %v", rel.Type, rel.From, rel.To, err)
			}
			agg := rels[k]
			if agg == nil {
				agg = &relAgg{articles: map[string]bool{}, sentenceIDs: map[string]bool{}}
				rels[k] = agg
			}
			agg.articles[aid] = true
			agg.sentenceIDs[SentenceID(aid, rel.Sentence)] = true
		}
	}

	slices.Sort(r.entityIDs)
	for _, id := range r.entityIDs {
		t := entityType[id]
		r.entities[t] = append(r.entities[t], id)
	}
	// A fixed row order keeps lock order stable between concurrent writers.
	keys := make([]relKey, 0, len(rels))
	for k := range rels {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b relKey) int {
		return strings.Compare(a.typ+"\x00"+a.from+"\x00"+a.to+"\x00"+a.key, b.typ+"\x00"+b.from+"\x00"+b.to+"\x00"+b.key)
	})
	for _, k := range keys {
		agg := rels[k]
		r.relations[k.typ] = append(r.relations[k.typ], map[string]any{
			"from": k.from, "to": k.to, "key": k.key,
			"articles": setKeys(agg.articles), "sentenceIds": setKeys(agg.sentenceIDs),
		})
	}
	r.relationCount = len(keys)
	return r, nil
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
