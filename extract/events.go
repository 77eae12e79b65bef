package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/dates"
)

// Event types (Entity.EventType of events read from trigger words).
const (
	Attack          = "attack"  // also air and missile strikes, shelling
	Talks           = "talks"   // negotiations, bilateral meetings, calls, visits
	Meeting         = "meeting" // a session of a body (the Security Council)
	Summit          = "summit"
	PressConference = "press-conference"
	Denial          = "denial"
	Statement       = "statement"
	Accusation      = "accusation"
	Ceasefire       = "ceasefire"
	Agreement       = "agreement"
	Suspension      = "suspension"
	Veto            = "veto"
	Investigation   = "investigation"
)

// Trigger kinds finer than their event type: they name the event.
const (
	kindAirstrike     = "airstrike"
	kindMissileStrike = "missile-strike"
	kindSession       = "session" // اجتماع، جلسة: a meeting of a body, or talks
)

const (
	roleActor        = "actor"
	roleTarget       = "target"
	roleParticipant  = "participant"
	eventPlaceNone   = "x"
	eventNameDivider = " — "
)

// eventType is the event type of a trigger kind.
func eventType(kind string) string {
	switch kind {
	case kindAirstrike, kindMissileStrike:
		return Attack
	case kindSession:
		return Talks
	}
	return kind
}

// eventLabel returns the Arabic and English names of a trigger kind.
func eventLabel(kind string) (ar, en string) {
	switch kind {
	case Attack:
		return "هجوم", "attack"
	case kindAirstrike:
		return "غارة جوية", "airstrike"
	case kindMissileStrike:
		return "ضربة صاروخية", "missile strike"
	case Talks, kindSession:
		return "محادثات", "talks"
	case Meeting:
		return "اجتماع", "meeting"
	case Summit:
		return "قمة", "summit"
	case PressConference:
		return "مؤتمر صحفي", "press conference"
	case Denial:
		return "نفي", "denial"
	case Statement:
		return "بيان", "statement"
	case Accusation:
		return "اتهام", "accusation"
	case Ceasefire:
		return "وقف إطلاق النار", "ceasefire"
	case Agreement:
		return "اتفاق", "agreement"
	case Suspension:
		return "تعليق", "suspension"
	case Veto:
		return "فيتو", "veto"
	case Investigation:
		return "تحقيق", "investigation"
	}
	return kind, kind
}

// trigger returns the kind of event a single normalized word announces,
// and whether the word is a verb (whose subject follows it).
func trigger(w string) (kind string, verbal bool) {
	switch w {
	case "هجوم", "الهجوم", "هجوما", "هجمات", "الهجمات", "هجومين", "اعتداء", "الاعتداء", "اعتداءات",
		"قصف", "القصف", "تفجير", "التفجير", "تفجيرات", "مجزره", "المجزره", "attack", "attacks", "bombing",
		"shelling", "massacre":
		return Attack, false
	case "هاجم", "هاجمت", "يهاجم", "تهاجم", "attacked", "struck", "bombed", "shelled":
		return Attack, true
	case "صاروخا", "صواريخ", "الصواريخ", "missiles":
		return kindMissileStrike, false
	case "غاره", "الغاره", "غارات", "الغارات", "ضربات", "الضربات", "ضربه", "الضربه", "airstrike",
		"airstrikes", "strike", "strikes", "air-strike", "air-strikes":
		return kindAirstrike, false
	case "اجتماع", "الاجتماع", "اجتماعا", "اجتماعات", "جلسه", "الجلسه", "meeting", "session":
		return kindSession, false
	case "لقاء", "اللقاء", "لقاءات", "اللقاءات", "مباحثات", "المباحثات", "محادثات", "المحادثات", "مفاوضات",
		"المفاوضات", "مشاورات", "المشاورات", "زياره", "الزياره", "موتمر", "الموتمر", "موتمرا", "talks",
		"negotiations", "visit":
		return Talks, false
	case "التقي", "يلتقي", "سيلتقي", "سيلتقيان", "التقيا", "يلتقيان", "met", "meets":
		return Talks, true
	case "قمه", "القمه", "summit":
		return Summit, false
	case "بيان", "البيان", "بيانا", "بيانه", "بيانها", "تصريح", "التصريح", "تصريحات", "التصريحات",
		"statement":
		return Statement, false
	case "نفي", "نفت", "ينفي", "تنفي", "denied", "denies":
		return Denial, true
	case "اتهام", "الاتهام", "اتهامات", "الاتهامات", "تهمه", "التهمه", "accusation", "accusations":
		return Accusation, false
	case "اتهم", "اتهمت", "يتهم", "تتهم", "متهما", "متهمه", "accused", "accuses":
		return Accusation, true
	case "هدنه", "الهدنه", "تهديه", "التهديه", "ceasefire", "truce":
		return Ceasefire, false
	case "اتفاق", "الاتفاق", "اتفاقا", "اتفاقيه", "الاتفاقيه", "اتفاقيات", "الاتفاقيات", "تفاهم",
		"التفاهم", "معاهده", "المعاهده", "صفقه", "الصفقه", "agreement", "deal", "accord":
		return Agreement, false
	case "اتفق", "اتفقت", "اتفقا", "اتفقتا", "اتفقنا", "agreed":
		return Agreement, true
	case "تعليق", "التعليق", "تعليقه", "تعليقها", "تجميد", "التجميد", "انسحاب", "الانسحاب", "ايقاف",
		"الايقاف", "suspension", "withdrawal":
		return Suspension, false
	case "علق", "علقت", "سيعلق", "جمد", "جمدت", "انسحب", "انسحبت", "suspended", "withdrew", "suspends":
		return Suspension, true
	case "الفيتو", "فيتو", "veto":
		return Veto, false
	case "vetoed", "vetoes":
		return Veto, true
	case "تحقيق", "التحقيق", "تحقيقا", "تحقيقات", "التحقيقات", "investigation", "probe":
		return Investigation, false
	case "يحقق", "investigated":
		return Investigation, true
	}
	return "", false
}

