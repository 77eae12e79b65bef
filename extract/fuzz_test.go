package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The readers and the whole pipeline on arbitrary bytes: no panic, every
// error names the file (and line), every article is fit to extract, and
// extraction keeps its offsets valid. `make fuzz` runs each target for a
// bounded time.

// checkResult checks the contract of one extraction result against text:
// sentences in order and in bounds with Text equal to their code-point
// slice, mentions inside their sentence with Text equal to their slice,
// relations between entities of the result and in a valid sentence.
func checkResult(t testing.TB, text string, r Result) {
	t.Helper()
	runes := []rune(text)
	prevEnd := 0
	for i, s := range r.Sentences {
		if s.Index != i || s.Start < prevEnd || s.Start >= s.End || s.End > len(runes) {
			t.Fatalf("sentence %d out of order or bounds (text has %d code points): %+v", i, len(runes), s)
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Fatalf("sentence %d: text %q (% x) but the slice is %q (% x)", i, s.Text, s.Text, got, got)
		}
		prevEnd = s.End
	}
	ids := make(map[string]bool, len(r.Entities))
	for _, e := range r.Entities {
		if e.ID == "" || ids[e.ID] {
			t.Fatalf("empty or repeated entity id %q", e.ID)
		}
		ids[e.ID] = true
		if !utf8.ValidString(e.ID) || !utf8.ValidString(e.Name) {
			t.Fatalf("entity %q: invalid UTF-8 in id or name % x", e.ID, e.Name)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.Start >= m.End || m.End > len(runes) {
				t.Fatalf("%s: mention out of bounds (%d code points): %+v", e.ID, len(runes), m)
			}
			if got := string(runes[m.Start:m.End]); got != m.Text {
				t.Fatalf("%s: mention text %q (% x) but the slice is %q (% x)", e.ID, m.Text, m.Text, got, got)
			}
			if m.Sentence < 0 || m.Sentence >= len(r.Sentences) {
				t.Fatalf("%s: mention in sentence %d of %d", e.ID, m.Sentence, len(r.Sentences))
			}
			if s := r.Sentences[m.Sentence]; m.Start < s.Start || m.End > s.End {
				t.Fatalf("%s: mention %+v outside its sentence %+v", e.ID, m, s)
			}
		}
	}
	for _, rel := range r.Relations {
		if !ids[rel.From] || !ids[rel.To] {
			t.Fatalf("relation %+v refers to an entity not in the result", rel)
		}
		if rel.Sentence < 0 || rel.Sentence >= len(r.Sentences) {
			t.Fatalf("relation %+v: sentence out of range (%d)", rel, len(r.Sentences))
		}
	}
}

// checkInputError checks that err is an *InputError naming path (and a
// line when line > 0) whose message starts with "path:line: ".
func checkInputError(t testing.TB, err error, path string, line int) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *InputError", err, err)
	}
	if ie.Path != path || (line > 0 && ie.Line != line) {
		t.Fatalf("error names %s:%d, want %s:%d", ie.Path, ie.Line, path, line)
	}
	prefix := path + ": "
	if ie.Line > 0 {
		prefix = path + ":" + strconv.Itoa(ie.Line) + ": "
	}
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("message %q does not start with %q", err.Error(), prefix)
	}
}

