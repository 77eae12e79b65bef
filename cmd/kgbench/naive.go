package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// naiveFile says how the naive loader writes the rows of one export file.
type naiveFile struct {
	file     string
	labels   []string // nodes: first is the MERGE label
	relType  string   // relationships
	from, to string   // labels of the ends
	ident    string   // property merged on, if any
}

var naiveFiles = []naiveFile{
	{file: "articles.csv", labels: []string{"Article"}},
	{file: "sentences.csv", labels: []string{"Sentence"}},
	{file: "persons.csv", labels: []string{"Entity", "Person"}},
	{file: "organizations.csv", labels: []string{"Entity", "Organization"}},
	{file: "places.csv", labels: []string{"Entity", "Place"}},
	{file: "events.csv", labels: []string{"Entity", "Event"}},
	{file: "has_sentence.csv", relType: "HAS_SENTENCE", from: "Article", to: "Sentence"},
	{file: "article_mentions.csv", relType: "MENTIONS", from: "Article", to: "Entity"},
	{file: "sentence_mentions.csv", relType: "MENTIONS", from: "Sentence", to: "Entity", ident: "start"},
	{file: "holds_role.csv", relType: "HOLDS_ROLE", from: "Entity", to: "Entity", ident: "title"},
	{file: "spokesperson_for.csv", relType: "SPOKESPERSON_FOR", from: "Entity", to: "Entity"},
	{file: "member_of.csv", relType: "MEMBER_OF", from: "Entity", to: "Entity"},
	{file: "part_of.csv", relType: "PART_OF", from: "Entity", to: "Entity"},
	{file: "participated_in.csv", relType: "PARTICIPATED_IN", from: "Entity", to: "Entity", ident: "role"},
	{file: "occurred_in.csv", relType: "OCCURRED_IN", from: "Entity", to: "Entity"},
	{file: "co_mentioned.csv", relType: "CO_MENTIONED", from: "Entity", to: "Entity"},
	{file: "renamed_to.csv", relType: "RENAMED_TO", from: "Entity", to: "Entity"},
}

// naive loads the first BENCH_NAIVE_N articles the way a first attempt
// would: one statement, in its own transaction, per node and per
// relationship, with the graph kg export computes.
func (b *bench) naive(ctx context.Context) error {
	if err := b.fresh(ctx); err != nil {
		return err
	}
	path, err := b.corpus(ctx, b.cfg.naiveN)
	if err != nil {
		return err
	}
	dir := filepath.Join(b.work, "naive")
	if _, err := b.runKG(ctx, "export", "--format", "csv", dir, path); err != nil {
		return err
	}
	b.logf("naive loader, %d articles", b.cfg.naiveN)
	cpu0 := b.srv.cpu()
	t := time.Now()
	for _, f := range naiveFiles {
		if err := b.naiveFile(ctx, dir, f); err != nil {
			return err
		}
	}
	secs := time.Since(t).Seconds()
	counts, err := b.store.Counts(ctx)
	if err != nil {
		return err
	}
	r := row{phase: "naive loader: one statement per node and relationship", articles: int64(b.cfg.naiveN),
		elements: counts.Nodes["*"] + counts.Relationships["*"], seconds: secs, neo4jCPU: b.srv.cpu() - cpu0}
	b.facts.naive = r
	b.rows = append(b.rows, r)
	return nil
}

func (b *bench) naiveFile(ctx context.Context, dir string, f naiveFile) error {
	fh, err := os.Open(filepath.Join(dir, f.file))
	if err != nil {
		return err
	}
	defer fh.Close()
	rd := csv.NewReader(fh)
	header, err := rd.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", f.file, err)
	}
	var q string
	if f.relType == "" {
		q = "MERGE (n:" + f.labels[0] + " {id: $id}) SET n += $props"
		for _, l := range f.labels[1:] {
			q += ", n:" + l
		}
	} else {
		ident := ""
		if f.ident != "" {
			ident = " {" + f.ident + ": $ident}"
		}
		q = "MATCH (a:" + f.from + " {id: $from}) MATCH (b:" + f.to + " {id: $to}) MERGE (a)-[r:" + f.relType + ident + "]->(b) SET r += $props"
	}
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.file, err)
		}
		props := map[string]any{}
		for i, name := range header {
			if i < 2 && (name == "id" || name == "from" || name == "to") || rec[i] == "" {
				continue
			}
			props[name] = naiveValue(name, rec[i])
		}
		params := map[string]any{"props": props}
		if f.relType == "" {
			params["id"] = rec[0]
		} else {
			params["from"], params["to"] = rec[0], rec[1]
			if f.ident != "" {
				params["ident"] = props[f.ident]
			}
		}
		if _, err := b.store.Exec(ctx, q, params); err != nil {
			return err
		}
	}
}

// naiveValue types a CSV value by its column.
func naiveValue(name, v string) any {
	switch name {
	case "index", "start", "end", "count", "mentionCount", "articleCount", "sentences":
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	case "aliases", "articles", "sentenceIds":
		return strings.Split(v, ";")
	}
	return v
}
