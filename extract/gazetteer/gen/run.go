package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/gazetteer"
)

// npmPackages are the pinned npm inputs, so a rerun reads the same data.
var npmPackages = []string{
	"cldr-localenames-full@48.2.0",
	"cldr-dates-full@48.2.0",
	"cldr-core@48.2.0",
	"arabic-name-to-en@1.0.6",
}

type config struct {
	dir         string  // the gazetteer package directory
	out         string  // output directory, relative to dir unless absolute
	geonames    string  // locale directory holding <lang>/LC_MESSAGES/geonames.mo
	nodeModules string  // node_modules with the npm inputs; "" installs them into a temp dir
	anercorp    string  // ANERcorp train file; missing → reuse the committed stoplist
	holdout     float64 // last fraction of the ANERcorp sentences left out of the stoplist (the tagger's dev split)
	stoplist    string  // stoplist file, relative to dir unless absolute
	common      string  // hand-picked common words, relative to dir unless absolute
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	var c config
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&c.dir, "dir", ".", "gazetteer package directory")
	fl.StringVar(&c.out, "out", "data", "output directory")
	fl.StringVar(&c.geonames, "geonames", "/usr/share/locale", "directory with <lang>/LC_MESSAGES/geonames.mo (Debian libgeonames-common)")
	fl.StringVar(&c.nodeModules, "npm", os.Getenv("KG_GAZ_NODE_MODULES"), "node_modules holding "+strings.Join(npmPackages, " ")+"; empty: npm install them into a temporary directory")
	fl.StringVar(&c.anercorp, "anercorp", "../../../shared/data/anercorp/train.txt", "ANERcorp train split, for the stoplist; if missing the committed stoplist is reused")
	fl.Float64Var(&c.holdout, "holdout", 0.1, "last fraction of ANERcorp sentences not read for the stoplist: the tagger's dev split, kept unseen")
	fl.StringVar(&c.stoplist, "stoplist", "gen/stoplist.tsv", "stoplist file (derived from ANERcorp)")
	fl.StringVar(&c.common, "common", "gen/common_words.txt", "hand-picked place names that are ordinary words")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if err := generate(ctx, c, log); err != nil {
		log.Error("gazetteer generation failed", "err", err)
		return 1
	}
	return 0
}

// keep is how many of n sentences come before the held-out last fraction,
// rounded as tagger.Split rounds.
func keep(n int, holdout float64) int {
	return max(0, min(n, int(math.Round(float64(n)*(1-holdout)))))
}

func (c config) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

