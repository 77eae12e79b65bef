package extract

import (
	"strings"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/dates"
)

// Event types.
const (
	Attack           = "attack"
	Airstrike        = "airstrike"
	MissileStrike    = "missile-strike"
	Talks            = "talks"
	Summit           = "summit"
	PressConference  = "press-conference"
	Statement        = "statement"
	Accusation       = "accusation"
	Ceasefire        = "ceasefire"
	Agreement        = "agreement"
	Suspension       = "suspension"
	Veto             = "veto"
	Investigation    = "investigation"
	roleActor        = "actor"
	roleTarget       = "target"
	roleParticipant  = "participant"
	eventPlaceNone   = "x"
	eventNameDivider = " — "
)

// eventLabel returns the Arabic and English names of an event type.
func eventLabel(typ string) (ar, en string) {
	switch typ {
	case Attack:
		return "هجوم", "attack"
	case Airstrike:
		return "غارة جوية", "airstrike"
	case MissileStrike:
		return "ضربة صاروخية", "missile strike"
	case Talks:
		return "محادثات", "talks"
	case Summit:
		return "قمة", "summit"
	case PressConference:
		return "مؤتمر صحفي", "press conference"
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
	return typ, typ
}

// trigger returns the event type a single normalized word announces, and
// whether the word is a verb (whose subject follows it).
func trigger(w string) (typ string, verbal bool) {
	switch w {
	case "هجوم", "الهجوم", "هجوما", "هجمات", "الهجمات", "هجومين", "اعتداء", "الاعتداء", "اعتداءات",
		"قصف", "القصف", "تفجير", "التفجير", "تفجيرات", "مجزره", "المجزره", "attack", "attacks", "bombing",
		"shelling", "massacre":
		return Attack, false
	case "هاجم", "هاجمت", "يهاجم", "تهاجم", "attacked":
		return Attack, true
	case "غاره", "الغاره", "غارات", "الغارات", "ضربات", "الضربات", "ضربه", "الضربه", "airstrike",
		"airstrikes", "strikes":
		return Airstrike, false
	case "اجتماع", "الاجتماع", "اجتماعا", "اجتماعات", "لقاء", "اللقاء", "لقاءات", "اللقاءات", "مباحثات",
		"المباحثات", "محادثات", "المحادثات", "مفاوضات", "المفاوضات", "مشاورات", "المشاورات", "زياره",
		"الزياره", "موتمر", "الموتمر", "talks", "meeting", "negotiations", "visit":
		return Talks, false
	case "التقي", "يلتقي", "سيلتقي", "سيلتقيان", "التقيا", "يلتقيان", "met", "meets":
		return Talks, true
	case "قمه", "القمه", "summit":
		return Summit, false
	case "بيان", "البيان", "بيانا", "بيانه", "بيانها", "تصريح", "التصريح", "تصريحات", "التصريحات",
		"statement":
		return Statement, false
	case "نفي", "نفت", "ينفي", "تنفي", "denied", "denies":
		return Statement, true
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
	case "علق", "علقت", "سيعلق", "جمد", "جمدت", "انسحب", "انسحبت", "suspended",
		"withdrew":
		return Suspension, true
	case "الفيتو", "فيتو", "veto":
		return Veto, false
	case "vetoed":
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
		case "وقف", "حق", "air", "missile", "press", "الموجز", "اتصالا", "اتصال":
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
				return Airstrike, i + 2, c, false
			}
			return MissileStrike, i + 2, c, false
		case s == "press" && next(1) == "conference":
			return PressConference, i + 2, c, false
		case s == "الموجز" && (next(1) == "الصحافي" || next(1) == "الصحفي"):
			return PressConference, i + 2, c, false
		case (s == "اتصالا" || s == "اتصال") && (next(1) == "هاتفيا" || next(1) == "هاتفي"):
			return Talks, i + 2, c, false
		}
	}
	s, cut, ok = stem(w, func(s string) bool { t, _ := trigger(s); return t != "" })
	if !ok {
		return "", i, 0, false
	}
	typ, verbal = trigger(s)
	j = i + 1
	switch typ {
	case Attack, Airstrike:
		switch next(1) {
		case "صاروخيه", "الصاروخيه", "صاروخي", "الصاروخي", "بصواريخ", "صواريخ":
			return MissileStrike, i + 2, cut, false
		case "جويه", "الجويه", "جوي", "الجوي":
			return Airstrike, i + 2, cut, false
		}
	case Talks:
		if s == "موتمر" || s == "الموتمر" {
			switch next(1) {
			case "صحفي", "صحافي", "الصحفي", "الصحافي":
				return PressConference, i + 2, cut, false
			}
		}
	case Suspension:
		// تعليق is also "a comment" (أضف تعليق): as a noun it needs the
		// thing suspended after it.
		if s == "تعليق" || s == "التعليق" {
			n := next(1)
			if n == "" || !definite(n) {
				return "", i, 0, false
			}
		}
	}
	return typ, j, cut, verbal
}

