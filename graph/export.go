package graph

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kgraph/kg/extract"
)

// ExportFormat is the CSV dialect Export writes.
type ExportFormat int

const (
	// FormatAdmin writes headers for `neo4j-admin database import full`
	// (id:ID(space), :START_ID, :END_ID, :LABEL, :TYPE, typed columns such
	// as count:long and aliases:string[]) and the file neo4j-admin.args.
	FormatAdmin ExportFormat = iota
	// FormatCSV writes plain headers and load-csv.cypher, the LOAD CSV
	// statements (with MERGE) that load the files into a running server.
	FormatCSV
)

// ErrExport marks input that the CSV files cannot represent, such as an
// article id given twice or a value holding the array delimiter.
var ErrExport = errors.New("cannot export")

// ExportConfig configures an Exporter.
type ExportConfig struct {
	Dir    string // created if missing; existing export files are replaced
	Format ExportFormat
	// ArrayDelimiter separates the elements of list properties (and the
	// labels of :LABEL); 0 means ';', neo4j-admin's default.
	ArrayDelimiter rune
	// SortMemory is the number of bytes of per-entity and per-relation
	// records held in memory before they are sorted on disk; 0 means 64 MiB.
	SortMemory int
}

// ExportSummary describes what an Exporter wrote.
type ExportSummary struct {
	Articles      int
	Nodes         map[string]int64 // per label, and "*"
	Relationships map[string]int64 // per type, and "*"
	Files         []string         // the CSV files, absolute
	// AdminArgs are the arguments of `neo4j-admin database import full
	// <database>` that import the files (FormatAdmin), also written to
	// neo4j-admin.args; Script is load-csv.cypher (FormatCSV).
	AdminArgs []string
	Script    string
}

// Exporter writes the graph of a stream of extraction results as CSV files
// for a bulk load, with the same nodes, relationships and properties as
// Write gives for the same results: the per-article rows are written as
// they come, and the aggregated ones (entities, typed relations) are
// sorted on disk and reduced at Close, so memory does not grow with the
// corpus. Article ids must be distinct.
type Exporter struct {
	cfg       ExportConfig
	delim     string
	tables    map[string]*table
	entities  *spill // entity id \0 label \0 view
	relations *spill // type \0 from \0 to \0 key \0 article \0 sentence id
	seen      map[string]bool
	tmp       string
	multiline bool
	sum       ExportSummary
	buf       []byte
}

// column kinds
const (
	str = iota
	long
	strList
)

type column struct {
	name string
	kind int
}

// table is one CSV file: the nodes of one label or the relationships of
// one type (and for MENTIONS, of one kind of start node).
type table struct {
	file       string
	node       bool
	labels     []string // nodes
	relType    string   // relationships
	from, to   string   // id spaces
	cols       []column // properties
	f          *os.File
	w          *bufio.Writer
	rows       int64
	countLabel string // the key of Summary.Nodes or Relationships
}

var (
	articleCols  = []column{{"path", str}, {"title", str}, {"url", str}, {"source", str}, {"published", str}, {"lang", str}, {"contentHash", str}}
	sentenceCols = []column{{"index", long}, {"text", str}, {"start", long}, {"end", long}, {"article", str}}
	entityCols   = []column{{"name", str}, {"aliases", strList}, {"nameEn", str}, {"wikidata", str}, {"mentionCount", long}, {"articleCount", long}}
	eventCols    = append(slices.Clone(entityCols), column{"type", str}, column{"date", str}, column{"evidence", str})
	viewCols     = []column{{"count", long}, {"name", str}, {"aliases", strList}, {"nameEn", str}, {"wikidata", str}, {"type", str}, {"date", str}, {"evidence", str}}
	mentionCols  = []column{{"start", long}, {"end", long}, {"text", str}}
)