func generate(ctx context.Context, c config, log *slog.Logger) error {
	nm := c.nodeModules
	if nm == "" {
		tmp, err := os.MkdirTemp("", "kg-gazetteer-npm-")
		if err != nil {
			return fmt.Errorf("gen: temp dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		args := append([]string{"install", "--prefix", tmp, "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"}, npmPackages...)
		log.Info("installing npm inputs", "dir", tmp, "packages", npmPackages)
		cmd := exec.CommandContext(ctx, "npm", args...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gen: npm install: %w", err)
		}
		nm = filepath.Join(tmp, "node_modules")
	}

	cur, err := gazetteer.Load(curatedOnly{os.DirFS(c.dir)})
	if err != nil {
		return fmt.Errorf("gen: load curated data: %w", err)
	}
	src, err := readSources(c.geonames, nm)
	if err != nil {
		return err
	}

	b := newBuilder(cur)
	b.collect(src)

	stopPath := c.path(c.stoplist)
	if sents, err := readCoNLL(c.anercorp); err == nil {
		// The tagger is scored on the last sentences of the same file and
		// reads the gazetteer as features, so they must not shape it.
		sents = sents[:keep(len(sents), c.holdout)]
		b.stop = computeStoplist(sents, b.wantedForms(src.names))
		if err := writeFile(stopPath, formatStoplist(b.stop)); err != nil {
			return err
		}
		log.Info("stoplist computed", "corpus", c.anercorp, "entries", len(b.stop))
	} else {
		log.Warn("ANERcorp not readable, reusing committed stoplist", "err", err)
		if b.stop, err = readStoplist(stopPath); err != nil {
			return err
		}
	}

	if b.common, err = readWordList(c.path(c.common)); err != nil {
		return err
	}
	given := b.given(src.names)
	for _, n := range given {
		b.givenGen[normKey(n)] = true
	}
	places := b.places()
	if err := writeFile(filepath.Join(c.path(c.out), "places.tsv"), formatPlaces(places)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(c.path(c.out), "given_gen.txt"), formatGiven(given)); err != nil {
		return err
	}
	counts := map[string]int{}
	for _, p := range places {
		counts[p.src+"/"+p.kind]++
	}
	log.Info("generated", "places", len(places), "given", len(given), "by source/kind", fmt.Sprint(counts))
	return nil
}

// curatedOnly hides the generated files, so the generator sees only the
// hand-curated data.
type curatedOnly struct{ fs.FS }

func (c curatedOnly) Open(name string) (fs.File, error) {
	if name == "data/places.tsv" || name == "data/given_gen.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return c.FS.Open(name)
}

type sources struct {
	geoAr, geoEn   map[string]string // GeoNames msgid (country code, admin1 code, geonameid) → name
	terrAr, terrEn map[string]string // CLDR territory code → name
	zoneAr, zoneEn map[string]string // CLDR zone id → exemplar city
	zoneTerr       map[string]string // zone id → territory code
	names          []string          // Arabic given names
}

func readSources(geonames, nm string) (*sources, error) {
	var s sources
	var err error
	if s.geoAr, err = readMO(filepath.Join(geonames, "ar", "LC_MESSAGES", "geonames.mo")); err != nil {
		return nil, fmt.Errorf("gen: geonames (apt-get install libgeonames-common): %w", err)
	}
	if s.geoEn, err = readMO(filepath.Join(geonames, "en", "LC_MESSAGES", "geonames.mo")); err != nil {
		return nil, fmt.Errorf("gen: geonames: %w", err)
	}
	if s.terrAr, err = cldrTerritories(nm, "ar"); err != nil {
		return nil, fmt.Errorf("gen: cldr: %w", err)
	}
	if s.terrEn, err = cldrTerritories(nm, "en"); err != nil {
		return nil, fmt.Errorf("gen: cldr: %w", err)
	}
	if s.zoneAr, err = cldrExemplarCities(nm, "ar"); err != nil {
		return nil, fmt.Errorf("gen: cldr: %w", err)
	}
	if s.zoneEn, err = cldrExemplarCities(nm, "en"); err != nil {
		return nil, fmt.Errorf("gen: cldr: %w", err)
	}
	if s.zoneTerr, err = cldrZoneTerritories(nm); err != nil {
		return nil, fmt.Errorf("gen: cldr: %w", err)
	}
	if s.names, err = givenNames(nm); err != nil {
		return nil, fmt.Errorf("gen: names: %w", err)
	}
	return &s, nil
}

// readWordList reads a | separated word list with # comments into a set
// of normalized keys.
func readWordList(path string) (map[string]bool, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gen: word list: %w", err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Split(line, "|") {
			if k := normKey(w); k != "" {
				out[k] = true
			}
		}
	}
	return out, nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}

// place is a generated entry before it is written.
type place struct {
	id      string
	kind    string // country, region, city
	country string // entry id of the country
	code    string // ISO code (countries), admin1 code, geonameid or zone id
	en      []string
	ar      []string // as written; ar[0] becomes the name
	src     string   // geonames or cldr
	order   int      // collection order, for stable merging
}

type builder struct {
	cur       *gazetteer.Gazetteer
	curated   map[string]string // normalized alias → curated entry id (all types)
	curPlace  map[string]string // normalized alias → curated place id
	raw       []*place
	countryID map[string]string // ISO code → entry id
	stop      map[string]stopEntry
	common    map[string]bool // normalized hand-picked ordinary words
	givenGen  map[string]bool // normalized generated given names
}

func newBuilder(cur *gazetteer.Gazetteer) *builder {
	b := &builder{cur: cur, curated: map[string]string{}, curPlace: map[string]string{}, countryID: map[string]string{}, givenGen: map[string]bool{}}
	for _, e := range cur.Entries() {
		for _, a := range e.Aliases {
			k := normKey(a)
			if _, ok := b.curated[k]; !ok {
				b.curated[k] = e.ID
			}
			if e.Type == gazetteer.Place {
				if _, ok := b.curPlace[k]; !ok {
					b.curPlace[k] = e.ID
				}
			}
		}
	}
	return b
}

// normKey is the normalized token sequence of a name, space separated.
func normKey(s string) string {
	var parts []string
	for _, t := range arabic.Tokenize(s) {
		parts = append(parts, t.Norm)
	}
	return strings.Join(parts, " ")
}

// notCountries are CLDR two-letter codes that are not countries.
var notCountries = map[string]bool{"EU": true, "EZ": true, "UN": true, "QO": true, "ZZ": true, "XA": true, "XB": true, "AQ": true}

