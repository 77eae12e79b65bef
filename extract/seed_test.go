package extract

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
)

var seedDir = flag.String("seed", "", "print the extraction of the articles under this directory")

// TestSeedDump prints a readable summary of what the pipeline finds in a
// corpus, for inspection by eye: go test ./extract -run SeedDump -seed DIR -v
func TestSeedDump(t *testing.T) {
	if *seedDir == "" {
		t.Skip("no -seed directory")
	}
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for a, err := range Read(context.Background(), *seedDir) {
		if err != nil {
			t.Log(err)
			continue
		}
		r, err := p.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "=== %s published=%q lang=%s sentences=%d entities=%d relations=%d\n", r.Article.ID, r.Article.Published, r.Article.Lang, len(r.Sentences), len(r.Entities), len(r.Relations))
		counts := map[string]int{}
		for _, e := range r.Entities {
			counts[e.Type]++
			extra := ""
			if e.Type == Event {
				extra = fmt.Sprintf(" type=%s date=%s ev=%d", e.EventType, e.Date, e.Evidence)
			}
			fmt.Fprintf(&b, "%-13s %-45s %q en=%q n=%d aliases=%q%s\n", e.Type, e.ID, e.Name, e.NameEn, len(e.Mentions), e.Aliases, extra)
		}
		keys := []string{}
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %s: %d\n", k, counts[k])
		}
		for _, rel := range r.Relations {
			if rel.Type == CoMentioned {
				continue
			}
			fmt.Fprintf(&b, "  %s %s -> %s %v s%d\n", rel.Type, rel.From, rel.To, rel.Props, rel.Sentence)
		}
		t.Log("\n" + b.String())
	}
}
