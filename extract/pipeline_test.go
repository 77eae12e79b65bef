package extract

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	testPipelineOnce sync.Once
	testPipeline     *Pipeline
	testPipelineErr  error
)

func pipeline(t testing.TB) *Pipeline {
	t.Helper()
	testPipelineOnce.Do(func() { testPipeline, testPipelineErr = New(Options{}) })
	if testPipelineErr != nil {
		t.Fatal(testPipelineErr)
	}
	return testPipeline
}

// run extracts text as an article and checks the output invariants.
func run(t *testing.T, text, published string) Result {
	t.Helper()
	r, err := pipeline(t).Extract(Article{ID: "t1", Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, text, r)
	return r
}

// checkInvariants verifies offsets, sentence indexes and ordering.
func checkInvariants(t testing.TB, text string, r Result) {
	t.Helper()
	runes := []rune(text)
	for i, s := range r.Sentences {
		if s.Index != i || s.Start < 0 || s.End > len(runes) || s.Start >= s.End || string(runes[s.Start:s.End]) != s.Text {
			t.Fatalf("sentence %d is bad: %+v", i, s)
		}
	}
	ids := map[string]bool{}
	for i, e := range r.Entities {
		if i > 0 && r.Entities[i-1].ID >= e.ID {
			t.Fatalf("entities not sorted by id at %q", e.ID)
		}
		ids[e.ID] = true
		for j, m := range e.Mentions {
			if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
				t.Fatalf("%s: mention out of bounds %+v", e.ID, m)
			}
			if got := string(runes[m.Start:m.End]); got != m.Text {
				t.Fatalf("%s: mention text %q but the text there is %q (% x)", e.ID, m.Text, got, got)
			}
			if m.Sentence < 0 || m.Sentence >= len(r.Sentences) {
				t.Fatalf("%s: mention sentence %d of %d", e.ID, m.Sentence, len(r.Sentences))
			}
			s := r.Sentences[m.Sentence]
			if m.Start < s.Start || m.End > s.End {
				t.Fatalf("%s: mention %+v outside its sentence %+v", e.ID, m, s)
			}
			if j > 0 && e.Mentions[j-1].Start > m.Start {
				t.Fatalf("%s: mentions not sorted", e.ID)
			}
		}
	}
	for _, rel := range r.Relations {
		if !ids[rel.From] || !ids[rel.To] {
			t.Fatalf("relation %+v refers to a missing entity", rel)
		}
		if rel.Sentence < 0 || rel.Sentence >= len(r.Sentences) {
			t.Fatalf("relation %+v: bad sentence", rel)
		}
		if rel.Type == CoMentioned && rel.From >= rel.To {
			t.Fatalf("CO_MENTIONED not ordered: %+v", rel)
		}
	}
}

func entityOf(r Result, id string) *Entity {
	for i := range r.Entities {
		if r.Entities[i].ID == id {
			return &r.Entities[i]
		}
	}
	return nil
}

func hasRel(r Result, typ, from, to, prop, value string) bool {
	for _, rel := range r.Relations {
		if rel.Type == typ && rel.From == from && rel.To == to && (prop == "" || fmt.Sprint(rel.Props[prop]) == value) {
			return true
		}
	}
	return false
}

func dump(r Result) string {
	var b strings.Builder
	for _, e := range r.Entities {
		fmt.Fprintf(&b, "  %s %q %q\n", e.ID, e.Name, e.Aliases)
	}
	for _, rel := range r.Relations {
		if rel.Type != CoMentioned {
			fmt.Fprintf(&b, "  %s %s → %s %v\n", rel.Type, rel.From, rel.To, rel.Props)
		}
	}
	return b.String()
}

