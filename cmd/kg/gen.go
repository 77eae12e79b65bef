package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/kgraph/kg/extract/gazetteer"
)

func genCommand() *cli.Command {
	return &cli.Command{
		Name:      "gen",
		Usage:     "write a deterministic synthetic news corpus for benchmarks",
		ArgsUsage: " ",
		Description: `Writes N synthetic articles as JSON Lines (the kg load input format):
Arabic and English news in the style of the Syria coverage of 2011-2024, 300
to 800 words each, with datelines, titles such as "وزير الخارجية الروسي سيرغي
لافروف يبحث ...", dates spread over the years, and people, organizations,
places and events drawn from kg's own gazetteer with a Zipf popularity, so a
few entities (Syria, Russia, the UN, Lavrov) appear in most articles and a
long tail in a few. Some people are invented, as the gazetteer does not know
everyone. The text is made of sentence templates: it reads like wire copy
but says nothing true.

Article i depends only on --seed and i: the same flags give the same bytes,
and a smaller --n gives a prefix of a larger one. Memory does not grow
with N. --out is a .jsonl file, "-" for stdout, or a directory that gets
files of --per-file articles each (part-00000.jsonl, ...), ready to be
split across machines.

Examples:
   kg gen --n 10000 --out bench/10k.jsonl
   kg gen --n 100000 --seed 7 --out bench/100k/ --per-file 5000`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "n", Value: 1000, Usage: "number of articles (1 to 10,000,000)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed; article ids are gen<seed>-<index>"},
			&cli.StringFlag{Name: "out", Value: "-", Usage: "output: FILE.jsonl, - (stdout) or a directory"},
			&cli.IntFlag{Name: "per-file", Value: 10000, Usage: "articles per file when --out is a directory"},
			&cli.Float64Flag{Name: "arabic", Value: 0.8, Usage: "share of Arabic articles (0 to 1)"},
			&cli.IntFlag{Name: "first", Value: 0, Usage: "index of the first article (to write a slice of a corpus)"},
		},
		Action: func(c *cli.Context) error {
			n, first := c.Int("n"), c.Int("first")
			if n < 1 || n > 10_000_000 || first < 0 {
				return fmt.Errorf("gen: --n must be 1 to 10,000,000 and --first not negative")
			}
			ar := c.Float64("arabic")
			if ar < 0 || ar > 1 {
				return fmt.Errorf("gen: --arabic must be between 0 and 1")
			}
			gz, err := gazetteer.Default()
			if err != nil {
				return fmt.Errorf("gen: %w", err)
			}
			g := newGenerator(gz, c.Uint64("seed"), ar)
			out := c.String("out")
			switch {
			case out == "-":
				return g.writeJSONL(c.App.Writer, first, n)
			case strings.HasSuffix(strings.ToLower(out), ".jsonl"):
				return writeFile(out, func(w io.Writer) error { return g.writeJSONL(w, first, n) })
			default:
				per := max(1, c.Int("per-file"))
				if err := os.MkdirAll(out, 0o755); err != nil {
					return fmt.Errorf("gen: %w", err)
				}
				for part, i := 0, first; i < first+n; part, i = part+1, i+per {
					name := filepath.Join(out, fmt.Sprintf("part-%05d.jsonl", part))
					k := min(per, first+n-i)
					if err := writeFile(name, func(w io.Writer) error { return g.writeJSONL(w, i, k) }); err != nil {
						return err
					}
				}
				return nil
			}
		},
	}
}

// writeFile creates path and writes it through a buffer with fill.
func writeFile(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// genArticle is one line of the output, in the kg load JSONL format.
type genArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	Text      string `json:"text"`
}

