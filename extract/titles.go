package extract

import (
	"strings"
)

// role is a title read before (or after) a person's name.
type role struct {
	person   *cand
	title    string // as written, without nationality or country
	target   *cand  // the organization or place the title belongs to
	targetID string // … or its id, from a nationality adjective
	spokes   bool   // the title is a spokesperson's for target
	member   bool   // the person is a member of target (an organization)
	sentence int
}

// titleParse is what parseTitle read.
type titleParse struct {
	head, headCut int
	words         []int // title words, head first
	end           int   // first token after the title
	nats          []string
	genitive      *cand // مندوب روسيا, مبعوث الولايات المتحدة
	org           *cand // an organization inside the title or after باسم
	spokes        bool
	counterpart   bool
	dropGenitive  bool // بلاده: the genitive left out of the title text
}

// titles reads the title patterns that introduce people: وزير الخارجية
// الروسي سيرغي لافروف, المتحدث باسم وزارة الخارجية الأميركية، جون كيربي,
// المبعوث الأميركي الخاص بسورية مايكل راتني, and after a name: جون كيربي
// المتحدث باسم وزارة الخارجية. The person becomes a mention (a new one if
// the name is unknown) and the title a role.
func (d *doc) titles() {
	for si, r := range d.sentTok {
		for i := r[0]; i < r[1]; i++ {
			if !d.word(i) || d.owner[i] >= 0 {
				continue
			}
			if latin, _ := d.latin(i); latin {
				if n := d.englishTitle(i, r[0], r[1], si); n > i {
					i = n - 1
				}
				continue
			}
			_, cut, ok := stem(d.norms[i], isTitleHead)
			if !ok {
				continue
			}
			t := d.parseTitle(i, cut, r[1])
			if len(t.words) == 0 {
				continue
			}
			person, after := d.titledPerson(t, r[0], r[1])
			if person == nil {
				continue
			}
			d.addRole(t, person, si)
			// Coordinated titles: وزيري الخارجية الأميركي جون كيري والروسي
			// سيرغي لافروف.
			if after < r[1] {
				if id, ok := d.nationality(after); ok && strings.HasPrefix(d.norms[after], "و") {
					k := after + 1
					if p := d.personAt(k, r[1]); p != nil {
						t2 := t
						t2.nats = []string{id}
						t2.genitive, t2.org = nil, nil
						d.addRole(t2, p, si)
						after = p.t1
					}
				}
			}
			if after > i {
				i = after - 1
			}
		}
	}
}

// parseTitle reads the title whose head is token h (cut letters of it a
// proclitic) up to the end of the sentence at end.
func (d *doc) parseTitle(h, cut, end int) titleParse {
	t := titleParse{head: h, headCut: cut}
	head := stemOf(d.norms[h], isTitleHead)
	t.counterpart = counterpart(head)
	t.spokes = spokesHead(head)
	t.words = append(t.words, h)
	lastIndef := !definite(head)
	afterBism, afterPrep := false, false
	construct := 0
	j := h + 1
loop:
	for j < end && j < h+14 {
		if c := d.candAt(j); c != nil {
			if c.t0 != j {
				break
			}
			switch {
			case afterBism && (c.typ == Organization || c.typ == Place):
				t.org = c
				afterBism = false
			case afterPrep:
				afterPrep = false
			case c.typ == Place && c.pre != "":
				// بسورية: a place after a proclitic preposition
			case c.typ == Organization && t.org == nil && !t.counterpart:
				t.org = c
			case c.typ == Place && t.genitive == nil && lastIndef && c.pre == "":
				t.genitive = c
			default:
				break loop
			}
			j = c.t1
			lastIndef = false
			continue
		}
		if !d.word(j) {
			break
		}
		w := d.norms[j]
		if afterPrep {
			// لدى المنظمة: a definite noun standing for a body named before
			if definite(w) && !nisba(w) {
				afterPrep = false
				j++
				continue
			}
			break
		}
		switch {
		case w == "باسم":
			t.spokes = true
			afterBism = true
			t.words = append(t.words, j)
		case w == "لدي" || w == "الي" || w == "في":
			afterPrep = true
		case afterBism && isTitleHead(w):
			// المتحدثة باسم المبعوث الأممي: a nested title
			t.words = append(t.words, j)
			afterBism = false
		case w == "بلاده" || w == "بلادها":
			t.dropGenitive = true
		default:
			if id, ok := d.nationality(j); ok {
				t.nats = append(t.nats, id)
				lastIndef = false
				break
			}
			if t.counterpart {
				break loop
			}
			if titleBody(w) {
				t.words = append(t.words, j)
				lastIndef = !definite(w)
				break
			}
			// وزير الإعلام: one definite complement after an indefinite word.
			if lastIndef && definite(w) && construct == 0 && !stopWord(w) && !triggerWord(w) && !nisba(w) {
				t.words = append(t.words, j)
				construct++
				lastIndef = false
				break
			}
			break loop
		}
		j++
	}
	if afterPrep {
		// the preposition was not part of the title
		j--
	}
	t.end = j
	if afterBism && t.org == nil {
		// باسم with nothing known after it: not a title we can read
		t.words = nil
	}
	return t
}

