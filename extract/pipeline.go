package extract

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/dates"
	"github.com/kgraph/kg/extract/gazetteer"
	"github.com/kgraph/kg/extract/internal/freelist"
	"github.com/kgraph/kg/extract/tagger"
)

// Tagger is a statistical named-entity tagger: given the tokens of one
// sentence it returns one IOB2 tag per token (O, B-PERS, I-PERS, B-ORG,
// I-ORG, B-LOC, I-LOC, B-MISC, I-MISC). It must be safe for concurrent
// use. extract/tagger's *Model is one.
type Tagger interface {
	Tag(tokens []string) []string
}

// DocTagger is a Tagger that can also tag the sentences of one article
// together, for tags that agree across the article.
type DocTagger interface {
	Tagger
	TagDocument(sentences [][]string) [][]string
}

// Options configures a Pipeline.
type Options struct {
	// Gazetteer is the list of known entities; nil means gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
	// Tagger, if set, proposes names the gazetteer and the rules miss; the
	// gazetteer wins where they overlap. nil leaves the stage out, unless
	// UseTagger is set.
	Tagger Tagger
	// UseTagger loads the built-in model (tagger.Default) when Tagger is
	// nil. It roughly halves throughput and finds names no list has (a
	// country the gazetteer lacks, a misspelt surname).
	UseTagger bool
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
}

// Errors returned by Extract.
var (
	ErrNoID       = errors.New("extract: article has no id")
	ErrInvalidUTF = errors.New("extract: article text is not valid UTF-8")
)

// Pipeline extracts entities and relations from articles. It is built once
// by New and is safe for concurrent use: Extract keeps all its state local.
type Pipeline struct {
	gaz    *gazetteer.Gazetteer
	tagger Tagger
	log    *slog.Logger
	// firsts holds the normalized first token of every gazetteer alias, to
	// tell how much of a matched word is an attached proclitic.
	firsts map[string]bool
	// surnames maps the normalized last word of a known person's name to
	// the entries, to link other spellings of the given name.
	surnames map[string][]*gazetteer.Entry
	// cityOf maps a governorate to the city it is named after: محافظة
	// إدلب and ريف إدلب are Idlib.
	cityOf map[string]*gazetteer.Entry
	// scratch keeps the per-token buffers of idle extractions.
	scratch *freelist.List[docScratch]
}

// New builds a pipeline, loading the gazetteer (and using the tagger) given
// in opts.
func New(opts Options) (*Pipeline, error) {
	g := opts.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return nil, fmt.Errorf("extract: load gazetteer: %w", err)
		}
	}
	tg := opts.Tagger
	if tg == nil && opts.UseTagger {
		m, err := tagger.Default()
		if err != nil {
			return nil, fmt.Errorf("extract: load tagger: %w", err)
		}
		tg = m
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p := &Pipeline{
		gaz:      g,
		tagger:   tg,
		log:      log,
		firsts:   map[string]bool{},
		surnames: map[string][]*gazetteer.Entry{},
		cityOf:   map[string]*gazetteer.Entry{},
		scratch:  freelist.New[docScratch](),
	}
	for _, e := range g.Entries() {
		if e.Kind == "governorate" {
			if rest, ok := strings.CutPrefix(e.Name, "محافظة "); ok {
				norms := tokenizeNorm(rest)
				if c, n := g.Match(norms); c != nil && n == len(norms) && c.Kind == "city" {
					p.cityOf[e.ID] = c
				}
			}
		}
		for _, a := range e.Aliases {
			toks := arabic.Tokenize(a)
			if len(toks) == 0 {
				continue
			}
			first := toks[0].Norm
			p.firsts[first] = true
			// The gazetteer matches أميركي/أمريكي and سورية/سوريا both ways.
			for _, v := range [][2]string{{"اميركي", "امريكي"}, {"امريكي", "اميركي"}, {"اميركا", "امريكا"}, {"امريكا", "اميركا"}, {"سوريه", "سوريا"}, {"سوريا", "سوريه"}} {
				if strings.Contains(first, v[0]) {
					p.firsts[strings.ReplaceAll(first, v[0], v[1])] = true
				}
			}
			if e.Type == gazetteer.Person && len(toks) >= 2 && arabic.IsArabic([]rune(toks[0].Text)[0]) {
				last := toks[len(toks)-1].Norm
				if !containsEntry(p.surnames[last], e) {
					p.surnames[last] = append(p.surnames[last], e)
				}
			}
		}
	}
	return p, nil
}