// mentionTexts returns the mention texts of an entity.
func mentionTexts(e *Entity) []string {
	var out []string
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func TestRules(t *testing.T) {
	type check func(t *testing.T, r Result)
	entity := func(id string, texts ...string) check {
		return func(t *testing.T, r Result) {
			e := entityOf(r, id)
			if e == nil {
				t.Fatalf("no entity %s in\n%s", id, dump(r))
			}
			got := mentionTexts(e)
			if len(texts) > 0 && strings.Join(got, "|") != strings.Join(texts, "|") {
				t.Errorf("%s mentions %q, want %q", id, got, texts)
			}
		}
	}
	aliases := func(id string, want ...string) check {
		return func(t *testing.T, r Result) {
			e := entityOf(r, id)
			if e == nil || strings.Join(e.Aliases, "|") != strings.Join(want, "|") {
				t.Errorf("aliases of %s: got %v, want %q\n%s", id, e, want, dump(r))
			}
		}
	}
	absent := func(id string) check {
		return func(t *testing.T, r Result) {
			if e := entityOf(r, id); e != nil && len(e.Mentions) > 0 {
				t.Errorf("unexpected mentions of %s: %q", id, mentionTexts(e))
			}
		}
	}
	rel := func(typ, from, to, prop, value string) check {
		return func(t *testing.T, r Result) {
			if !hasRel(r, typ, from, to, prop, value) {
				t.Errorf("no %s %s → %s %s=%q in\n%s", typ, from, to, prop, value, dump(r))
			}
		}
	}
	noType := func(typ string) check {
		return func(t *testing.T, r Result) {
			for _, e := range r.Entities {
				if e.Type == typ && len(e.Mentions) > 0 {
					t.Errorf("unexpected %s %s %q", typ, e.ID, mentionTexts(&e))
				}
			}
		}
	}
	published := func(want string) check {
		return func(t *testing.T, r Result) {
			if r.Article.Published != want {
				t.Errorf("published %q, want %q", r.Article.Published, want)
			}
		}
	}
	count := func(typ string, n int) check {
		return func(t *testing.T, r Result) {
			got := 0
			for _, e := range r.Entities {
				if e.Type == typ {
					got++
				}
			}
			if got != n {
				t.Errorf("%d entities of type %s, want %d\n%s", got, typ, n, dump(r))
			}
		}
	}

	for _, tc := range []struct {
		name      string
		text      string
		published string
		checks    []check
	}{
		{"conjunction wa is not part of the mention", "تبادلت موسكو وواشنطن الرسائل.", "",
			[]check{entity("place:washington", "واشنطن"), entity("place:moscow", "موسكو")}},
		{"preposition li is not part of the mention", "قدمت الصين دعماً لروسيا.", "",
			[]check{entity("place:russia", "روسيا")}},
		{"bi before the article", "اجتمع الوفد بالولايات المتحدة.", "",
			[]check{entity("place:united-states", "الولايات المتحدة")}},
		{"lil contraction keeps exact offsets, not an alias", "قدم الحلف دعماً للولايات المتحدة وللمعارضة.", "",
			[]check{entity("place:united-states", "لولايات المتحدة"), aliases("place:united-states", "لولايات المتحدة")}},
		{"minister title with nationality", "استقبل وزير الخارجية الروسي سيرغي لافروف الوفد في روسيا.", "",
			[]check{entity("person:sergey-lavrov", "سيرغي لافروف"), entity("place:russia", "روسيا"), rel(HoldsRole, "person:sergey-lavrov", "place:russia", "title", "وزير الخارجية")}},
		{"a country only named by an adjective is no entity", "استقبل وزير الخارجية الروسي سيرغي لافروف الوفد.", "",
			[]check{entity("person:sergey-lavrov"), absent("place:russia"), count(Place, 0)}},
		{"spokesperson of a ministry", "قال المتحدث باسم وزارة الخارجية الأميركية، جون كيربي، إن الاجتماع مفيد.", "",
			[]check{rel(SpokespersonFor, "person:john-kirby", "org:us-state-department", "", ""),
				rel(HoldsRole, "person:john-kirby", "org:us-state-department", "title", "المتحدث باسم وزارة الخارجية")}},
		{"title after the name, ministry without nationality", "وأوضح جون كيربي المتحدث باسم وزارة الخارجية أن المحادثات مستمرة.", "",
			[]check{rel(SpokespersonFor, "person:john-kirby", "org:us-state-department", "", ""), entity("org:us-state-department", "وزارة الخارجية")}},
		{"special envoy", "التقى المبعوث الأميركي الخاص بسورية مايكل راتني معارضين في الولايات المتحدة.", "",
			[]check{rel(HoldsRole, "person:michael-ratney", "place:united-states", "title", "المبعوث الخاص"), entity("place:syria", "سورية")}},
		{"unknown person after a title", "وقال وزير الخارجية الهندي راجيش كومار إن الهند تتابع.", "",
			[]check{entity("person:راجيش-كومار", "راجيش كومار"), rel(HoldsRole, "person:راجيش-كومار", "place:india", "title", "وزير الخارجية")}},
		{"deputy minister", "صرح نائب وزير الخارجية الروسي سيرغي ريابكوف بأن روسيا مستعدة.", "",
			[]check{rel(HoldsRole, "person:sergei-ryabkov", "place:russia", "title", "نائب وزير الخارجية")}},
		{"permanent representative with country genitive", "دعا مندوب فرنسا الدائم لدى الأمم المتحدة فرانسوا ديلاتر إلى الهدوء.", "",
			[]check{entity("person:فرانسوا-ديلاتر"), rel(HoldsRole, "person:فرانسوا-ديلاتر", "place:france", "title", "المندوب الدائم")}},
		{"press spokesman of the presidency", "وقال الناطق الصحفي باسم الرئاسة الروسية ديمتري بيسكوف: لا تعليق.", "",
			[]check{rel(SpokespersonFor, "person:dmitry-peskov", "org:kremlin", "", "")}},
		{"surname after the full name", "أعلن مايكل هاريس خطة جديدة. وأضاف هاريس أن التنفيذ قريب.", "",
			[]check{entity("person:مايكل-هاريس", "مايكل هاريس", "هاريس"), count(Person, 1)}},
		{"surname before the full name", "هاريس: لا اتفاق بعد.\nوقال مايكل هاريس إن العمل مستمر.", "",
			[]check{entity("person:مايكل-هاريس", "هاريس", "مايكل هاريس")}},
		{"known person's surname alone", "وأكد لافروف أن بلاده مستعدة.", "",
			[]check{entity("person:sergey-lavrov", "لافروف")}},
		{"other spelling of a known person", "التقت المندوبة الأميركية لدى المنظمة سامنثا باور نظراءها.", "",
			[]check{entity("person:samantha-power", "سامنثا باور")}},
		{"two spellings of Syria, one place", "عاد الهدوء إلى سورية. وتبقى سوريا في قلب الأزمة.", "",
			[]check{aliases("place:syria", "سوريا", "سورية")}},
		{"outlet name holds a country name", "نقل موقع «روسيا اليوم» عن مصادر قولها.", "",
			[]check{entity("org:rt", "روسيا اليوم"), absent("place:russia")}},
		{"armed group name holds a country name", "تقدمت قوات سورية الديمقراطية نحو المدينة.", "",
			[]check{entity("org:sdf"), absent("place:syria")}},
		{"capitals stay places", "اتهمت واشنطن موسكو بالتصعيد.", "",
			[]check{entity("place:washington"), entity("place:moscow"), noType(Organization)}},
		{"nationality adjective is not a mention", "قال الرئيس التركي رجب طيب أردوغان إن تركيا تريد حلا سياسيا.", "",
			[]check{entity("place:turkey", "تركيا"), rel(HoldsRole, "person:recep-tayyip-erdogan", "place:turkey", "title", "الرئيس")}},
		{"ministry short and long forms are one org", "أكدت الخارجية الأميركية موقفها. وقالت وزارة الخارجية الأميركية إنها تتابع.", "",
			[]check{aliases("org:us-state-department", "الخارجية الأميركية", "وزارة الخارجية الأميركية")}},
		{"bare الخارجية is the ministry named before", "أصدرت الخارجية الروسية بيانا. وأضاف بيان الخارجية أن الحوار مفيد.", "",
			[]check{entity("org:russian-foreign-ministry", "الخارجية الروسية", "الخارجية")}},
		{"foreign policy is not the ministry", "تتغير السياسة الخارجية للبلاد.", "",
			[]check{noType(Organization)}},
		{"common word given name without a title", "يجب التوصل إلى حل سياسي عادل يرضي الجميع.", "",
			[]check{noType(Person)}},
		{"dateline sets the published date", "30 اغسطس 2016\nقال المتحدث أمس إن الحوار مستمر.", "",
			[]check{published("2016-08-30")}},
		{"renamed organization", "قاتلت جبهة النصرة، التي صارت جبهة فتح الشام، في المنطقة.", "",
			[]check{rel(RenamedTo, "org:jabhat-al-nusra", "org:jabhat-fateh-al-sham", "", "")}},
		{"ministry part of its country", "قالت وزارة الدفاع الروسية إن روسيا لن تتراجع.", "",
			[]check{rel(PartOf, "org:russian-defense-ministry", "place:russia", "", "")}},
		{"co-mentioned pairs", "التقى بوتين وأردوغان في موسكو.", "",
			[]check{rel(CoMentioned, "person:recep-tayyip-erdogan", "person:vladimir-putin", "", ""),
				rel(CoMentioned, "person:vladimir-putin", "place:moscow", "", "")}},
		{"english title patterns", "Russian Foreign Minister Sergei Lavrov met Secretary of State John Kerry in Geneva to discuss Russia's role.", "",
			[]check{rel(HoldsRole, "person:sergey-lavrov", "place:russia", "title", "Foreign Minister"),
				entity("person:john-kerry", "John Kerry"), entity("place:geneva", "Geneva")}},
		{"english possessive is not part of the name", "It was Washington's plan.", "",
			[]check{entity("place:washington", "Washington")}},
		{"english spokesman of an organization", "State Department spokesman John Kirby said the talks would go on.", "",
			[]check{rel(SpokespersonFor, "person:john-kirby", "org:us-state-department", "", "")}},
		{"english common word is not an alias", "Officials were earnest about who would attend.", "",
			[]check{noType(Person), noType(Organization)}},
		{"unknown place after a head word", "عقدت القمة في مدينة هانغتشو الصينية.", "",
			[]check{entity("place:hangzhou", "هانغتشو")}},
		{"compound surname after a title", "وقال مدير المرصد رامي عبد الرحمن إن الغارات مستمرة.", "",
			[]check{entity("person:رامي-عبد-الرحمن", "رامي عبد الرحمن")}},
		{"unknown ministry named with its country", "وأعلنت وزارة الصحة الفلسطينية مقتل ثلاثة أشخاص.", "",
			[]check{entity("org:وزاره-الصحه-الفلسطينيه", "وزارة الصحة الفلسطينية")}},
		{"english town of", "Jets struck the town of Saraqeb.", "",
			[]check{entity("place:saraqeb", "Saraqeb")}},
		{"classifier head left out of the mention", "نقلت وكالة الأناضول عن مصادر في مدينة حلب وريف إدلب.", "",
			[]check{entity("org:anadolu", "الأناضول"), entity("place:aleppo", "حلب"), entity("place:idlib", "إدلب")}},
		{"a leader inside a government's name", "اتهمت المعارضة نظام الأسد بالتصعيد.", "",
			[]check{entity("org:syrian-government", "نظام الأسد"), entity("person:bashar-al-assad", "الأسد")}},
		{"a date after a name cuts it short", "استخدمت روسيا اليوم الأربعاء حق النقض.", "",
			[]check{entity("place:russia", "روسيا"), absent("org:rt")}},
		{"credit line in an Arabic text", "راتني نفى الادعاءات (Getty)", "",
			[]check{entity("org:getty", "Getty")}},
		{"unknown outlet in quotes", "نقلت وكالة «بلدنا نيوز» عن مصدر قوله.", "",
			[]check{entity("org:بلدنا-نيوز", "بلدنا نيوز")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.text, tc.published)
			for _, c := range tc.checks {
				c(t, r)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	for _, tc := range []struct {
		name      string
		text      string
		published string
		wantID    string
		wantType  string
		wantDate  string
		mentions  int
	}{
		{"airstrike with a relative date", "شنت طائرات غارات على حلب أمس.", "2016-08-30",
			"event:attack:aleppo:2016-08-29", Attack, "2016-08-29", 1},
		{"missile strike phrase", "نفذت المدمرات ضربات صاروخية على مطار الشعيرات فجر الجمعة الماضي.", "2017-04-12",
			"event:attack:shayrat-airbase:2017-04-07", Attack, "2017-04-07", 1},
		{"one event per type per sentence", "عقد الوزيران اجتماعا ومحادثات مطولة في جنيف.", "2016-09-09",
			"event:talks:geneva:2016-09-09", Talks, "2016-09-09", 2},
		{"no date: the article id", "تواصلت المفاوضات في جنيف.", "",
			"event:talks:geneva:t1", Talks, "", 1},
		{"ceasefire phrase", "دخل وقف إطلاق النار حيز التنفيذ في حلب.", "2016-09-12",
			"event:ceasefire:aleppo:2016-09-12", Ceasefire, "2016-09-12", 1},
		{"veto", "استخدمت روسيا حق النقض ضد المشروع.", "2017-04-12",
			"event:veto:x:2017-04-12", Veto, "2017-04-12", 1},
		{"a denial has no place", "نفت الخارجية الأميركية وجود تنسيق في سورية.", "2016-08-30",
			"event:denial:x:2016-08-30", Denial, "2016-08-30", 1},
		{"a session of a body is a meeting", "عقد مجلس الأمن جلسة طارئة في نيويورك.", "2017-04-05",
			"event:meeting:new-york:2017-04-05", Meeting, "2017-04-05", 1},
		{"a date after since starts a period", "هذا هو الفيتو الثامن منذ عام 2011.", "2017-04-12",
			"event:veto:x:2017-04-12", Veto, "2017-04-12", 1},
		{"a date said in the sentence before", "التقى الوزيران أمس. وعقدا بعد ذلك مؤتمرا صحفيا.", "2016-09-10",
			"event:press-conference:x:2016-09-09", PressConference, "2016-09-09", 1},
		{"english meeting", "Lavrov met Kerry in Geneva on Friday.", "2016-09-12",
			"event:talks:geneva:2016-09-09", Talks, "2016-09-09", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.text, tc.published)
			e := entityOf(r, tc.wantID)
			if e == nil {
				t.Fatalf("no event %s in\n%s", tc.wantID, dump(r))
			}
			if e.EventType != tc.wantType || e.Date != tc.wantDate || len(e.Mentions) != tc.mentions {
				t.Errorf("event %s: type %q date %q mentions %q; want %q %q %d", e.ID, e.EventType, e.Date, mentionTexts(e), tc.wantType, tc.wantDate, tc.mentions)
			}
		})
	}
}

func TestParticipants(t *testing.T) {
	r := run(t, "اتهمت واشنطن موسكو بالتصعيد.", "2016-10-03")
	id := "event:accusation:x:2016-10-03"
	if !hasRel(r, ParticipatedIn, "place:washington", id, "role", "actor") || !hasRel(r, ParticipatedIn, "place:moscow", id, "role", "target") {
		t.Errorf("want Washington actor and Moscow target of %s:\n%s", id, dump(r))
	}
	r = run(t, "وكان هجوم بالغازات قد استهدف خان شيخون بريف إدلب.", "2017-04-04")
	if !hasRel(r, OccurredIn, "event:attack:khan-shaykhun:2017-04-04", "place:khan-shaykhun", "", "") {
		t.Errorf("want the attack in Khan Shaykhun:\n%s", dump(r))
	}
	r = run(t, "أثار الهجوم الصاروخي الأميركي على القاعدة غضب موسكو من الولايات المتحدة.", "2017-04-08")
	if !hasRel(r, ParticipatedIn, "place:united-states", "event:attack:x:2017-04-08", "role", "actor") {
		t.Errorf("want the United States as the actor of the strike:\n%s", dump(r))
	}
}

// TestEventPlace checks where events happened (OCCURRED_IN): wantEvent
// in wantPlace ("": no place), and no event in notPlace.
func TestEventPlace(t *testing.T) {
	for _, tc := range []struct{ name, text, published, wantEvent, wantPlace, notPlace string }{
		// A place after إلى before an attack, or outside its clause, is
		// where someone went: the strikes are planned by officers sent to
		// Geneva.
		{"a destination is not where strikes happen", "وستعيد واشنطن الضباط الذين أرسلتهم إلى جنيف للتخطيط لشن ضربات منسقة.",
			"2016-10-03", "event:attack:x:2016-10-03", "", "place:geneva"},
		{"talks happen where the visitor went", "ووصل تيلرسون إلى موسكو يوم الثلاثاء في زيارة يبحث فيها الأزمة.",
			"2017-04-12", "event:talks:moscow:2017-04-11", "place:moscow", ""},
		{"after the trigger in its own clause إلى says where", "امتدت الغارات إلى إدلب.",
			"2016-10-03", "event:attack:idlib:2016-10-03", "place:idlib", ""},
		// What a gathering is about is not where it is.
		{"a meeting about something in Syria", "عقد مجلس الأمن اجتماعا مغلقا لبحث استخدام السلاح الكيميائي في سوريا.",
			"2016-08-30", "event:meeting:x:2016-08-30", "", ""},
		{"talks on reviving a ceasefire in Syria", "The United States suspended its talks with Russia on reviving the ceasefire in Syria.",
			"2016-10-03", "event:talks:x:2016-10-03", "", ""},
		{"talks on a day in Geneva", "Lavrov and Kerry held talks on Friday in Geneva.",
			"2016-09-10", "event:talks:geneva:2016-09-09", "place:geneva", ""},
		// Geneva is where the meeting was, told right after it.
		{"a place after an earlier trigger", "وبعد اجتماع في جنيف استمر ساعات شنت الطائرات غارات عنيفة.",
			"2016-10-03", "event:attack:x:2016-10-03", "", ""},
		// Aleppo is where the bombing is, a trigger later in the sentence.
		{"a place of a later trigger", "Kerry warned that the United States would end the talks unless the bombing of Aleppo stopped.",
			"2016-10-03", "event:talks:x:2016-10-03", "", ""},
		{"a place of a later trigger in Arabic", "وأعلنت واشنطن وقف المحادثات بعد قصف في حلب.",
			"2016-10-03", "event:talks:x:2016-10-03", "", ""},
		// Idlib says where the Khan Shaykhun attack was, not the session
		// that condemns it, nor the veto.
		{"a place of another mention", "وعقد مجلس الأمن جلسة لبحث مشروع قرار يدين هجوم خان شيخون بريف إدلب، لكن روسيا استخدمت حق النقض.",
			"2017-04-12", "event:meeting:x:2017-04-12", "", "place:idlib"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.text, tc.published)
			if entityOf(r, tc.wantEvent) == nil || tc.wantPlace != "" && !hasRel(r, OccurredIn, tc.wantEvent, tc.wantPlace, "", "") {
				t.Errorf("want %s in %q:\n%s", tc.wantEvent, tc.wantPlace, dump(r))
			}
			for _, rel := range r.Relations {
				if rel.Type == OccurredIn && (rel.To == tc.notPlace || rel.From == tc.wantEvent && tc.wantPlace == "") {
					t.Errorf("%s occurred in %s:\n%s", rel.From, rel.To, dump(r))
				}
			}
		})
	}
}

