package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Synthetic corpora for the fault tests: small news-like articles in Arabic
// and English built from a fixed seed, so every run loads the same graph.
// They share a few dozen well-known entities (so concurrent writers contend
// for the same nodes) and invent many people of their own (so the graph
// grows with the corpus).

var (
	synPlacesAr = []string{"سوريا", "سورية", "موسكو", "جنيف", "حلب", "دمشق", "واشنطن", "تركيا", "إيران", "العراق", "لبنان", "الأردن"}
	synPlacesEn = []string{"Syria", "Moscow", "Geneva", "Aleppo", "Damascus", "Washington", "Turkey", "Iran", "Iraq", "Lebanon"}
	synOrgsAr   = []string{"الأمم المتحدة", "مجلس الأمن", "وزارة الخارجية الأميركية", "الكرملين", "الهلال الأحمر العربي السوري", "حلف شمال الأطلسي", "الاتحاد الأوروبي", "جامعة الدول العربية"}
	synOrgsEn   = []string{"the United Nations", "the UN Security Council", "the US State Department", "the Kremlin", "NATO", "the European Union", "the Arab League"}
	synPeopleAr = []string{"وزير الخارجية الروسي سيرغي لافروف", "المتحدث باسم وزارة الخارجية الأميركية جون كيربي", "وزير الخارجية الأميركي جون كيري", "المبعوث الأممي ستافان دي ميستورا"}
	synPeopleEn = []string{"Secretary of State John Kerry", "Russian Foreign Minister Sergey Lavrov", "State Department spokesman John Kirby"}
	synGivenAr  = []string{"مايكل", "جورج", "مارك", "سامر", "خالد", "رامي", "نادر", "كريم", "وليد", "هشام", "فادي", "جمال"}
	synFamilyAr = []string{"الحسيني", "العبدالله", "النجار", "الخطيب", "الشامي", "المصري", "الحلبي", "الزعبي", "القاسم", "الرفاعي", "السيد", "حداد", "منصور", "يوسف", "عيسى"}
	synGivenEn  = []string{"Michael", "George", "Mark", "Sarah", "David", "Anna", "Peter", "Laura", "James", "Helen"}
	synFamilyEn = []string{"Carter", "Hughes", "Morgan", "Bennett", "Foster", "Reed", "Palmer", "Walsh", "Barker", "Lloyd", "Harper", "Dixon"}
	synMonthsAr = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
)

// synArticle is one generated article, in the JSONL schema kg load reads.
type synArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	Text      string `json:"text"`
}

// synCorpus returns n articles generated from seed; article i is the same
// whatever n is.
func synCorpus(seed uint64, n int) []synArticle {
	out := make([]synArticle, n)
	for i := range out {
		out[i] = synOne(seed, i)
	}
	return out
}

func synOne(seed uint64, i int) synArticle {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	year := 2012 + r.IntN(8)
	month := 1 + r.IntN(12)
	day := 1 + r.IntN(28)
	a := synArticle{
		ID:        fmt.Sprintf("syn%05d", i),
		URL:       fmt.Sprintf("https://example.org/syn/%d", i),
		Source:    []string{"wire-a", "wire-b", "daily-c"}[r.IntN(3)],
		Published: fmt.Sprintf("%04d-%02d-%02d", year, month, day),
	}
	var sb strings.Builder
	if r.IntN(4) == 0 {
		a.Lang = "en"
		// Invented people are shared across articles so entities merge.
		person := func() string { return pick(synGivenEn) + " " + pick(synFamilyEn) }
		a.Title = fmt.Sprintf("%s talks in %s", pick(synPlacesEn), pick(synPlacesEn))
		for s := 0; s < 4+r.IntN(8); s++ {
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&sb, "%s met officials of %s in %s on Monday. ", pick(synPeopleEn), pick(synOrgsEn), pick(synPlacesEn))
			case 1:
				fmt.Fprintf(&sb, "Analyst %s said the talks in %s had stalled. ", person(), pick(synPlacesEn))
			case 2:
				fmt.Fprintf(&sb, "An attack near %s killed %d people, %s said. ", pick(synPlacesEn), 2+r.IntN(40), pick(synOrgsEn))
			default:
				fmt.Fprintf(&sb, "Envoy %s travelled from %s to %s. ", person(), pick(synPlacesEn), pick(synPlacesEn))
			}
			if r.IntN(5) == 0 {
				sb.WriteString("\n\n")
			}
		}
	} else {
		a.Lang = "ar"
		person := func() string { return pick(synGivenAr) + " " + pick(synFamilyAr) }
		a.Title = fmt.Sprintf("محادثات في %s حول %s", pick(synPlacesAr), pick(synPlacesAr))
		for s := 0; s < 4+r.IntN(8); s++ {
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&sb, "قال %s إن %s ستواصل المحادثات في %s. ", pick(synPeopleAr), pick(synOrgsAr), pick(synPlacesAr))
			case 1:
				fmt.Fprintf(&sb, "وأكد المتحدث باسم %s %s أن الوضع في %s صعب. ", pick(synOrgsAr), person(), pick(synPlacesAr))
			case 2:
				fmt.Fprintf(&sb, "وفي %d %s %d قتل %d مدنيين في هجوم على %s. ", day, synMonthsAr[month-1], year, 2+r.IntN(40), pick(synPlacesAr))
			case 3:
				fmt.Fprintf(&sb, "والتقى السفير %s مسؤولين من %s في %s. ", person(), pick(synOrgsAr), pick(synPlacesAr))
			default:
				fmt.Fprintf(&sb, "وذكرت %s أن المساعدات وصلت إلى %s. ", pick(synOrgsAr), pick(synPlacesAr))
			}
			if r.IntN(5) == 0 {
				sb.WriteString("\n\n")
			}
		}
	}
	a.Text = strings.TrimSpace(sb.String())
	return a
}

// writeSynJSONL writes arts as JSONL files of perFile articles each under
// dir (part-000.jsonl, …) and returns their paths in order.
func writeSynJSONL(tb testing.TB, dir string, arts []synArticle, perFile int) []string {
	tb.Helper()
	var paths []string
	for start := 0; start < len(arts); start += perFile {
		var sb strings.Builder
		for _, a := range arts[start:min(start+perFile, len(arts))] {
			b, err := json.Marshal(a)
			if err != nil {
				tb.Fatal(err)
			}
			sb.Write(b)
			sb.WriteByte('\n')
		}
		p := filepath.Join(dir, fmt.Sprintf("part-%03d.jsonl", len(paths)))
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestSynCorpusDeterministic(t *testing.T) {
	a := synCorpus(7, 30)
	b := synCorpus(7, 60)[:30]
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("article %d differs between runs:\n%+v\n%+v", i, a[i], b[i])
		}
	}
}