func containsEntry(es []*gazetteer.Entry, e *gazetteer.Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// Extract runs the pipeline over one article: sentences, tokens, gazetteer
// matches, tagger names, title and name rules, dates, within-article
// resolution, events and relations. The result is deterministic.
func (p *Pipeline) Extract(a Article) (Result, error) {
	if strings.TrimSpace(a.ID) == "" {
		return Result{}, ErrNoID
	}
	if !utf8.ValidString(a.Text) {
		return Result{}, fmt.Errorf("%w: article %s", ErrInvalidUTF, a.ID)
	}
	sc := p.scratch.Get()
	defer p.scratch.Put(sc)
	d := newDoc(p, a, sc)
	d.findDates()
	d.matchGazetteer()
	d.genericOrgs()
	d.titles()
	d.names()
	d.tagNames()
	d.resolveNames()
	d.buildEntities()
	d.events()
	d.relations()
	return d.result(), nil
}

// doc is the working state of one extraction.
type doc struct {
	p     *Pipeline
	a     Article
	lang  string
	runes []rune
	// bytePos is the byte offset of each rune in the text, and the text's
	// length last.
	bytePos []int
	toks    []arabic.Token
	norms   []string
	// tokSent is the sentence of each token; sentTok the token range of
	// each sentence.
	sents   []arabic.Span
	sentTok [][2]int
	tokSent []int
	// owner is the candidate covering each token, -1 for none.
	owner []int
	cands []*cand
	// anchor is the article's date; published the value for ArticleMeta.
	anchor    dates.Date
	published string
	// datelineSent is the sentence the anchor was read from, -1 if none.
	datelineSent int
	// dateSpans holds the date expressions of each sentence, token offsets
	// made absolute; those the anchor cannot resolve have a zero Date.
	dateSpans [][]dates.Span
	roles     []role
	words     map[string]bool // the normalized words of the article, built on demand
	memo      map[string]*wordInfo
	entities  map[string]*entity
	rels      []Relation
}

// newDoc starts the extraction of a, in the buffers of sc: the doc's
// token-level slices must not outlive the extraction.
func newDoc(p *Pipeline, a Article, sc *docScratch) *doc {
	d := &doc{p: p, a: a, lang: a.Lang, published: a.Published, datelineSent: -1}
	if d.lang == "" {
		d.lang = DetectLang(a.Text)
	}
	d.runes, d.bytePos, d.toks = sc.tok.Tokenize(a.Text)
	sc.norms = grow(sc.norms, len(d.toks))
	sc.owner = grow(sc.owner, len(d.toks))
	sc.tokSent = grow(sc.tokSent, len(d.toks))
	d.norms, d.owner, d.tokSent = sc.norms, sc.owner, sc.tokSent
	for i, t := range d.toks {
		d.norms[i] = t.Norm
		d.owner[i] = -1
	}
	d.sents = arabic.SentencesRunes(d.runes)
	sc.sentTok = grow(sc.sentTok, len(d.sents))
	d.sentTok = sc.sentTok
	t := 0
	for si, s := range d.sents {
		for t < len(d.toks) && d.toks[t].Start < s.Start {
			// A token outside every sentence (only possible for invisible
			// marks) joins the next sentence.
			d.tokSent[t] = si
			t++
		}
		d.sentTok[si][0] = t
		for t < len(d.toks) && d.toks[t].Start < s.End {
			d.tokSent[t] = si
			t++
		}
		d.sentTok[si][1] = t
	}
	for ; t < len(d.toks); t++ {
		d.tokSent[t] = len(d.sents) - 1
	}
	return d
}

// word reports whether token i is a word.
func (d *doc) word(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].Kind == arabic.Word }

// norm returns the normalized text of token i, or "" out of range.
func (d *doc) norm(i int) string {
	if i < 0 || i >= len(d.norms) {
		return ""
	}
	return d.norms[i]
}

// latin reports whether token i is a word in Latin script; upper whether
// it starts with a capital.
func (d *doc) latin(i int) (latin, upper bool) {
	if !d.word(i) {
		return false, false
	}
	r, _ := utf8.DecodeRuneInString(d.toks[i].Text)
	if r >= 0x80 && !(r >= 0xC0 && r <= 0x24F) {
		return false, false
	}
	return true, r >= 'A' && r <= 'Z' || r >= 0xC0 && r <= 0xDE
}