// triggerWord reports whether w (normalized, possibly with a proclitic)
// announces an event.
func triggerWord(w string) bool {
	_, _, ok := stem(w, func(s string) bool { t, _ := trigger(s); return t != "" })
	return ok
}

// triggerAt reads an event trigger at token i: a word, or a two- or
// three-word phrase (ضربات صاروخية، مؤتمر صحفي، وقف إطلاق النار، حق
// النقض). It returns the type, the end token, the proclitic cut and
// whether the trigger is a verb.
func (d *doc) triggerAt(i, end int) (typ string, j, cut int, verbal bool) {
	w := d.norms[i]
	next := func(k int) string {
		if i+k < end && d.word(i+k) && d.owner[i+k] < 0 {
			return d.norms[i+k]
		}
		return ""
	}
	// Phrases first.
	s, c, ok := stem(w, func(s string) bool {
		switch s {
		case "وقف", "حق", "air", "missile", "press", "news", "الموجز", "اتصالا", "اتصال", "استخدام":
			return true
		}
		return false
	})
	if ok {
		switch {
		case s == "وقف" && next(1) == "اطلاق" && next(2) == "النار":
			return Ceasefire, i + 3, c, false
		case s == "وقف" && next(1) == "القتال":
			return Ceasefire, i + 2, c, false
		case s == "حق" && next(1) == "النقض":
			return Veto, i + 2, c, false
		case (s == "air" || s == "missile") && (next(1) == "strike" || next(1) == "strikes"):
			if s == "air" {
				return kindAirstrike, i + 2, c, false
			}
			return kindMissileStrike, i + 2, c, false
		case (s == "press" || s == "news") && (next(1) == "conference" || next(1) == "briefing"):
			return PressConference, i + 2, c, false
		case s == "الموجز" && (next(1) == "الصحافي" || next(1) == "الصحفي"):
			return PressConference, i + 2, c, false
		case (s == "اتصالا" || s == "اتصال") && (next(1) == "هاتفيا" || next(1) == "هاتفي"):
			return Talks, i + 2, c, false
		case s == "استخدام" && (next(1) == "السلاح" || next(1) == "الاسلحه") && strings.HasPrefix(next(2), "الكيم"):
			return Attack, i + 3, c, false // استخدام السلاح الكيميائي
		}
	}
	s, cut, ok = stem(w, func(s string) bool { t, _ := trigger(s); return t != "" })
	if !ok {
		return "", i, 0, false
	}
	typ, verbal = trigger(s)
	j = i + 1
	switch typ {
	case Attack, kindAirstrike:
		switch next(1) {
		case "صاروخيه", "الصاروخيه", "صاروخي", "الصاروخي", "بصواريخ", "صواريخ":
			return kindMissileStrike, i + 2, cut, false
		case "جويه", "الجويه", "جوي", "الجوي":
			return kindAirstrike, i + 2, cut, false
		}
	case Talks:
		if s == "موتمر" || s == "الموتمر" || s == "موتمرا" {
			switch next(1) {
			case "صحفي", "صحافي", "الصحفي", "الصحافي", "صحفيا", "صحافيا":
				return PressConference, i + 2, cut, false
			}
		}
	case Suspension:
		// تعليق is also "a comment" (أضف تعليق): as a noun it needs the
		// thing suspended after it.
		if s == "تعليق" || s == "التعليق" {
			n, prev := next(1), d.norm(i-1)
			if n == "" || n == "علي" || prev == "اضف" || prev == "لا" || prev == "دون" {
				return "", i, 0, false
			}
		}
	}
	return typ, j, cut, verbal
}

