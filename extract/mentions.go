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
	pre        string // the proclitic attached to the first token, "" if none
	single     bool   // a one-word person from the tagger: kept only if it resolves
	domain     string // generic ministry (وزارة الخارجية): its field, resolved later
	id         string // entity id, set by resolution
	drop       bool   // removed by resolution
}

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
	// The attached prefixes, shortest first. The determiner ال is not among
	// them: lexicons list the forms with and without it.
	h := arabic.Head(w)
	for i := range stemProclitics.Len() {
		if !stemProclitics.Match(i, w, h) {
			continue
		}
		p := stemProclitics.At(i)
		rest := w[len(p):]
		if !arabic.TwoRunes(rest) {
			continue
		}
		n := len(p) / len("و") // every letter of a proclitic takes two bytes
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

// stemProclitics are the proclitics stem strips, shortest first.
var stemProclitics = arabic.NewPrefixes("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل")

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
	c.pre = d.text(d.toks[t0].Start, c.start)
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
			if !d.word(i) || d.owner[i] >= 0 || !d.mayStartName(i) {
				continue
			}
			e, n := g.Match(d.norms[i:r[1]])
			// A date running past the end of a name cuts the name short:
			// روسيا اليوم الأربعاء is Russia, then "today, Wednesday".
			for e != nil && n > 1 {
				cut := 0
				for _, s := range d.dateSpans[d.tokSent[i]] {
					if s.Start > i && s.Start < i+n && s.End > i+n {
						cut = s.Start
					}
				}
				if cut == 0 {
					break
				}
				e, n = g.Match(d.norms[i:cut])
			}
			if e == nil {
				continue
			}
			if !d.acceptMatch(i, n, e) {
				continue
			}
			cut := d.procliticCut(i)
			if city := d.p.cityOf[e.ID]; city != nil {
				e = city // محافظة إدلب، ريف إدلب: the city's entity
			}
			if c := d.add(i, i+n, cut, e.Type, e, "", fromGazetteer); c != nil {
				// Russia's: the possessive is not part of the name.
				if last := d.toks[i+n-1].Text; strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s") {
					if c.end-2 > c.start {
						c.end -= 2
					}
				}
				d.trimHead(c)
				d.nestedPerson(c)
				i += n - 1
			}
		}
	}
}

// nestedPerson adds the person named at the end of an organization that
// is described by its leader (نظام الأسد، إدارة ترامب): a second mention,
// inside the first, that owns no token.
func (d *doc) nestedPerson(c *cand) {
	if c.typ != Organization || c.t1-c.t0 < 2 || !d.word(c.t1-1) {
		return
	}
	last := c.t1 - 1
	e, n := d.p.gaz.Match(d.norms[last:c.t1])
	if e == nil || n != 1 || e.Type != Person {
		return
	}
	p := &cand{t0: last, t1: c.t1, start: d.toks[last].Start, end: d.toks[last].End, typ: Person, entry: e, src: fromGazetteer}
	d.cands = append(d.cands, p)
}

// trimHead leaves a classifier head noun out of a known name's mention:
// مدينة حلب → حلب, تنظيم القاعدة → القاعدة, قاعدة الشعيرات الجوية →
// الشعيرات. The tokens stay with the candidate; only the span shrinks.
func (d *doc) trimHead(c *cand) {
	if c.t1-c.t0 < 2 {
		return
	}
	h := stemOf(d.norms[c.t0], classifierHead)
	if !classifierHead(h) {
		return
	}
	first := c.t0 + 1
	for first < c.t1 && !d.word(first) {
		first++ // وكالة «تاس»
	}
	last := c.t1 - 1
	for last > first && !d.word(last) {
		last--
	}
	if last > first && classifierTail(d.norms[last]) {
		last--
	}
	if first > last {
		return
	}
	c.start, c.end = d.toks[first].Start, d.toks[last].End
}

// classifierHead reports head nouns that classify a name without being
// part of it.
func classifierHead(w string) bool {
	switch w {
	case "تنظيم", "وكاله", "موقع", "صحيفه", "قناه", "مدينه", "محافظه", "بلده", "ريف", "قاعده", "مطار":
		return true
	}
	return false
}

// classifierTail reports adjectives that close a classified name: قاعدة
// حميميم الجوية.
func classifierTail(w string) bool {
	switch w {
	case "الجويه", "الجوي", "العسكريه", "العسكري":
		return true
	}
	return false
}