// writeJSONL writes articles first … first+n-1, one per line.
func (g *generator) writeJSONL(w io.Writer, first, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := first; i < first+n; i++ {
		if err := enc.Encode(g.article(i)); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// castMember is an entity as the generator writes it: how to name it the
// first time and afterwards, in one language.
type castMember struct {
	first  string   // first mention: with the title for people ("وزير الخارجية الروسي سيرغي لافروف")
	forms  []string // later mentions: full name and short forms
	bare   string   // the name without a title, for titles and datelines
	person bool
}

// pool is a list of entities in popularity order, drawn with a Zipf law.
type pool struct {
	ar, en []castMember // same length, same order; en may hold fallbacks
	s      float64      // Zipf exponent
}

// generator writes synthetic articles; it holds only read-only tables, so
// article(i) depends on the seed and i alone.
type generator struct {
	seed                     uint64
	arabic                   float64
	people, orgs, places     pool
	cities, events, invented pool
	outlets                  []string
}

// Entities that lead their pool, most frequent first; the rest follow in
// a seeded shuffle.
var (
	leadPlaces = []string{"place:syria", "place:russia", "place:united-states", "place:turkey", "place:iran",
		"place:iraq", "place:lebanon", "place:israel", "place:jordan", "place:saudi-arabia", "place:france"}
	leadCities = []string{"place:aleppo", "place:damascus", "place:idlib", "place:geneva", "place:moscow",
		"place:washington", "place:raqqa", "place:homs", "place:deir-ez-zor", "place:ankara", "place:beirut"}
	leadPeople = []string{"person:sergey-lavrov", "person:bashar-al-assad", "person:vladimir-putin",
		"person:john-kerry", "person:staffan-de-mistura", "person:donald-trump", "person:recep-tayyip-erdogan",
		"person:barack-obama", "person:rex-tillerson", "person:dmitry-peskov", "person:maria-zakharova"}
	leadOrgs = []string{"org:united-nations", "org:un-security-council", "org:isis", "org:syrian-army",
		"org:russian-foreign-ministry", "org:us-state-department", "org:kremlin", "org:syrian-opposition",
		"org:white-house", "org:sdf", "org:jabhat-fateh-al-sham", "org:hezbollah", "org:russian-defense-ministry"}
)

func newGenerator(gz *gazetteer.Gazetteer, seed uint64, arabic float64) *generator {
	g := &generator{seed: seed, arabic: arabic}
	var people, orgs, places, cities, events []*gazetteer.Entry
	for _, e := range gz.Entries() {
		if !hasArabic(e.Name) || e.NameEn == "" {
			continue
		}
		switch {
		case e.Type == gazetteer.Person && e.Source == "curated":
			people = append(people, e)
		case e.Type == gazetteer.Organization && e.Kind == "outlet":
			g.outlets = append(g.outlets, e.NameEn)
		case e.Type == gazetteer.Organization && e.Source == "curated":
			orgs = append(orgs, e)
		case e.Type == gazetteer.Event && e.Source == "curated":
			events = append(events, e)
		case e.Type == gazetteer.Place && e.Kind == "city":
			cities = append(cities, e)
		case e.Type == gazetteer.Place && e.Source == "curated" && (e.Kind == "country" || e.Kind == "region"):
			places = append(places, e)
		}
	}
	if len(g.outlets) == 0 {
		g.outlets = []string{"kg-gen"}
	}
	order := func(es []*gazetteer.Entry, lead []string, salt uint64) []*gazetteer.Entry {
		r := rand.New(rand.NewPCG(seed, salt))
		r.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		out := make([]*gazetteer.Entry, 0, len(es))
		for _, id := range lead {
			if e := gz.Get(id); e != nil && slices.Contains(es, e) {
				out = append(out, e)
			}
		}
		for _, e := range es {
			if !slices.Contains(lead, e.ID) {
				out = append(out, e)
			}
		}
		return out
	}
	// Curated cities first (they are the famous ones), then GeoNames'.
	cities = order(cities, leadCities, 6)
	slices.SortStableFunc(cities, func(a, b *gazetteer.Entry) int {
		return boolInt(a.Source != "curated") - boolInt(b.Source != "curated")
	})
	g.people = entryPool(order(people, leadPeople, 1), 1.05)
	g.orgs = entryPool(order(orgs, leadOrgs, 2), 1.05)
	g.places = entryPool(order(places, leadPlaces, 3), 1.2)
	g.cities = entryPool(cities, 1.1)
	g.events = entryPool(order(events, nil, 4), 1.1)
	g.invented = inventedPool(seed)
	return g
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hasArabic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) })
}

