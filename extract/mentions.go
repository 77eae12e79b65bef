package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/gazetteer"
)

// source says which stage proposed a candidate mention.
type source uint8

const (
	fromGazetteer source = iota
	fromRule
	fromTagger
	fromSurname
)

// cand is a candidate mention: tokens [t0, t1), code points [start, end)
// with attached proclitics left out.
type cand struct {
	t0, t1     int
	start, end int
	typ        string
	entry      *gazetteer.Entry // nil for names the gazetteer does not know
	key        string           // unknown names: normalized canonical key
	src        source
	fused      bool   // starts inside a لل contraction (للولايات): not an alias
	domain     string // generic ministry (وزارة الخارجية): its field, resolved later
	id         string // entity id, set by resolution
	drop       bool   // removed by resolution
}

// proclitics are the attached prefixes stripped before lexicon look-ups,
// shortest first. The determiner ال is not among them: lexicons list the
// forms with and without it.
var procliticList = [...]string{"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل"}

// stem returns the first of w and its proclitic-stripped forms that ok
// accepts, and how many code points of w the proclitic takes. For لل the
// form is the determiner restored (للخارجية → الخارجية) and the cut leaves
// the second ل, which is the determiner's.
func stem(w string, ok func(string) bool) (s string, cut int, found bool) {
	if ok(w) {
		return w, 0, true
	}
	// Every proclitic starts with one of five letters (two bytes each).
	if len(w) < 2 {
		return w, 0, false
	}
	switch w[:2] {
	case "و", "ف", "ب", "ل", "ك":
	default:
		return w, 0, false
	}
	for _, p := range procliticList {
		if !strings.HasPrefix(w, p) {
			continue
		}
		rest := w[len(p):]
		if utf8.RuneCountInString(rest) < 2 {
			continue
		}
		n := utf8.RuneCountInString(p)
		if strings.HasSuffix(p, "لل") {
			if f := "ال" + rest; ok(f) {
				return f, n - 1, true
			}
			continue
		}
		if ok(rest) {
			return rest, n, true
		}
	}
	return w, 0, false
}

// stemOf strips a proclitic when the rest satisfies ok; else returns w.
func stemOf(w string, ok func(string) bool) string {
	s, _, _ := stem(w, ok)
	return s
}

// cutStart returns the code-point offset in the text where token i's
// normalized form without its first cut letters begins (diacritics after
// a clitic belong to the clitic).
func (d *doc) cutStart(i, cut int) int {
	t := d.toks[i]
	if cut == 0 {
		return t.Start
	}
	n := 0
	for k := t.Start; k < t.End; k++ {
		if _, keep := arabic.Fold(d.runes[k]); keep {
			if n == cut {
				return k
			}
			n++
		}
	}
	return t.Start
}

// free reports whether tokens [i, j) are inside the text and not yet part
// of a mention.
func (d *doc) free(i, j int) bool {
	if i < 0 || j > len(d.toks) || i >= j {
		return false
	}
	for k := i; k < j; k++ {
		if d.owner[k] >= 0 {
			return false
		}
	}
	return true
}

// add records a candidate over tokens [t0, t1) whose first token loses cut
// normalized letters of proclitic. It returns the candidate, or nil when
// the tokens are taken.
func (d *doc) add(t0, t1, cut int, typ string, e *gazetteer.Entry, key string, src source) *cand {
	if !d.free(t0, t1) {
		return nil
	}
	c := &cand{
		t0: t0, t1: t1,
		start: d.cutStart(t0, cut), end: d.toks[t1-1].End,
		typ: typ, entry: e, key: key, src: src,
	}
	if cut > 0 {
		n := d.norms[t0]
		// A cut that leaves a ل before the stem is the لل contraction.
		for _, p := range [...]string{"لل", "ولل", "فلل"} {
			if strings.HasPrefix(n, p) && utf8.RuneCountInString(p)-1 == cut {
				c.fused = true
			}
		}
	}
	if c.start >= c.end {
		return nil
	}
	idx := len(d.cands)
	d.cands = append(d.cands, c)
	for k := t0; k < t1; k++ {
		d.owner[k] = idx
	}
	return c
}

