package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/gazetteer"
)

// entity is an Entity being built, with its gazetteer entry.
type entity struct {
	Entity
	entry *gazetteer.Entry
	// fused are mention texts that begin inside a لل contraction
	// (لثورة for للثورة): aliases only when there is nothing better.
	fused []string
}

// typePrefix is the id prefix of each entity type.
func typePrefix(typ string) string {
	switch typ {
	case Person:
		return "person"
	case Organization:
		return "org"
	case Place:
		return "place"
	}
	return "event"
}

// resolveNames settles who each mention is: generic ministries take the
// ministry named elsewhere, unknown spellings of known people take the
// known entry, and a surname alone (before or after the full name) takes
// the full name's entity.
func (d *doc) resolveNames() {
	d.resolveMinistries()
	// Other spellings of known people: سامنثا باور is سامانثا باور.
	for _, c := range d.cands {
		if c.typ != Person || c.entry != nil || c.t1-c.t0 < 2 {
			continue
		}
		first, last := d.norms[c.t0], d.norms[c.t1-1]
		for _, e := range d.p.surnames[last] {
			toks := strings.Fields(e.Name)
			if len(toks) < 2 {
				continue
			}
			if nearSpelling(first, normWord(toks[0])) {
				c.entry = e
				break
			}
		}
	}
	// Surnames of the people named in full in this article.
	type who struct {
		entry *gazetteer.Entry
		key   string
	}
	bySurname := map[string]who{}
	ambiguous := map[string]bool{}
	for _, c := range d.cands {
		if c.typ != Person || c.drop || c.t1-c.t0 < 2 {
			continue
		}
		last := d.norms[c.t1-1]
		if utf8.RuneCountInString(last) < 3 {
			continue
		}
		w := who{c.entry, c.key}
		if old, ok := bySurname[last]; ok && (old.entry != w.entry || old.entry == nil && old.key != w.key) {
			ambiguous[last] = true
		}
		bySurname[last] = w
	}
	for s := range ambiguous {
		delete(bySurname, s)
	}
	if len(bySurname) == 0 {
		return
	}
	// Short mentions already found (by the tagger) join the full name,
	// also through a slip of one letter (كاتر for كارتر).
	for _, c := range d.cands {
		if c.typ == Person && c.entry == nil && c.t1-c.t0 == 1 {
			w, ok := bySurname[c.key]
			if !ok && c.single {
				for s, who := range bySurname {
					if utf8.RuneCountInString(s) >= 4 && editDistance([]rune(s), []rune(c.key)) == 1 {
						if ok {
							ok = false // two candidates: leave it
							break
						}
						w, ok = who, true
					}
				}
			}
			if ok {
				c.entry, c.key, c.single = w.entry, w.key, false
			}
		}
	}
	// Free words that are a surname, also with a proclitic: وكيربي.
	for _, r := range d.sentTok {
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 || stopWord(d.norms[i]) {
				continue
			}
			s, cut, ok := stem(d.norms[i], func(s string) bool { _, ok := bySurname[s]; return ok })
			if !ok {
				continue
			}
			w := bySurname[s]
			if c := d.add(i, i+1, cut, Person, w.entry, w.key, fromSurname); c != nil && w.entry == nil {
				c.key = w.key
			}
		}
	}
}

// normWord normalizes a single written word.
func normWord(s string) string {
	for _, t := range tokenizeNorm(s) {
		return t
	}
	return ""
}

