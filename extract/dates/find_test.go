package dates

import (
	"testing"

	"github.com/kgraph/kg/extract/arabic"
)

func norms(s string) []string {
	var out []string
	for _, t := range arabic.Tokenize(s) {
		out = append(out, t.Norm)
	}
	return out
}

// Tuesday 30 August 2016, the dateline of one seed article.
var tuesday = Date{2016, 8, 30}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		anchor Date
		want   []string // dates in order
	}{
		{"dateline", "30 اغسطس 2016", Date{}, []string{"2016-08-30"}},
		{"dateline with hamza", "30 أغسطس 2016", Date{}, []string{"2016-08-30"}},
		{"paired levantine/gregorian", "في 24 آب/أغسطس 2015", Date{}, []string{"2015-08-24"}},
		{"paired gregorian/levantine", "منتصف سبتمبر/أيلول 2016", Date{}, []string{"2016-09"}},
		{"month year paired", "في نيسان/ابريل 2014، آذار/مارس 2015", Date{}, []string{"2014-04", "2015-03"}},
		{"with عام", "في 21 آب/أغسطس عام 2015", Date{}, []string{"2015-08-21"}},
		{"current month", "في 24 آب/أغسطس الجاري", tuesday, []string{"2016-08-24"}},
		{"current month needs anchor", "في 24 آب/أغسطس الجاري", Date{}, nil},
		{"next month", "منتصف سبتمبر/أيلول المقبل", tuesday, []string{"2016-09"}},
		{"last month name", "في آب الماضي", Date{2017, 4, 12}, []string{"2016-08"}},
		{"ordinal day", "في التاسع من ايلول/سبتمبر", tuesday, []string{"2016-09-09"}},
		{"compound ordinal", "في الحادي والعشرين من كانون الثاني 2017", Date{}, []string{"2017-01-21"}},
		{"two-word levantine", "تشرين الأول 2016", Date{}, []string{"2016-10"}},
		{"day month without year", "في 19 ايلول/سبتمبر على قافلة", Date{2016, 10, 4}, []string{"2016-09-19"}},
		{"month far after anchor is last year", "في 19 ديسمبر", Date{2017, 1, 10}, []string{"2016-12-19"}},
		{"ambiguous آب alone", "قال آب العائلة", tuesday, nil},
		{"ambiguous مارس verb", "مارس الضغط على", tuesday, nil},
		{"year after عام", "منذ عام 2011", Date{}, []string{"2011"}},
		{"year range dropped", "بين عامي 2014 - 2015", Date{}, nil},
		{"copyright year ignored", "جميع الحقوق محفوظة 2024", Date{}, nil},
		{"yesterday", "أمس الإثنين", tuesday, []string{"2016-08-29"}},
		{"yesterday with clitic", "بالأمس واليوم", tuesday, []string{"2016-08-29", "2016-08-30"}},
		{"today", "صدر اليوم عن", tuesday, []string{"2016-08-30"}},
		{"the next day is not today", "في اليوم التالي", tuesday, nil},
		{"relative needs anchor", "أمس", Date{}, nil},
		{"last sunday", "الأحد الماضي", tuesday, []string{"2016-08-28"}},
		{"next monday", "الاثنين المقبل", tuesday, []string{"2016-09-05"}},
		{"يوم weekday is the latest", "يوم الاربعاء", Date{2017, 4, 12}, []string{"2017-04-12"}},
		{"dawn of last friday", "فجر الجمعة الماضي", Date{2017, 4, 12}, []string{"2017-04-07"}},
		{"bare weekday word", "الاثنين معا", tuesday, nil},
		{"last week", "الأسبوع الماضي", Date{2017, 4, 12}, []string{"2017-04"}},
		{"next week across months", "الأسبوع المقبل", tuesday, []string{"2016-09"}},
		{"this year", "هذا العام", tuesday, []string{"2016"}},
		{"last month", "الشهر الماضي", Date{2017, 1, 3}, []string{"2016-12"}},
		{"former secretary general", "الأمين العام السابق", tuesday, nil},
		{"numeric dmy", "نشر في 30/08/2016", Date{}, []string{"2016-08-30"}},
		{"numeric ymd", "2016/08/30", Date{}, []string{"2016-08-30"}},
		{"iso tokens", "2016-08-30", Date{}, []string{"2016-08-30"}},
		{"impossible date", "31 شباط 2016", Date{}, nil},
		{"english month first", "August 30, 2016", Date{}, []string{"2016-08-30"}},
		{"english day first", "on 30 August 2016", Date{}, []string{"2016-08-30"}},
		{"english abbreviation", "Aug. 30, 2016", Date{}, []string{"2016-08-30"}},
		{"english may is a verb", "Russia may veto", tuesday, nil},
		{"english yesterday", "said yesterday", tuesday, []string{"2016-08-29"}},
		{"english on monday", "met on Monday", tuesday, []string{"2016-08-29"}},
		{"english last week", "last week", tuesday, []string{"2016-08"}},
		{"english in year", "in 2015", Date{}, []string{"2015"}},
		{"arabic-indic digits", "٣٠ أغسطس ٢٠١٦", Date{}, []string{"2016-08-30"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Find(norms(tc.text), tc.anchor) {
				got = append(got, s.Date.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("Find(%q, %v) = %q, want %q (% x)", tc.text, tc.anchor, got, tc.want, tc.text)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("Find(%q, %v)[%d] = %q, want %q (% x)", tc.text, tc.anchor, i, got[i], tc.want[i], tc.text)
				}
			}
		})
	}
}