func relationCols(typ string) []column {
	var cols []column
	if k := relationKey(typ); k != "" {
		cols = append(cols, column{k, str})
	}
	cols = append(cols, column{"articles", strList}, column{"sentenceIds", strList}, column{"count", long})
	if typ == extract.CoMentioned {
		cols = append(cols, column{"sentences", long})
	}
	return cols
}

// entityFile names the node file of an entity label.
func entityFile(label string) string {
	return strings.ToLower(label) + "s.csv"
}

// NewExporter creates the export directory and opens the CSV files.
func NewExporter(cfg ExportConfig) (*Exporter, error) {
	if cfg.ArrayDelimiter == 0 {
		cfg.ArrayDelimiter = ';'
	}
	if cfg.ArrayDelimiter == ',' || cfg.ArrayDelimiter == '"' || cfg.ArrayDelimiter == '\n' {
		return nil, fmt.Errorf("graph export: array delimiter %q clashes with CSV syntax: %w", cfg.ArrayDelimiter, ErrExport)
	}
	if cfg.SortMemory <= 0 {
		cfg.SortMemory = 64 << 20
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("graph export: %w", err)
	}
	cfg.Dir = dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("graph export: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, ".sort-")
	if err != nil {
		return nil, fmt.Errorf("graph export: %w", err)
	}
	x := &Exporter{
		cfg:       cfg,
		delim:     string(cfg.ArrayDelimiter),
		tables:    map[string]*table{},
		entities:  newSpill(tmp, cfg.SortMemory/2),
		relations: newSpill(tmp, cfg.SortMemory/2),
		seen:      map[string]bool{},
		tmp:       tmp,
		sum:       ExportSummary{Nodes: map[string]int64{}, Relationships: map[string]int64{}},
	}
	add := func(key string, t *table) { x.tables[key] = t }
	add("Article", &table{file: "articles.csv", node: true, labels: []string{"Article"}, from: "Article", cols: articleCols, countLabel: "Article"})
	add("Sentence", &table{file: "sentences.csv", node: true, labels: []string{"Sentence"}, from: "Sentence", cols: sentenceCols, countLabel: "Sentence"})
	for _, l := range entityTypes() {
		cols := entityCols
		if l == extract.Event {
			cols = eventCols
		}
		add(l, &table{file: entityFile(l), node: true, labels: []string{"Entity", l}, from: "Entity", cols: cols, countLabel: l})
	}
	add("HAS_SENTENCE", &table{file: "has_sentence.csv", relType: "HAS_SENTENCE", from: "Article", to: "Sentence", countLabel: "HAS_SENTENCE"})
	add("ARTICLE_MENTIONS", &table{file: "article_mentions.csv", relType: "MENTIONS", from: "Article", to: "Entity", cols: viewCols, countLabel: "MENTIONS"})
	add("SENTENCE_MENTIONS", &table{file: "sentence_mentions.csv", relType: "MENTIONS", from: "Sentence", to: "Entity", cols: mentionCols, countLabel: "MENTIONS"})
	for _, t := range relationTypes() {
		add(t, &table{file: strings.ToLower(t) + ".csv", relType: t, from: "Entity", to: "Entity", cols: relationCols(t), countLabel: t})
	}
	for _, t := range x.tableOrder() {
		if err := x.open(t); err != nil {
			x.abort()
			return nil, err
		}
	}
	return x, nil
}

// tableOrder lists the tables in a fixed order: nodes, then relationships.
func (x *Exporter) tableOrder() []*table {
	keys := append([]string{"Article", "Sentence"}, entityTypes()...)
	keys = append(keys, "HAS_SENTENCE", "ARTICLE_MENTIONS", "SENTENCE_MENTIONS")
	keys = append(keys, relationTypes()...)
	out := make([]*table, len(keys))
	for i, k := range keys {
		out[i] = x.tables[k]
	}
	return out
}

// open creates a table's file and writes its header.
func (x *Exporter) open(t *table) error {
	f, err := os.Create(filepath.Join(x.cfg.Dir, t.file))
	if err != nil {
		return fmt.Errorf("graph export: %w", err)
	}
	t.f, t.w = f, bufio.NewWriterSize(f, 1<<16)
	var h []string
	admin := x.cfg.Format == FormatAdmin
	switch {
	case t.node && admin:
		h = append(h, "id:ID("+t.from+")")
	case t.node:
		h = append(h, "id")
	case admin:
		h = append(h, ":START_ID("+t.from+")", ":END_ID("+t.to+")")
	default:
		h = append(h, "from", "to")
	}
	for _, c := range t.cols {
		name := c.name
		if admin {
			switch c.kind {
			case long:
				name += ":long"
			case strList:
				name += ":string[]"
			}
		}
		h = append(h, name)
	}
	if admin && t.node {
		h = append(h, ":LABEL")
	} else if admin {
		h = append(h, ":TYPE")
	}
	for i, name := range h {
		if i > 0 {
			t.w.WriteByte(',')
		}
		t.w.WriteString(name)
	}
	t.w.WriteByte('\n')
	return nil
}

// Add writes one article's rows and records its share of the entities and
// typed relations. A Result that breaks the extraction contract fails with
// ErrInvalid, an article id seen before with ErrExport; nothing of that
// Result is written.
func (x *Exporter) Add(r extract.Result) error {
	c, err := checkResult(&r)
	if err != nil {
		return err
	}
	aid := r.Article.ID
	if x.seen[aid] {
		return fmt.Errorf("graph export: article %q given twice: %w", aid, ErrExport)
	}
	if err := x.checkDelim(&r); err != nil {
		return err
	}
	x.seen[aid] = true
	x.sum.Articles++
	a := r.Article
	x.row(x.tables["Article"], aid, "", []any{orNil(a.Path), orNil(a.Title), orNil(a.URL), orNil(a.Source),
		orNil(a.Published), orNil(a.Lang), orNil(a.ContentHash)})
	for _, s := range r.Sentences {
		sid := SentenceID(aid, s.Index)
		x.row(x.tables["Sentence"], sid, "", []any{int64(s.Index), s.Text, int64(s.Start), int64(s.End), aid})
		x.row(x.tables["HAS_SENTENCE"], aid, sid, nil)
	}
	for i := range r.Entities {
		e := &r.Entities[i]
		props, v := mentionView(aid, e)
		x.row(x.tables["ARTICLE_MENTIONS"], aid, e.ID, []any{v.count, e.Name, props["aliases"], props["nameEn"], props["wikidata"],
			props["type"], props["date"], props["evidence"]})
		for _, m := range e.Mentions {
			x.row(x.tables["SENTENCE_MENTIONS"], SentenceID(aid, m.Sentence), e.ID, []any{int64(m.Start), int64(m.End), m.Text})
		}
		if err := x.entities.add(encodeView(x.buf[:0], e.ID, e.Type, &v)); err != nil {
			return err
		}
	}
	for i, rel := range r.Relations {
		k := c.rels[i]
		b := append(x.buf[:0], k.typ...)
		for _, s := range []string{k.from, k.to, k.key, aid, SentenceID(aid, rel.Sentence)} {
			b = append(append(b, 0), s...)
		}
		x.buf = b
		if err := x.relations.add(b); err != nil {
			return err
		}
	}
	return nil
}

// checkDelim rejects list values that hold the array delimiter: the
// files could not tell the elements apart.
func (x *Exporter) checkDelim(r *extract.Result) error {
	bad := func(what, v string) error {
		return fmt.Errorf("graph export: article %q: %s %q holds the array delimiter %q (choose another): %w",
			r.Article.ID, what, v, x.delim, ErrExport)
	}
	if strings.Contains(r.Article.ID, x.delim) {
		return bad("id", r.Article.ID)
	}
	for _, e := range r.Entities {
		for _, a := range e.Aliases {
			if strings.Contains(a, x.delim) {
				return bad("alias", a)
			}
		}
	}
	return nil
}

// encodeView appends a sortable record of one article's view of an entity.
func encodeView(b []byte, id, label string, v *view) []byte {
	b = append(append(append(append(b, id...), 0), label...), 0)
	put := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(v.count))
	for k := range nModes {
		if v.has(k) {
			b = append(b, 1)
			put(v.modes[k])
		} else {
			b = append(b, 0)
		}
	}
	put(v.evidence)
	b = binary.AppendUvarint(b, uint64(len(v.aliases)))
	for _, a := range v.aliases {
		put(a)
	}
	return b
}