// trigHit is one trigger in a sentence: its kind (which names it) and
// its event type.
type trigHit struct {
	kind, typ string
	t0, t1    int
	cut       int
	verbal    bool
}

// events reads the events of each sentence: at most one per type, its
// place, date and participants.
func (d *doc) events() {
	type done struct {
		ev    *entity
		place *entity
		date  dates.Date
		// told is set for an event said to have happened: with a place,
		// a date of its own or a verb (met, هاجم), not only named by a
		// noun (لا تظهر آثار قصف جوي).
		told bool
	}
	antecedent := map[string]done{} // of each type, from earlier sentences
	first := map[string]done{}      // of each type, the first told (else the first)
	// A headline tells the article's main event before the article does:
	// it is read last, and an event in it that it does not date is the
	// body's first of its type ("convoy attack near Aleppo", then "Monday's
	// strike on a convoy near Aleppo"), unless only the headline says
	// where it was.
	order := make([]int, 0, len(d.sentTok))
	headline := d.headline()
	for si := range d.sentTok {
		if si != 0 || !headline {
			order = append(order, si)
		}
	}
	if headline {
		order = append(order, 0)
	}
	for _, si := range order {
		r := d.sentTok[si]
		var hits []trigHit
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			kind, j, cut, verbal := d.triggerAt(i, r[1])
			if kind == "" {
				continue
			}
			h := trigHit{kind: kind, typ: eventType(kind), t0: i, t1: j, cut: cut, verbal: verbal}
			if kind == kindSession && d.bodyMeets(si, i) {
				h.typ = Meeting
			}
			hits = append(hits, h)
			i = j - 1
		}
		// At most one event per type per sentence: more words for it are
		// more mentions. Only a trigger with its own place and its own
		// date, both different, is another happening (two attacks, in
		// April 2014 and March 2015).
		seen := map[string][]done{}
		situatedType := map[string]bool{} // a trigger of the type has its own place or date
		sts := make([]situated, len(hits))
		for k, h := range hits {
			sts[k] = d.situation(si, h, hits)
			if sts[k].ownPlace || sts[k].ownDate {
				situatedType[h.typ] = true
			}
		}
		for k, h := range hits {
			// Again after the first, now that the triggers before h are
			// mentions: a place right after one is that one's (attached).
			st := sts[k]
			if k > 0 {
				st = d.situation(si, h, hits)
			}
			place, date := st.place, st.date
			prev := seen[h.typ]
			if len(prev) > 0 {
				distinct := st.ownPlace && st.ownDate
				for _, p := range prev {
					if p.place == place || p.date == date {
						distinct = false
					}
				}
				if !distinct {
					d.mentionEvent(h, prev[0].ev)
					continue
				}
			}
			// "The attack", where the sentence says nothing of where or
			// when an attack was, is the attack told before (the latest
			// one told, else the latest), not another one on the
			// article's date.
			if a, ok := antecedent[h.typ]; ok && !situatedType[h.typ] && d.anaphoric(h) {
				d.mentionEvent(h, a.ev)
				continue
			}
			if a, ok := first[h.typ]; ok && headline && si == 0 && !st.ownDate && (a.place != nil || place == nil) {
				d.mentionEvent(h, a.ev)
				cs, ce := d.clause(si, h.t0)
				d.participants(si, cs, max(ce, h.t1), h, a.ev.ID, a.place)
				continue
			}
			if ev := d.event(si, h, place, date); ev != nil {
				seen[h.typ] = append(seen[h.typ], done{ev, place, date, place != nil || st.ownDate || h.verbal})
			}
		}
		for typ, evs := range seen {
			for _, x := range evs {
				if a, ok := antecedent[typ]; x.told || !ok || !a.told {
					antecedent[typ] = x
				}
				if a, ok := first[typ]; !ok || x.told && !a.told {
					first[typ] = x
				}
			}
		}
	}
	// Named events from the gazetteer: where they happened.
	for _, e := range d.sortedEntities() {
		if e.Type != Event || e.entry == nil || e.entry.Country == "" {
			continue
		}
		if d.entities[e.entry.Country] != nil && len(d.entities[e.entry.Country].Mentions) > 0 {
			d.relate(OccurredIn, e.ID, e.entry.Country, nil, e.Mentions[0].Sentence)
		}
	}
}

// headline reports whether the first sentence is the article's title
// on a line of its own, with the body after it, and reads as a headline.
func (d *doc) headline() bool {
	if len(d.sents) < 2 || d.a.Title == "" {
		return false
	}
	s := d.sents[0]
	text := strings.TrimSpace(string(d.runes[s.Start:s.End]))
	if text != strings.TrimSpace(d.a.Title) || d.sameLine(0, 1) {
		return false
	}
	// A first line that ends like a sentence is the lead, not a headline.
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text, "»\"”'’)"))
	return !strings.ContainsRune(".!?؟…", last)
}

