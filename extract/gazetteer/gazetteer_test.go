package gazetteer

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/kgraph/kg/extract/arabic"
)

func mustDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return g
}

func norms(s string) []string {
	var out []string
	for _, t := range arabic.Tokenize(s) {
		out = append(out, t.Norm)
	}
	return out
}

func TestMatch(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name, text string
		id         string
		n          int
	}{
		{"plain country", "سوريا", "place:syria", 1},
		{"ta marbuta spelling", "سورية", "place:syria", 1},
		{"clitic waw on city", "وواشنطن", "place:washington", 1},
		{"clitic lam on country", "لروسيا", "place:russia", 1},
		{"clitic ba on country", "بسورية", "place:syria", 1},
		{"clitic waw al", "والولايات المتحدة", "place:united-states", 2},
		{"clitic ba al", "بالولايات المتحدة ترفض", "place:united-states", 2},
		{"clitic lil", "للأمم المتحدة", "org:united-nations", 2},
		{"clitic lil on US", "للولايات المتحدة", "place:united-states", 2},
		{"longest match", "الولايات المتحدة الأميركية وروسيا", "place:united-states", 3},
		{"longest match alt spelling", "الولايات المتحدة الأمريكية", "place:united-states", 3},
		{"hamza folds", "ادلب", "place:idlib", 1},
		{"hamza written", "إدلب", "place:idlib", 1},
		{"khan shaykhun", "خان شيخون بريف ادلب", "place:khan-shaykhun", 2},
		{"ministry amrk spelling", "وزارة الخارجية الأمريكية", "org:us-state-department", 3},
		{"ministry short", "الخارجية الأميركية تنفي", "org:us-state-department", 2},
		{"ministry short with waw", "والخارجية الأميركية", "org:us-state-department", 2},
		{"russian ministry", "وزارة الخارجية الروسية", "org:russian-foreign-ministry", 3},
		{"pentagon", "البنتاغون", "org:us-defense-department", 1},
		{"kremlin with fa", "فالكرملين", "org:kremlin", 1},
		{"security council", "مجلس الأمن الدولي", "org:un-security-council", 3},
		{"security council short", "مجلس الأمن اليوم", "org:un-security-council", 2},
		{"isis acronym", "داعش", "org:isis", 1},
		{"isis long", "تنظيم الدولة الإسلامية", "org:isis", 3},
		{"nusra", "جبهة النصرة", "org:jabhat-al-nusra", 2},
		{"fateh al-sham", "جبهة فتح الشام", "org:jabhat-fateh-al-sham", 3},
		{"sdf ta marbuta", "قوات سورية الديمقراطية", "org:sdf", 3},
		{"sdf alif", "قوات سوريا الديمقراطية", "org:sdf", 3},
		{"free syrian army beats syrian army", "الجيش السوري الحر", "org:free-syrian-army", 3},
		{"syrian army", "الجيش السوري يتقدم", "org:syrian-army", 2},
		{"interfax without hamza", "انترفاكس", "org:interfax", 1},
		{"interfax with hamza", "إنترفاكس", "org:interfax", 1},
		{"lavrov full", "سيرغي لافروف", "person:sergey-lavrov", 2},
		{"lavrov jim spelling", "سيرجي لافروف", "person:sergey-lavrov", 2},
		{"lavrov alone with waw", "ولافروف", "person:sergey-lavrov", 1},
		{"trump variant", "ترمب", "person:donald-trump", 1},
		{"de mistura", "دي ميستورا", "person:staffan-de-mistura", 2},
		{"peskov long ya", "ديميتري بيسكوف", "person:dmitry-peskov", 2},
		{"english case", "Syria", "place:syria", 1},
		{"english multiword", "State Department", "org:us-state-department", 2},
		{"english abbreviation", "U.S. forces", "place:united-states", 4},
		{"english possessive", "Russia's", "place:russia", 1},
		{"g20 summit", "قمة العشرين", "event:g20-summit", 2},
		{"euphrates shield", "درع الفرات", "event:operation-euphrates-shield", 2},
		{"washington post beats washington", "واشنطن بوست", "org:washington-post", 2},
		{"none", "قال", "", 0},
		{"none empty", "", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := norms(tc.text)
			e, n := g.Match(toks)
			var id string
			if e != nil {
				id = e.ID
			}
			if id != tc.id || n != tc.n {
				t.Errorf("Match(%q) = %q, %d; want %q, %d (tokens %q, % x)", tc.text, id, n, tc.id, tc.n, toks, tc.text)
			}
		})
	}
}

