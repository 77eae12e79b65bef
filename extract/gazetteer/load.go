package gazetteer

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/arabic"
)

//go:generate go run ./gen -out data

// data holds the hand-curated lists and the generated ones (see SOURCES.md).
//
//go:embed data/*.tsv data/*.txt
var data embed.FS

// ErrData reports malformed gazetteer data.
var ErrData = errors.New("gazetteer: bad data")

// loadDefault decodes the embedded data; Default calls it once per process.
var loadDefault = sync.OnceValues(func() (*Gazetteer, error) { return Load(data) })

// Default returns the gazetteer built from the embedded data. It is decoded
// on the first call and shared afterwards; it is read-only.
func Default() (*Gazetteer, error) { return loadDefault() }

// Files of a gazetteer directory. Entry files share one format (see
// data/curated.tsv); the others are word lists.
const (
	curatedFile     = "curated.tsv"
	placesFile      = "places.tsv" // generated
	givenFile       = "given.txt"
	givenGenFile    = "given_gen.txt" // generated
	nationalityFile = "nationality.tsv"
	wordsFile       = "words.tsv"
)

// Load builds a gazetteer from a file system laid out like the embedded
// data folder (a "data" directory holding the files above). Missing
// generated files are allowed.
func Load(fsys fs.FS) (*Gazetteer, error) {
	// Presizing the maps from the line count saves most of the decode time
	// that rehashing would take.
	lines := 0
	for _, name := range []string{curatedFile, placesFile} {
		if raw, err := fs.ReadFile(fsys, "data/"+name); err == nil {
			lines += strings.Count(string(raw), "\n")
		}
	}
	g := &Gazetteer{
		byID:        make(map[string]*Entry, lines),
		first:       make(map[string][]cand, 2*lines),
		given:       make(map[string]bool, 4096),
		nationality: map[string]string{},
		words:       map[string]map[string]bool{},
	}
	b := builder{g: g}
	for _, f := range []struct {
		name     string
		optional bool
		read     func(lineNo int, cols []string) error
	}{
		{curatedFile, false, b.entryLine("curated", 0)},
		{placesFile, true, b.entryLine("", 1)},
		{givenFile, false, b.givenLine},
		{givenGenFile, true, b.givenLine},
		{nationalityFile, false, b.nationalityLine},
		{wordsFile, false, b.wordsLine},
	} {
		raw, err := fs.ReadFile(fsys, "data/"+f.name)
		if err != nil {
			if f.optional && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("gazetteer: read %s: %w", f.name, err)
		}
		if err := eachLine(raw, f.read); err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", f.name, err)
		}
	}
	if err := b.finish(); err != nil {
		return nil, err
	}
	return g, nil
}

// eachLine calls fn with the tab-separated columns of every line that is
// neither blank nor a # comment. cols is reused between calls.
func eachLine(raw []byte, fn func(lineNo int, cols []string) error) error {
	text := string(raw)
	var buf [12]string
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := buf[:0]
		for {
			f, r, ok := strings.Cut(line, "\t")
			cols = append(cols, f)
			if !ok {
				break
			}
			line = r
		}
		if err := fn(n, cols); err != nil {
			return err
		}
	}
	return nil
}

type builder struct {
	g    *Gazetteer
	slab []Entry // entries are allocated in chunks
}

var typeOfPrefix = map[string]string{
	"person": Person,
	"org":    Organization,
	"place":  Place,
	"event":  Event,
}

