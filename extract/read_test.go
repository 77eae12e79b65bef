package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files under a temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type readItem struct {
	a   Article
	err error
}

func readAll(t *testing.T, r Reader, paths ...string) []readItem {
	t.Helper()
	var out []readItem
	for a, err := range r.Articles(context.Background(), paths...) {
		out = append(out, readItem{a, err})
	}
	return out
}

func TestReadFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/001_x.txt":     "\uFEFF\n  عنوان الخبر  \nنص الخبر عن موسكو.\n",
		"a/002_y.md":      "مقدمة\n# Heading Title #\ntext\n",
		"a/sub/003_z.txt": "English title\nBody text here.",
		"a/.hidden.txt":   "skipped",
	})
	items := readAll(t, Reader{}, filepath.Join(dir, "a"))
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3: %+v", len(items), items)
	}
	for _, it := range items {
		if it.err != nil {
			t.Fatalf("unexpected error %v", it.err)
		}
	}
	for i, tc := range []struct {
		name            string
		id, title, lang string
		textPrefix      string
	}{
		{"txt with BOM, title is first non-empty line", "001_x", "عنوان الخبر", "ar", "\n  عنوان"},
		{"md title is the first # heading", "002_y", "Heading Title", "en", "مقدمة"},
		{"nested directory", "003_z", "English title", "en", "English"},
	} {
		a := items[i].a
		if a.ID != tc.id || a.Title != tc.title || a.Lang != tc.lang || !strings.HasPrefix(a.Text, tc.textPrefix) {
			t.Errorf("%s: got id %q title %q lang %q text %q", tc.name, a.ID, a.Title, a.Lang, a.Text)
		}
		if a.Path == "" {
			t.Errorf("%s: no path", tc.name)
		}
	}
}

func TestReadErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"binary.txt": "abc\x00def",
		"latin1.txt": "line one\ncaf\xe9\n",
		"empty.txt":  " \n\t\n",
		"notes.csv":  "a,b",
		"big.txt":    strings.Repeat("x", 200),
		"utf16.txt":  "\xff\xfeh\x00i\x00",
	})
	for _, tc := range []struct {
		name string
		file string
		want error
		line int
	}{
		{"NUL byte", "binary.txt", ErrBinary, 1},
		{"not UTF-8, with its line", "latin1.txt", ErrNotUTF8, 2},
		{"blank file", "empty.txt", ErrEmpty, 0},
		{"unknown extension", "notes.csv", ErrExtension, 0},
		{"over the size limit", "big.txt", ErrTooLarge, 0},
		{"UTF-16", "utf16.txt", ErrNotUTF8, 0},
		{"missing file", "nope.txt", os.ErrNotExist, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			items := readAll(t, Reader{MaxFileSize: 100}, p)
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			var ie *InputError
			if !errors.As(items[0].err, &ie) || !errors.Is(items[0].err, tc.want) {
				t.Fatalf("error %v, want an InputError wrapping %v", items[0].err, tc.want)
			}
			if ie.Path != p || ie.Line != tc.line {
				t.Errorf("error names %s:%d, want %s:%d", ie.Path, ie.Line, p, tc.line)
			}
			if !strings.HasPrefix(ie.Error(), p) {
				t.Errorf("message %q does not start with the path", ie.Error())
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("y", 300) + `"}`
	dir := writeFiles(t, map[string]string{
		"in.jsonl": "\uFEFF" + `{"id":"a1","title":"T","url":"http://x","source":"S","published":"2016-08-30","lang":"ar","text":"نص"}` + "\n" +
			"\n" +
			`{"id":"a2","text":"English text only"}` + "\r\n" +
			`{"id":"","text":"no id"}` + "\n" +
			`{"id":"a4"}` + "\n" +
			`not json` + "\n" +
			long + "\n" +
			"{\"id\":\"a7\",\"text\":\"caf\xe9\"}\n" +
			`{"id":"a8","text":"last line without newline"}`,
	})
	items := readAll(t, Reader{MaxLineSize: 200}, filepath.Join(dir, "in.jsonl"))
	type want struct {
		id   string
		line int
		err  error
	}
	wants := []want{
		{"a1", 0, nil},
		{"a2", 0, nil},
		{"", 4, ErrMissing},
		{"", 5, ErrMissing},
		{"", 6, nil}, // bad JSON: any error
		{"", 7, ErrTooLarge},
		{"", 8, ErrNotUTF8},
		{"a8", 0, nil},
	}
	if len(items) != len(wants) {
		t.Fatalf("got %d items, want %d: %+v", len(items), len(wants), items)
	}
	for i, w := range wants {
		it := items[i]
		if w.id != "" {
			if it.err != nil || it.a.ID != w.id {
				t.Errorf("item %d: got %q, %v; want article %q", i, it.a.ID, it.err, w.id)
			}
			continue
		}
		var ie *InputError
		if !errors.As(it.err, &ie) || ie.Line != w.line || (w.err != nil && !errors.Is(it.err, w.err)) {
			t.Errorf("item %d: got error %v, want line %d %v", i, it.err, w.line, w.err)
		}
	}
	a1, a2 := items[0].a, items[1].a
	if a1.Title != "T" || a1.URL != "http://x" || a1.Source != "S" || a1.Published != "2016-08-30" || a1.Lang != "ar" || a1.Text != "نص" {
		t.Errorf("a1 fields: %+v", a1)
	}
	if a2.Lang != "en" || a2.Title != "English text only" {
		t.Errorf("a2: detected lang %q, title %q", a2.Lang, a2.Title)
	}
}

func TestReadStopsOnCancel(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "x", "b.txt": "y"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	for _, err := range Read(ctx, dir) {
		n++
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
			break
		}
		cancel()
	}
	if n != 2 {
		t.Fatalf("got %d items, want the first article then the cancellation", n)
	}
}

func TestReadBreakStops(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "x", "b.txt": "y", "c.jsonl": `{"id":"1","text":"t"}` + "\n" + `{"id":"2","text":"t"}`})
	n := 0
	for range Read(context.Background(), dir, dir) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("iterated %d times", n)
	}
}

