package extract

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile input: huge lines and files, invisible and bidi controls, mixed
// scripts, Windows and old Mac line endings. Whatever comes in, bad input
// gets a clear error naming it, memory stays bounded, the articles around
// it still load, and offsets stay valid.

// readItems collects what a Reader yields for paths.
func readItems(t *testing.T, r Reader, paths ...string) []readItem {
	t.Helper()
	var out []readItem
	for a, err := range r.Articles(context.Background(), paths...) {
		out = append(out, readItem{a, err})
	}
	return out
}

// newPipeline builds a pipeline with the shipped models.
func newPipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// findEntity reports whether r has an entity with id.
func findEntity(r Result, id string) bool {
	for _, e := range r.Entities {
		if e.ID == id {
			return true
		}
	}
	return false
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// longText is about n bytes of Arabic and English news text on one line,
// with no sentence end, so it is one huge sentence.
func longText(n int) string {
	words := strings.Fields("قال وزير الخارجية الروسي سيرغي لافروف إن موسكو وواشنطن ستواصلان المحادثات في جنيف حول سورية و Secretary of State John Kerry met officials in Geneva")
	var sb strings.Builder
	sb.Grow(n + 32)
	for i := 0; sb.Len() < n; i++ {
		sb.WriteString(words[(i*7)%len(words)])
		sb.WriteByte(' ')
	}
	return sb.String()
}

func TestHostileLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 10 MB of text")
	}
	p := newPipeline(t)
	text := longText(5 << 20)
	good := `{"id":"after","text":"قال جون كيربي إن سوريا مهمة."}`
	rec, err := json.Marshal(map[string]string{"id": "long-jsonl", "text": text})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"long.txt":   "عنوان طويل\n" + text,
		"long.jsonl": string(rec) + "\n" + good + "\n",
	})
	items := readItems(t, Reader{}, filepath.Join(dir, "long.jsonl"), filepath.Join(dir, "long.txt"))
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	for i, want := range []string{"long-jsonl", "after", "long"} {
		it := items[i]
		if it.err != nil || it.a.ID != want {
			t.Fatalf("item %d: %q, %v; want article %q", i, it.a.ID, it.err, want)
		}
		start := time.Now()
		r, err := p.Extract(it.a)
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		checkResult(t, it.a.Text, r)
		t.Logf("%s: %d bytes, %d sentences, %d entities, extracted in %v", want, len(it.a.Text), len(r.Sentences), len(r.Entities), time.Since(start))
		if want != "after" && (len(r.Entities) == 0 || !findEntity(r, "person:sergey-lavrov")) {
			t.Errorf("%s: nothing found in a long line that names Lavrov on every line", want)
		}
	}
}

func TestHostileOverLimit(t *testing.T) {
	const size = 100 << 20 // 100 MB, stored sparse: nothing is kept in the repository
	dir := t.TempDir()
	bigTxt := filepath.Join(dir, "big.txt")
	bigJSONL := filepath.Join(dir, "big.jsonl")
	goodTxt := filepath.Join(dir, "good.txt")
	sparse := func(path string, tail string) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt([]byte(tail), size); err != nil {
			t.Fatal(err)
		}
	}
	sparse(bigTxt, "نص")
	// One 100 MB line, then a good one: the reader must skip the first
	// without holding it and still read the second.
	sparse(bigJSONL, "\n"+`{"id":"after-big","text":"قال جون كيربي إن سوريا مهمة."}`+"\n")
	if err := os.WriteFile(goodTxt, []byte("خبر\nقال جون كيربي إن سوريا مهمة."), 0o644); err != nil {
		t.Fatal(err)
	}

	var items []readItem
	start := time.Now()
	alloc := allocated(func() { items = readItems(t, Reader{}, bigTxt, bigJSONL, goodTxt) })
	took := time.Since(start)
	t.Logf("read 2 × 100 MB in %v, %.1f MB allocated", took, float64(alloc)/(1<<20))
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4: %+v", len(items), items)
	}
	for i, tc := range []struct {
		path string
		line int
	}{{bigTxt, 0}, {bigJSONL, 1}} {
		err := items[i].err
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%s: got %v, want ErrTooLarge", tc.path, err)
		}
		checkInputError(t, err, tc.path, tc.line)
		if !strings.Contains(err.Error(), "limit") && !strings.Contains(err.Error(), "over") {
			t.Errorf("message %q does not state the limit", err)
		}
	}
	if items[2].err != nil || items[2].a.ID != "after-big" || items[3].err != nil || items[3].a.ID != "good" {
		t.Errorf("articles after the big files were lost: %+v", items[2:])
	}
	// The .txt file is refused from its size; the JSONL line is streamed
	// through a buffer that never outgrows the line limit. Neither is read
	// into memory whole: that alone would allocate 100 MB.
	if alloc >= size {
		t.Errorf("reading allocated %d MB: a big file was loaded into memory", alloc>>20)
	}
	// With a smaller line limit the reader allocates less: memory follows
	// the limit, not the file.
	const small = 1 << 20
	alloc = allocated(func() { items = readItems(t, Reader{MaxLineSize: small}, bigJSONL) })
	t.Logf("with a 1 MB line limit: %.1f MB allocated", float64(alloc)/(1<<20))
	if len(items) != 2 || !errors.Is(items[0].err, ErrTooLarge) || items[1].a.ID != "after-big" {
		t.Fatalf("with a 1 MB line limit: got %+v", items)
	}
	if alloc > 8*small {
		t.Errorf("with a 1 MB line limit reading allocated %.1f MB", float64(alloc)/(1<<20))
	}
}