// titledPerson finds the person a title introduces: the name after it
// (past a comma), else — for a definite title — the name just before it.
// It returns the person and the token after the name.
func (d *doc) titledPerson(t titleParse, s0, end int) (*cand, int) {
	k := t.end
	// The title's own end may be further than its last word when a
	// nationality or place closed it.
	if k < end && (d.norms[k] == "،" || d.norms[k] == ",") {
		k++
	}
	if p := d.personAt(k, end); p != nil {
		return p, p.t1
	}
	head := stemOf(d.norms[t.head], isTitleHead)
	if !definite(head) || t.counterpart {
		return nil, t.end
	}
	// After the name: جون كيربي المتحدث باسم …
	b := t.head - 1
	if b >= s0 && (d.norms[b] == "،" || d.norms[b] == ",") {
		b--
	}
	if c := d.candAt(b); c != nil && c.typ == Person && c.t1 == b+1 {
		return c, t.end
	}
	// An unknown two-word name after a verb of saying: وقال X Y المتحدث …
	if b-1 >= s0 && d.nameToken(b) && d.nameToken(b-1) && b-2 >= s0 && d.speech(d.norms[b-2]) {
		if c := d.addName(b-1, b+1, 0, Person, fromRule); c != nil {
			return c, t.end
		}
	}
	return nil, t.end
}

// personAt returns the person whose name starts at token k: a known one,
// or an unknown name read with the strong context of a title.
func (d *doc) personAt(k, end int) *cand {
	if k >= end {
		return nil
	}
	if c := d.candAt(k); c != nil {
		if c.typ == Person && c.t0 == k {
			return c
		}
		return nil
	}
	if e := d.personName(k, end, true); e > k {
		return d.addName(k, e, 0, Person, fromRule)
	}
	return nil
}

// addRole turns a parsed title into a role of person.
func (d *doc) addRole(t titleParse, person *cand, si int) {
	if t.counterpart {
		return
	}
	var parts []string
	for n, i := range t.words {
		s := d.toks[i].Start
		if n == 0 {
			s = d.cutStart(i, t.headCut)
		}
		w := d.text(s, d.toks[i].End)
		if n == 0 {
			head := stemOf(d.norms[i], isTitleHead)
			if head == "وزيري" {
				w = strings.TrimSuffix(w, "ي") // the dual: وزيري الخارجية
			}
			if !definite(head) && (t.genitive != nil || t.dropGenitive) {
				w = "ال" + w
			}
		}
		parts = append(parts, w)
	}
	if t.org != nil {
		// The organization's name as written, without an attached
		// proclitic or its nationality: المتحدث باسم وزارة الخارجية
		// (الأميركية), رئيس هيئة الأركان العامة (الأميركية).
		for i := t.org.t0; i < t.org.t1; i++ {
			if _, nat := d.natOf(d.norms[i]); nat && i > t.org.t0 {
				continue
			}
			s := d.toks[i].Start
			if i == t.org.t0 {
				s += len([]rune(t.org.pre))
			}
			parts = append(parts, d.text(s, d.toks[i].End))
		}
	}
	ro := role{person: person, title: strings.Join(parts, " "), spokes: t.spokes && t.org != nil, sentence: si}
	switch {
	case t.org != nil:
		ro.target = t.org
		ro.member = t.org.typ == Organization
	case len(t.nats) > 0:
		ro.targetID = t.nats[0]
	case t.genitive != nil:
		ro.target = t.genitive
	}
	d.roles = append(d.roles, ro)
}

// englishTitle reads "Secretary of State John Kerry", "State Department
// spokesman John Kirby", "Russian Foreign Minister Sergei Lavrov": a title
// word followed by a name, with the title words, nationality and
// organization before it. It returns the token after the name, or i.
func (d *doc) englishTitle(i, s0, end, si int) int {
	w := d.norms[i]
	if !englishTitle(w) {
		return i
	}
	// The title may go on after the head word: Secretary of State.
	j := i + 1
	for j < end && j < i+4 && d.word(j) && d.owner[j] < 0 && englishTitleBody(d.norms[j]) {
		if _, up := d.latin(j); !up && d.norms[j] != "of" {
			break
		}
		j++
	}
	// Back over the words before the head: Russian Foreign Minister.
	b := i
	var nat string
	var org *cand
	for b-1 >= s0 {
		k := b - 1
		if c := d.candAt(k); c != nil {
			if c.typ == Organization && org == nil {
				org = c
				b = c.t0
				continue
			}
			break
		}
		if id, ok := d.nationality(k); ok && nat == "" {
			nat = id
			b = k
			continue
		}
		if _, up := d.latin(k); up && (englishTitleBody(d.norms[k]) || englishTitle(d.norms[k])) {
			b = k
			continue
		}
		break
	}
	p := d.personAt(j, end)
	if p == nil {
		return i
	}
	var parts []string
	for k := b; k < j; k++ {
		if org != nil && k >= org.t0 && k < org.t1 {
			if k == org.t0 {
				parts = append(parts, d.text(d.toks[org.t0].Start+len([]rune(org.pre)), d.toks[org.t1-1].End))
			}
			continue
		}
		if _, ok := d.natOf(d.norms[k]); ok && d.word(k) {
			continue
		}
		parts = append(parts, d.toks[k].Text)
	}
	ro := role{person: p, title: strings.Join(parts, " "), sentence: si}
	switch {
	case org != nil:
		ro.target, ro.member = org, true
		ro.spokes = spokesHead(w)
	case nat != "":
		ro.targetID = nat
	}
	if ro.title != "" && (ro.target != nil || ro.targetID != "") {
		d.roles = append(d.roles, ro)
	}
	return p.t1
}