// entryLine reads: id, kind, country, wikidata, en, ar, aliases (| separated),
// more (; separated key=value: role, roleEn, org, renamed, src).
func (b *builder) entryLine(source string, rank int) func(int, []string) error {
	return func(n int, cols []string) error {
		for len(cols) < 8 {
			cols = append(cols, "")
		}
		prefix, key, ok := strings.Cut(cols[0], ":")
		typ := typeOfPrefix[prefix]
		if !ok || key == "" || typ == "" {
			return fmt.Errorf("%w: line %d: id %q", ErrData, n, cols[0])
		}
		if b.g.byID[cols[0]] != nil {
			if rank > 0 {
				return nil // a generated entry never replaces a curated one
			}
			return fmt.Errorf("%w: line %d: duplicate id %q", ErrData, n, cols[0])
		}
		if len(b.slab) == cap(b.slab) {
			b.slab = make([]Entry, 0, 1024)
		}
		b.slab = append(b.slab, Entry{
			ID: cols[0], Type: typ, Kind: cols[1], Country: cols[2], Wikidata: cols[3],
			NameEn: cols[4], Name: cols[5], Source: source,
		})
		e := &b.slab[len(b.slab)-1]
		if e.Name == "" {
			return fmt.Errorf("%w: line %d: %s has no Arabic name", ErrData, n, e.ID)
		}
		for _, kv := range strings.Split(cols[7], ";") {
			k, v, _ := strings.Cut(kv, "=")
			switch strings.TrimSpace(k) {
			case "":
			case "role":
				e.Role = v
			case "roleEn":
				e.RoleEn = v
			case "org":
				e.Org = v
			case "renamed":
				e.RenamedTo = v
			case "src":
				e.Source = v
			default:
				return fmt.Errorf("%w: line %d: unknown field %q", ErrData, n, k)
			}
		}
		e.Aliases = make([]string, 0, 2+strings.Count(cols[6], "|"))
		add := func(a string) {
			a = strings.TrimSpace(a)
			if a == "" {
				return
			}
			for _, o := range e.Aliases {
				if o == a {
					return
				}
			}
			e.Aliases = append(e.Aliases, a)
		}
		add(e.Name)
		for rest := cols[6]; rest != ""; {
			var a string
			a, rest, _ = strings.Cut(rest, "|")
			add(a)
		}
		add(e.NameEn)
		b.g.byID[e.ID] = e
		b.g.entries = append(b.g.entries, e)
		for _, a := range e.Aliases {
			b.index(a, e, rank)
		}
		return nil
	}
}

// index adds one alias under every spelling variant of its tokens.
func (b *builder) index(alias string, e *Entry, rank int) {
	toks := normTokens(alias)
	if len(toks) == 0 {
		return
	}
	for _, v := range variants(toks) {
		cs := b.g.first[v[0]]
		if indexed(cs, v[1:], e) {
			continue
		}
		b.g.first[v[0]] = append(cs, cand{rest: v[1:], entry: e, rank: rank})
	}
}

// normalize is arabic.Normalize without the allocation when w is already
// normalized.
func normalize(w string) string {
	for _, r := range w {
		if f, keep := arabic.Fold(r); !keep || f != r {
			return arabic.Normalize(w)
		}
	}
	return w
}

// indexed reports whether cs already holds rest for e.
func indexed(cs []cand, rest []string, e *Entry) bool {
	for _, c := range cs {
		if c.entry == e && len(c.rest) == len(rest) && equalTokens(c.rest, rest) {
			return true
		}
	}
	return false
}

// normTokens tokenizes and normalizes a name the way article text is.
// Names of letters and spaces only (most of them) take a fast path that
// gives the same tokens as arabic.Tokenize.
func normTokens(s string) []string {
	simple := true
	for _, r := range s {
		if !(r == ' ' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || 0x0621 <= r && r <= 0x0652) {
			simple = false // anything else goes through the tokenizer
			break
		}
	}
	if simple {
		out := strings.Fields(s)
		for i, w := range out {
			out[i] = normalize(w)
		}
		return out
	}
	var out []string
	for _, t := range arabic.Tokenize(s) {
		out = append(out, t.Norm)
	}
	return out
}

// letterVariants are spellings that differ by a letter, not by what
// Normalize folds; an alias written one way also matches the other.
var letterVariants = [][2]string{
	{"اميركي", "امريكي"}, // الأميركية / الأمريكية
	{"اميركا", "امريكا"},
	{"سوريه", "سوريا"}, // سورية / سوريا, also inside قوات سورية الديمقراطية
}