// candAt returns the candidate covering token i, or nil.
func (d *doc) candAt(i int) *cand {
	if i < 0 || i >= len(d.owner) || d.owner[i] < 0 {
		return nil
	}
	return d.cands[d.owner[i]]
}

// matchGazetteer finds known names, longest match first, left to right in
// each sentence, through attached proclitics.
func (d *doc) matchGazetteer() {
	g := d.p.gaz
	for _, r := range d.sentTok {
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			e, n := g.Match(d.norms[i:r[1]])
			if e == nil {
				continue
			}
			if !d.acceptMatch(i, n, e) {
				continue
			}
			cut := d.procliticCut(i)
			if d.add(i, i+n, cut, e.Type, e, "", fromGazetteer) != nil {
				i += n - 1
			}
		}
	}
}

// procliticCut returns how many normalized letters of token i precede the
// alias spelling the gazetteer matched.
func (d *doc) procliticCut(i int) int {
	_, cut, found := stem(d.norms[i], func(s string) bool { return d.p.firsts[s] })
	if found {
		return cut
	}
	// Another stripping the gazetteer allows (the determiner too).
	w := d.norms[i]
	for _, s := range arabic.Stems(w)[1:] {
		if d.p.firsts[s] && strings.HasSuffix(w, s) {
			return utf8.RuneCountInString(w) - utf8.RuneCountInString(s)
		}
	}
	return 0
}

// acceptMatch filters gazetteer matches that are common words here.
func (d *doc) acceptMatch(i, n int, e *gazetteer.Entry) bool {
	if latin, upper := d.latin(i); latin {
		// English aliases are case-folded: "who" is not WHO, "earnest" is
		// not Josh Earnest.
		if !upper {
			return false
		}
		if n == 1 && stopWord(d.norms[i]) && strings.ToUpper(d.toks[i].Text) != d.toks[i].Text {
			return false
		}
		return true
	}
	if e.Source != "curated" && n == 1 && !d.placeContext(i) {
		// Generated lists (geonames) hold many names that are also common
		// words; a single word needs a locative word before it.
		return false
	}
	if n == 1 {
		// السعودية after a definite noun is the adjective "Saudi".
		if _, nat := d.p.gaz.Nationality(d.norms[i]); nat && d.definiteNounBefore(i) {
			return false
		}
	}
	return true
}

// placeContext reports whether token i is introduced as a place: a
// locative preposition or place head word before it, or ب attached.
func (d *doc) placeContext(i int) bool {
	if strings.HasPrefix(d.norms[i], "ب") && !d.p.firsts[d.norms[i]] {
		return true
	}
	if i == 0 || d.tokSent[i-1] != d.tokSent[i] {
		return false
	}
	prev := stemOf(d.norms[i-1], placeHead)
	return locPrep(prev) || placeHead(prev) || d.p.gaz.Has("place-head", d.norms[i-1])
}

// definiteNounBefore reports whether token i follows a definite word that
// it can qualify as an adjective (الحكومة السعودية).
func (d *doc) definiteNounBefore(i int) bool {
	j := i - 1
	if j < 0 || !d.word(j) || d.tokSent[j] != d.tokSent[i] {
		return false
	}
	if c := d.candAt(j); c != nil {
		return false
	}
	w := stemOf(d.norms[j], func(s string) bool { return strings.HasPrefix(s, "ال") })
	return strings.HasPrefix(w, "ال") && !stopWord(w)
}

// nationality returns the country (or international body) a nationality
// adjective at token i refers to.
func (d *doc) nationality(i int) (string, bool) {
	if !d.word(i) || d.owner[i] >= 0 {
		return "", false
	}
	if latin, upper := d.latin(i); latin && !upper {
		return "", false
	}
	return d.p.gaz.Nationality(d.norms[i])
}