// entryPool turns gazetteer entries into cast members in both languages.
func entryPool(es []*gazetteer.Entry, s float64) pool {
	p := pool{s: s}
	for _, e := range es {
		ar := castMember{bare: e.Name, first: e.Name, forms: []string{e.Name}, person: e.Type == gazetteer.Person}
		en := castMember{bare: e.NameEn, first: e.NameEn, forms: []string{e.NameEn}, person: ar.person}
		for _, a := range e.Aliases {
			switch {
			case a == e.Name || a == e.NameEn:
			case hasArabic(a):
				ar.forms = append(ar.forms, a)
			case len(a) > 3 && !strings.Contains(a, "."):
				en.forms = append(en.forms, a)
			}
		}
		if ar.person && e.Role != "" {
			ar.first = e.Role + " " + e.Name
		}
		if en.person && e.RoleEn != "" {
			en.first = e.RoleEn + " " + e.NameEn
		}
		p.ar = append(p.ar, ar)
		p.en = append(p.en, en)
	}
	return p
}

// Invented people: names the gazetteer does not know, each with a title.
var (
	inventedGiven = [][2]string{
		{"أحمد", "Ahmad"}, {"محمد", "Mohammad"}, {"خالد", "Khaled"}, {"عمر", "Omar"}, {"سامر", "Samer"},
		{"رامي", "Rami"}, {"ياسر", "Yasser"}, {"هيثم", "Haitham"}, {"وائل", "Wael"}, {"مازن", "Mazen"},
		{"نبيل", "Nabil"}, {"فراس", "Firas"}, {"باسل", "Basel"}, {"طارق", "Tareq"}, {"زياد", "Ziad"},
		{"ليلى", "Layla"}, {"رنا", "Rana"}, {"هالة", "Hala"}, {"منى", "Mona"}, {"سلمى", "Salma"},
	}
	inventedFamily = [][2]string{
		{"الخطيب", "al-Khatib"}, {"الحلبي", "al-Halabi"}, {"العلي", "al-Ali"}, {"المصري", "al-Masri"},
		{"الحسن", "al-Hasan"}, {"النجار", "al-Najjar"}, {"الشامي", "al-Shami"}, {"العبدالله", "al-Abdullah"},
		{"الأحمد", "al-Ahmad"}, {"الزعبي", "al-Zoubi"}, {"القاسم", "al-Qasim"}, {"السيد", "al-Sayed"},
		{"الحمصي", "al-Homsi"}, {"الرفاعي", "al-Rifai"}, {"العمر", "al-Omar"}, {"الدباغ", "al-Dabbagh"},
	}
	inventedTitles = [][2]string{
		{"الناشط الإعلامي", "activist"}, {"المحلل السياسي", "political analyst"}, {"العميد المتقاعد", "retired brigadier"},
		{"الطبيب", "doctor"}, {"المتحدث باسم المجلس المحلي", "local council spokesman"}, {"الباحث", "researcher"},
	}
)

func inventedPool(seed uint64) pool {
	p := pool{s: 1.3}
	r := rand.New(rand.NewPCG(seed, 5))
	idx := r.Perm(len(inventedGiven) * len(inventedFamily))
	for _, k := range idx {
		gv, fm := inventedGiven[k%len(inventedGiven)], inventedFamily[k/len(inventedGiven)]
		t := inventedTitles[k%len(inventedTitles)]
		arName, enName := gv[0]+" "+fm[0], gv[1]+" "+fm[1]
		p.ar = append(p.ar, castMember{bare: arName, first: t[0] + " " + arName, forms: []string{arName}, person: true})
		p.en = append(p.en, castMember{bare: enName, first: t[1] + " " + enName, forms: []string{enName}, person: true})
	}
	return p
}