func TestNationality(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ word, id string }{
		{"الروسي", "place:russia"},
		{"الروسية", "place:russia"},
		{"الروس", "place:russia"},
		{"والروسي", "place:russia"},
		{"الأميركي", "place:united-states"},
		{"الأمريكية", "place:united-states"},
		{"الأميركيين", "place:united-states"},
		{"الأمريكيون", "place:united-states"},
		{"السوري", "place:syria"},
		{"السوريين", "place:syria"},
		{"للسوريين", "place:syria"},
		{"التركي", "place:turkey"},
		{"الأتراك", "place:turkey"},
		{"American", "place:united-states"},
		{"Russian", "place:russia"},
		{"الأممي", "org:united-nations"},
		{"قال", ""},
	}
	for _, tc := range tests {
		id, ok := g.Nationality(arabic.Normalize(tc.word))
		if id != tc.id || ok != (tc.id != "") {
			t.Errorf("Nationality(%q) = %q, %v; want %q (% x)", tc.word, id, ok, tc.id, tc.word)
		}
	}
}

func TestWordLists(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		kind, word string
		want       bool
	}{
		{"given", "جون", true},
		{"given", "مايكل", true},
		{"given", "وسيرغي", true},
		{"given", "سيرجي", true},
		{"given", "الولايات", false},
		{"person-title", "الرئيس", true},
		{"person-title", "والمتحدث", true},
		{"org-head", "وزارة", true},
		{"place-head", "بمدينة", true},
		{"month", "أيلول", true},
		{"month", "سبتمبر", true},
		{"weekday", "الإثنين", true},
		{"speech-verb", "قال", true},
		{"place", "واشنطن", true},
		{"Place", "المتحدة", true},
		{"Organization", "الخارجية", true},
		{"org", "الخارجية", false},
		{"org", "الخارجية الأميركية", true},
		{"org", "والخارجية الأمريكية", true},
		{"place", "الولايات المتحدة", true},
		{"place", "المتحدة", false},
		{"place", "حيفا", true},
		{"place", "بترول", false},
		{"person", "لافروف", true},
		{"person", "سيرغي لافروف", true},
		{"family", "لافروف", true},
		{"family", "راتني", true},
		{"family", "سيرغي", false},
		{"title", "الرئيس", true},
		{"orghead", "وزارة", true},
		{"lochead", "بمدينة", true},
		{"misc", "الروسية", true},
		{"misc", "قمة العشرين", true},
		{"nationality", "الروسية", true},
		{"no-such-kind", "قال", false},
	}
	for _, tc := range tests {
		if got := g.Has(tc.kind, arabic.Normalize(tc.word)); got != tc.want {
			t.Errorf("Has(%q, %q) = %v, want %v (% x)", tc.kind, tc.word, got, tc.want, tc.word)
		}
	}
	if !g.GivenName(arabic.Normalize("مايكل")) {
		t.Errorf("GivenName(مايكل) = false")
	}
}

func TestGet(t *testing.T) {
	g := mustDefault(t)
	e := g.Get("org:jabhat-al-nusra")
	if e == nil || e.RenamedTo != "org:jabhat-fateh-al-sham" || e.Type != Organization {
		t.Fatalf("Get(org:jabhat-al-nusra) = %+v", e)
	}
	w := g.Get("place:washington")
	if w == nil || w.Country != "place:united-states" || w.Kind != "city" || w.Type != Place {
		t.Fatalf("Get(place:washington) = %+v", w)
	}
	l := g.Get("person:sergey-lavrov")
	if l == nil || l.Org != "org:russian-foreign-ministry" || l.Role == "" || l.Name != "سيرغي لافروف" {
		t.Fatalf("Get(person:sergey-lavrov) = %+v", l)
	}
	if g.Get("place:nowhere") != nil {
		t.Fatalf("Get(place:nowhere) != nil")
	}
}