func (b *builder) collect(s *sources) {
	add := func(p *place) {
		p.order = len(b.raw)
		b.raw = append(b.raw, p)
	}
	// Countries: CLDR gives the short common names, GeoNames more forms.
	codes := map[string]bool{}
	for k := range s.terrAr {
		if code, _, _ := strings.Cut(k, "-alt-"); len(code) == 2 && isUpperASCII(code) && !notCountries[code] {
			codes[code] = true
		}
	}
	for k := range s.geoAr {
		if len(k) == 2 && isUpperASCII(k) && !notCountries[k] {
			codes[k] = true
		}
	}
	for _, code := range sortedKeys(codes) {
		p := &place{kind: "country", code: code, src: "cldr"}
		p.en = appendNonEmpty(p.en, s.terrEn[code], s.geoEn[code])
		p.ar = appendNonEmpty(p.ar, s.terrAr[code], s.terrAr[code+"-alt-short"], s.terrAr[code+"-alt-variant"], s.geoAr[code])
		if s.terrAr[code] == "" {
			p.src = "geonames"
		}
		add(p)
	}
	// Country ids: the curated entry when one of the Arabic names or the
	// English name is a curated country's, else a new slug.
	for _, p := range b.raw {
		id := ""
		for _, a := range p.ar {
			if cid := b.curPlace[normKey(a)]; cid != "" && b.cur.Get(cid).Kind == "country" {
				id = cid
				break
			}
		}
		if id == "" && len(p.en) > 0 {
			if e := b.cur.Get("place:" + slug(p.en[0])); e != nil && e.Kind == "country" {
				id = e.ID
			}
		}
		if id != "" {
			p.id = id
		}
		b.countryID[p.code] = id // "" until ids are assigned
	}
	// Regions of the world (UN M.49 codes), except "World".
	for _, code := range sortedKeys(s.terrAr) {
		if code == "001" || !isDigits(code) {
			continue
		}
		add(&place{kind: "region", code: code, src: "cldr", en: appendNonEmpty(nil, s.terrEn[code]), ar: []string{s.terrAr[code]}})
	}
	// GeoNames first-level regions ("SY.10") and cities (geonameid).
	var admin, city []string
	for k := range s.geoAr {
		switch {
		case strings.Contains(k, "."):
			admin = append(admin, k)
		case isDigits(k):
			city = append(city, k)
		}
	}
	sort.Strings(admin)
	sort.Slice(city, func(i, j int) bool { return atoi(city[i]) < atoi(city[j]) })
	// CLDR exemplar cities come before GeoNames cities: they are the larger
	// ones and carry a country.
	for _, z := range sortedKeys(s.zoneAr) {
		if strings.HasPrefix(z, "Etc/") {
			continue
		}
		en := s.zoneEn[z]
		if en == "" {
			en = strings.ReplaceAll(z[strings.LastIndex(z, "/")+1:], "_", " ")
		}
		add(&place{kind: "city", code: z, src: "cldr", en: []string{en}, ar: []string{s.zoneAr[z]}, country: s.zoneTerr[z]})
	}
	for _, k := range admin {
		cc, _, _ := strings.Cut(k, ".")
		add(&place{kind: "region", code: k, src: "geonames", en: appendNonEmpty(nil, s.geoEn[k]), ar: []string{s.geoAr[k]}, country: cc})
	}
	for _, k := range city {
		add(&place{kind: "city", code: k, src: "geonames", en: appendNonEmpty(nil, s.geoEn[k]), ar: []string{s.geoAr[k]}})
	}
	for _, p := range b.raw {
		var ar []string
		for _, a := range p.ar {
			ar = appendNonEmpty(ar, cleanName(a))
		}
		p.ar = ar
		var en []string
		for _, a := range p.en {
			en = appendNonEmpty(en, cleanName(a))
		}
		p.en = en
	}
}