// draw picks k distinct members of p by popularity.
func (p pool) draw(r *rand.Rand, k int, english bool) []*castMember {
	list := p.ar
	if english {
		list = p.en
	}
	if len(list) == 0 {
		return nil
	}
	z := rand.NewZipf(r, p.s, 2, uint64(len(list)-1))
	k = min(k, len(list))
	seen := map[uint64]bool{}
	out := make([]*castMember, 0, k)
	for tries := 0; len(out) < k && tries < 20*k; tries++ {
		i := z.Uint64()
		if seen[i] {
			continue
		}
		seen[i] = true
		m := list[i] // copy: the mention state is per article
		out = append(out, &m)
	}
	return out
}

// cast is the set of entities one article talks about.
type cast struct {
	people, orgs, places, cities, events, invented []*castMember
	used                                           map[*castMember]bool
	// inSentence holds who the current sentence names already, so that
	// "{p} met {p}" names two people.
	inSentence map[*castMember]bool
}

// name returns the surface form of m for its next mention: the full form
// with title the first time, then a full or a short form.
func (c *cast) name(r *rand.Rand, m *castMember) string {
	if !c.used[m] {
		c.used[m] = true
		return m.first
	}
	if len(m.forms) > 1 && r.IntN(3) > 0 {
		return m.forms[1+r.IntN(len(m.forms)-1)]
	}
	return m.forms[0]
}

// article generates article i.
func (g *generator) article(i int) genArticle {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1<<32))
	english := r.Float64() >= g.arabic
	c := &cast{
		people:   g.people.draw(r, 2+r.IntN(4), english),
		orgs:     g.orgs.draw(r, 2+r.IntN(4), english),
		places:   g.places.draw(r, 2+r.IntN(4), english),
		cities:   g.cities.draw(r, 1+r.IntN(3), english),
		events:   g.events.draw(r, r.IntN(2), english),
		invented: g.invented.draw(r, r.IntN(3), english),
		used:     map[*castMember]bool{},
	}
	// Dates spread over 2011–2024.
	day := time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(14*365))
	id := "gen" + strconv.FormatUint(g.seed, 10) + "-" + fmt.Sprintf("%07d", i)
	a := genArticle{
		ID:        id,
		Source:    g.outlets[r.IntN(len(g.outlets))],
		Published: day.Format(time.DateOnly),
		Lang:      "ar",
	}
	lang := arabicText
	if english {
		a.Lang, lang = "en", englishText
	}
	a.URL = "https://news.example/" + a.Lang + "/" + day.Format("2006/01/02") + "/" + id
	a.Title = fill(r, c, lang.titles[r.IntN(len(lang.titles))], lang, day)
	c.used = map[*castMember]bool{} // the body introduces everyone again

	words := 300 + r.IntN(501)
	var b strings.Builder
	b.WriteString(lang.dateline(r, c, day))
	b.WriteString("\n\n")
	n, inPara := 0, 0
	for n < words {
		var tpl string
		if r.IntN(10) < 6 {
			tpl = lang.facts[r.IntN(len(lang.facts))]
		} else {
			tpl = lang.fillers[r.IntN(len(lang.fillers))]
		}
		s := fill(r, c, tpl, lang, day)
		n += len(strings.Fields(s))
		if inPara > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		inPara++
		if inPara >= 2+r.IntN(3) && n < words {
			b.WriteString("\n\n")
			inPara = 0
		}
	}
	b.WriteByte('\n')
	a.Text = b.String()
	return a
}