// nearSpelling reports spellings of a name within a small edit distance
// (سامنثا / سامانثا).
func nearSpelling(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	n := len(ra)
	if len(rb) > n {
		n = len(rb)
	}
	if n < 4 {
		return false
	}
	max := 1
	if n >= 7 {
		max = 2
	}
	return editDistance(ra, rb) <= max
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// resolveMinistries resolves generic ministry mentions: to the ministry
// of the titled person they belong to (جون كيربي المتحدث باسم وزارة
// الخارجية), else to the nearest ministry of the same field named in the
// article, before it if there is one. Unresolved ones are dropped.
func (d *doc) resolveMinistries() {
	var generic []*cand
	for _, c := range d.cands {
		if c.domain != "" {
			generic = append(generic, c)
		}
	}
	if len(generic) == 0 {
		return
	}
	byTarget := map[*cand]*role{}
	for i := range d.roles {
		if t := d.roles[i].target; t != nil && byTarget[t] == nil {
			byTarget[t] = &d.roles[i]
		}
	}
	// The named ministries of each field, in text order.
	fieldOf := map[*gazetteer.Entry]string{}
	named := map[string][]*cand{}
	for _, o := range d.cands {
		if o.entry == nil || o.entry.Kind != "ministry" || o.domain != "" {
			continue
		}
		f, ok := fieldOf[o.entry]
		if !ok {
			for _, w := range tokenizeNorm(o.entry.Name) {
				if ministryDomain(w) {
					f = w
					break
				}
			}
			fieldOf[o.entry] = f
		}
		if f != "" {
			named[f] = append(named[f], o)
		}
	}
	for _, c := range generic {
		if ro := byTarget[c]; ro != nil && ro.person.entry != nil && ro.person.entry.Org != "" {
			if e := d.p.gaz.Get(ro.person.entry.Org); e != nil && e.Kind == "ministry" {
				c.entry = e
				continue
			}
		}
		list := named[c.domain]
		if len(list) == 0 {
			c.drop = true
			continue
		}
		// The last one named before c, else the first after it.
		k := sort.Search(len(list), func(i int) bool { return list[i].t0 > c.t0 })
		if k > 0 {
			c.entry = list[k-1].entry
		} else {
			c.entry = list[0].entry
		}
	}
}

// tokensNorm returns the normalized words of s joined by spaces.
func tokensNorm(s string) string { return strings.Join(tokenizeNorm(s), " ") }

// tokenizeNorm returns the normalized tokens of s.
func tokenizeNorm(s string) []string {
	toks := arabic.Tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Norm
	}
	return out
}

// idOf returns the entity id of a candidate.
func (d *doc) idOf(c *cand) string {
	if c.id != "" {
		return c.id
	}
	if c.entry != nil {
		return c.entry.ID
	}
	return typePrefix(c.typ) + ":" + c.key
}

// buildEntities groups the mentions into entities.
func (d *doc) buildEntities() {
	d.entities = map[string]*entity{}
	for _, c := range d.cands {
		if c.single {
			c.drop = true // a one-word name the tagger saw, not tied to anyone
		}
		if c.drop || c.typ == Event && c.entry == nil {
			continue
		}
		if c.entry == nil && c.key == "" {
			c.drop = true
			continue
		}
		c.id = d.idOf(c)
		e := d.entities[c.id]
		if e == nil {
			e = &entity{Entity: Entity{ID: c.id, Type: c.typ}, entry: c.entry}
			if c.entry != nil {
				e.Name, e.NameEn, e.Wikidata = c.entry.Name, c.entry.NameEn, c.entry.Wikidata
				if c.typ == Event {
					e.EventType = c.entry.Kind
				}
			}
			d.entities[c.id] = e
		}
		d.addMention(e, c)
	}
	for _, e := range d.entities {
		if e.entry == nil {
			e.Name = longestName(e.Mentions)
		}
		if e.Type == Event && len(e.Mentions) > 0 {
			e.Evidence = e.Mentions[0].Sentence
		}
	}
}

// addMention adds candidate c as a mention of e.
func (d *doc) addMention(e *entity, c *cand) {
	m := Mention{Start: c.start, End: c.end, Text: d.text(c.start, c.end), Sentence: d.tokSent[c.t0]}
	e.Mentions = append(e.Mentions, m)
	if c.fused {
		e.fused = append(e.fused, m.Text)
	} else {
		e.Aliases = append(e.Aliases, m.Text)
	}
}