// checkArticle checks what a reader may hand to the pipeline.
func checkArticle(t testing.TB, a Article, path string) {
	t.Helper()
	if a.Path != path {
		t.Fatalf("article %q has path %q, want %q", a.ID, a.Path, path)
	}
	if strings.TrimSpace(a.ID) == "" || strings.ContainsFunc(a.ID, unicode.IsControl) {
		t.Fatalf("article id %q is empty or has control characters", a.ID)
	}
	if !utf8.ValidString(a.Text) || strings.IndexByte(a.Text, 0) >= 0 || strings.HasPrefix(a.Text, "\uFEFF") {
		t.Fatalf("article %q: text not clean UTF-8: % x", a.ID, a.Text)
	}
	if strings.TrimFunc(a.Text, blank) == "" {
		t.Fatalf("article %q: blank text %q", a.ID, a.Text)
	}
	if a.Lang != "ar" && a.Lang != "en" && a.Lang == "" {
		t.Fatalf("article %q: no language", a.ID)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"نص"}` + "\n" + `{"id":"b","text":"x"}`))
	f.Add([]byte("\uFEFF" + `{"id":"a","text":"t"}` + "\r\n\r\n" + `{"id":"b"` + "\n"))
	f.Add([]byte(`{"id":"a\u0000","text":"t"}` + "\n\xff\xfe\n" + `{"id":" ","text":"t"}`))
	f.Add([]byte(`{"id":"long","text":"` + strings.Repeat("y", 300) + `"}` + "\n" + `{"id":"z","text":"\u200f"}`))
	f.Add([]byte(`[1,2]` + "\n" + `{"id":1,"text":2}` + "\n" + `null`))
	path := filepath.Join(f.TempDir(), "in.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lines := 1 + strings.Count(string(data), "\n")
		lastLine := 0
		for a, err := range (Reader{MaxLineSize: 256}).Articles(context.Background(), path) {
			if err != nil {
				checkInputError(t, err, path, 0)
				var ie *InputError
				errors.As(err, &ie)
				if ie.Line < 1 || ie.Line > lines || ie.Line <= lastLine {
					t.Fatalf("error at line %d: want a line after %d and at most %d", ie.Line, lastLine, lines)
				}
				lastLine = ie.Line
				continue
			}
			checkArticle(t, a, path)
		}
	})
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("\uFEFF\n  عنوان  \r\nنص الخبر."), true)
	f.Add([]byte("# Title #\nbody"), false)
	f.Add([]byte("a\x00b"), true)
	f.Add([]byte("caf\xe9"), false)
	f.Add([]byte("\xff\xfeh\x00"), true)
	f.Add([]byte("\u200c\u202b\u202c \n"), true)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, md bool) {
		path := filepath.Join(dir, "009_x.txt")
		if md {
			path = filepath.Join(dir, "009_x.md")
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		for a, err := range (Reader{MaxFileSize: 1 << 12}).Articles(context.Background(), path) {
			n++
			if err != nil {
				checkInputError(t, err, path, 0)
				continue
			}
			checkArticle(t, a, path)
			if a.ID != "009_x" {
				t.Fatalf("id %q, want the file name", a.ID)
			}
			if strings.ContainsAny(a.Title, "\n\r") {
				t.Fatalf("title %q spans lines", a.Title)
			}
		}
		if n != 1 {
			t.Fatalf("%d items for one file", n)
		}
	})
}

// FuzzReadExtract runs bytes through the whole path kg load takes before
// the database: read a file, then extract.
func FuzzReadExtract(f *testing.F) {
	for _, s := range []string{
		"وزير الخارجية الروسي سيرغي لافروف\r\nقال المتحدث باسم وزارة الخارجية الأميركية جون كيربي إن سو\u200cريا مهمة.",
		"Secretary of State John Kerry met \u202bلافروف\u202c in 東京 on 30 August 2016 😀.\r\n",
		"\uFEFF# عنوان\n\n\u0640\u064b\u200d\u2066دمشق\u2069 ، حلب؛ «موسكو» —\n",
		"في 30 اغسطس 2016 قتل 5 مدنيين في هجوم على حلب.\rوفي اليوم التالي",
	} {
		f.Add([]byte(s))
	}
	p := newPipeline(f)
	path := filepath.Join(f.TempDir(), "f.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for a, err := range Read(context.Background(), path) {
			if err != nil {
				checkInputError(t, err, path, 0)
				continue
			}
			r, err := p.Extract(a)
			if err != nil {
				t.Fatalf("extract of a readable article failed: %v (text %q)", err, a.Text)
			}
			if r.Article.ID != a.ID || r.Article.ContentHash != a.Hash() {
				t.Fatalf("result names %q hash %q, want %q %q", r.Article.ID, r.Article.ContentHash, a.ID, a.Hash())
			}
			checkResult(t, a.Text, r)
		}
	})
}