// fill replaces the slots of a template: {p} a person, {o} an organization,
// {pl} a country or region, {c} a city, {e} a named event, {x} an invented
// person, {d} a date, {n} a number, {w} a weekday.
func fill(r *rand.Rand, c *cast, tpl string, lang *language, day time.Time) string {
	c.inSentence = map[*castMember]bool{}
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		b.WriteString(tpl[:i])
		slot := tpl[i+1 : i+j]
		tpl = tpl[i+j+1:]
		b.WriteString(slotText(r, c, slot, lang, day))
	}
}

func slotText(r *rand.Rand, c *cast, slot string, lang *language, day time.Time) string {
	pick := func(ms []*castMember, fallback []*castMember) string {
		if len(ms) == 0 {
			ms = fallback
		}
		if len(ms) == 0 {
			return lang.nobody
		}
		// Earlier members of the cast are the article's main actors.
		m := ms[min(r.IntN(len(ms)), r.IntN(len(ms)))]
		for tries := 0; c.inSentence[m] && tries < 8; tries++ {
			m = ms[r.IntN(len(ms))]
		}
		c.inSentence[m] = true
		return c.name(r, m)
	}
	switch slot {
	case "p":
		return pick(c.people, c.invented)
	case "o":
		return pick(c.orgs, nil)
	case "pl":
		return pick(c.places, c.cities)
	case "c":
		return pick(c.cities, c.places)
	case "e":
		if len(c.events) == 0 {
			return lang.attack + pick(c.cities, c.places)
		}
		return pick(c.events, nil)
	case "x":
		return pick(c.invented, c.people)
	case "d":
		return lang.date(day.AddDate(0, 0, -r.IntN(30)))
	case "n":
		return strconv.Itoa(2 + r.IntN(r.IntN(500)+1))
	case "w":
		return lang.weekdays[int(day.Weekday())]
	}
	return slot
}

// language holds the templates and date words of one language.
type language struct {
	titles, facts, fillers []string
	weekdays               []string
	nobody                 string
	attack                 string // "the attack on ", before a city, when the cast has no named event
	date                   func(time.Time) string
	dateline               func(*rand.Rand, *cast, time.Time) string
}

var arabicMonths = []string{"كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
	"تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"}