// decodeView reads a record of encodeView.
func decodeView(rec []byte) (id, label string, v view, err error) {
	parts := bytes.SplitN(rec, []byte{0}, 3)
	if len(parts) != 3 {
		return "", "", v, fmt.Errorf("graph export: bad entity record")
	}
	id, label = string(parts[0]), string(parts[1])
	b := parts[2]
	fail := false
	uv := func() uint64 {
		n, k := binary.Uvarint(b)
		if k <= 0 {
			fail = true
			return 0
		}
		b = b[k:]
		return n
	}
	get := func() string {
		n := uv()
		if fail || uint64(len(b)) < n {
			fail = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	v.count = int64(uv())
	for k := range nModes {
		if len(b) == 0 {
			fail = true
			break
		}
		has := b[0] == 1
		b = b[1:]
		if has {
			v.modes[k] = get()
		}
	}
	v.evidence = get()
	n := uv()
	for i := uint64(0); i < n && !fail; i++ {
		v.aliases = append(v.aliases, get())
	}
	if fail {
		return "", "", v, fmt.Errorf("graph export: bad entity record")
	}
	return id, label, v, nil
}

// row writes one CSV row of t: the id (or start and end ids) and the
// values in the order of t.cols. A nil value or an empty list is absent; an
// empty string is present and written as "".
func (x *Exporter) row(t *table, id, to string, values []any) {
	w := t.w
	x.field(w, id)
	if !t.node {
		w.WriteByte(',')
		x.field(w, to)
	}
	for _, v := range values {
		w.WriteByte(',')
		switch v := v.(type) {
		case string:
			x.field(w, v)
		case int64:
			w.WriteString(strconv.FormatInt(v, 10))
		case []string:
			if len(v) > 0 { // the graph stores no empty list
				x.field(w, strings.Join(v, x.delim))
			}
		}
	}
	if x.cfg.Format == FormatAdmin {
		w.WriteByte(',')
		if t.node {
			w.WriteString(strings.Join(t.labels, x.delim))
		} else {
			w.WriteString(t.relType)
		}
	}
	w.WriteByte('\n')
	t.rows++
}

// orNil turns an empty string into an absent value, as Write stores
// Article properties.
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// field writes one value, quoted when it must be; an empty one as "".
func (x *Exporter) field(w *bufio.Writer, s string) {
	if s != "" && !strings.ContainsAny(s, ",\"\r\n") && s == strings.TrimSpace(s) {
		w.WriteString(s)
		return
	}
	if strings.ContainsAny(s, "\r\n") {
		x.multiline = true
	}
	w.WriteByte('"')
	w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	w.WriteByte('"')
}

// Close writes the entity and typed relation files, closes every file,
// writes neo4j-admin.args or load-csv.cypher, and returns a summary. The
// Exporter cannot be used afterwards.
func (x *Exporter) Close() (ExportSummary, error) {
	defer x.abort()
	if err := x.writeEntities(); err != nil {
		return ExportSummary{}, err
	}
	if err := x.writeRelations(); err != nil {
		return ExportSummary{}, err
	}
	for _, t := range x.tableOrder() {
		if err := t.w.Flush(); err != nil {
			return ExportSummary{}, fmt.Errorf("graph export: %w", err)
		}
		if err := t.f.Close(); err != nil {
			return ExportSummary{}, fmt.Errorf("graph export: %w", err)
		}
		t.f = nil
		path := filepath.Join(x.cfg.Dir, t.file)
		x.sum.Files = append(x.sum.Files, path)
		if t.node {
			x.sum.Nodes[t.countLabel] += t.rows
			x.sum.Nodes["*"] += t.rows
			if slices.Contains(t.labels, "Entity") {
				x.sum.Nodes["Entity"] += t.rows
			}
		} else {
			x.sum.Relationships[t.countLabel] += t.rows
			x.sum.Relationships["*"] += t.rows
		}
	}
	switch x.cfg.Format {
	case FormatAdmin:
		x.sum.AdminArgs = x.adminArgs()
		path := filepath.Join(x.cfg.Dir, "neo4j-admin.args")
		if err := os.WriteFile(path, []byte(strings.Join(x.sum.AdminArgs, "\n")+"\n"), 0o644); err != nil {
			return ExportSummary{}, fmt.Errorf("graph export: %w", err)
		}
	case FormatCSV:
		x.sum.Script = x.loadScript()
		path := filepath.Join(x.cfg.Dir, "load-csv.cypher")
		if err := os.WriteFile(path, []byte(x.sum.Script), 0o644); err != nil {
			return ExportSummary{}, fmt.Errorf("graph export: %w", err)
		}
	}
	return x.sum, nil
}

// Dir is the export directory, absolute.
func (x *Exporter) Dir() string { return x.cfg.Dir }

// Abort stops an export that will not be closed: it closes the files,
// leaving them incomplete, and removes the temporary sort files. It may be
// called after Close.
func (x *Exporter) Abort() { x.abort() }

// abort closes what is open and removes the sort directory.
func (x *Exporter) abort() {
	for _, t := range x.tables {
		if t.f != nil {
			t.f.Close()
			t.f = nil
		}
	}
	x.entities.close()
	x.relations.close()
	os.RemoveAll(x.tmp)
}

// writeEntities reduces the sorted entity views to one row per entity.
func (x *Exporter) writeEntities() error {
	var cur, label string
	var t tally
	flush := func() {
		if cur == "" {
			return
		}
		p := t.props()
		values := []any{p["name"], p["aliases"], p["nameEn"], p["wikidata"], t.mentions, t.articles}
		if label == extract.Event {
			values = append(values, p["type"], p["date"], p["evidence"])
		}
		x.row(x.tables[label], cur, "", values)
	}
	err := x.entities.each(func(rec []byte) error {
		id, l, v, err := decodeView(rec)
		if err != nil {
			return err
		}
		if id != cur {
			flush()
			cur, label, t = id, l, tally{}
		}
		t.add(&v)
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// writeRelations reduces the sorted relation records to one row per typed
// relation, with its provenance lists sorted and distinct.
func (x *Exporter) writeRelations() error {
	var key []byte
	var typ, from, to, ident string
	var articles, sids []string
	flush := func() {
		if key == nil {
			return
		}
		slices.Sort(articles)
		articles = slices.Compact(articles)
		slices.Sort(sids)
		sids = slices.Compact(sids)
		var values []any
		if relationKey(typ) != "" {
			values = append(values, ident)
		}
		values = append(values, articles, sids, int64(len(sids)))
		if typ == extract.CoMentioned {
			values = append(values, int64(len(sids)))
		}
		x.row(x.tables[typ], from, to, values)
	}
	err := x.relations.each(func(rec []byte) error {
		parts := bytes.SplitN(rec, []byte{0}, 6)
		if len(parts) != 6 {
			return fmt.Errorf("graph export: bad relation record")
		}
		k := rec[:len(parts[0])+len(parts[1])+len(parts[2])+len(parts[3])+3]
		if !bytes.Equal(k, key) {
			flush()
			key = append(key[:0], k...)
			typ, from, to, ident = string(parts[0]), string(parts[1]), string(parts[2]), string(parts[3])
			articles, sids = articles[:0], sids[:0]
		}
		articles = append(articles, string(parts[4]))
		sids = append(sids, string(parts[5]))
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// adminArgs are the neo4j-admin import arguments for the files.
func (x *Exporter) adminArgs() []string {
	args := []string{"--array-delimiter=" + adminChar(x.cfg.ArrayDelimiter)}
	if x.multiline {
		args = append(args, "--multiline-fields=true")
	}
	for _, t := range x.tableOrder() {
		path := filepath.Join(x.cfg.Dir, t.file)
		if t.node {
			args = append(args, "--nodes="+path)
		} else {
			args = append(args, "--relationships="+path)
		}
	}
	return args
}

// adminChar spells a delimiter the way neo4j-admin reads it.
func adminChar(r rune) string {
	if r == '\t' {
		return "TAB"
	}
	if r < ' ' || r > '~' {
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}

// loadScript returns LOAD CSV statements that load the files into a
// running server with MERGE, nodes first. Each reads its file from
// $base + name (e.g. 'file:///export/'), in transactions of 10,000 rows;
// run them as auto-commit statements (cypher-shell does). Schema first:
// kg schema.
func (x *Exporter) loadScript() string {
	var b strings.Builder
	b.WriteString("// load-csv.cypher: loads the CSV files of `kg export --format csv` with LOAD CSV and MERGE.\n")
	b.WriteString("// Run `kg schema` first, then each statement in auto-commit mode with $base set to the\n")
	b.WriteString("// URL of the folder holding the files, e.g. :param base => 'file:///export/'.\n")
	value := func(c column) string {
		switch c.kind {
		case long:
			return "toInteger(row." + c.name + ")"
		case strList:
			return "split(row." + c.name + ", " + cypherString(x.delim) + ")"
		}
		return "row." + c.name
	}
	sets := func(v string, cols []column) string {
		var parts []string
		for _, c := range cols {
			parts = append(parts, v+"."+c.name+" = "+value(c))
		}
		return strings.Join(parts, ", ")
	}
	for _, t := range x.tableOrder() {
		b.WriteString("\nLOAD CSV WITH HEADERS FROM $base + '" + t.file + "' AS row\nCALL (row) {\n")
		if t.node {
			b.WriteString("  MERGE (n:" + t.labels[0] + " {id: row.id})\n")
			set := sets("n", t.cols)
			if len(t.labels) > 1 {
				set = "n:" + strings.Join(t.labels[1:], ":") + ", " + set
			}
			b.WriteString("  SET " + set + "\n")
		} else {
			b.WriteString("  MATCH (a:" + t.from + " {id: row.from})\n  MATCH (b:" + t.to + " {id: row.to})\n")
			var ident, rest []column
			for _, c := range t.cols {
				// The identity of a relation: its key property; a sentence's
				// mention of an entity is told apart by its offset.
				if c.name == relationKey(t.relType) || t.from == "Sentence" && t.relType == "MENTIONS" && c.name == "start" {
					ident = append(ident, c)
				} else {
					rest = append(rest, c)
				}
			}
			props := ""
			if len(ident) > 0 {
				var parts []string
				for _, c := range ident {
					parts = append(parts, c.name+": "+value(c))
				}
				props = " {" + strings.Join(parts, ", ") + "}"
			}
			b.WriteString("  MERGE (a)-[r:" + t.relType + props + "]->(b)\n")
			if len(rest) > 0 {
				b.WriteString("  SET " + sets("r", rest) + "\n")
			}
		}
		b.WriteString("} IN TRANSACTIONS OF 10000 ROWS;\n")
	}
	return b.String()
}

// cypherString quotes s as a Cypher string literal.
func cypherString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
