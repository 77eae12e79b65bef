package graph

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkWrite loads synthetic articles (20 sentences, 13 entities drawn
// from a shared pool, about 15 relations each) in batches into the test
// Neo4j and reports articles and created graph elements per second.
func BenchmarkWrite(b *testing.B) {
	s := openTest(b)
	for _, size := range []int{10, DefaultBatchSize, 200} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			p := newPrefix(b, s)
			ctx := context.Background()
			var articles, elements int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				batch := synthetic(p, i*size, size, 2000, uint64(i))
				b.StartTimer()
				st, err := s.Write(ctx, batch)
				if err != nil {
					b.Fatal(err)
				}
				articles += st.Articles
				elements += st.Elements()
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(articles)/sec, "articles/s")
			b.ReportMetric(float64(elements)/sec, "elements/s")
		})
	}
}