var arabicText = &language{
	nobody:   "مصدر مطلع",
	attack:   "الهجوم على ",
	weekdays: []string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
	date: func(t time.Time) string {
		return strconv.Itoa(t.Day()) + " " + arabicMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
	},
	dateline: func(r *rand.Rand, c *cast, t time.Time) string {
		place := "دمشق"
		if len(c.cities) > 0 {
			place = c.cities[0].bare
		}
		return place + " - " + strconv.Itoa(t.Day()) + " " + arabicMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
	},
	titles: []string{
		"{p} يبحث مع {p} الأوضاع في {pl}",
		"{p}: لا حل عسكرياً للأزمة في {pl}",
		"{o} تدين الهجوم على {c}",
		"{p} يصل إلى {c} في زيارة رسمية",
		"مقتل {n} مدنياً في غارات على {c}",
		"{o} يعقد جلسة طارئة حول {pl}",
		"{p} يحذر من تصعيد جديد في {c}",
		"محادثات بين {pl} و{pl} حول وقف إطلاق النار",
	},
	facts: []string{
		"قال {p} في مؤتمر صحفي عقده في {c} يوم {w} إن بلاده لن تقبل بأي حل لا يحترم وحدة أراضي {pl}.",
		"وأعلن {p} أن {o} ستواصل العمل مع الشركاء الدوليين من أجل التوصل إلى تسوية سياسية في {pl}.",
		"والتقى {p} نظيره {p} في {c} لبحث آخر التطورات الميدانية والسياسية في {pl}.",
		"وذكرت {o} في بيان أن {n} شخصاً على الأقل قتلوا في قصف استهدف أحياء سكنية في {c} صباح {w}.",
		"من جهته، أكد {p} أن {o} ملتزمة بالاتفاق الذي تم التوصل إليه في {c} في {d}.",
		"وأشار {x} إلى أن الوضع الإنساني في {c} يزداد سوءاً مع استمرار الحصار ونقص المواد الغذائية والأدوية.",
		"وكان {p} قد صرح في {d} بأن {pl} لن تسمح بتحويل {c} إلى قاعدة للجماعات المسلحة.",
		"وطالب {o} بفتح ممرات إنسانية آمنة لإيصال المساعدات إلى المدنيين المحاصرين في {c}.",
		"وقال {x} لوكالة الأنباء إن الطائرات الحربية شنت أكثر من {n} غارة على {c} وريفها خلال الساعات الماضية.",
		"وتتهم {pl} الحكومة في {pl} بعرقلة وصول قوافل الإغاثة إلى {c}.",
		"وفي {c}، قال {p} إن المفاوضات مع {o} وصلت إلى مرحلة حاسمة.",
		"وأضاف {p} أن {o} و{o} تعملان على وضع آلية لمراقبة وقف الأعمال القتالية في {pl}.",
		"ونقلت {o} عن {p} قوله إن {pl} مستعدة لاستضافة جولة جديدة من المحادثات في {c}.",
		"وشهدت {c} {w} اشتباكات عنيفة بين {o} وفصائل المعارضة أسفرت عن سقوط عشرات القتلى.",
		"وأكد {p}، خلال اتصال هاتفي مع {p}، ضرورة الالتزام بقرارات {o} ذات الصلة.",
		"وتزامن ذلك مع وصول {p} إلى {c} قادماً من {c} في جولة إقليمية تشمل {pl} و{pl}.",
		"ويأتي هذا التطور بعد أيام من {e} الذي أثار موجة إدانات دولية واسعة.",
		"وبحسب {o}، فإن أكثر من {n} ألف شخص نزحوا من {c} منذ بداية العام.",
		"ورد {p} على الاتهامات قائلاً إن {o} لم تستهدف أي مواقع مدنية في {c}.",
		"ودعا {p} {o} إلى تحمل مسؤولياتها تجاه ما يجري في {pl}.",
		"وأوضح {x} أن فرق الدفاع المدني تمكنت من انتشال {n} جثة من تحت الأنقاض في {c}.",
		"وفي سياق متصل، وصل وفد من {o} إلى {c} للاطلاع على الأوضاع الميدانية.",
		"وقالت {o} إن {p} سيترأس وفد بلاده إلى اجتماعات {c} المقبلة.",
		"واعتبر {p} أن التدخل العسكري لـ{pl} في {pl} زاد من تعقيد الأزمة.",
	},
	fillers: []string{
		"وأشار إلى أن المحادثات تناولت سبل تعزيز التعاون الثنائي في المجالات كافة.",
		"ولم يصدر أي تعليق رسمي حتى الآن على هذه التصريحات.",
		"وتأتي هذه الخطوة في ظل توتر متصاعد تشهده المنطقة منذ أشهر.",
		"وأضاف أن الأولوية في المرحلة الحالية هي حماية المدنيين وضمان وصول المساعدات دون عوائق.",
		"ويرى مراقبون أن الاتفاق يبقى هشاً ما لم تلتزم به جميع الأطراف على الأرض.",
		"وشدد على أن الحل السياسي هو السبيل الوحيد لإنهاء معاناة الشعب.",
		"وتعذر التحقق من هذه المعلومات من مصدر مستقل بسبب القيود المفروضة على عمل الصحفيين.",
		"وأكد أن الاجتماع المقبل سيعقد في موعده المحدد رغم الخلافات القائمة.",
		"وأفادت مصادر محلية بأن حركة النزوح تواصلت خلال الليل باتجاه المناطق الأكثر أمناً.",
		"ولفت إلى أن اللجنة المشتركة ستعقد اجتماعات دورية لمتابعة تنفيذ البنود المتفق عليها.",
		"وتوقع محللون أن تشهد الأيام المقبلة مزيداً من الاتصالات الدبلوماسية.",
		"وقال إن الوقت قد حان لاتخاذ خطوات عملية بدلاً من الاكتفاء بالبيانات.",
		"وأوضح أن فرق الإغاثة تعمل في ظروف بالغة الصعوبة مع نقص حاد في الوقود والمعدات.",
		"كما جرى بحث ملف المعتقلين وتبادل الأسرى بين الجانبين.",
		"وأعربت جهات حقوقية عن قلقها من تدهور الأوضاع المعيشية في المخيمات.",
		"ولم تتمكن المستشفيات الميدانية من استيعاب العدد الكبير من الجرحى.",
	},
}

var englishMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"}

var englishText = &language{
	nobody:   "a source",
	attack:   "attack on ",
	weekdays: []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	date: func(t time.Time) string {
		return englishMonths[t.Month()-1] + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year())
	},
	dateline: func(r *rand.Rand, c *cast, t time.Time) string {
		place := "Damascus"
		if len(c.cities) > 0 {
			place = c.cities[0].bare
		}
		return strings.ToUpper(place) + ", " + englishMonths[t.Month()-1] + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year())
	},
	titles: []string{
		"{p} meets {p} to discuss the situation in {pl}",
		"{o} condemns attack on {c}",
		"{n} civilians killed in air strikes on {c}",
		"{p} warns of new escalation in {c}",
		"{pl} and {pl} agree on a ceasefire plan",
		"{o} holds emergency session on {pl}",
	},
	facts: []string{
		"{p} told reporters in {c} on {w} that there could be no military solution to the conflict in {pl}.",
		"{p} said the {o} would keep working with its partners toward a political settlement in {pl}.",
		"{p} met {p} in {c} to discuss the latest developments on the ground in {pl}.",
		"The {o} said in a statement that at least {n} people were killed in shelling on residential areas of {c}.",
		"{p} stressed that the {o} remained committed to the agreement reached in {c} on {d}.",
		"{x} said the humanitarian situation in {c} was getting worse as the siege continued.",
		"The {o} called for safe corridors to deliver aid to civilians trapped in {c}.",
		"{x} said warplanes had carried out more than {n} strikes on {c} and the surrounding countryside.",
		"In {c}, {p} said talks with the {o} had reached a decisive stage.",
		"{p} said {pl} was ready to host a new round of talks in {c}.",
		"Heavy fighting broke out in {c} on {w} between the {o} and rebel groups.",
		"{p} spoke by telephone with {p} and urged all sides to respect the resolutions of the {o}.",
		"The move came days after the {e}, which drew wide international condemnation.",
		"According to the {o}, more than {n} thousand people have fled {c} since the start of the year.",
		"{p} rejected the accusations, saying the {o} had not targeted civilian sites in {c}.",
		"A delegation from the {o} arrived in {c} to assess the situation.",
		"{p} arrived in {c} from {c} on a regional tour that includes {pl} and {pl}.",
		"{x} said rescue teams had pulled {n} bodies from the rubble in {c}.",
	},
	fillers: []string{
		"There was no official comment on the remarks.",
		"The step comes amid rising tension in the region over recent months.",
		"Observers say the deal remains fragile unless all parties respect it on the ground.",
		"The information could not be independently verified because of restrictions on journalists.",
		"Local sources said people kept fleeing overnight toward safer areas.",
		"Analysts expect more diplomatic contacts in the coming days.",
		"Aid workers said they were operating in extremely difficult conditions with severe shortages of fuel.",
		"Field hospitals were unable to cope with the large number of wounded.",
		"Rights groups voiced concern about worsening living conditions in the camps.",
		"He said the time had come for practical steps rather than statements.",
	},
}
