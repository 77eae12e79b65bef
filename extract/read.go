package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Default input limits. A larger file (or JSONL line) is reported as an
// InputError and skipped; reading goes on with the next.
const (
	MaxFileSize = 10 << 20 // bytes of one .txt or .md file
	MaxLineSize = 10 << 20 // bytes of one .jsonl line
)

// Errors wrapped by InputError.
var (
	ErrExtension = errors.New("unsupported file type (want .txt, .md or .jsonl)")
	ErrNotUTF8   = errors.New("not valid UTF-8")
	ErrBinary    = errors.New("binary data (NUL byte)")
	ErrEmpty     = errors.New("empty article")
	ErrTooLarge  = errors.New("too large")
	ErrMissing   = errors.New("missing required field")
	ErrNotFile   = errors.New("not a regular file")
)

// InputError is a problem with one input file, or one line of a JSONL file.
// Line is 1-based; 0 means the whole file.
type InputError struct {
	Path string
	Line int
	Err  error
}

// Error formats the error as "path:line: message" (or "path: message").
func (e *InputError) Error() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// Reader reads articles from files: .txt and .md files hold one article
// each (its id is the file name without the extension), .jsonl files one
// article per line as {"id", "title", "url", "source", "published", "lang",
// "text"} with id and text required. The zero Reader uses the default
// limits.
type Reader struct {
	MaxFileSize int64 // 0 means MaxFileSize
	MaxLineSize int   // 0 means MaxLineSize
}

// Read is Reader{}.Articles.
func Read(ctx context.Context, paths ...string) iter.Seq2[Article, error] {
	return Reader{}.Articles(ctx, paths...)
}

// Articles returns an iterator over the articles found under paths, each a
// file or a directory walked recursively in lexical order (names starting
// with a dot are skipped inside directories). Articles are read one at a
// time, never all at once. A bad file or line yields a zero Article and an
// *InputError naming it, and reading goes on; when ctx is done the iterator
// yields ctx.Err() and stops.
func (r Reader) Articles(ctx context.Context, paths ...string) iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		for _, root := range paths {
			if !r.walk(ctx, root, yield) {
				return
			}
		}
	}
}

// walk reads one path; it returns false when the iteration must stop.
func (r Reader) walk(ctx context.Context, root string, yield func(Article, error) bool) bool {
	info, err := os.Stat(root)
	if err != nil {
		return yield(Article{}, &InputError{Path: root, Err: err})
	}
	if !info.IsDir() {
		return r.file(ctx, root, yield)
	}
	stopped := false
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(Article{}, &InputError{Path: p, Err: err}) {
				stopped = true
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !r.file(ctx, p, yield) {
			stopped = true
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && !stopped {
		return yield(Article{}, &InputError{Path: root, Err: err})
	}
	return !stopped
}

// file reads one file; it returns false when the iteration must stop.
func (r Reader) file(ctx context.Context, path string, yield func(Article, error) bool) bool {
	if err := ctx.Err(); err != nil {
		yield(Article{}, err)
		return false
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".txt", ".md":
		a, err := r.readText(path, ext)
		if err != nil {
			return yield(Article{}, err)
		}
		return yield(a, nil)
	case ".jsonl":
		return r.readJSONL(ctx, path, yield)
	}
	return yield(Article{}, &InputError{Path: path, Err: ErrExtension})
}

func (r Reader) maxFile() int64 {
	if r.MaxFileSize > 0 {
		return r.MaxFileSize
	}
	return MaxFileSize
}

func (r Reader) maxLine() int {
	if r.MaxLineSize > 0 {
		return r.MaxLineSize
	}
	return MaxLineSize
}

// readText reads a .txt or .md file as one article.
func (r Reader) readText(path, ext string) (Article, error) {
	fail := func(line int, err error) (Article, error) {
		return Article{}, &InputError{Path: path, Line: line, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(0, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(0, err)
	}
	if !info.Mode().IsRegular() {
		return fail(0, ErrNotFile)
	}
	limit := r.maxFile()
	if info.Size() > limit {
		return fail(0, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, info.Size(), limit))
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return fail(0, err)
	}
	if int64(len(b)) > limit {
		return fail(0, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit))
	}
	text, line, err := checkText(b)
	if err != nil {
		return fail(line, err)
	}
	a := Article{
		ID:   strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		Path: path,
		Text: text,
		Lang: DetectLang(text),
	}
	if ext == ".md" {
		a.Title = mdTitle(text)
	}
	if a.Title == "" {
		a.Title = firstLine(text)
	}
	return a, nil
}

// checkText removes a UTF-8 byte order mark and rejects binary, non-UTF-8
// and blank input; line locates the problem (1-based) when it can.
func checkText(b []byte) (text string, line int, err error) {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return "", 0, fmt.Errorf("%w (UTF-16 byte order mark)", ErrNotUTF8)
	}
	for bytes.HasPrefix(b, []byte("\uFEFF")) {
		b = b[len("\uFEFF"):]
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", 1 + bytes.Count(b[:i], []byte("\n")), ErrBinary
	}
	if !utf8.Valid(b) {
		return "", 1 + bytes.Count(b[:validPrefix(b)], []byte("\n")), ErrNotUTF8
	}
	if strings.TrimFunc(string(b), blank) == "" {
		return "", 0, ErrEmpty
	}
	return string(b), 0, nil
}

// validPrefix returns the length of the longest valid UTF-8 prefix of b.
func validPrefix(b []byte) int {
	n := 0
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		n += size
	}
	return n
}