// eventMentions maps each event of type typ in r to its number of mentions.
func eventMentions(r Result, typ string) map[string]int {
	out := map[string]int{}
	for _, e := range r.Entities {
		if e.Type == Event && e.EventType == typ {
			out[e.ID] = len(e.Mentions)
		}
	}
	return out
}

// TestEventAnaphora: "the attack" with no place or date of its own is
// the attack told before; a date goes with the trigger noun it follows.
func TestEventAnaphora(t *testing.T) {
	for _, tc := range []struct {
		name, text, published, typ string
		want                       map[string]int
	}{
		{"Arabic: the attack is the one told", "قتل عشرة مدنيين في هجوم على مدينة حلب أمس الأحد. وقال الدفاع المدني إن الهجوم استهدف سوقا شعبيا.",
			"2016-10-03", Attack, map[string]int{"event:attack:aleppo:2016-10-02": 2}},
		{"English: the attack is the one told", "A strike hit an aid convoy near Aleppo on Monday. Officials said the attack killed 20 people.",
			"2016-09-21", Attack, map[string]int{"event:attack:aleppo:2016-09-19": 2}},
		// A bare noun names an attack without telling one: the images
		// show no trace of one. The attack after it is the convoy's.
		{"a noun alone does not tell an attack", "A strike hit an aid convoy near Aleppo on Monday. Moscow said its images showed no trace of an air strike. The attack killed 20 people.",
			"2016-09-21", Attack, map[string]int{"event:attack:aleppo:2016-09-19": 2, "event:attack:x:2016-09-19": 1}},
		{"an attack with its own date is another", "A strike hit an aid convoy near Aleppo on Monday. The attack of April 4 killed 80 people.",
			"2016-09-21", Attack, map[string]int{"event:attack:aleppo:2016-09-19": 1, "event:attack:x:2016-04-04": 1}},
		{"plurals are not anaphoric", "قتل عشرة مدنيين في هجوم على مدينة حلب أمس الأحد. ودعت الأمم المتحدة إلى وقف الهجمات على المدنيين.",
			"2016-10-03", Attack, map[string]int{"event:attack:aleppo:2016-10-02": 1, "event:attack:x:2016-10-02": 1}},
		{"the truce is the one agreed", "اتفقت واشنطن وموسكو على هدنة في سورية تبدأ يوم الاثنين المقبل. وقال لافروف إن الهدنة ستصمد.",
			"2016-09-10", Ceasefire, map[string]int{"event:ceasefire:syria:2016-09-12": 2}},
		// The date follows the truce, which the attack came after.
		{"a date goes with the noun it follows", "وقع الهجوم بعد ساعات من انتهاء الهدنة التي بدأت في 12 أيلول.",
			"2016-09-20", Attack, map[string]int{"event:attack:x:2016-09-20": 1}},
		{"the truce before the talks keeps its day", "أعلن الوزيران التوصل إلى اتفاق على هدنة تبدأ يوم الاثنين المقبل، بعد محادثات في جنيف.",
			"2016-09-10", Talks, map[string]int{"event:talks:geneva:2016-09-10": 1}},
		// "that" after an event noun opens what tells of that event.
		{"a relative clause dates its noun", "Kerry and Lavrov announced a plan on Saturday. Kerry spoke after more than thirteen hours of talks that began on Friday.",
			"2016-09-10", Talks, map[string]int{"event:talks:x:2016-09-09": 1}},
		// A verb does not take the date from the noun it describes.
		{"a participle leaves the date to its noun", "Kerry said the ceasefire agreed in Geneva on Sept. 9 could still be saved.",
			"2016-09-21", Ceasefire, map[string]int{"event:ceasefire:geneva:2016-09-09": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.text, tc.published)
			if got := eventMentions(r, tc.typ); !maps.Equal(got, tc.want) {
				t.Errorf("%s events %v, want %v:\n%s", tc.typ, got, tc.want, dump(r))
			}
		})
	}
}