func BenchmarkMatch(b *testing.B) {
	g := mustDefault(b)
	text := "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو وواشنطن اتفقتا على التعاون في سورية بعد اجتماع مجلس الأمن الدولي في نيويورك، فيما نفت الخارجية الأميركية ذلك."
	toks := norms(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range toks {
			g.Match(toks[j:])
		}
	}
	b.ReportMetric(float64(b.N)*float64(len(toks))/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGenerated(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		name, text, id string
	}{
		{"geonames city", "حيفا", "place:haifa"},
		{"geonames city with clitic", "وهانوي", "place:hanoi"},
		{"cldr country", "ألبانيا", "place:albania"},
		{"curated wins over generated", "حلب", "place:aleppo"},
		{"ordinary word from ANERcorp stoplist", "سلمية", ""},
		{"ordinary word from hand stoplist", "مشهد", ""},
		{"ordinary word with article", "الحراك", ""},
		{"adjective is not the country", "السورية", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := g.Match(norms(tc.text))
			var id string
			if e != nil {
				id = e.ID
			}
			if id != tc.id {
				t.Errorf("Match(%q) = %q, want %q (% x)", tc.text, id, tc.id, tc.text)
			}
		})
	}
	if e := g.Get("place:haifa"); e == nil || e.Source != "geonames" || e.Type != Place {
		t.Errorf("Get(place:haifa) = %+v, want a generated GeoNames place", e)
	}
}

// TestEntries checks invariants every entry must keep: a known type, an
// Arabic name that is its first alias, and ids that sort.
func TestEntries(t *testing.T) {
	g := mustDefault(t)
	es := g.Entries()
	if len(es) < 1000 {
		t.Fatalf("only %d entries", len(es))
	}
	for i, e := range es {
		if i > 0 && es[i-1].ID >= e.ID {
			t.Errorf("entries not sorted: %q before %q", es[i-1].ID, e.ID)
		}
		switch e.Type {
		case Person, Organization, Place, Event:
		default:
			t.Errorf("%s: type %q", e.ID, e.Type)
		}
		if len(e.Aliases) == 0 || e.Aliases[0] != e.Name {
			t.Errorf("%s: aliases %q do not start with name %q", e.ID, e.Aliases, e.Name)
		}
		if e.Wikidata != "" && (e.Wikidata[0] != 'Q' || len(e.Wikidata) < 2) {
			t.Errorf("%s: wikidata %q", e.ID, e.Wikidata)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	base := func() fstest.MapFS {
		return fstest.MapFS{
			"data/curated.tsv":     {Data: []byte("place:syria\tcountry\t\tQ858\tSyria\tسوريا\tسورية\t\n")},
			"data/given.txt":       {Data: []byte("جون\n")},
			"data/nationality.tsv": {Data: []byte("place:syria\tسوري\t\tSyrian\n")},
			"data/words.tsv":       {Data: []byte("month\tأيلول\n")},
		}
	}
	if _, err := Load(base()); err != nil {
		t.Fatalf("Load(minimal) = %v", err)
	}
	tests := []struct{ name, file, data string }{
		{"bad prefix", "data/curated.tsv", "thing:x\t\t\t\tX\tس\t\t\n"},
		{"no arabic name", "data/curated.tsv", "place:x\t\t\t\tX\t\t\t\n"},
		{"duplicate id", "data/curated.tsv", "place:x\t\t\t\tX\tس\t\t\nplace:x\t\t\t\tX\tس\t\t\n"},
		{"unknown reference", "data/curated.tsv", "place:x\t\tplace:nowhere\t\tX\tس\t\t\n"},
		{"unknown field", "data/curated.tsv", "place:x\t\t\t\tX\tس\t\tcolour=red\n"},
		{"nationality of unknown", "data/nationality.tsv", "place:nowhere\tسوري\n"},
		{"two-word given name", "data/given.txt", "جون كيري\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := base()
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			if _, err := Load(fsys); !errors.Is(err, ErrData) {
				t.Errorf("Load = %v, want ErrData", err)
			}
		})
	}
}

func FuzzMatch(f *testing.F) {
	g := mustDefault(f)
	for _, s := range []string{"وواشنطن", "للأمم المتحدة", "U.S. forces", "بالولايات المتحدة الأميركية", "لل", "و"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := norms(s)
		e, n := g.Match(toks)
		if (e == nil) != (n == 0) || n > len(toks) {
			t.Fatalf("Match(%q) = %v, %d", s, e, n)
		}
		for _, w := range toks {
			g.Nationality(w)
			g.Has("Place", w)
		}
	})
}