// ministryDomain reports the fields of generic ministries: وزارة الخارجية
// without a nationality.
func ministryDomain(w string) bool {
	switch w {
	case "الخارجيه", "الدفاع", "الداخليه", "العدل", "الماليه", "الاعلام", "الخزانه":
		return true
	}
	return false
}

// genericOrgs finds ministries named without their country (وزارة
// الخارجية، بيان الخارجية); resolution ties them to the ministry of the
// same field named elsewhere in the article, or to the ministry of the
// person whose title names it.
func (d *doc) genericOrgs() {
	for _, r := range d.sentTok {
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			w, cut, ok := stem(d.norms[i], func(s string) bool { return s == "وزاره" || s == "الوزاره" })
			if ok && i+1 < r[1] && d.owner[i+1] < 0 && ministryDomain(d.norms[i+1]) {
				_ = w
				if c := d.add(i, i+2, cut, Organization, nil, "", fromRule); c != nil {
					c.domain = d.norms[i+1]
				}
				i++
				continue
			}
			// A bare الخارجية is the ministry unless it qualifies a noun
			// (السياسة الخارجية) or follows a title (وزير الخارجية).
			if _, cut, ok := stem(d.norms[i], func(s string) bool { return s == "الخارجيه" }); ok {
				prev := d.norm(i - 1)
				if i-1 >= r[0] && d.word(i-1) {
					if p := stemOf(prev, func(s string) bool { return strings.HasPrefix(s, "ال") }); strings.HasPrefix(p, "ال") {
						continue
					}
					if h, _ := titleHead(stemOf(prev, isTitleHead)); h || titleBody(prev) || prev == "شوون" || prev == "الشوون" {
						continue
					}
				}
				if c := d.add(i, i+1, cut, Organization, nil, "", fromRule); c != nil {
					c.domain = "الخارجيه"
				}
			}
		}
	}
}

func isTitleHead(s string) bool { ok, _ := titleHead(s); return ok }

// nameToken reports whether token i can be part of an unknown person's
// name: a free word that is no function word, title, nationality, month,
// weekday or date, in Arabic script or capitalized Latin.
func (d *doc) nameToken(i int) bool {
	if !d.word(i) || d.owner[i] >= 0 || d.inDate(i) {
		return false
	}
	w := d.norms[i]
	if utf8.RuneCountInString(w) < 2 || stopWord(w) || isTitleHead(w) || titleBody(w) || triggerWord(w) {
		return false
	}
	if latin, upper := d.latin(i); latin && !upper {
		return false
	}
	if _, ok := d.p.gaz.Nationality(w); ok {
		return false
	}
	if d.p.gaz.Has("month", w) || d.p.gaz.Has("weekday", w) || d.p.gaz.Has("speech-verb", w) {
		return false
	}
	return true
}

// definite reports a normalized Arabic word with the article.
func definite(w string) bool { return strings.HasPrefix(w, "ال") }