// mayStartName reports whether some gazetteer alias can start at token i:
// a cheap test that spares most words the full look-up.
func (d *doc) mayStartName(i int) bool {
	w := d.norms[i]
	firsts := d.p.firsts
	if arabic.AnyStem(w, func(s string) bool { return firsts[s] }) {
		return true
	}
	if s, ok := strings.CutSuffix(w, "'s"); ok && firsts[s] {
		return true
	}
	if s, ok := strings.CutSuffix(w, "’s"); ok && firsts[s] {
		return true
	}
	return false
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
		if _, nat := d.natOf(d.norms[i]); nat && d.definiteNounBefore(i) {
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
	return d.natOf(d.norms[i])
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
			_, cut, ok := stem(d.norms[i], func(s string) bool { return s == "وزاره" || s == "الوزاره" })
			if ok && i+1 < r[1] && d.owner[i+1] < 0 && ministryDomain(d.norms[i+1]) {
				if c := d.add(i, i+2, cut, Organization, nil, "", fromRule); c != nil {
					c.domain = d.norms[i+1]
				}
				i++
				continue
			}
			// وزارة الصحة الفلسطينية: a ministry the gazetteer does not know,
			// named with its country.
			if ok && i+2 < r[1] && d.free(i+1, i+3) && definite(d.norms[i+1]) && !stopWord(d.norms[i+1]) {
				if _, nat := d.nationality(i + 2); nat {
					d.addName(i, i+3, cut, Organization, fromRule)
					i += 2
					continue
				}
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
	if _, ok := d.natOf(w); ok {
		return false
	}
	if d.dateWord(w) || d.speech(w) {
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
	given := d.given(w1)
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
	// رامي عبد الرحمن: a compound surname takes the word after it.
	if nameStarter(w2) && d.word(j) && d.owner[j] < 0 && j+1 < end && d.word(j+1) && d.owner[j+1] < 0 && !stopWord(d.norms[j+1]) {
		return j + 2
	}
	if !d.nameToken(j) {
		return i
	}
	if !latin && (definite(w2) && !given || definiteLike(w2) && !definite(w2)) {
		return i
	}
	if latin {
		// Capitalized Latin words run on, up to four: Recep Tayyip Erdogan.
		k := j + 1
		for k < end && k < i+4 && d.nameToken(k) {
			k++
		}
		return k
	}
	k := j + 1
	// A third word when the first two are both given names: رجب طيب أردوغان.
	if given && d.given(w2) && k < end && d.nameToken(k) && !definite(d.norms[k]) {
		k++
	}
	// Without a title the name must end at a boundary, unless a verb of
	// saying opens the clause (أعلن مايكل هاريس خطة …): verb, subject,
	// object.
	if !strong && !d.boundary(k, end) && !(i > 0 && d.speech(d.norms[i-1])) {
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
	return stopWord(w) || isTitleHead(stemOf(w, isTitleHead)) || d.speech(w) || d.inDate(k)
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
			if g, cut, ok := stem(w, d.given); ok && !ambiguousGiven(g) && d.nameCanStart(i, r[0]) {
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
					continue
				}
				// A credit in an Arabic text: (Getty), (AFP).
				if d.lang == "ar" && d.norm(i-1) == "(" {
					j := i
					for j < r[1] && j < i+3 && d.owner[j] < 0 {
						if _, up := d.latin(j); !up {
							break
						}
						j++
					}
					if j > i && d.norm(j) == ")" {
						d.addName(i, j, 0, Organization, fromRule)
						i = j
					}
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
	if stopWord(w) || d.speech(w) {
		return true
	}
	if definiteLike(w) {
		return false
	}
	if _, nat := d.natOf(w); nat {
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
	case "مدينه", "بلده", "قريه", "مطار", "قاعده", "مخيم", "معبر", "ميناء", "ناحيه", "جزيره":
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
		if _, ok := d.natOf(w); ok {
			return 0, ""
		}
		if latin, _ := d.latin(j); latin {
			return 0, ""
		}
		k := j + 1
		if compoundPlace(w) && k < end && d.word(k) && d.owner[k] < 0 && !stopWord(d.norms[k]) {
			k++
		} else if n := d.norm(k); (n == "الكبري" || n == "الصغري") && d.owner[k] < 0 {
			k++ // أورم الكبرى
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
		if _, up := d.latin(j); (up || j > i && arabicArticle(d.toks[j].Text)) && d.owner[j] < 0 && !(stopWord(d.norms[j]) && j == i) {
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
		if prev == "the" && i-2 >= s0 {
			prev = d.norms[i-2] // from the Castello Road
		}
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
		if typ == "" && (prev == "in" || prev == "near" || prev == "from" || englishPlaceHead(d.norms[j-1])) && j-i <= 3 && i > s0 {
			typ = Place
		}
		// the town of Saraqeb
		if typ == "" && prev == "of" && i-2 >= s0 {
			switch d.norms[i-2] {
			case "town", "city", "village", "province", "region", "district", "governorate", "suburb":
				typ = Place
			}
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

// arabicArticle reports a transliterated Arabic article inside a Latin
// name: al-Kubra, el-Sisi.
func arabicArticle(w string) bool {
	for _, p := range [...]string{"al-", "el-", "as-", "ash-", "ad-", "ar-", "an-", "az-"} {
		if rest, ok := strings.CutPrefix(w, p); ok && firstUpper(rest) {
			return true
		}
	}
	return false
}

// englishPlaceHead reports the last words of English place names: Castello
// Road, Shayrat Air Base.
func englishPlaceHead(w string) bool {
	switch w {
	case "road", "street", "highway", "square", "airport", "base", "province", "district", "camp", "crossing",
		"valley", "mountains", "heights", "river":
		return true
	}
	return false
}

// tagNames adds the tagger's names where nothing else matched. A tagger
// that can tag a whole document (DocTagger) sees every sentence at once, so
// a name repeated in the article gets consistent tags.
func (d *doc) tagNames() {
	if d.p.tagger == nil {
		return
	}
	var ranges [][2]int
	var sents [][]string
	for _, r := range d.sentTok {
		if r[1] <= r[0] {
			continue
		}
		words := make([]string, 0, r[1]-r[0])
		for i := r[0]; i < r[1]; i++ {
			words = append(words, d.toks[i].Text)
		}
		ranges = append(ranges, [2]int{r[0], r[1]})
		sents = append(sents, words)
	}
	var tagged [][]string
	if dt, ok := d.p.tagger.(DocTagger); ok {
		tagged = dt.TagDocument(sents)
	} else {
		for _, words := range sents {
			tagged = append(tagged, d.p.tagger.Tag(words))
		}
	}
	for si, tags := range tagged {
		r, words := ranges[si], sents[si]
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
// something. A single-word person is kept for resolution to a full name
// (resolveNames drops it otherwise); a single-word place or organization
// needs support: a known name of its type beside it (روسيا وبوليفيا) or a
// locative word before it.
func (d *doc) addTagged(i, j int, typ string) {
	for i < j && !d.word(i) {
		i++
	}
	for j > i && !d.word(j-1) {
		j--
	}
	if i >= j || !d.free(i, j) || isTitleHead(stemOf(d.norms[i], isTitleHead)) {
		return
	}
	content := 0
	for k := i; k < j; k++ {
		w := d.norms[k]
		if latin, up := d.latin(k); latin && !up {
			return
		}
		if _, nat := d.natOf(w); nat && j-i == 1 {
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
	// A proclitic on an unknown name comes off: و and ف when a long word
	// is left (وبوليفيا), ب and ل when the rest is seen on its own
	// elsewhere in the article.
	cut := 0
	w := d.norms[i]
	if latin, _ := d.latin(i); !latin && utf8.RuneCountInString(w) > 4 {
		for _, p := range [...]string{"و", "ف", "ب", "ل"} {
			rest, ok := strings.CutPrefix(w, p)
			if !ok {
				continue
			}
			if (p == "و" || p == "ف") && utf8.RuneCountInString(rest) >= 4 && !d.p.gaz.GivenName(w) || d.seenWord(rest) {
				cut = 1
				w = rest
			}
			break
		}
	}
	if j-i == 1 && typ != Person {
		if nisba(w) || !d.supported(i, typ) {
			return
		}
	}
	if c := d.addName(i, j, cut, typ, fromTagger); c != nil && j-i == 1 && typ == Person {
		c.single = true
	}
}

// supported reports whether the single-word name at token i has a known
// name of the same type next to it (a list: روسيا وبوليفيا، الصين
// وإثيوبيا) or a locative word before it.
func (d *doc) supported(i int, typ string) bool {
	if typ == Place && i > 0 && (locPrep(d.norms[i-1]) || placeHead(d.norms[i-1])) {
		return true
	}
	for _, k := range [...]int{i - 1, i - 2, i + 1, i + 2} {
		if k < 0 || k >= len(d.toks) || d.tokSent[k] != d.tokSent[i] {
			continue
		}
		if k == i-2 || k == i+2 {
			if between := d.norms[(i+k)/2]; between != "،" && between != "," && between != "و" {
				continue
			}
		}
		if c := d.candAt(k); c != nil && c.typ == typ && c.src == fromGazetteer {
			return true
		}
	}
	return false
}

// seenWord reports whether w occurs as a whole token in the article.
func (d *doc) seenWord(w string) bool {
	if d.words == nil {
		d.words = make(map[string]bool, len(d.norms))
		for _, n := range d.norms {
			d.words[n] = true
		}
	}
	return d.words[w]
}

// firstUpper reports whether s starts with an upper-case letter.
func firstUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