// variants returns toks and each variant obtained by swapping one
// letterVariants spelling for the other in every token that has it.
func variants(toks []string) [][]string {
	out := [][]string{toks}
	for _, p := range letterVariants {
		has := false
		for _, t := range toks {
			has = has || strings.Contains(t, p[0]) || strings.Contains(t, p[1])
		}
		if !has {
			continue
		}
		for _, dir := range [][2]string{{p[0], p[1]}, {p[1], p[0]}} {
			var changed bool
			alt := make([]string, len(toks))
			for i, t := range toks {
				alt[i] = strings.ReplaceAll(t, dir[0], dir[1])
				changed = changed || alt[i] != t
			}
			if changed {
				out = append(out, alt)
			}
		}
	}
	return out
}

func (b *builder) givenLine(n int, cols []string) error {
	for _, name := range strings.Split(cols[0], "|") {
		if t := normTokens(name); len(t) == 1 {
			b.g.given[t[0]] = true
		} else if len(t) > 1 {
			return fmt.Errorf("%w: line %d: given name %q is not one word", ErrData, n, name)
		}
	}
	return nil
}

// nationalityLine reads: id, Arabic adjective stems (masculine singular,
// | separated), other Arabic forms (irregular plurals), English forms.
// Each stem s yields s, sة, sين, sون, sان, sتان, sتين, sات, each also with ال.
func (b *builder) nationalityLine(n int, cols []string) error {
	if len(cols) < 2 || cols[0] == "" {
		return fmt.Errorf("%w: line %d: want id and stems", ErrData, n)
	}
	id := cols[0]
	add := func(w string) {
		w = arabic.Normalize(strings.TrimSpace(w))
		if w == "" {
			return
		}
		if old, ok := b.g.nationality[w]; ok && old != id {
			return // first line wins; keeps the data order meaningful
		}
		b.g.nationality[w] = id
		if !strings.HasPrefix(w, "ال") && arabic.IsArabic([]rune(w)[0]) {
			b.g.nationality["ال"+w] = id
		}
	}
	for _, s := range strings.Split(cols[1], "|") {
		s = arabic.Normalize(strings.TrimSpace(s))
		if s == "" {
			continue
		}
		for _, suf := range []string{"", "ه", "ين", "ون", "ان", "تان", "تين", "ات"} {
			add(s + suf)
		}
	}
	for _, c := range cols[2:] {
		for _, w := range strings.Split(c, "|") {
			add(w)
		}
	}
	return nil
}

// wordsLine reads: kind, words (| separated).
func (b *builder) wordsLine(n int, cols []string) error {
	if len(cols) < 2 || cols[0] == "" {
		return fmt.Errorf("%w: line %d: want kind and words", ErrData, n)
	}
	set := b.g.words[cols[0]]
	if set == nil {
		set = map[string]bool{}
		b.g.words[cols[0]] = set
	}
	for _, w := range strings.Split(cols[1], "|") {
		for _, t := range normTokens(w) {
			set[t] = true
		}
	}
	return nil
}

func (b *builder) finish() error {
	g := b.g
	for _, e := range g.entries {
		for _, ref := range []string{e.Country, e.Org, e.RenamedTo} {
			if ref != "" && g.byID[ref] == nil {
				return fmt.Errorf("%w: %s refers to unknown %q", ErrData, e.ID, ref)
			}
		}
	}
	for _, id := range g.nationality {
		if g.byID[id] == nil {
			return fmt.Errorf("%w: nationality of unknown %q", ErrData, id)
		}
	}
	slices.SortFunc(g.entries, func(a, b *Entry) int { return strings.Compare(a.ID, b.ID) })
	for k, cs := range g.first {
		if len(cs) < 2 {
			continue
		}
		sort.SliceStable(cs, func(i, j int) bool {
			if len(cs[i].rest) != len(cs[j].rest) {
				return len(cs[i].rest) > len(cs[j].rest)
			}
			if cs[i].rank != cs[j].rank {
				return cs[i].rank < cs[j].rank
			}
			return cs[i].entry.ID < cs[j].entry.ID
		})
		g.first[k] = cs
	}
	g.words["given"] = g.given
	nat := map[string]bool{}
	for w := range g.nationality {
		nat[w] = true
	}
	g.words["nationality"] = nat
	return nil
}
