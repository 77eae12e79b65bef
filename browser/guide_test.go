package browser

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kgraph/kg/queries"
)

// TestBody checks that what a slide runs is one Browser command: the query
// without its header (which may hold a ';').
func TestBody(t *testing.T) {
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		b := Body(q)
		if b == "" || strings.HasPrefix(b, "//") || !strings.HasSuffix(q.Text, b+"\n") && !strings.HasSuffix(q.Text, b) {
			t.Errorf("%s: body %q is not the query after its header", q.Name, b)
		}
		if strings.Contains(b, ";") {
			t.Errorf("%s: body has a ';': Browser would run it as a script and draw nothing", q.Name)
		}
	}
}

func TestCLI(t *testing.T) {
	sl := Slide{Query: query(t, "neighbourhood"), Raw: map[string]string{"entity": "سيرغي لافروف", "coMentions": "true", "limit": "50"}}
	want := "kg query neighbourhood --param 'entity=سيرغي لافروف' --param coMentions=true --param limit=50"
	if got := sl.CLI(); got != want {
		t.Errorf("CLI() = %q, want %q", got, want)
	}
}

// browserClean is what Browser 5.24 does to a remote guide before showing
// it (cleanHtml): it drops scripts, event attributes and javascript: links.
func browserClean(s string) string {
	s = regexp.MustCompile(`(?i)(\s+(on[^\s=]+)[^\s=]*\s*=\s*("[^"]*"|'[^']*'|[\w\-.:]+\s*))`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(?is)<script\b[^<]*(?:(?:[^<]|<[^/]|</[^s])*)(</script>)?`).ReplaceAllString(s, "")
	return regexp.MustCompile(`href=".*javascript:[^"]*"`).ReplaceAllString(s, `href=""`)
}

func guideFor(t *testing.T, names ...string) Guide {
	t.Helper()
	st, err := KG()
	if err != nil {
		t.Fatal(err)
	}
	g := Guide{Title: "kg: test guide", Base: "http://localhost:7480", Style: st, Intro: len(names) != 1}
	for _, n := range names {
		q := query(t, n)
		sl, err := (Samples{}).Slide(context.Background(), nil, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		sl.Picked = nil
		g.Slides = append(g.Slides, sl)
	}
	return g
}

// TestGuideHTML compares the guide for two queries, and the one-query page,
// with golden files (go test ./browser -run TestGuideHTML -update), and
// checks what Browser needs of them.
func TestGuideHTML(t *testing.T) {
	for _, tt := range []struct {
		file  string
		names []string
	}{
		{"guide.golden.html", []string{"neighbourhood", "graph-overview"}},
		{"query.golden.html", []string{"neighbourhood"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := guideFor(t, tt.names...).WriteHTML(&buf); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			if c := browserClean(got); c != got {
				t.Errorf("Browser would alter the guide when it cleans it")
			}
			slides := strings.Count(got, "<slide ")
			if len(tt.names) == 1 && slides != 0 || len(tt.names) > 1 && slides != len(tt.names)+1 {
				t.Errorf("%d <slide> elements for %d queries: a lone query must have none (Browser gives a lone slide no ▶), a guide one per query plus the introduction", slides, len(tt.names))
			}
			for _, n := range tt.names {
				if !strings.Contains(got, `data-query="`+n+`"`) {
					t.Errorf("no slide for %s", n)
				}
			}
			file := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test ./browser -run TestGuideHTML -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("guide differs from %s (go test ./browser -run TestGuideHTML -update rewrites it)", file)
			}
		})
	}
}

// TestGuideAllQueries writes the guide of every canned query: each slide
// has its runnable blocks, and the parameter block of each sets its values.
func TestGuideAllQueries(t *testing.T) {
	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, q := range all {
		names = append(names, q.Name)
	}
	var buf bytes.Buffer
	if err := guideFor(t, names...).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if n := strings.Count(html, `<pre class="code runnable kg-query">`); n != len(all) {
		t.Errorf("%d query blocks for %d queries", n, len(all))
	}
	params := 0
	for _, q := range all {
		if len(q.Params) > 0 {
			params++
		}
	}
	if n := strings.Count(html, `<pre class="code runnable kg-params">`); n != params {
		t.Errorf("%d parameter blocks for %d queries with parameters", n, params)
	}
	if strings.Contains(html, "ZgotmplZ") {
		t.Error("html/template rejected a value (ZgotmplZ in the output)")
	}
}