// mentionEvent makes trigger h a mention of ev.
func (d *doc) mentionEvent(h trigHit, ev *entity) {
	if c := d.add(h.t0, h.t1, h.cut, Event, nil, "", fromRule); c != nil {
		c.id = ev.ID
		d.addMention(ev, c)
	}
}

// anaphoric reports a trigger that can refer back to an event already
// told: a definite singular noun (الهجوم، الهدنة، the attack, the talks).
// Plurals (الهجمات، الغارات، attacks) are often generic, and a verb tells
// a happening of its own.
func (d *doc) anaphoric(h trigHit) bool {
	if h.verbal || h.t1-h.t0 != 1 {
		return false
	}
	w := d.norms[h.t0][h.cut:]
	switch w {
	case "الهجمات", "اعتداءات", "الغارات", "الضربات", "الصواريخ", "اللقاءات", "الاجتماعات", "القصف",
		"التفجيرات", "الاتهامات", "التصريحات", "التحقيقات", "الاتفاقيات", "attacks", "strikes",
		"airstrikes", "air-strikes", "missiles", "meetings", "accusations", "statements":
		return false
	}
	if d.lang != "en" {
		return strings.HasPrefix(w, "ال")
	}
	r := d.sentTok[d.tokSent[h.t0]]
	for k := h.t0 - 1; k >= r[0] && k >= h.t0-3; k-- {
		switch d.norms[k] {
		case "the", "this", "that":
			return true
		case "a", "an", "of", "on", "in", "at", "for", "after", "before", "to", "by", "with", "from", "and", "or":
			return false
		}
		if !d.word(k) {
			return false
		}
	}
	return false
}

// bodyMeets reports whether the clause of a meeting word names a body
// that holds sessions (مجلس الأمن، الجمعية العامة): a meeting, not talks.
func (d *doc) bodyMeets(si, i int) bool {
	cs, ce := d.clause(si, i)
	for k := cs; k < ce; k++ {
		c := d.candAt(k)
		if c == nil || c.typ != Organization {
			continue
		}
		if c.entry != nil {
			switch c.entry.Kind {
			case "un-body", "council", "legislature", "international-body":
				return true
			}
		}
		if strings.HasPrefix(c.key, "مجلس") {
			return true
		}
	}
	return false
}

// clause returns the tokens [s, e) of the clause around token i: a
// sentence is cut at reported-speech openers (قال إن …), semicolons,
// colons, quotation marks and "، و" joints.
func (d *doc) clause(si, i int) (s, e int) { return d.clauseCut(si, i, true) }

// clauseCut is clause; commas says whether English commas end a clause
// (they do for dates, which each clause has its own of, not for places:
// "Hours later, in New York, Russia vetoed …").
func (d *doc) clauseCut(si, i int, commas bool) (s, e int) {
	r := d.sentTok[si]
	cut := func(k int) bool {
		w := d.norms[k]
		switch w {
		case "؛", ";", ":", "«", "»", "\"", "“", "”", "لكن", "بينما", "حيث", "but", "while",
			// what the event is about is not where it happens
			"بشان", "حول", "لبحث", "لمناقشه", "بخصوص", "لدراسه", "about", "over":
			return true
		}
		if complementizer(w) && !d.relativeThat(k) {
			return true
		}
		// A purpose clause (لإسقاط مشروع …، لاستهداف …) is about something
		// else than where the event happens.
		if d.owner[k] < 0 && strings.HasPrefix(w, "لا") && utf8.RuneCountInString(w) >= 6 {
			return true
		}
		if (w == "،" || w == ",") && k+1 < r[1] && strings.HasPrefix(d.norms[k+1], "و") && d.owner[k+1] < 0 {
			return true
		}
		if w == "," && d.lang == "en" && commas {
			return true // English commas part clauses more reliably
		}
		return false
	}
	s = i
	for s > r[0] && !cut(s-1) {
		s--
	}
	e = i + 1
	for e < r[1] && !cut(e) {
		e++
	}
	return s, e
}

// relativeThat reports a "that" at token k that opens a relative clause
// about the event noun before it ("talks that began on Friday", "the
// truce that took effect on Monday"): what follows tells when and where
// that event was. After a verb or another noun it opens what was said.
func (d *doc) relativeThat(k int) bool {
	if d.norms[k] != "that" {
		return false
	}
	typ, _, verbal, ok := d.triggerEndingAt(k)
	return ok && !verbal && physical(eventType(typ))
}