// TestHeadlineEvent: a headline's undated event is the body's first of
// its type; a first line that ends like a sentence is the lead.
func TestHeadlineEvent(t *testing.T) {
	p := pipeline(t)
	for _, tc := range []struct {
		name, title, body string
		want              map[string]int // attack event id → mentions
	}{
		{"headline", "Convoy attack near Aleppo", "A strike hit an aid convoy near Aleppo on Monday.",
			map[string]int{"event:attack:aleppo:2016-09-19": 2}},
		{"headline in Arabic", "هجوم على قافلة مساعدات قرب حلب", "قصفت طائرات قافلة مساعدات قرب حلب أمس الاثنين في غارة استمرت ساعة.",
			map[string]int{"event:attack:aleppo:2016-09-19": 2}},
		// Only the headline says where: it keeps its own event.
		{"only the headline has the place", "Convoy attack near Aleppo", "The attack on Monday killed 20 people.",
			map[string]int{"event:attack:aleppo:2016-09-20": 1, "event:attack:x:2016-09-19": 1}},
		{"a lead is not a headline", "Officials said an attack near Aleppo killed 20 people.", "A strike hit an aid convoy near Aleppo on Monday.",
			map[string]int{"event:attack:aleppo:2016-09-20": 1, "event:attack:aleppo:2016-09-19": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.title + "\n" + tc.body
			r, err := p.Extract(Article{ID: "h", Title: tc.title, Text: text, Published: "2016-09-20"})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, text, r)
			if got := eventMentions(r, Attack); !maps.Equal(got, tc.want) {
				t.Errorf("attack events %v, want %v:\n%s", got, tc.want, dump(r))
			}
		})
	}
}

