// Package gazetteer knows the named entities that international news about
// Syria keeps naming — countries, cities, ministries, armies, armed groups,
// news agencies, office holders and named events — with their Arabic and
// English spellings, and the word lists the tagger uses as features (given
// names, nationality adjectives, titles, organisation head words).
//
// All matching is on normalized tokens (arabic.Normalize): hamza forms of
// alef, ta marbuta, alef maqsura, diacritics and Latin case fold away. The
// data is embedded and decoded once by Default.
package gazetteer

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
)

// Entity types, the same strings as extract.Person etc. (kept local so the
// package does not depend on its parent).
const (
	Person       = "Person"
	Organization = "Organization"
	Place        = "Place"
	Event        = "Event"
)

// Entry is one known entity.
type Entry struct {
	ID       string   // "place:syria", "org:us-state-department", "person:sergey-lavrov"
	Type     string   // Person, Organization, Place or Event
	Name     string   // canonical Arabic display name, e.g. "سوريا"
	NameEn   string   // English name, e.g. "Syria"
	Wikidata string   // "Q858" where known, else ""
	Aliases  []string // every spelling as written, Arabic and English, Name first
	Country  string   // id of the country it belongs to, if any ("place:united-states")
	Kind     string   // finer kind: "country", "city", "ministry", "armed-group", "outlet", "head-of-state", ...
	// RenamedTo is the id of the entry this organisation was renamed to
	// (جبهة النصرة → جبهة فتح الشام), else "".
	RenamedTo string
	// Role is the Arabic title a person held in 2014–2018 ("وزير الخارجية"),
	// RoleEn its English form, and Org the id of the organisation the role
	// belongs to, if any.
	Role   string
	RoleEn string
	Org    string
	// Source says where the entry came from: "curated" or the generated
	// source ("geonames", "cldr").
	Source string
}

// Gazetteer is an immutable index over entries and word lists; it is safe
// for concurrent use.
type Gazetteer struct {
	entries []*Entry
	byID    map[string]*Entry
	// first maps the normalized first token of an alias to the aliases that
	// start with it, longest first.
	first       map[string][]cand
	given       map[string]bool
	nationality map[string]string
	words       map[string]map[string]bool // kind → normalized word

	// typeWords (entity type → every alias token) is built on first use by
	// Has: most callers never ask, and it would double the decode time.
	typeWordsOnce sync.Once
	typeWords     map[string]map[string]bool
}

type cand struct {
	rest  []string // normalized tokens after the first
	entry *Entry
	rank  int // lower wins among equal lengths: curated before generated
}

// Entries returns all entries sorted by id. The slice is shared; do not
// modify it or its entries.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

// Get returns the entry with the given id, or nil.
func (g *Gazetteer) Get(id string) *Entry { return g.byID[id] }

// Match finds the longest entry alias whose normalized tokens equal
// norm[0:n] and returns the entry and n. norm holds normalized token texts
// as produced by arabic.Tokenize (punctuation tokens included, so "U.S."
// is u . s .). The first token may carry attached conjunctions and
// prepositions (و ف ب ك ل, their pairs, لل for ل + ال): وواشنطن, لروسيا,
// بالولايات المتحدة, للأمم المتحدة all match; the article itself is never
// stripped (السورية is not سورية).
// Generated (non-curated) names only match through و or a clitic before
// the article. Among equally long matches the one needing no clitic
// stripping wins, then curated entries over generated ones. It returns
// nil, 0 when nothing matches.
func (g *Gazetteer) Match(norm []string) (e *Entry, n int) {
	if len(norm) == 0 || norm[0] == "" {
		return nil, 0
	}
	var buf [8]string
	w := norm[0]
	for i, s := range firstForms(w, buf[:0]) {
		// Generated names are many and often ordinary words once a clitic
		// is cut (بترول is not ب + ترول); they take only و or a clitic
		// before the article (بالبندقية).
		strictOK := strictForm(i, w, s)
		// Candidates are longest first, curated before generated, so the
		// first that fits is the best for this form; a later form (more
		// stripping) only wins if it is strictly longer.
		for _, c := range g.first[s] {
			m := 1 + len(c.rest)
			if m <= n {
				break
			}
			if c.rank > 0 && !strictOK {
				continue
			}
			if m <= len(norm) && equalTokens(norm[1:m], c.rest) {
				e, n = c.entry, m
				break
			}
		}
	}
	return e, n
}