func TestSpanTokens(t *testing.T) {
	w := norms("قال أمس الإثنين إن")
	s := Find(w, tuesday)
	if len(s) != 1 || s[0].Start != 1 || s[0].End != 3 || !s[0].Relative {
		t.Fatalf("Find(%q) = %+v, want one relative span [1,3)", w, s)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"2016", "2016", true},
		{"2016-08", "2016-08", true},
		{"2016-08-30", "2016-08-30", true},
		{"2016-08-30T10:00:00Z", "2016-08-30", true},
		{"2016-08-30 10:00", "2016-08-30", true},
		{"2016-02-30", "", false},
		{"2016-13", "", false},
		{"16-08-30", "", false},
		{"", "", false},
		{"yesterday", "", false},
	} {
		d, ok := Parse(tc.in)
		if ok != tc.ok || d.String() != tc.want {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.in, d, ok, tc.want, tc.ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"30 اغسطس 2016", "الأحد الماضي", "2016-08-30", "في التاسع من ايلول/سبتمبر", "August 30, 2016"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := norms(s)
		last := 0
		for _, sp := range Find(w, tuesday) {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(w) {
				t.Fatalf("Find(%q): bad span %+v after %d", s, sp, last)
			}
			if !sp.Date.valid() || sp.Date.IsZero() {
				t.Fatalf("Find(%q): invalid date %+v", s, sp.Date)
			}
			if _, ok := Parse(sp.Date.String()); !ok {
				t.Fatalf("Find(%q): %q does not parse back", s, sp.Date)
			}
			last = sp.End
		}
	})
}

func TestFindAllKeepsUnresolved(t *testing.T) {
	w := norms("قال يوم الأربعاء إن اجتماع 30 اغسطس 2016 مهم")
	got := FindAll(w, Date{})
	if len(got) != 2 || !got[0].Date.IsZero() || got[0].Start != 1 || got[0].End != 3 || got[1].Date.String() != "2016-08-30" {
		t.Errorf("FindAll(%q) = %+v, want the unresolved day name then 2016-08-30", w, got)
	}
	if n := len(Find(w, Date{})); n != 1 {
		t.Errorf("Find returned %d spans, want only the resolved one", n)
	}
}

func TestNextWeekday(t *testing.T) {
	// Saturday 10 September 2016: "on Monday" is the 5th looking back and
	// the 12th looking ahead.
	s := Find(norms("starts on Monday"), Date{2016, 9, 10})
	if len(s) != 1 || s[0].Date.String() != "2016-09-05" || s[0].Next.String() != "2016-09-12" {
		t.Errorf("got %+v", s)
	}
}