// TestEnglishRoles: English puts the subject before the verb and has no
// construct state, so the name after an event word is not its actor.
func TestEnglishRoles(t *testing.T) {
	type role struct{ entity, eventType, role string }
	for _, tc := range []struct {
		name, text string
		want, not  []role
	}{
		{"the object of a verb", "Russia vetoes UN resolution on Syria.",
			[]role{{"place:russia", Veto, roleActor}}, []role{{"org:united-nations", Veto, roleActor}}},
		{"accused of", "Lavrov accused Washington of failing to rein in the armed groups.",
			[]role{{"person:sergey-lavrov", Accusation, roleActor}, {"place:washington", Accusation, roleTarget}}, nil},
		{"the subject of another verb", "The United Nations halted all aid convoys after the attack.",
			nil, []role{{"org:united-nations", Attack, roleActor}}},
		{"rejecting an accusation", "Sergey Lavrov rejected the accusations.",
			nil, []role{{"person:sergey-lavrov", Accusation, roleActor}}},
		{"a nationality before the noun", "Russia denied it. Russian airstrikes hit Idlib on Monday.",
			[]role{{"place:russia", Attack, roleActor}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.text, "2016-09-21")
			has := func(x role) bool {
				for _, rel := range r.Relations {
					if rel.Type == ParticipatedIn && rel.From == x.entity && fmt.Sprint(rel.Props["role"]) == x.role {
						if e := entityOf(r, rel.To); e != nil && e.EventType == x.eventType {
							return true
						}
					}
				}
				return false
			}
			for _, x := range tc.want {
				if !has(x) {
					t.Errorf("want %s %s of the %s:\n%s", x.entity, x.role, x.eventType, dump(r))
				}
			}
			for _, x := range tc.not {
				if has(x) {
					t.Errorf("%s is not %s of the %s:\n%s", x.entity, x.role, x.eventType, dump(r))
				}
			}
		})
	}
}

