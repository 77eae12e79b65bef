package graph

import (
	"slices"
	"strings"
)

// The properties of an Entity node that aggregate the articles' views of
// it. One definition serves Write, which maintains them incrementally in
// Neo4j, and Export, which computes them in memory, so that the two give
// the same graph:
//
//   - articleCount: the number of articles that mention the entity;
//   - mentionCount: the sum of their mention counts;
//   - aliases: the sorted union of their aliases, absent when empty (the
//     graph stores no empty list: neo4j-admin import cannot express one);
//   - name, nameEn, wikidata, and for events type and date: the value most
//     articles used, ties going to the smallest (byte order, which is
//     Neo4j's code-point order); articles without a value do not vote;
//   - evidence (events): the smallest evidence sentence id.

// modeProps are the properties that take the value most articles used, in
// the order of tally.votes.
var modeProps = [...]string{"name", "nameEn", "wikidata", "type", "date"}

const nModes = len(modeProps)

// view is one article's contribution to one entity: the properties of its
// (:Article)-[:MENTIONS]->(:Entity) edge.
type view struct {
	count    int64
	modes    [nModes]string // "" means the article has no value (name is always a value)
	aliases  []string       // sorted, distinct
	evidence string
}

// has reports whether the article votes for mode property k.
func (v *view) has(k int) bool { return k == 0 || v.modes[k] != "" }

// tally accumulates the views of any number of articles on one entity.
type tally struct {
	articles, mentions int64
	aliases            []string // sorted, distinct
	votes              [nModes]ballot
	evidence           string
}

// add counts one more article's view.
func (t *tally) add(v *view) {
	t.articles++
	t.mentions += v.count
	t.aliases = mergeSorted(t.aliases, v.aliases)
	for k := range nModes {
		if !v.has(k) {
			continue
		}
		t.votes[k].add(v.modes[k], 1)
	}
	if v.evidence != "" && (t.evidence == "" || v.evidence < t.evidence) {
		t.evidence = v.evidence
	}
}

// merge counts the views o counted.
func (t *tally) merge(o *tally) {
	t.articles += o.articles
	t.mentions += o.mentions
	t.aliases = mergeSorted(t.aliases, o.aliases)
	for k := range nModes {
		for _, x := range o.votes[k] {
			t.votes[k].add(x.value, x.n)
		}
	}
	if o.evidence != "" && (t.evidence == "" || o.evidence < t.evidence) {
		t.evidence = o.evidence
	}
}

// ballot is the votes for the values of one mode property: a few values
// each, so a list costs less memory than a map.
type ballot []vote

type vote struct {
	value string
	n     int64
}

func (b *ballot) add(value string, n int64) {
	for i := range *b {
		if (*b)[i].value == value {
			(*b)[i].n += n
			return
		}
	}
	*b = append(*b, vote{value, n})
}

// mode returns the value with the most votes, the smallest among equals;
// ok is false when nobody voted.
func (b ballot) mode() (value string, ok bool) {
	var best int64
	for _, x := range b {
		if x.n > best || x.n == best && x.value < value {
			value, best = x.value, x.n
		}
	}
	return value, best > 0
}

// props returns the aggregate properties the tally gives, absent ones as
// nil so that SET e += props removes them.
func (t *tally) props() map[string]any {
	p := map[string]any{
		"articleCount": t.articles,
		"mentionCount": t.mentions,
		"aliases":      nilIfNone(t.aliases),
		"evidence":     nilIfEmpty(t.evidence),
	}
	for k, name := range modeProps {
		if v, ok := t.votes[k].mode(); ok {
			p[name] = v
		} else {
			p[name] = nil
		}
	}
	return p
}

// stored is the aggregate state of an entity as read from the graph, before
// a batch adds its views.
type stored struct {
	fresh              bool // the node has no aggregates yet: no article mentioned it before
	articles, mentions int64
	aliases            []string
	modes              [nModes]*string // nil: absent
	evidence           string
}

// update returns the aggregates of an entity after adding the views tallied
// in batch to what is stored. For each mode property that may have
// changed in a way only the full tally can tell (a batch voting for a
// value other than the stored winner), recount[k] holds the candidates to
// count over all articles: the stored winner and the batch's values; the
// new winner is one of them, since every other value kept its count.
func (s *stored) update(batch *tally) (props map[string]any, recount [nModes][]string) {
	props = batch.props()
	if s.fresh {
		return props, recount
	}
	props["articleCount"] = s.articles + batch.articles
	props["mentionCount"] = s.mentions + batch.mentions
	props["aliases"] = nilIfNone(mergeSorted(s.aliases, batch.aliases))
	ev := s.evidence
	if batch.evidence != "" && (ev == "" || batch.evidence < ev) {
		ev = batch.evidence
	}
	props["evidence"] = nilIfEmpty(ev)
	for k, name := range modeProps {
		cur := s.modes[k]
		if cur == nil {
			continue // nobody voted before: the batch's mode is the mode
		}
		props[name] = *cur
		for _, x := range batch.votes[k] {
			if x.value != *cur {
				cands := []string{*cur}
				for _, x := range batch.votes[k] {
					cands = append(cands, x.value)
				}
				slices.Sort(cands)
				recount[k] = slices.Compact(cands)
				break
			}
		}
	}
	return props, recount
}

// changes returns the properties of props whose value differs from what
// is stored, so that a write leaves the rest (and the indexes on them)
// alone.
func (s *stored) changes(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		var same bool
		switch k {
		case "articleCount":
			same = !s.fresh && v == any(s.articles)
		case "mentionCount":
			same = !s.fresh && v == any(s.mentions)
		case "aliases":
			l, _ := v.([]string)
			same = slices.Equal(l, s.aliases)
		case "evidence":
			e, _ := v.(string)
			same = e == s.evidence
		default:
			for i, name := range modeProps {
				if name == k {
					cur, ok := v.(string)
					same = s.modes[i] == nil && v == nil || ok && s.modes[i] != nil && *s.modes[i] == cur
				}
			}
		}
		if !same {
			out[k] = v
		}
	}
	return out
}

// mergeSorted returns the sorted union of two sorted distinct lists. It
// returns a when b adds nothing, so callers must not modify the result.
func mergeSorted(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(append(out, a[i:]...), b[j:]...)
	return out
}

// nilIfNone returns nil for an empty list, so that SET removes the
// property.
func nilIfNone(ss []string) any {
	if len(ss) == 0 {
		return nil
	}
	return ss
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