// longestName is the longest mention text, the smallest of equals.
func longestName(ms []Mention) string {
	best := ""
	for _, m := range ms {
		n, b := utf8.RuneCountInString(m.Text), utf8.RuneCountInString(best)
		if n > b || n == b && m.Text < best {
			best = m.Text
		}
	}
	return best
}

// ensure makes sure the known entity id exists, with no mention if the
// article does not name it (a nationality adjective only refers to it).
func (d *doc) ensure(id string) *entity {
	if e := d.entities[id]; e != nil {
		return e
	}
	g := d.p.gaz.Get(id)
	if g == nil {
		return nil
	}
	e := &entity{Entity: Entity{ID: id, Type: g.Type, Name: g.Name, NameEn: g.NameEn, Wikidata: g.Wikidata}, entry: g}
	if g.Type == Event {
		e.EventType = g.Kind
	}
	d.entities[id] = e
	return e
}

// relate records a relation; the list is deduplicated and sorted later.
func (d *doc) relate(typ, from, to string, props map[string]any, sentence int) {
	if from == "" || to == "" || from == to || d.entities[from] == nil || d.entities[to] == nil {
		return
	}
	if props == nil {
		props = map[string]any{}
	}
	d.rels = append(d.rels, Relation{Type: typ, From: from, To: to, Props: props, Sentence: sentence})
}

