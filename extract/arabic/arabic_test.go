package arabic

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"hamza above alef", "أحمد", "احمد"},
		{"hamza below alef", "إدلب", "ادلب"},
		{"madda", "آب", "اب"},
		{"ta marbuta", "سورية", "سوريه"},
		{"alef maqsura", "لدى", "لدي"},
		{"hamza on ya", "رئيس", "رييس"},
		{"hamza on waw", "مؤتمر", "موتمر"},
		{"diacritics", "بيانٍ", "بيان"},
		{"shadda", "منسّقة", "منسقه"},
		{"tatweel", "سـوريا", "سوريا"},
		{"persian kaf", "کردستان", "كردستان"},
		{"arabic-indic digits", "٢٠١٦", "2016"},
		{"persian digits", "۲۰۱۶", "2016"},
		{"latin case", "Kerry", "kerry"},
		{"zero width joiner", "واشن\u200dطن", "واشنطن"},
		{"bidi mark", "\u200fموسكو", "موسكو"},
		{"already normal", "موسكو", "موسكو"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Normalize(tc.in); got != tc.want {
				t.Errorf("Normalize(%q) = %q (% x), want %q (% x)", tc.in, got, got, tc.want, tc.want)
			}
		})
	}
}

func TestStems(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"conjunction", "وواشنطن", []string{"وواشنطن", "واشنطن"}},
		{"preposition li", "لروسيا", []string{"لروسيا", "روسيا"}},
		{"bi with article", "بالولايات", []string{"بالولايات", "ولايات", "الولايات"}},
		{"lil contraction", "للخارجيه", []string{"للخارجيه", "خارجيه", "الخارجيه", "لخارجيه"}},
		{"no clitic", "موسكو", []string{"موسكو"}},
		{"too short", "وب", []string{"وب"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Stems(tc.in)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Stems(%q) = %q, want %q (% x)", tc.in, got, tc.want, tc.in)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string // Text of each token
		kind []Kind
	}{
		{"words and comma", "قال كيربي، أمس", []string{"قال", "كيربي", "،", "أمس"}, []Kind{Word, Word, Punct, Word}},
		{"guillemets", "«داعش»", []string{"«", "داعش", "»"}, []Kind{Punct, Word, Punct}},
		{"number with slash", "في 30/08/2016", []string{"في", "30/08/2016"}, []Kind{Word, Number}},
		{"diacritics stay in the word", "بيانٍ صادر", []string{"بيانٍ", "صادر"}, []Kind{Word, Word}},
		{"latin hyphen", "al-Assad", []string{"al-Assad"}, []Kind{Word}},
		{"arabic after hyphen splits", "الروسي-الأميركي", []string{"الروسي", "-", "الأميركي"}, []Kind{Word, Punct, Word}},
		{"tatweel inside", "سـوريا", []string{"سـوريا"}, []Kind{Word}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := Tokenize(tc.in)
			if len(toks) != len(tc.want) {
				t.Fatalf("Tokenize(%q) = %d tokens %v, want %q", tc.in, len(toks), toks, tc.want)
			}
			runes := []rune(tc.in)
			for i, tok := range toks {
				if tok.Text != tc.want[i] || tok.Kind != tc.kind[i] {
					t.Errorf("token %d = %q kind %d, want %q kind %d (% x)", i, tok.Text, tok.Kind, tc.want[i], tc.kind[i], tok.Text)
				}
				if string(runes[tok.Start:tok.End]) != tok.Text {
					t.Errorf("token %d offsets [%d,%d) give %q, not %q", i, tok.Start, tok.End, string(runes[tok.Start:tok.End]), tok.Text)
				}
			}
		})
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string
	}{
		{"full stop", "قال إنه مستعد. وأضاف أنه قلق.", []string{"قال إنه مستعد.", "وأضاف أنه قلق."}},
		{"arabic question mark", "هل يأتي؟ نعم", []string{"هل يأتي؟", "نعم"}},
		{"line breaks", "عنوان\n\nنص المقال", []string{"عنوان", "نص المقال"}},
		{"decimal number", "بلغت 3.5 في المئة.", []string{"بلغت 3.5 في المئة."}},
		{"initial", "John F. Kennedy spoke.", []string{"John F. Kennedy spoke."}},
		{"abbreviation", "Mr. Kerry said so. Then he left.", []string{"Mr. Kerry said so.", "Then he left."}},
		{"closing quote", "قال: «انتهى.» ثم غادر", []string{"قال: «انتهى.»", "ثم غادر"}},
		{"blank", " \n\t ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runes := []rune(tc.in)
			var got []string
			for _, s := range Sentences(tc.in) {
				got = append(got, string(runes[s.Start:s.End]))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Sentences(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"أحمد", "سورية", "بيانٍ", "Kerry", "٢٠١٦", "\u200fموسكو", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q (% x)", s, n, n2, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) is not valid UTF-8", s)
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"قال كيربي، أمس", "في 30/08/2016", "al-Assad", "\xff\xfe", "a\u200db", "٣٫٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		runes := []rune(s)
		last := 0
		for _, tok := range Tokenize(s) {
			if tok.Start < last || tok.End <= tok.Start || tok.End > len(runes) {
				t.Fatalf("Tokenize(%q): bad offsets [%d,%d) after %d", s, tok.Start, tok.End, last)
			}
			if string(runes[tok.Start:tok.End]) != tok.Text {
				t.Fatalf("Tokenize(%q): offsets [%d,%d) give %q, token says %q", s, tok.Start, tok.End, string(runes[tok.Start:tok.End]), tok.Text)
			}
			if tok.Norm != Normalize(tok.Text) {
				t.Fatalf("Tokenize(%q): Norm %q is not Normalize(%q)", s, tok.Norm, tok.Text)
			}
			last = tok.End
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"قال إنه مستعد. وأضاف", "Mr. Kerry.", "\n\n", "3.5. x", "«انتهى.» ثم"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		last := 0
		for _, sp := range Sentences(s) {
			if sp.Start < last || sp.End <= sp.Start || sp.End > n {
				t.Fatalf("Sentences(%q): bad span %+v after %d", s, sp, last)
			}
			last = sp.End
		}
	})
}

func TestFoldTableIsFold(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF+1; r++ {
		o1, k1 := Fold(r)
		o2, k2 := fold(r)
		if o1 != o2 || k1 != k2 {
			t.Fatalf("Fold(%U) = %U %v, fold = %U %v", r, o1, k1, o2, k2)
		}
	}
}

// TestScratchReuse tokenizes texts of different lengths and scripts one
// after another with one Scratch: each call must give what a fresh
// Tokenize gives, whatever the buffers held before.
func TestScratchReuse(t *testing.T) {
	texts := []string{
		"قال وزير الخارجية الأميركي جون كيري في جنيف إن المحادثات مع لافروف كانت بنّاءة.",
		"Kerry met Lavrov.",
		"",
		"ولروسيا 2016/09/09: وواشنطن\u200c، سورية!",
		"قال وزير الخارجية الأميركي جون كيري في جنيف إن المحادثات مع لافروف كانت بنّاءة.",
		"a\xffb",
	}
	var s Scratch
	for round := 0; round < 2; round++ {
		for _, text := range texts {
			runes, pos, got := s.Tokenize(text)
			if want := []rune(text); string(runes) != string(want) || len(runes) != len(want) {
				t.Fatalf("%q: runes %q, want %q", text, string(runes), string(want))
			}
			if wantPos := Offsets(text, []rune(text)); !slices.Equal(pos, wantPos) {
				t.Fatalf("%q: offsets %v, want %v", text, pos, wantPos)
			}
			want := Tokenize(text)
			if len(got) != len(want) {
				t.Fatalf("%q: %d tokens, want %d", text, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%q token %d: %+v, want %+v", text, i, got[i], want[i])
				}
			}
		}
	}
}