// blank is white space and the invisible format characters that carry no
// text: zero-width spaces and joiners, bidi marks, embeddings and isolates,
// the BOM (Unicode category Cf).
func blank(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// firstLine returns the first line of text that is not blank, trimmed.
func firstLine(text string) string {
	for rest := text; rest != ""; {
		var line string
		line, rest = cutLine(rest)
		if t := strings.TrimFunc(line, blank); t != "" {
			return t
		}
	}
	return ""
}

// cutLine splits text after its first line, which ends at "\n", "\r\n" or
// a lone "\r" (old Mac files), so a title never spans lines.
func cutLine(text string) (line, rest string) {
	i := strings.IndexAny(text, "\r\n")
	if i < 0 {
		return text, ""
	}
	if strings.HasPrefix(text[i:], "\r\n") {
		return text[:i], text[i+2:]
	}
	return text[:i], text[i+1:]
}

// mdTitle returns the text of the first level-one ATX heading ("# Title").
func mdTitle(text string) string {
	for rest := text; rest != ""; {
		var line string
		line, rest = cutLine(rest)
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue // indented code
		}
		t = strings.TrimRight(t, "\r")
		if rest, ok := strings.CutPrefix(t, "# "); ok {
			rest = strings.TrimSpace(rest)
			// A closing sequence of #s is not part of the title.
			if trimmed := strings.TrimRight(rest, "#"); trimmed != rest && (trimmed == "" || strings.HasSuffix(trimmed, " ")) {
				rest = strings.TrimSpace(trimmed)
			}
			if rest != "" {
				return rest
			}
		}
	}
	return ""
}

// jsonArticle is one JSONL line.
type jsonArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	Text      string `json:"text"`
}

// readJSONL yields the articles of a JSONL file line by line.
func (r Reader) readJSONL(ctx context.Context, path string, yield func(Article, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(Article{}, &InputError{Path: path, Err: err})
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		if err == nil {
			err = ErrNotFile
		}
		return yield(Article{}, &InputError{Path: path, Err: err})
	}
	br := bufio.NewReaderSize(f, 64<<10)
	limit := r.maxLine()
	var buf []byte
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			yield(Article{}, err)
			return false
		}
		line, tooLong, err := readLine(br, buf[:0], limit)
		buf = line
		if err != nil && err != io.EOF {
			return yield(Article{}, &InputError{Path: path, Line: n, Err: err})
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return true
		}
		var a Article
		var lerr error
		switch {
		case tooLong:
			lerr = fmt.Errorf("%w: line over %d bytes", ErrTooLarge, limit)
		case len(bytes.TrimSpace(line)) == 0:
			// blank lines separate nothing; skip them
		default:
			if n == 1 {
				line = bytes.TrimPrefix(line, []byte("\uFEFF"))
			}
			a, lerr = decodeLine(line)
			a.Path = path
		}
		if lerr != nil {
			if !yield(Article{}, &InputError{Path: path, Line: n, Err: lerr}) {
				return false
			}
		} else if a.ID != "" {
			if !yield(a, nil) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine reads one line (without its end) into buf. A line longer than
// limit is read to its end and dropped, with tooLong set.
func readLine(br *bufio.Reader, buf []byte, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > limit+1 { // +1: the newline is not counted
				tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			buf = bytes.TrimSuffix(buf, []byte("\n"))
			buf = bytes.TrimSuffix(buf, []byte("\r"))
			if len(buf) > limit {
				tooLong, buf = true, buf[:0]
			}
			return buf, tooLong, nil
		default:
			if len(buf) > limit {
				tooLong, buf = true, buf[:0]
			}
			return buf, tooLong, err
		}
	}
}

// decodeLine decodes and checks one JSONL record.
func decodeLine(line []byte) (Article, error) {
	if bytes.IndexByte(line, 0) >= 0 {
		return Article{}, ErrBinary
	}
	if !utf8.Valid(line) {
		return Article{}, ErrNotUTF8
	}
	var j jsonArticle
	if err := json.Unmarshal(line, &j); err != nil {
		return Article{}, fmt.Errorf("bad JSON: %w", err)
	}
	id := strings.TrimSpace(j.ID)
	if id == "" {
		return Article{}, fmt.Errorf("%w: id", ErrMissing)
	}
	if strings.ContainsFunc(id, unicode.IsControl) {
		return Article{}, fmt.Errorf("bad id %q: control character", id)
	}
	text := strings.TrimPrefix(j.Text, "\uFEFF")
	if strings.TrimFunc(text, blank) == "" {
		return Article{}, fmt.Errorf("%w: text", ErrMissing)
	}
	if strings.IndexByte(text, 0) >= 0 {
		return Article{}, ErrBinary
	}
	a := Article{
		ID:        id,
		Title:     strings.TrimSpace(j.Title),
		URL:       strings.TrimSpace(j.URL),
		Source:    strings.TrimSpace(j.Source),
		Published: strings.TrimSpace(j.Published),
		Lang:      strings.ToLower(strings.TrimSpace(j.Lang)),
		Text:      text,
	}
	if a.Lang == "" {
		a.Lang = DetectLang(text)
	}
	if a.Title == "" {
		a.Title = firstLine(text)
	}
	return a, nil
}