func TestHash(t *testing.T) {
	a := Article{ID: "x", Title: "t", Text: "body"}
	b := a
	b.Path = "elsewhere/x.txt"
	if a.Hash() != b.Hash() {
		t.Error("the path changed the hash")
	}
	c := a
	c.Title, c.Text = "tb", "ody" // same concatenation, different fields
	if a.Hash() == c.Hash() {
		t.Error("fields are not delimited in the hash")
	}
	if len(a.Hash()) != 64 {
		t.Errorf("hash %q is not hex SHA-256", a.Hash())
	}
}

func TestDetectLang(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"نفت وزارة الخارجية", "ar"},
		{"The State Department denied", "en"},
		{"بيان (Getty) صادر عن الخارجية", "ar"},
		{"12345", "en"},
	} {
		if got := DetectLang(tc.in); got != tc.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzReadJSONLLine(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"نص"}`))
	f.Add([]byte(`{"id":"a"}`))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, line []byte) {
		a, err := decodeLine(line)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.ID) == "" || strings.TrimFunc(a.Text, blank) == "" {
			t.Fatalf("decodeLine(%q) accepted an article without id or text: %+v", line, a)
		}
		if a.Lang != "ar" && a.Lang != "en" && a.Lang == "" {
			t.Fatalf("no language for %q", line)
		}
	})
}

func FuzzCheckText(f *testing.F) {
	f.Add([]byte("\uFEFFنص"))
	f.Add([]byte("a\x00b"))
	f.Add([]byte{0xff, 0xfe})
	f.Fuzz(func(t *testing.T, b []byte) {
		text, line, err := checkText(b)
		if err != nil {
			if line < 0 {
				t.Fatalf("negative line %d", line)
			}
			return
		}
		if strings.ContainsRune(text, 0) || strings.HasPrefix(text, "\uFEFF") {
			t.Fatalf("checkText(%q) let through %q", b, text)
		}
	})
}