// triggerEndingAt reads the trigger (a word or a phrase of up to three)
// that ends right before token k in k's sentence, if there is one: its
// type, its first token and whether it is a verb.
func (d *doc) triggerEndingAt(k int) (typ string, start int, verbal, ok bool) {
	end := d.sentTok[d.tokSent[k]][1]
	for j := k - 1; j >= 0 && j >= k-3 && d.tokSent[j] == d.tokSent[k]; j-- {
		if typ, e, _, verbal := d.triggerAt(j, end); typ != "" && e == k {
			return typ, j, verbal, true
		}
	}
	return "", 0, false, false
}

// situation works out where and when a trigger's event happened, among
// the sentence's triggers hits.
func (d *doc) situation(si int, h trigHit, hits []trigHit) situated {
	var st situated
	cs, ce := d.clause(si, h.t0)
	if ce < h.t1 {
		ce = h.t1
	}
	if physical(h.typ) {
		ps, pe := d.clauseCut(si, h.t0, false)
		if pe < h.t1 {
			pe = h.t1
		}
		st.place = d.eventPlace(si, ps, pe, h, false)
		st.ownPlace = st.place != nil
		// Outside its clause: the dateline's city for what happens where
		// the reporter is, else a place elsewhere in the sentence.
		if st.place == nil && datelined(h.typ) {
			st.place = d.datelinePlace()
		}
		if st.place == nil {
			r := d.sentTok[si]
			st.place = d.eventPlace(si, r[0], r[1], h, true)
		}
	}
	st.date, st.ownDate = d.eventDate(si, cs, ce, h, hits)
	return st
}

// situated is where and when a trigger's event happened; ownPlace and
// ownDate are set when they come from the trigger's own clause.
type situated struct {
	place             *entity
	date              dates.Date
	ownPlace, ownDate bool
}

// datelined reports event types that happen where the reporter is when
// the sentence does not say: a press conference, a session, a veto.
func datelined(typ string) bool {
	return typ == PressConference || typ == Meeting || typ == Veto
}

// datelinePlace is the place named in the article's dateline (جنيف - 10
// أيلول/سبتمبر 2016, GENEVA, Sept. 10), if there is one.
func (d *doc) datelinePlace() *entity {
	if d.datelineSent < 0 {
		return nil
	}
	r := d.sentTok[d.datelineSent]
	for i := r[0]; i < r[1] && i < r[0]+4; i++ {
		if c := d.candAt(i); c != nil && c.typ == Place && !c.drop {
			return d.entities[c.id]
		}
	}
	return nil
}

// event builds (or joins) the event a trigger announces.
func (d *doc) event(si int, h trigHit, place *entity, date dates.Date) *entity {
	cs, ce := d.clause(si, h.t0)
	if ce < h.t1 {
		ce = h.t1
	}
	key := eventPlaceNone
	if place != nil {
		_, key, _ = strings.Cut(place.ID, ":")
	}
	when := date.String()
	if when == "" {
		when = d.a.ID
	}
	id := "event:" + h.typ + ":" + key + ":" + when
	c := d.add(h.t0, h.t1, h.cut, Event, nil, "", fromRule)
	if c == nil {
		return nil
	}
	c.id = id
	ev := d.entities[id]
	if ev == nil {
		kind := h.kind
		if h.typ == Meeting {
			kind = Meeting
		}
		ar, en := eventLabel(kind)
		name := ar
		if place != nil {
			name += eventNameDivider + place.Name
		}
		ev = &entity{Entity: Entity{
			ID: id, Type: Event, Name: name, NameEn: en,
			EventType: h.typ, Date: date.String(), Evidence: si,
		}}
		d.entities[id] = ev
	}
	d.addMention(ev, c)
	if place != nil {
		d.relate(OccurredIn, id, place.ID, nil, si)
	}
	d.participants(si, cs, ce, h, id, place)
	return ev
}

// location reports whether a place mention says where something happened
// (في حلب، بريف إدلب) rather than standing for a government (واشنطن).
func (d *doc) location(c *cand) bool {
	if strings.ContainsRune(c.pre, 'ب') {
		return true
	}
	if locPrep(d.wordBefore(c)) {
		return true
	}
	if c.entry != nil && c.entry.Kind == "country" {
		return false
	}
	if c.entry != nil && c.entry.Kind == "city" && capitalLike(c.entry.ID) {
		return false
	}
	return true
}

// capitalLike lists the capitals news uses for their governments.
func capitalLike(id string) bool {
	switch id {
	case "place:washington", "place:moscow", "place:damascus", "place:ankara", "place:tehran", "place:riyadh",
		"place:beijing", "place:paris", "place:london", "place:berlin", "place:doha", "place:cairo",
		"place:baghdad", "place:beirut", "place:amman", "place:kyiv":
		return true
	}
	return false
}

