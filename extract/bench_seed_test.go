package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkSeed(b *testing.B) {
	files, _ := filepath.Glob("/work/shared/corpus/*.txt")
	var arts []Article
	n := 0
	for _, f := range files {
		t, _ := os.ReadFile(f)
		arts = append(arts, Article{ID: filepath.Base(f), Text: string(t)})
		n += len(t)
	}
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			p.Extract(a)
		}
	}
}