// text returns the article text of code points [s, e).
func (d *doc) text(s, e int) string { return d.a.Text[d.bytePos[s]:d.bytePos[e]] }

// findDates sets the article's anchor date (its published date, or a
// dateline near the top) and finds the date expressions of every sentence.
func (d *doc) findDates() {
	published, hasPublished := dates.Parse(d.a.Published)
	if hasPublished {
		d.anchor = published
	}
	// The dateline: a short line with a date ("30 اغسطس 2016"), or a date
	// at the head of the first sentence ("GENEVA, Sept. 10, 2016 - …").
	// It dates the article when the metadata does not, and names the
	// place it was written in.
	for si := 0; si < len(d.sents) && si < 6 && d.sents[si].Start < 1500; si++ {
		r := d.sentTok[si]
		words := 0
		for i := r[0]; i < r[1]; i++ {
			if d.toks[i].Kind != arabic.Punct {
				words++
			}
		}
		found := false
		for _, s := range dates.Find(d.norms[r[0]:r[1]], dates.Date{}) {
			if s.Date.HasDay() && !s.Relative && (words <= 14 || s.Start <= 8) {
				found = true
				if !hasPublished {
					d.anchor = s.Date
					if d.published == "" {
						d.published = s.Date.String()
					}
				}
				break
			}
		}
		if found {
			d.datelineSent = si
			break
		}
	}
	d.dateSpans = make([][]dates.Span, len(d.sents))
	for si, r := range d.sentTok {
		spans := dates.FindAll(d.norms[r[0]:r[1]], d.anchor)
		for i := range spans {
			spans[i].Start += r[0]
			spans[i].End += r[0]
		}
		d.dateSpans[si] = spans
	}
}

// inDate reports whether token i is part of a date expression.
func (d *doc) inDate(i int) bool {
	for _, s := range d.dateSpans[d.tokSent[i]] {
		if i >= s.Start && i < s.End {
			return true
		}
	}
	return false
}

// wordInfo is what the gazetteer's word lists say of a normalized word,
// each answer looked up once per article on first use: the lists strip
// clitics on every call, which is not free.
type wordInfo struct {
	done     uint8 // which of the fields below are known
	nat      string
	natOK    bool // a nationality adjective, of country nat
	speech   bool // a verb of saying
	dateWord bool // a month or day name
	given    bool // a given name
}

const (
	knowNat uint8 = 1 << iota
	knowSpeech
	knowDate
	knowGiven
)

func (d *doc) lookup(w string, what uint8) *wordInfo {
	if d.memo == nil {
		d.memo = make(map[string]*wordInfo, 256)
	}
	wi := d.memo[w]
	if wi == nil {
		wi = &wordInfo{}
		d.memo[w] = wi
	}
	if wi.done&what == 0 {
		g := d.p.gaz
		switch what {
		case knowNat:
			wi.nat, wi.natOK = g.Nationality(w)
		case knowSpeech:
			wi.speech = g.Has("speech-verb", w)
		case knowDate:
			wi.dateWord = g.Has("month", w) || g.Has("weekday", w)
		case knowGiven:
			wi.given = g.GivenName(w)
		}
		wi.done |= what
	}
	return wi
}

// natOf returns the country of a nationality adjective.
func (d *doc) natOf(w string) (string, bool) {
	wi := d.lookup(w, knowNat)
	return wi.nat, wi.natOK
}

// speech reports a verb of saying.
func (d *doc) speech(w string) bool { return d.lookup(w, knowSpeech).speech }

// dateWord reports a month or day name.
func (d *doc) dateWord(w string) bool { return d.lookup(w, knowDate).dateWord }

// given reports a given name.
func (d *doc) given(w string) bool { return d.lookup(w, knowGiven).given }

// docScratch holds the token-level buffers of one extraction, reused by
// the next: most of what extracting an article allocates is per token.
type docScratch struct {
	tok     arabic.Scratch
	norms   []string
	owner   []int
	tokSent []int
	sentTok [][2]int
}

// grow returns s with length n, reusing its array when it is large
// enough; the contents are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