// wordBefore is the normal form of the word before c in its sentence, ""
// at the start of one.
func (d *doc) wordBefore(c *cand) string {
	if c.t0 == 0 || d.tokSent[c.t0-1] != d.tokSent[c.t0] {
		return ""
	}
	return d.norms[c.t0-1]
}

// eventPlace chooses where an event happened: the place said with a
// locative word in its clause, a town before a country, nearest first,
// leaving out places that say where something else is (elsewhere). wide
// is set outside the trigger's clause.
func (d *doc) eventPlace(si, cs, ce int, h trigHit, wide bool) *entity {
	var best *entity
	bestScore := 0
	for i := cs; i < ce; i++ {
		c := d.candAt(i)
		if c == nil || c.t0 != i || c.typ != Place || c.drop || !d.location(c) {
			continue
		}
		if d.elsewhere(c, h, wide) {
			i = c.t1 - 1
			continue
		}
		e := d.entities[c.id]
		if e == nil {
			continue
		}
		dist := h.t0 - c.t1
		if c.t0 >= h.t1 {
			dist = c.t0 - h.t1
		}
		// The nearest place wins; a town beats a country a few words nearer.
		score := 1000 - 4*dist
		if c.entry == nil || c.entry.Kind != "country" {
			score += 30
		}
		if best == nil || score > bestScore {
			best, bestScore = e, score
		}
		i = c.t1 - 1
	}
	return best
}

// elsewhere reports a place that says where something other than h's
// event is:
//   - what a gathering is about (topicBetween);
//   - where another mention is (attached);
//   - where someone or something went, after إلى: talks and meetings
//     happen there (وصل تيلرسون إلى موسكو … في زيارة), an attack or a
//     ceasefire only when the place follows the trigger in its own clause
//     (امتدت الغارات إلى إدلب), not before it (الضباط الذين أرسلوا إلى
//     جنيف للتخطيط لشن ضربات) or elsewhere in the sentence (wide).
func (d *doc) elsewhere(c *cand, h trigHit, wide bool) bool {
	if gathering(h.typ) && c.t0 >= h.t1 && d.topicBetween(h.t1, c.t0) {
		return true
	}
	if d.attached(c, h) {
		return true
	}
	if h.typ != Attack && h.typ != Ceasefire || !wide && c.t1 > h.t0 {
		return false
	}
	w := d.wordBefore(c)
	return w == "الي" || w == "والي"
}

// gathering reports event types that happen where people meet.
func gathering(typ string) bool {
	return typ == Talks || typ == Meeting || typ == Summit || typ == PressConference
}

// topicBetween reports a word that opens what a gathering is about
// (لبحث, حول, بشأن, about) among the tokens [from, to): a place after it is
// the subject (اجتماعا لبحث استخدام السلاح الكيميائي في سوريا), not where
// the gathering is.
func (d *doc) topicBetween(from, to int) bool {
	for i := from; i < to; i++ {
		if topicWord(d.norms[i]) {
			return true
		}
		// "on" opens a subject (talks on reviving the ceasefire), unless a
		// day or a date follows (talks on Monday in Geneva).
		if d.norms[i] == "on" && i+1 < to && !dayOrMonth(d.norms[i+1]) && !startsWithDigit(d.norms[i+1]) {
			return true
		}
	}
	return false
}