// trigHit is one trigger in a sentence.
type trigHit struct {
	typ    string
	t0, t1 int
	cut    int
	verbal bool
}

// events reads the events of each sentence: at most one per type, its
// place, date and participants.
func (d *doc) events() {
	for si, r := range d.sentTok {
		var hits []trigHit
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			typ, j, cut, verbal := d.triggerAt(i, r[1])
			if typ == "" {
				continue
			}
			hits = append(hits, trigHit{typ, i, j, cut, verbal})
			i = j - 1
		}
		done := map[string]*entity{}
		for _, h := range hits {
			if ev := done[h.typ]; ev != nil {
				// Another word for the same happening: one more mention.
				if c := d.add(h.t0, h.t1, h.cut, Event, nil, "", fromRule); c != nil {
					c.id = ev.ID
					d.addMention(ev, c)
				}
				continue
			}
			ev := d.event(si, h)
			if ev != nil {
				done[h.typ] = ev
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

// clause returns the tokens [s, e) of the clause around token i: a
// sentence is cut at reported-speech openers (قال إن …), semicolons,
// colons, quotation marks and "، و" joints.
func (d *doc) clause(si, i int) (s, e int) {
	r := d.sentTok[si]
	cut := func(k int) bool {
		w := d.norms[k]
		switch w {
		case "؛", ";", ":", "«", "»", "\"", "“", "”", "لكن", "بينما", "حيث", "but", "while",
			// what the event is about is not where it happens
			"بشان", "حول", "لبحث", "لمناقشه", "بخصوص", "لدراسه", "about", "over":
			return true
		}
		if complementizer(w) {
			return true
		}
		if (w == "،" || w == ",") && k+1 < r[1] && strings.HasPrefix(d.norms[k+1], "و") && d.owner[k+1] < 0 {
			return true
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

// event builds (or joins) the event a trigger announces.
func (d *doc) event(si int, h trigHit) *entity {
	cs, ce := d.clause(si, h.t0)
	if ce < h.t1 {
		ce = h.t1
	}
	var place *entity
	if physical(h.typ) {
		place = d.eventPlace(si, cs, ce, h)
	}
	date := d.eventDate(si, h)
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
		ar, en := eventLabel(h.typ)
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
	if c.start > d.toks[c.t0].Start {
		clitic := d.text(d.toks[c.t0].Start, c.start)
		if strings.ContainsRune(clitic, 'ب') {
			return true
		}
	}
	if c.t0 > 0 && d.tokSent[c.t0-1] == d.tokSent[c.t0] && locPrep(d.norms[c.t0-1]) {
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

// eventPlace chooses where an event happened: the place said with a
// locative word in its clause, a town before a country, nearest first.
func (d *doc) eventPlace(si, cs, ce int, h trigHit) *entity {
	var best *entity
	bestScore := 0
	for i := cs; i < ce; i++ {
		c := d.candAt(i)
		if c == nil || c.t0 != i || c.typ != Place || c.drop || !d.location(c) {
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
		score := 1000 - dist
		if c.entry == nil || c.entry.Kind != "country" {
			score += 500
		}
		if best == nil || score > bestScore {
			best, bestScore = e, score
		}
		i = c.t1 - 1
	}
	return best
}

// eventDate is the date said nearest the trigger in its sentence, else
// the article's date.
func (d *doc) eventDate(si int, h trigHit) dates.Date {
	var best dates.Date
	bestDist := 1 << 30
	for _, s := range d.dateSpans[si] {
		if !d.free(s.Start, s.End) {
			continue // inside a name: روسيا اليوم
		}
		dist := h.t0 - s.End
		if s.Start >= h.t1 {
			dist = s.Start - h.t1
		}
		if dist < bestDist {
			best, bestDist = s.Date, dist
		}
	}
	if best.IsZero() {
		return d.anchor
	}
	return best
}

// physical reports event types that happen somewhere: a statement or an
// accusation names places it is about, not where it was made.
func physical(typ string) bool {
	switch typ {
	case Attack, Airstrike, MissileStrike, Talks, Summit, PressConference, Ceasefire:
		return true
	}
	return false
}

// directed reports event types with an actor and a target.
func directed(typ string) bool {
	switch typ {
	case Attack, Airstrike, MissileStrike, Accusation:
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
// trigger's clause to the event: the subject before the verb (or right
// after a verb, or the genitive after a noun) is the actor; for attacks
// and accusations the one after على/ضد or after the actor is the target.
func (d *doc) participants(si, cs, ce int, h trigHit, id string, place *entity) {
	type part struct {
		id     string
		t0, t1 int
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
		p := part{c.id, c.t0, c.t1}
		if c.t1 <= h.t0 {
			before = append(before, p)
		} else if c.t0 >= h.t1 {
			after = append(after, p)
		}
	}
	roles := map[string]string{}
	order := []string{}
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
		actor := ""
		// A nationality right after a noun trigger: الهجوم الصاروخي الأمريكي.
		for k := h.t1; k < h.t1+2 && k < ce; k++ {
			if nat, ok := d.nationality(k); ok && !h.verbal {
				actor = nat
				d.ensure(nat)
				break
			}
		}
		rest := after
		if actor == "" && len(after) > 0 && after[0].t0 <= h.t1+1 && (h.verbal || d.toks[h.t1-1].Kind == arabic.Word) {
			// نفت وزارة الخارجية, بيان الخارجية: the subject or the genitive.
			actor = after[0].id
			rest = after[1:]
			// Coordinated subjects: اتفقت موسكو وواشنطن.
			for len(rest) > 0 && strings.HasPrefix(d.norms[rest[0].t0], "و") && rest[0].t0 == after[0].t1 {
				set(rest[0].id, roleActor)
				rest = rest[1:]
			}
		}
		if actor == "" && len(before) > 0 {
			actor = before[len(before)-1].id
		}
		set(actor, roleActor)
		for _, p := range before {
			set(p.id, roleParticipant)
		}
		targetDone := false
		for _, p := range rest {
			role := roleParticipant
			if directed(h.typ) && !targetDone {
				prev := d.norm(p.t0 - 1)
				if p.t0 > h.t1 && (prev == "علي" || prev == "ضد" || prev == "against" || prev == "on") || p.t0 == h.t1 || len(rest) > 0 && p == rest[0] {
					role = roleTarget
					targetDone = true
				}
			}
			set(p.id, role)
		}
	}
	for _, pid := range order {
		if pid == id {
			continue
		}
		d.relate(ParticipatedIn, pid, id, map[string]any{"role": roles[pid]}, si)
	}
}