func TestSameEventAcrossArticles(t *testing.T) {
	p := pipeline(t)
	a, _ := p.Extract(Article{ID: "a", Published: "2017-04-07", Text: "نفذت مدمرات أميركية ضربات صاروخية على مطار الشعيرات."})
	b, _ := p.Extract(Article{ID: "b", Published: "2017-04-07", Text: "أدانت موسكو الضربات الصاروخية على مطار الشعيرات."})
	want := "event:attack:shayrat-airbase:2017-04-07"
	if entityOf(a, want) == nil || entityOf(b, want) == nil {
		t.Errorf("want %s in both articles:\n%s\n%s", want, dump(a), dump(b))
	}
	// Moscow condemned the strike: it did not strike.
	if hasRel(b, ParticipatedIn, "place:moscow", want, "role", "actor") {
		t.Errorf("the one who condemns is not the actor:\n%s", dump(b))
	}
}

func TestDeterministic(t *testing.T) {
	p := pipeline(t)
	text := "قال المتحدث باسم وزارة الخارجية الأميركية جون كيربي إن واشنطن وموسكو اتفقتا على هدنة في حلب. وأضاف كيربي أن روسيا مسؤولة."
	first := fmt.Sprintf("%+v", mustExtract(t, p, text))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := fmt.Sprintf("%+v", mustExtract(t, p, text)); got != first {
				t.Errorf("different output on another run")
			}
		}()
	}
	wg.Wait()
}