// startsWithDigit reports a word that starts with a digit (a date).
func startsWithDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// dayOrMonth reports English day and month names.
func dayOrMonth(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(w), ".") {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// attached reports a place that says where another mention just before
// it is: a place after a word of relative position (خان شيخون بريف إدلب,
// حلب شمال سوريا), or after an event and a locative word (هجوم خان شيخون
// في إدلب, اجتماع في جنيف) or "of" (the bombing of Aleppo). It belongs to
// that mention, not to h further away. The event can be a trigger noun of
// another type than h's not read yet, later in the sentence (end the talks
// unless the bombing of Aleppo stops); not a verb (the ceasefire agreed in
// Geneva). After a place, في is not enough: in
// المحادثات بين روسيا وواشنطن في جنيف the talks are in Geneva.
func (d *doc) attached(c *cand, h trigHit) bool {
	p := c.t0 - 1 // the locative word, or the mention's own first word (بريف إدلب)
	if relativePlace(d.norms[c.t0]) && c.t1-c.t0 > 1 {
		p = c.t0
	}
	if p < 1 || d.tokSent[p-1] != d.tokSent[c.t0] {
		return false
	}
	of := d.lang == "en" && d.norms[p] == "of"
	if !of && !locPrep(d.norms[p]) {
		return false
	}
	if o := d.candAt(p - 1); o != nil {
		if o == c || o.drop {
			return false
		}
		return o.typ == Event || !of && o.typ == Place && relativePlace(d.norms[p])
	}
	typ, j, verbal, ok := d.triggerEndingAt(p)
	return ok && !verbal && j != h.t0 && eventType(typ) != h.typ
}

// eventDate is the date said nearest the trigger in its clause (not one
// after منذ "since", which starts a period), else the first date of the
// sentence before, else the nearest in its sentence, else the article's
// date. A ceasefire
// looks ahead: it is dated by the day it starts (تبدأ يوم الاثنين), so a
// bare day name is the next one and dates after the trigger come first.
// inClause reports a date from the trigger's own clause.
func (d *doc) eventDate(si, cs, ce int, h trigHit, hits []trigHit) (date dates.Date, inClause bool) {
	ahead := h.typ == Ceasefire
	// A date goes with the noun it follows: another trigger noun between it
	// and h (الهجوم … انتهاء الهدنة التي بدأت في 12 أيلول), or before it
	// when it is before h (هدنة تبدأ يوم الاثنين المقبل، بعد محادثات),
	// has it. A verb does not: "the ceasefire agreed in Geneva on Sept. 9".
	claimed := func(s dates.Span, from int) bool {
		for _, o := range hits {
			if o.t0 == h.t0 || o.verbal {
				continue
			}
			if s.Start >= h.t1 && o.t0 >= h.t1 && o.t1 <= s.Start {
				return true
			}
			if s.End <= h.t0 && o.t1 <= s.Start && o.t0 >= from {
				return true
			}
		}
		return false
	}
	since := func(s dates.Span) bool {
		for k := s.Start - 1; k >= s.Start-3 && k >= 0; k-- {
			if p := d.norms[k]; p == "منذ" || p == "since" {
				return true
			}
		}
		return false
	}
	nearest := func(si, from, to, at int) dates.Date {
		var best dates.Date
		bestDist := 1 << 30
		for _, s := range d.dateSpans[si] {
			if s.Date.IsZero() || s.Start < from || s.End > to || !d.free(s.Start, s.End) {
				continue // unresolved, outside, or inside a name: روسيا اليوم
			}
			if since(s) || claimed(s, from) {
				continue
			}
			dist := s.Start - at
			if s.End <= at {
				dist = at - s.End
				if ahead {
					dist *= 2
				}
			}
			if dist < bestDist {
				best, bestDist = s.Date, dist
				if ahead && !s.Next.IsZero() {
					best = s.Next
				}
			}
		}
		return best
	}
	if t := nearest(si, cs, ce, h.t0); !t.IsZero() {
		return t, true
	}
	// The narrative time: the first date of the sentence before (أعلن
	// كارتر أمس … / وجاء كلامه خلال مؤتمر صحافي).
	if si > 0 {
		for _, s := range d.dateSpans[si-1] {
			if !s.Date.IsZero() && d.free(s.Start, s.End) && !since(s) {
				return s.Date, false
			}
		}
	}
	r := d.sentTok[si]
	if t := nearest(si, r[0], r[1], h.t0); !t.IsZero() {
		return t, false
	}
	return d.anchor, false
}

// sameLine reports whether sentences a and b are on one line of text.
func (d *doc) sameLine(a, b int) bool {
	for k := d.sents[a].End; k < d.sents[b].Start; k++ {
		if d.runes[k] == '\n' || d.runes[k] == '\r' {
			return false
		}
	}
	return true
}

// physical reports event types that happen somewhere: a statement or an
// accusation names places it is about, not where it was made.
func physical(typ string) bool {
	switch typ {
	case Attack, Talks, Meeting, Summit, PressConference, Ceasefire, Veto:
		return true
	}
	return false
}

// reactionVerb reports verbs whose subject reacts to an event rather than
// taking part in it.
func reactionVerb(w string) bool {
	switch w {
	case "ادان", "ادانت", "يدين", "تدين", "دانت", "ندد", "نددت", "رحب", "رحبت", "انتقد", "انتقدت", "استنكر",
		"استنكرت", "condemned", "welcomed", "criticized", "criticised", "denounced":
		return true
	}
	return false
}

// directed reports event types with an actor and a target.
func directed(typ string) bool {
	switch typ {
	case Attack, Accusation:
		return true
	}
	return false
}

// symmetric reports event types whose participants play one role.
func symmetric(typ string) bool {
	switch typ {
	case Talks, Summit, Agreement, Ceasefire, PressConference:
		return true
	}
	return false
}

// participants links the people, organizations and countries of the
// trigger's clause to the event. For symmetric events (talks, agreements)
// everyone is a participant. Otherwise the actor is the subject right
// after a verb (نفت وزارة الخارجية) or the genitive right after a noun
// (بيان الخارجية), else the last one before the trigger (روسيا عرقلت),
// else a nationality right after it (الهجوم الصاروخي الأميركي); the
// target of an attack or an accusation is the one after على، ضد or ل near
// the trigger, the genitive of an accusation (اتهام دمشق), or the object
// right after a verb's subject (اتهمت واشنطن موسكو).
func (d *doc) participants(si, cs, ce int, h trigHit, id string, place *entity) {
	type part struct {
		id     string
		t0, t1 int
		prep   string // a preposition before it, as a word or a proclitic
	}
	var before, after []part
	seen := map[string]bool{}
	for i := cs; i < ce; i++ {
		c := d.candAt(i)
		if c == nil || c.t0 != i || c.drop || c.typ == Event {
			continue
		}
		i = c.t1 - 1
		if c.typ == Place && (d.location(c) || (place != nil && c.id == place.ID)) {
			continue
		}
		if seen[c.id] {
			continue
		}
		seen[c.id] = true
		p := part{id: c.id, t0: c.t0, t1: c.t1}
		if strings.ContainsAny(c.pre, "لب") {
			p.prep = "ل"
		} else if c.pre == "" && c.t0 > cs {
			switch prev := d.norms[c.t0-1]; prev {
			case "علي", "ضد", "ل", "لـ", "against", "on", "at":
				p.prep = prev
			}
		}
		if c.t1 <= h.t0 {
			before = append(before, p)
		} else if c.t0 >= h.t1 {
			after = append(after, p)
		}
	}
	roles := map[string]string{}
	var order []string
	set := func(pid, role string) {
		if pid == "" {
			return
		}
		if _, ok := roles[pid]; !ok {
			order = append(order, pid)
		}
		if roles[pid] == "" || role == roleActor || role == roleTarget && roles[pid] == roleParticipant {
			roles[pid] = role
		}
	}
	if symmetric(h.typ) {
		for _, p := range before {
			set(p.id, roleParticipant)
		}
		for _, p := range after {
			set(p.id, roleParticipant)
		}
	} else {
		actor, target := "", ""
		next := h.t1 // where the object of a verb would start
		en := d.lang == "en"
		if len(after) > 0 && after[0].t0 == h.t1 && after[0].prep == "" {
			first := after[0]
			switch {
			case en && h.verbal:
				// English puts the subject first: what follows the verb
				// is its object (Russia vetoes a UN resolution).
				if directed(h.typ) {
					target, next = first.id, first.t1
				}
			case en:
				// No construct state in English: a name after the noun
				// is not whose event it is.
			case h.verbal:
				actor, next = first.id, first.t1
				// Coordinated subjects: اتفقت موسكو وواشنطن.
				for _, p := range after[1:] {
					if p.t0 == next && strings.HasPrefix(d.norms[p.t0], "و") {
						set(p.id, roleActor)
						next = p.t1
					}
				}
			case h.typ == Accusation:
				target = first.id // اتهام دمشق: the accused
			default:
				actor, next = first.id, first.t1 // بيان الخارجية
			}
		}
		if actor == "" && len(before) > 0 {
			// The subject before the verb, unless it is the subject of
			// another verb, of saying or reacting: أدانت موسكو الضربات.
			// In English that verb comes between them (Moscow condemned
			// the strikes), and a noun's own subject is right before it
			// (Russian airstrikes, the U.S. missile strike): one further
			// away is another verb's (the UN halted convoys after the
			// attack).
			last := before[len(before)-1]
			from := cs
			if en {
				from = last.t1
			}
			another := en && !h.verbal && h.t0-last.t1 > 1
			for k := from; k < h.t0 && !another; k++ {
				another = reactionVerb(d.norms[k]) || d.speech(d.norms[k])
			}
			if !another {
				actor = last.id
			}
		}
		if actor == "" && !h.verbal && en && h.t0 > cs {
			// A nationality right before an English noun: the American
			// accusations, Russian airstrikes.
			if nat, ok := d.nationality(h.t0 - 1); ok && d.ensure(nat) != nil {
				actor = nat
			}
		}
		if actor == "" && !h.verbal && !en {
			// A nationality right after a noun trigger: الهجوم الصاروخي الأميركي.
			for k := h.t1; k < h.t1+2 && k < ce; k++ {
				if nat, ok := d.nationality(k); ok {
					if d.ensure(nat) != nil {
						actor = nat
					}
					break
				}
			}
		}
		if target == "" && directed(h.typ) {
			for _, p := range after {
				if p.id == actor || roles[p.id] == roleActor {
					continue
				}
				if p.prep != "" && p.t0 <= h.t1+4 || h.verbal && p.t0 == next {
					target = p.id
				}
				break
			}
		}
		set(actor, roleActor)
		set(target, roleTarget)
		for _, p := range before {
			set(p.id, roleParticipant)
		}
		for _, p := range after {
			set(p.id, roleParticipant)
		}
	}
	for _, pid := range order {
		if pid == id {
			continue
		}
		d.relate(ParticipatedIn, pid, id, map[string]any{"role": roles[pid]}, si)
	}
}