// definiteLike reports a word with the article, also behind a proclitic
// (للاستئناف، بالأمس, والحكومة): never the first word of a name.
func definiteLike(w string) bool {
	if definite(w) {
		return true
	}
	for _, p := range [...]string{"لل", "وال", "بال", "فال", "كال", "وبال", "ولل", "فلل", "فبال", "وكال"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// personName reads an unknown person's name starting at token i: two
// words (مايكل راتني), three with a particle (محمد بن سلمان، ستيفان دي
// ميستورا) or a compound first name (عبد الفتاح السيسي). A first word that
// is not a known given name needs strong context (a title before it). It
// returns the end token, or i when there is no name.
func (d *doc) personName(i, end int, strong bool) int {
	if i >= end || !d.nameToken(i) {
		return i
	}
	w1 := d.norms[i]
	latin, _ := d.latin(i)
	given := d.p.gaz.GivenName(w1)
	if !strong && (!given || ambiguousGiven(w1)) {
		return i
	}
	if !latin && definiteLike(w1) {
		return i
	}
	j := i + 1
	if nameStarter(w1) {
		// عبد الفتاح: the second word may carry the article.
		if j >= end || !d.word(j) || d.owner[j] >= 0 || stopWord(d.norms[j]) {
			return i
		}
		j++
		if j < end && d.nameToken(j) {
			j++
		}
		return j
	}
	if j >= end {
		return i
	}
	w2 := d.norms[j]
	if nameParticle(w2) && d.word(j) && d.owner[j] < 0 && j+1 < end && d.nameToken(j+1) {
		return j + 2
	}
	if !d.nameToken(j) {
		return i
	}
	if !latin && (definite(w2) && !given || definiteLike(w2) && !definite(w2)) {
		return i
	}
	if latin {
		// Capitalized Latin words run on: George W. Bush is not handled,
		// but Recep Tayyip Erdogan is.
		k := j + 1
		for k < end && k < i+4 && d.nameToken(k) {
			k++
		}
		return k
	}
	k := j + 1
	// A third word when the first two are both given names: رجب طيب أردوغان.
	if given && d.p.gaz.GivenName(w2) && k < end && d.nameToken(k) && !definite(d.norms[k]) {
		k++
	}
	if !strong && !d.boundary(k, end) {
		return i
	}
	return k
}

// boundary reports whether token k ends a name: the end of the sentence,
// punctuation, a function word, a known entity or a title.
func (d *doc) boundary(k, end int) bool {
	if k >= end || !d.word(k) || d.owner[k] >= 0 {
		return true
	}
	w := d.norms[k]
	return stopWord(w) || isTitleHead(stemOf(w, isTitleHead)) || d.p.gaz.Has("speech-verb", w) || d.inDate(k)
}

// nameKey is the canonical key of an unknown name over tokens [i, j):
// normalized words joined by "-", Latin in lower case.
func (d *doc) nameKey(i, j, cut int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if d.toks[k].Kind == arabic.Punct {
			continue
		}
		w := d.norms[k]
		if k == i && cut > 0 {
			w = string([]rune(w)[cut:])
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// addName records an unknown name over [i, j).
func (d *doc) addName(i, j, cut int, typ string, src source) *cand {
	return d.add(i, j, cut, typ, nil, d.nameKey(i, j, cut), src)
}

// names finds unknown names outside titles: a known given name followed
// by a surname, names after organization and place head words (وكالة
// «…», مدينة …), and capitalized Latin names.
func (d *doc) names() {
	for _, r := range d.sentTok {
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			w := d.norms[i]
			// Given name + surname, also after a proclitic: وجون كيربي.
			// Without a title the name must start a phrase: not right after
			// an adjective or a noun it could qualify.
			if g, cut, ok := stem(w, d.p.gaz.GivenName); ok && !ambiguousGiven(g) && d.nameCanStart(i, r[0]) {
				if end := d.personNameCut(i, r[1], cut); end > i {
					d.addName(i, end, cut, Person, fromRule)
					i = end - 1
					continue
				}
			}
			if end, typ := d.headedName(i, r[1]); end > 0 {
				i = end - 1
				_ = typ
				continue
			}
			if latin, upper := d.latin(i); latin && upper {
				if end := d.latinName(i, r[0], r[1]); end > i {
					i = end - 1
				}
			}
		}
	}
}

// nameCanStart reports whether a name may start at token i without a
// title: at the start of the sentence, after punctuation, a function word
// or a verb of saying — not after a definite word or a nationality.
func (d *doc) nameCanStart(i, s0 int) bool {
	if i == s0 || !d.word(i-1) {
		return true
	}
	w := d.norms[i-1]
	if stopWord(w) || d.p.gaz.Has("speech-verb", w) {
		return true
	}
	if definiteLike(w) {
		return false
	}
	if _, nat := d.p.gaz.Nationality(w); nat {
		return false
	}
	return true
}

// personNameCut is personName for a first word that may carry a proclitic
// of cut letters.
func (d *doc) personNameCut(i, end, cut int) int {
	if cut == 0 {
		return d.personName(i, end, false)
	}
	saved := d.norms[i]
	d.norms[i] = string([]rune(saved)[cut:])
	n := d.personName(i, end, false)
	d.norms[i] = saved
	return n
}

// quoteOpen and quoteClose are the quotation marks around names.
func quoteOpen(s string) bool  { return s == "«" || s == "\"" || s == "“" || s == "(" || s == "'" }
func quoteClose(s string) bool { return s == "»" || s == "\"" || s == "”" || s == ")" || s == "'" }

// orgHead are the words that name an organization quoted after them:
// وكالة «تاس», موقع «روسيا اليوم».
func orgHead(w string) bool {
	switch w {
	case "وكاله", "موقع", "صحيفه", "قناه", "شبكه", "اذاعه", "تلفزيون", "مجله", "جريده", "تنظيم", "جبهه",
		"حركه", "منظمه", "حزب", "جماعه", "لواء", "كتايب", "فصيل", "ايتلاف", "مركز", "شركه", "مجموعه":
		return true
	}
	return false
}

// placeHead are the words that name a place after them: مدينة هانغتشو.
func placeHead(w string) bool {
	switch w {
	case "مدينه", "بلده", "قريه", "مطار", "قاعده", "مخيم", "حي", "معبر", "ميناء", "ناحيه", "منطقه", "جزيره":
		return true
	}
	return false
}

// compoundPlace are first words of two-word place names: خان شيخون.
func compoundPlace(w string) bool {
	switch w {
	case "خان", "دير", "تل", "عين", "راس", "جسر", "كفر", "بيت", "بني", "ام", "ابو", "سان", "سانت", "نيو":
		return true
	}
	return false
}

// nisba reports relative adjectives (العسكرية، الجوية) that follow a head
// word without naming anything.
func nisba(w string) bool {
	return strings.HasSuffix(w, "يه") || strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "يين") || strings.HasSuffix(w, "يون")
}

// headedName reads an organization named in quotes after a head word, or
// a place after a place head word. It returns the end token and the type.
func (d *doc) headedName(i, end int) (int, string) {
	h := stemOf(d.norms[i], func(s string) bool { return orgHead(s) || placeHead(s) })
	switch {
	case orgHead(h):
		j := i + 1
		if j < end && quoteOpen(d.norms[j]) {
			k := j + 1
			for k < end && k < j+6 && d.word(k) && d.owner[k] < 0 {
				k++
			}
			if k > j+1 && k < end && quoteClose(d.norms[k]) && !allStop(d, j+1, k) {
				if d.addName(j+1, k, 0, Organization, fromRule) != nil {
					return k + 1, Organization
				}
			}
		}
	case placeHead(h):
		j := i + 1
		if j >= end || !d.word(j) || d.owner[j] >= 0 {
			return 0, ""
		}
		w := d.norms[j]
		if stopWord(w) || nisba(w) || d.inDate(j) || triggerWord(w) || isTitleHead(w) {
			return 0, ""
		}
		if _, ok := d.p.gaz.Nationality(w); ok {
			return 0, ""
		}
		if latin, _ := d.latin(j); latin {
			return 0, ""
		}
		k := j + 1
		if compoundPlace(w) && k < end && d.word(k) && d.owner[k] < 0 && !stopWord(d.norms[k]) {
			k++
		} else if definite(w) && !strings.HasSuffix(w, "ات") {
			// مدينة الباب is known; other definite words after a head are
			// mostly common nouns (المنطقة العازلة).
			return 0, ""
		}
		if d.addName(j, k, 0, Place, fromRule) != nil {
			return k, Place
		}
	}
	return 0, ""
}

func allStop(d *doc, i, j int) bool {
	for k := i; k < j; k++ {
		if !stopWord(d.norms[k]) {
			return false
		}
	}
	return true
}

// latinName reads a run of capitalized Latin words and types it from its
// context: a title before it or a known given name makes a person, an
// organization head word inside it an organization, a locative preposition
// before it a place. Untyped runs are left to the tagger.
func (d *doc) latinName(i, s0, end int) int {
	j := i
	for j < end && j < i+5 {
		if _, up := d.latin(j); up && d.owner[j] < 0 && !(stopWord(d.norms[j]) && j == i) {
			j++
			continue
		}
		if j > i && j+1 < end && nameParticle(d.norms[j]) && d.owner[j] < 0 {
			if _, up := d.latin(j + 1); up {
				j++
				continue
			}
		}
		break
	}
	if j == i {
		return i
	}
	prev := ""
	if i-1 >= s0 {
		prev = d.norms[i-1]
	}
	typ := ""
	switch {
	case englishTitle(prev):
		typ = Person
	case d.p.gaz.GivenName(d.norms[i]) && j-i >= 2:
		typ = Person
	default:
		for k := i; k < j; k++ {
			if d.p.gaz.Has("org-head", d.norms[k]) {
				typ = Organization
			}
		}
		if typ == "" && (prev == "in" || prev == "near" || prev == "from") && j-i <= 3 && i > s0 {
			typ = Place
		}
	}
	if typ == "" || (typ == Person && j-i < 2 && !englishTitle(prev)) {
		return i
	}
	if i == s0 && typ != Person && j-i == 1 {
		return i // a capital at the start of a sentence says nothing
	}
	d.addName(i, j, 0, typ, fromRule)
	return j
}

// tagNames adds the tagger's names where nothing else matched.
func (d *doc) tagNames() {
	if d.p.tagger == nil {
		return
	}
	for _, r := range d.sentTok {
		if r[1] <= r[0] {
			continue
		}
		words := make([]string, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			words = append(words, d.toks[i].Text)
		}
		tags := d.p.tagger.Tag(words)
		if len(tags) != len(words) {
			d.p.log.Debug("tagger returned wrong number of tags", "article", d.a.ID, "tokens", len(words), "tags", len(tags))
			continue
		}
		for k := 0; k < len(tags); {
			typ := tagType(tags[k])
			if typ == "" || !strings.HasPrefix(tags[k], "B-") && !strings.HasPrefix(tags[k], "I-") {
				k++
				continue
			}
			e := k + 1
			for e < len(tags) && tags[e] == "I-"+tags[k][2:] {
				e++
			}
			d.addTagged(r[0]+k, r[0]+e, typ)
			k = e
		}
	}
}

func tagType(t string) string {
	if len(t) < 3 {
		return ""
	}
	switch t[2:] {
	case "PERS", "PER":
		return Person
	case "ORG":
		return Organization
	case "LOC":
		return Place
	}
	return ""
}

// addTagged adds a tagger span if its tokens are free words that can name
// something.
func (d *doc) addTagged(i, j int, typ string) {
	for i < j && !d.word(i) {
		i++
	}
	for j > i && !d.word(j-1) {
		j--
	}
	if i >= j || !d.free(i, j) {
		return
	}
	content := 0
	for k := i; k < j; k++ {
		w := d.norms[k]
		if latin, up := d.latin(k); latin && !up {
			return
		}
		if _, nat := d.p.gaz.Nationality(w); nat && j-i == 1 {
			return
		}
		if d.inDate(k) || triggerWord(w) {
			return
		}
		if !stopWord(w) && !isTitleHead(w) && utf8.RuneCountInString(w) >= 2 {
			content++
		}
	}
	if content == 0 || (j-i == 1 && utf8.RuneCountInString(d.norms[i]) < 3) {
		return
	}
	// A single-letter proclitic on an unknown name comes off when the
	// rest is seen on its own elsewhere in the article.
	cut := 0
	if w := d.norms[i]; utf8.RuneCountInString(w) > 4 {
		for _, p := range [...]string{"و", "ب", "ل", "ف"} {
			if rest, ok := strings.CutPrefix(w, p); ok && d.seenWord(rest) {
				cut = 1
				break
			}
		}
	}
	d.addName(i, j, cut, typ, fromTagger)
}

// seenWord reports whether w occurs as a whole token in the article.
func (d *doc) seenWord(w string) bool {
	for _, n := range d.norms {
		if n == w {
			return true
		}
	}
	return false
}

// firstUpper reports whether s starts with an upper-case letter.
func firstUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