// strictForm reports whether form s, the i-th of firstForms(w), may match a
// generated name: the word itself, w without a leading و, or a form that
// keeps the article.
func strictForm(i int, w, s string) bool {
	return i == 0 || strings.HasPrefix(s, "ال") ||
		len(w) == len("و")+len(s) && strings.HasPrefix(w, "و") && strings.HasSuffix(w, s)
}

func equalTokens(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Forms returns the forms a normalized token is looked up under by Match,
// Nationality, GivenName and Has: the token itself, then without attached
// conjunctions and prepositions. See firstForms.
func Forms(norm string) []string { return firstForms(norm, nil) }

// firstForms appends to buf the forms a token is looked up under: itself,
// then the word without a conjunction and/or preposition (و ف ب ك ل and
// their pairs), with لل read as ل + ال, and for Latin without a possessive
// 's. It never strips the determiner ال itself: السورية is an adjective, not
// سورية, so an alias without ال must not match a word that has it. Stems
// shorter than three letters are dropped as too often accidental.
func firstForms(w string, buf []string) []string {
	buf = append(buf, w)
	add := func(s string) {
		if utf8.RuneCountInString(s) < 3 {
			return
		}
		for _, f := range buf {
			if f == s {
				return
			}
		}
		buf = append(buf, s)
	}
	h := arabic.Head(w)
	for i := range proclitics.Len() {
		if !proclitics.Match(i, w, h) {
			continue
		}
		p := proclitics.At(i)
		rest := w[len(p):]
		add(rest)
		if strings.HasSuffix(p, "ل") && strings.HasPrefix(rest, "ل") {
			add("ال" + rest[len("ل"):]) // لل = ل + ال, the determiner's alef dropped
		}
	}
	if s, ok := strings.CutSuffix(w, "'s"); ok {
		add(s)
	} else if s, ok := strings.CutSuffix(w, "’s"); ok {
		add(s)
	}
	return buf
}

// proclitics are the conjunctions and prepositions that attach to a word,
// longest first; the determiner is not among them (see firstForms).
var proclitics = arabic.NewPrefixes("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")

// GivenName reports whether norm (a normalized token, clitics allowed) is
// a known given name, Arabic or transliterated (جون، مايكل، سيرغي، محمد).
func (g *Gazetteer) GivenName(norm string) bool {
	return g.Has("given", norm)
}

// Nationality maps a nationality adjective or plural (الروسي, الروسية,
// الأميركيين, السوريون, American, Russians; clitics allowed) to the id of
// its country. Affiliation adjectives of international bodies map to the
// body: الأممي → "org:united-nations".
func (g *Gazetteer) Nationality(norm string) (countryID string, ok bool) {
	var buf [8]string
	for _, s := range firstForms(norm, buf[:0]) {
		if id, ok := g.nationality[s]; ok {
			return id, true
		}
	}
	return "", false
}

// Has reports whether norm is in the word list of the given kind; it
// implements the tagger's Lexicon. norm is a normalized word (a form with
// conjunctions or prepositions attached counts too) or, for the name
// kinds, a phrase of normalized words separated by single spaces. Kinds:
//
//	given         given names (GivenName)
//	family        family names: last words of curated people's names (لافروف)
//	nationality   nationality adjectives (Nationality)
//	person-title  titles before a name: الرئيس، وزير، المتحدث، ... (also "title")
//	org-head      first words of organisation names: وزارة، وكالة، ... (also "orghead")
//	place-head    words before a place name: مدينة، محافظة، ريف، ... (also "lochead")
//	event-head    words that name events: هجوم، قمة، اتفاق، غارة، ...
//	month, weekday, speech-verb
//	person, org, place, event   norm is a whole name of an entry of that type
//	misc          norm is a whole event name, or a nationality adjective
//	Person, Organization, Place, Event   norm is one word of some name of
//	              an entry of that type (المتحدة is a Place word)
func (g *Gazetteer) Has(kind, norm string) bool {
	switch kind {
	case "person", "org", "organization", "place", "event":
		return g.isName(canonicalKind(kind), norm)
	case "misc":
		_, nat := g.Nationality(norm)
		return nat || g.isName(Event, norm)
	}
	set := g.words[listName(kind)]
	switch kind {
	case Person, Organization, Place, Event, "family":
		g.typeWordsOnce.Do(g.buildTypeWords)
		set = g.typeWords[kind]
	}
	if set == nil {
		return false
	}
	var buf [8]string
	for _, s := range firstForms(norm, buf[:0]) {
		if set[s] {
			return true
		}
	}
	return false
}

// isName reports whether the words of phrase (space separated, the first
// possibly with clitics) are a whole alias of an entry of type typ.
func (g *Gazetteer) isName(typ, phrase string) bool {
	var tbuf [8]string
	toks := tbuf[:0]
	for rest := phrase; rest != ""; {
		var t string
		t, rest, _ = strings.Cut(rest, " ")
		if t != "" {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return false
	}
	var buf [8]string
	w := toks[0]
	for i, s := range firstForms(w, buf[:0]) {
		strictOK := strictForm(i, w, s)
		for _, c := range g.first[s] {
			if c.entry.Type == typ && len(c.rest) == len(toks)-1 && equalTokens(toks[1:], c.rest) && (c.rank == 0 || strictOK) {
				return true
			}
		}
	}
	return false
}

func (g *Gazetteer) buildTypeWords() {
	g.typeWords = map[string]map[string]bool{}
	add := func(kind, t string) {
		if utf8.RuneCountInString(t) < 2 {
			return
		}
		set := g.typeWords[kind]
		if set == nil {
			set = map[string]bool{}
			g.typeWords[kind] = set
		}
		set[t] = true
	}
	for first, cs := range g.first {
		for _, c := range cs {
			add(c.entry.Type, first)
			for _, t := range c.rest {
				add(c.entry.Type, t)
			}
			// The last word of a curated person's Arabic name of two words
			// or more is a family name.
			if c.entry.Type == Person && c.rank == 0 && len(c.rest) > 0 {
				if last := c.rest[len(c.rest)-1]; isArabicWord(last) {
					add("family", last)
				}
			}
		}
	}
}

func isArabicWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 0x0621 && r <= 0x06FF
}

func canonicalKind(k string) string {
	switch k {
	case "person":
		return Person
	case "org", "organization":
		return Organization
	case "place":
		return Place
	case "event":
		return Event
	}
	return k
}

// Kinds returns the word-list kinds Has knows, sorted.
func (g *Gazetteer) Kinds() []string {
	out := []string{Event, Organization, Person, Place, "event", "family", "misc", "org", "person", "place"}
	for k := range g.words {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Words lists, sorted, the bare forms Has accepts for a kind (attached
// conjunctions and prepositions are for the caller to strip): the words of
// a word-list kind, or for the name kinds (person, org, place, event,
// misc) each whole name as normalized words separated by single spaces.
// The tagger compiles them into its model, which is faster than asking Has
// about every token.
func (g *Gazetteer) Words(kind string) []string {
	set := map[string]bool{}
	names := func(typ string) {
		for first, cs := range g.first {
			for _, c := range cs {
				if c.entry.Type == typ {
					set[strings.Join(append([]string{first}, c.rest...), " ")] = true
				}
			}
		}
	}
	switch kind {
	case "person", "org", "organization", "place", "event":
		names(canonicalKind(kind))
	case "misc":
		names(Event)
		for w := range g.nationality {
			set[w] = true
		}
	case Person, Organization, Place, Event, "family":
		g.typeWordsOnce.Do(g.buildTypeWords)
		set = g.typeWords[kind]
	default:
		set = g.words[listName(kind)]
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// listName maps the short kind names of Has and Words to the names of the
// word lists.
func listName(kind string) string {
	switch kind {
	case "title":
		return "person-title"
	case "orghead":
		return "org-head"
	case "lochead":
		return "place-head"
	}
	return kind
}