// sortedEntities returns the entities in id order.
func (d *doc) sortedEntities() []*entity {
	out := make([]*entity, 0, len(d.entities))
	for _, e := range d.entities {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *entity) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// governmental kinds of organizations are part of their country.
func governmental(kind string) bool {
	switch kind {
	case "ministry", "army", "government", "presidency", "military-command", "legislature", "council", "agency":
		return true
	}
	return false
}

// maxCoMentioned bounds the entities of a sentence whose pairs are
// recorded; it keeps the output linear in the input.
const maxCoMentioned = 40

// relations derives the relations between the article's entities.
func (d *doc) relations() {
	// Roles read from titles.
	for _, ro := range d.roles {
		if ro.person.drop {
			continue
		}
		to := ro.targetID
		if ro.target != nil {
			if ro.target.drop {
				continue
			}
			to = ro.target.id
		} else if to != "" {
			d.ensure(to)
		}
		if to == "" {
			continue
		}
		if ro.title != "" {
			d.relate(HoldsRole, ro.person.id, to, map[string]any{"title": ro.title}, ro.sentence)
		}
		if ro.spokes {
			d.relate(SpokespersonFor, ro.person.id, to, nil, ro.sentence)
		}
		if ro.member {
			d.relate(MemberOf, ro.person.id, to, nil, ro.sentence)
		}
	}
	// What the gazetteer knows about the entities named.
	for _, e := range d.sortedEntities() {
		if e.entry == nil || len(e.Mentions) == 0 {
			continue
		}
		first := e.Mentions[0].Sentence
		switch e.Type {
		case Organization:
			if o := e.entry.Org; o != "" && d.named(o) {
				d.relate(PartOf, e.ID, o, nil, d.together(e.ID, o))
			} else if c := e.entry.Country; c != "" && governmental(e.entry.Kind) && d.named(c) {
				d.relate(PartOf, e.ID, c, nil, d.together(e.ID, c))
			}
		case Place:
			if c := e.entry.Country; c != "" && d.named(c) {
				d.relate(PartOf, e.ID, c, nil, d.together(e.ID, c))
			}
		case Person:
			if o := e.entry.Org; o != "" && d.named(o) {
				d.relate(MemberOf, e.ID, o, nil, d.together(e.ID, o))
			}
		}
		if r := e.entry.RenamedTo; r != "" {
			d.ensure(r)
			d.relate(RenamedTo, e.ID, r, nil, first)
		}
	}
	// Entities named in the same sentence.
	bySent := make([][]string, len(d.sents))
	for _, e := range d.sortedEntities() {
		if e.Type == Event {
			continue
		}
		last := -1
		for _, m := range e.Mentions {
			if m.Sentence != last {
				bySent[m.Sentence] = append(bySent[m.Sentence], e.ID)
				last = m.Sentence
			}
		}
	}
	for si, ids := range bySent {
		ids = uniqueSorted(ids)
		if len(ids) > maxCoMentioned {
			continue // a list, not a sentence: its pairs say nothing
		}
		for i := 0; i < len(ids); i++ {
			for j := i + 1; j < len(ids); j++ {
				d.relate(CoMentioned, ids[i], ids[j], nil, si)
			}
		}
	}
}

// named reports whether the article mentions entity id.
func (d *doc) named(id string) bool {
	e := d.entities[id]
	return e != nil && len(e.Mentions) > 0
}

// together returns the first sentence naming both a and b, else the first
// naming a.
func (d *doc) together(a, b string) int {
	ea, eb := d.entities[a], d.entities[b]
	in := map[int]bool{}
	for _, m := range eb.Mentions {
		in[m.Sentence] = true
	}
	for _, m := range ea.Mentions {
		if in[m.Sentence] {
			return m.Sentence
		}
	}
	return ea.Mentions[0].Sentence
}

func uniqueSorted(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// result assembles the sorted, deduplicated output.
func (d *doc) result() Result {
	res := Result{
		Article: ArticleMeta{
			ID: d.a.ID, Path: d.a.Path, Title: d.a.Title, URL: d.a.URL, Source: d.a.Source,
			Published: d.published, Lang: d.lang, ContentHash: d.a.Hash(),
		},
		Sentences: make([]Sentence, len(d.sents)),
		Entities:  make([]Entity, 0, len(d.entities)),
		Relations: make([]Relation, 0, len(d.rels)),
	}
	for i, s := range d.sents {
		res.Sentences[i] = Sentence{Index: i, Start: s.Start, End: s.End, Text: d.text(s.Start, s.End)}
	}
	for _, e := range d.sortedEntities() {
		if len(e.Mentions) == 0 {
			// Referred to only by a nationality adjective or a gazetteer
			// fact: not an entity of this article, and its relations go.
			continue
		}
		ent := e.Entity
		slices.SortStableFunc(ent.Mentions, func(a, b Mention) int { return a.Start - b.Start })
		aliases := ent.Aliases
		if len(aliases) == 0 {
			aliases = e.fused
		}
		ent.Aliases = uniqueSorted(append([]string(nil), aliases...))
		if ent.Aliases == nil {
			ent.Aliases = []string{}
		}
		if ent.Mentions == nil {
			ent.Mentions = []Mention{}
		}
		res.Entities = append(res.Entities, ent)
	}
	// Sort on precomputed keys; the property key is the only costly part.
	type keyed struct {
		r     Relation
		props string
	}
	ks := make([]keyed, len(d.rels))
	ks = ks[:0]
	for _, r := range d.rels {
		if d.named(r.From) && d.named(r.To) {
			ks = append(ks, keyed{r, propsKey(r.Props)})
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if relLess(a.r, b.r, a.props, b.props) {
			return -1
		}
		if relLess(b.r, a.r, b.props, a.props) {
			return 1
		}
		return 0
	})
	for i, k := range ks {
		if i > 0 && !relLess(ks[i-1].r, k.r, ks[i-1].props, k.props) {
			continue // a duplicate
		}
		res.Relations = append(res.Relations, k.r)
	}
	return res
}

// relLess orders relations by type, from, to, sentence and properties.
func relLess(a, b Relation, pa, pb string) bool {
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	if a.From != b.From {
		return a.From < b.From
	}
	if a.To != b.To {
		return a.To < b.To
	}
	if a.Sentence != b.Sentence {
		return a.Sentence < b.Sentence
	}
	return pa < pb
}

// propsKey is a canonical string of a relation's properties.
func propsKey(p map[string]any) string {
	switch len(p) {
	case 0:
		return ""
	case 1:
		for k, v := range p {
			if s, ok := v.(string); ok {
				return k + "=" + s
			}
		}
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v;", k, p[k])
	}
	return b.String()
}