func TestHostileText(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name      string
		text      string
		sentences int      // expected number of sentences, -1 to skip
		entities  []string // ids that must be found
	}{
		{"Windows line endings",
			"Kerry in Moscow\r\nSecretary of State John Kerry arrived in Moscow on Monday.\r\nHe met Russian Foreign Minister Sergey Lavrov.\r\n\r\nThe talks on Syria went on.\r\n",
			4, []string{"person:john-kerry", "person:sergey-lavrov", "place:moscow", "place:syria"}},
		{"old Mac line endings",
			"لافروف في موسكو\rقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مستمرة.\rوأكد جون كيربي ذلك.",
			3, []string{"person:sergey-lavrov", "place:moscow"}},
		{"zero-width non-joiner, joiner and space inside and around names",
			"قال وزير الخارجية الروسي سيرغي\u200b لافروف إن سو\u200cريا و\u200dموسكو\u200b مهمتان.",
			1, []string{"place:moscow"}},
		{"bidi marks, embeddings and isolates",
			"قال كيربي إن \u200fموسكو\u200e و\u202bجنيف\u202c و\u2066دمشق\u2069 و\u202eحلب\u202c بعيدة.",
			1, []string{"place:moscow", "place:geneva", "place:damascus"}},
		{"mixed scripts and characters beyond the BMP",
			"😀 قال 𝐉𝐨𝐡𝐧 Kerry met Лавров in 東京 and Sergey Lavrov in Moscow. 🇸🇾 سوريا.",
			-1, []string{"person:sergey-lavrov", "place:moscow"}},
		{"diacritics, tatweel and Arabic punctuation",
			"قالَ وزيرُ الخارجيةِ الروسيُّ سيرغـــي لافروف، «إنَّ سوريةَ» — مهمةٌ؛ أليس كذلك؟ نعم!",
			-1, []string{"place:syria"}},
		{"only controls and marks", "\u200f\u202b\u0640\u064b\u202c\u2069 ، .", -1, nil},
		{"a name split by a line break", "جون\r\nكيربي قال ذلك.", -1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The same text as a .txt file and as a JSONL record must read
			// back byte for byte.
			rec, err := json.Marshal(map[string]string{"id": "h1", "text": tc.text})
			if err != nil {
				t.Fatal(err)
			}
			dir := writeFiles(t, map[string]string{"h1.txt": tc.text, "h.jsonl": string(rec) + "\r\n"})
			items := readItems(t, Reader{}, filepath.Join(dir, "h1.txt"), filepath.Join(dir, "h.jsonl"))
			if len(items) != 2 {
				t.Fatalf("got %d items, want 2", len(items))
			}
			for _, it := range items {
				if it.err != nil {
					if errors.Is(it.err, ErrEmpty) || errors.Is(it.err, ErrMissing) {
						if tc.entities != nil {
							t.Fatalf("text with names called empty: %v", it.err)
						}
						continue
					}
					t.Fatalf("read: %v", it.err)
				}
				if it.a.Text != tc.text {
					t.Fatalf("read back %q\n(% x), want %q", it.a.Text, it.a.Text, tc.text)
				}
				if strings.ContainsAny(it.a.Title, "\r\n") {
					t.Errorf("title %q spans lines", it.a.Title)
				}
				r, err := p.Extract(it.a)
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, tc.text, r)
				for _, s := range r.Sentences {
					if strings.Trim(s.Text, "\r\n") != s.Text {
						t.Errorf("sentence %d keeps a line ending at its edge: %q", s.Index, s.Text)
					}
				}
				if tc.sentences >= 0 && len(r.Sentences) != tc.sentences {
					t.Errorf("%d sentences, want %d: %+v", len(r.Sentences), tc.sentences, r.Sentences)
				}
				for _, id := range tc.entities {
					if !findEntity(r, id) {
						t.Errorf("%s not found in %q", id, tc.text)
					}
				}
			}
		})
	}
}

func TestHostileOnlyInvisible(t *testing.T) {
	// A file of nothing but invisible format characters and spaces is
	// empty, like a blank one.
	dir := writeFiles(t, map[string]string{"inv.txt": "\uFEFF\u200c\u200d\u202b\u202c\u2066\u2069\u200e \r\n\t"})
	p := filepath.Join(dir, "inv.txt")
	items := readItems(t, Reader{}, p)
	if len(items) != 1 || !errors.Is(items[0].err, ErrEmpty) {
		t.Fatalf("got %+v, want ErrEmpty", items)
	}
	checkInputError(t, items[0].err, p, 0)
}