// cleanName drops a parenthesised or comma-separated qualifier:
// "كادوما، أوساكا" → "كادوما".
// Invisible format characters (bidi marks) are removed.
func cleanName(s string) string {
	if i := strings.IndexAny(s, "(،,"); i >= 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// wantedForms returns the normalized keys the stoplist is computed for:
// every Arabic place alias and every given name.
func (b *builder) wantedForms(names []string) map[string]map[string]bool {
	out := map[string]map[string]bool{"place": {}, "given": {}}
	for _, p := range b.raw {
		for _, a := range p.ar {
			out["place"][normKey(a)] = true
		}
	}
	for _, n := range names {
		out["given"][normKey(n)] = true
	}
	return out
}

// aliasOK reports whether a generated Arabic alias of p is safe to match
// on: not a curated word-list entry, not an ordinary word by the stoplists,
// and (except for countries and CLDR cities) not a given name.
func (b *builder) aliasOK(p *place, a string) bool {
	k := normKey(a)
	if k == "" || !hasArabic(a) || b.common[k] {
		return false
	}
	if !strings.Contains(k, " ") {
		if len([]rune(k)) < 3 {
			return false
		}
		if p.kind != "country" && p.src != "cldr" && b.givenGen[k] {
			return false
		}
		for _, kind := range []string{"person-title", "org-head", "place-head", "event-head", "month", "weekday", "speech-verb", "nationality"} {
			if b.cur.Has(kind, k) {
				return false
			}
		}
		if b.cur.GivenName(k) {
			return false
		}
	}
	if _, ok := b.stop["place\t"+k]; ok {
		return false
	}
	return true
}

// places filters, merges and names the collected places.
func (b *builder) places() []*place {
	taken := map[string]bool{}
	for _, e := range b.cur.Entries() {
		taken[e.ID] = true
	}
	byName := map[string]*place{} // normalized Arabic name → kept place
	var kept []*place
	for _, p := range b.raw {
		var ar []string
		for _, a := range p.ar {
			if !b.aliasOK(p, a) {
				continue
			}
			if _, ok := b.curPlace[normKey(a)]; ok {
				continue // curated wins
			}
			ar = appendNonEmpty(ar, a)
		}
		if p.id != "" || len(p.ar) == 0 || len(ar) == 0 || len(p.en) == 0 {
			continue // a curated country, or nothing left to match on
		}
		if _, ok := b.curPlace[normKey(p.ar[0])]; ok {
			continue // the primary name is a curated place's: the same place
		}
		p.ar = ar
		key := normKey(p.ar[0])
		if q := byName[key]; q != nil {
			// Same Arabic name: one entry (the first collected) with both
			// English names.
			q.en = appendNonEmpty(q.en, p.en...)
			for _, a := range p.ar[1:] {
				q.ar = appendNonEmpty(q.ar, a)
			}
			continue
		}
		byName[key] = p
		kept = append(kept, p)
	}
	// Ids: countries first so cities can refer to them.
	sort.SliceStable(kept, func(i, j int) bool { return kindRank(kept[i].kind) < kindRank(kept[j].kind) })
	for _, p := range kept {
		s := slug(p.en[0])
		if s == "" {
			s = "x-" + slug(p.code)
		}
		id := "place:" + s
		if taken[id] && p.country != "" {
			id = "place:" + s + "-" + strings.ToLower(p.country)
		}
		if taken[id] {
			id = "place:" + s + "-" + slug(p.code)
		}
		for n := 2; taken[id]; n++ {
			id = "place:" + s + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		p.id = id
		if p.kind == "country" {
			b.countryID[p.code] = id
		}
	}
	for _, p := range kept {
		if p.kind != "country" {
			p.country = b.countryID[p.country]
		} else {
			p.country = ""
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].id < kept[j].id })
	return kept
}

func kindRank(k string) int {
	switch k {
	case "country":
		return 0
	case "region":
		return 1
	}
	return 2
}

// given returns the generated given names: single Arabic words of three
// letters or more that are not already curated, not ordinary words by the
// stoplist, and not names of curated entities.
func (b *builder) given(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := normKey(n)
		// Names with the article are the second half of compounds
		// (عبد الرحيم), not given names on their own.
		if !hasArabic(n) || strings.Contains(k, " ") || len([]rune(k)) < 3 || seen[k] || strings.HasPrefix(k, "ال") {
			continue
		}
		if b.cur.GivenName(k) || b.curated[k] != "" {
			continue
		}
		if _, ok := b.stop["given\t"+k]; ok {
			continue
		}
		isWord := false
		for _, kind := range []string{"person-title", "org-head", "place-head", "event-head", "month", "weekday", "speech-verb", "nationality"} {
			isWord = isWord || b.cur.Has(kind, k)
		}
		if isWord {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func formatPlaces(ps []*place) []byte {
	var sb strings.Builder
	sb.WriteString("# Generated by `go generate` (gen/); do not edit. Sources and licences: SOURCES.md.\n")
	sb.WriteString("# Same columns as curated.tsv: id kind country wikidata nameEn name aliases more\n")
	for _, p := range ps {
		aliases := append(append([]string{}, p.ar[1:]...), p.en[1:]...)
		fmt.Fprintf(&sb, "%s\t%s\t%s\t\t%s\t%s\t%s\tsrc=%s\n", p.id, p.kind, p.country, p.en[0], p.ar[0], strings.Join(aliases, "|"), p.src)
	}
	return []byte(sb.String())
}

func formatGiven(names []string) []byte {
	var sb strings.Builder
	sb.WriteString("# Generated by `go generate` (gen/) from arabic-name-to-en (ISC); do not edit. See SOURCES.md.\n")
	for _, n := range names {
		sb.WriteString(n)
		sb.WriteByte('\n')
	}
	return []byte(sb.String())
}

func appendNonEmpty(dst []string, vs ...string) []string {
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		dup := false
		for _, d := range dst {
			dup = dup || d == v
		}
		if !dup {
			dst = append(dst, v)
		}
	}
	return dst
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isUpperASCII(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func hasArabic(s string) bool {
	for _, r := range s {
		if arabic.IsArabic(r) {
			return true
		}
	}
	return false
}