// TestResultsOutliveBuffers keeps the results of articles of different
// lengths, extracted one after another and at once by one pipeline, whose
// per-token buffers the next extraction reuses: each must still equal the
// result of its article extracted alone by a new pipeline.
func TestResultsOutliveBuffers(t *testing.T) {
	texts := []string{
		"قال المتحدث باسم وزارة الخارجية الأميركية جون كيربي إن واشنطن وموسكو اتفقتا على هدنة في حلب. وأضاف كيربي أن روسيا مسؤولة.",
		"التقى لافروف كيري.",
		"Secretary of State John Kerry met Sergei Lavrov in Geneva on Friday. Kerry said the talks on Syria were constructive.",
		"",
		"أعلنت وزارة الدفاع الروسية أن طائراتها قصفت مواقع في إدلب وريف حلب، وقالت واشنطن إن الضربات أصابت مستشفى. ودعت الأمم المتحدة إلى وقف إطلاق النار في سورية.",
	}
	p := pipeline(t)
	got := make([]string, 3*len(texts))
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := p.Extract(Article{ID: fmt.Sprint("a", i%len(texts)), Text: texts[i%len(texts)]})
			if err != nil {
				t.Error(err)
			}
			got[i] = fmt.Sprintf("%+v", r)
		}()
		if i%2 == 0 {
			wg.Wait() // some one after another, some at once
		}
	}
	wg.Wait()
	for i, text := range texts {
		fresh, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := fresh.Extract(Article{ID: fmt.Sprint("a", i), Text: text})
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%+v", r)
		for j := i; j < len(got); j += len(texts) {
			if got[j] != want {
				t.Errorf("article %d, extraction %d differs from a new pipeline's:\n%s\nwant\n%s", i, j, got[j], want)
			}
		}
	}
}

