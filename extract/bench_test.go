package extract

import (
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/arabic"
)

// benchText is a news-like Arabic article written for the benchmark: the
// kinds of sentences the pipeline meets (titles, clitics, dates, events).
var benchText = strings.Repeat(`قال وزير الخارجية الروسي سيرغي لافروف، يوم الثلاثاء، إن بلاده مستعدة لمواصلة المحادثات مع واشنطن حول سورية.
وأوضح المتحدث باسم وزارة الخارجية الأميركية جون كيربي في بيان أن الولايات المتحدة لم تتفق مع موسكو على أي تنسيق عسكري في حلب.
ونقلت وكالة «تاس» عن مصادر في الكرملين أن الرئيس فلاديمير بوتين سيلتقي نظيره التركي على هامش قمة العشرين في الصين الأسبوع المقبل.
وشنت طائرات حربية غارات جوية على ريف إدلب أمس، فيما اتهمت المعارضة السورية القوات الحكومية بخرق الهدنة التي أعلنت في 12 أيلول/سبتمبر الماضي.
وكان مجلس الأمن الدولي قد عقد جلسة مغلقة لبحث تقرير لجنة التحقيق، ودعا المبعوث الأممي ستيفان دي ميستورا إلى استئناف المفاوضات في جنيف.
وفي سياق متصل، أعلن البيت الأبيض أن صبر الإدارة الأميركية بدأ ينفد، مشيرا إلى أن قرار تعليق الاتصالات مع روسيا لم يتخذ بعد.
`, 3)

func BenchmarkExtract(b *testing.B) {
	benchmarkExtract(b, pipeline(b))
}

// BenchmarkExtractTagger is BenchmarkExtract with the tagger stage, as kg
// load and kg extract run by default.
func BenchmarkExtractTagger(b *testing.B) {
	p, err := New(Options{UseTagger: true})
	if err != nil {
		b.Fatal(err)
	}
	benchmarkExtract(b, p)
}

func benchmarkExtract(b *testing.B, p *Pipeline) {
	a := Article{ID: "bench", Published: "2016-09-27", Text: benchText}
	tokens := len(arabic.Tokenize(benchText))
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Extract(a); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds()
	if sec > 0 {
		b.ReportMetric(float64(tokens*b.N)/sec, "tokens/s")
		b.ReportMetric(float64(b.N)/sec, "articles/s")
	}
}