func mustExtract(t testing.TB, p *Pipeline, text string) Result {
	r, err := p.Extract(Article{ID: "d", Text: text})
	if err != nil {
		t.Error(err)
	}
	return r
}

func TestExtractErrors(t *testing.T) {
	p := pipeline(t)
	if _, err := p.Extract(Article{Text: "x"}); err == nil {
		t.Error("no error for an article without id")
	}
	if _, err := p.Extract(Article{ID: "x", Text: "\xff"}); err == nil {
		t.Error("no error for invalid UTF-8")
	}
	r, err := p.Extract(Article{ID: "empty", Text: ""})
	if err != nil || r.Entities == nil || r.Relations == nil || r.Sentences == nil {
		t.Errorf("empty article: %+v, %v (want empty, non-nil lists)", r, err)
	}
}

// taggerFunc adapts a function to Tagger.
type taggerFunc func([]string) []string

func (f taggerFunc) Tag(toks []string) []string { return f(toks) }

func TestTaggerFillsUnknownNames(t *testing.T) {
	// A fake tagger that marks two words as a person and موسكو as an
	// organization: the gazetteer must win on موسكو.
	tag := taggerFunc(func(toks []string) []string {
		out := make([]string, len(toks))
		for i, w := range toks {
			out[i] = "O"
			switch w {
			case "كوفي":
				out[i] = "B-PERS"
			case "عنان":
				out[i] = "I-PERS"
			case "موسكو":
				out[i] = "B-ORG"
			}
		}
		return out
	})
	p, err := New(Options{Tagger: tag})
	if err != nil {
		t.Fatal(err)
	}
	text := "زار كوفي عنان موسكو."
	r, err := p.Extract(Article{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, text, r)
	if entityOf(r, "person:كوفي-عنان") == nil || entityOf(r, "place:moscow") == nil || entityOf(r, "org:موسكو") != nil {
		t.Errorf("tagger merge wrong:\n%s", dump(r))
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"قال المتحدث باسم وزارة الخارجية الأميركية جون كيربي إن واشنطن وموسكو اتفقتا.",
		"30 اغسطس 2016\nوللولايات المتحدة، «روسيا اليوم» — أمس الإثنين.",
		"State Department spokesman John Kirby said on Monday.",
		"\u200fبيانٍ\u0640 ( ) «» ، . ؟ !",
	} {
		f.Add(s)
	}
	p := pipeline(f)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := p.Extract(Article{ID: "f", Text: s})
		if !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("no error for invalid UTF-8 %q", s)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, s, r)
	})
}

func TestBuiltinTagger(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the tagger model")
	}
	p, err := New(Options{UseTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	// Bolivia is in no list: the tagger finds it next to a known country,
	// without the conjunction.
	text := "وصوتت عشر دول لصالح المشروع، فيما عارضته روسيا وبوليفيا."
	r, err := p.Extract(Article{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, text, r)
	found := false
	for _, e := range r.Entities {
		if e.Type == Place && len(e.Mentions) == 1 && e.Mentions[0].Text == "بوليفيا" {
			found = true
		}
	}
	if !found {
		t.Errorf("Bolivia not found:\n%s", dump(r))
	}
}
