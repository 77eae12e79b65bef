// Package score measures extraction against hand annotations: entity-level
// precision, recall and F1 per type, event recall, and the share of real
// entities that end up as exactly one graph node.
package score

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/extract/arabic"
)

// Gold is the annotation of one article.
type Gold struct {
	Entities []GoldEntity
	Events   []GoldEvent
}

// GoldEntity is one real entity of an article: its type, a canonical name
// that is the same in every article, and the spellings the article uses.
type GoldEntity struct {
	Type    string
	Name    string
	Aliases []string
}

// GoldEvent is one main event of an article; Date and Place are "-" when the
// article does not fix them.
type GoldEvent struct {
	Type, Date, Place string
}

// ErrFormat is wrapped by errors about malformed annotation files.
var ErrFormat = errors.New("malformed annotation")

// ReadDir reads every <article-id>.tsv file of dir except entities.tsv and
// events.tsv, keyed by article id.
func ReadDir(dir string) (map[string]Gold, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	out := map[string]Gold{}
	for _, p := range paths {
		base := filepath.Base(p)
		if base == "entities.tsv" || base == "events.tsv" {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("score: %w", err)
		}
		g, err := Read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("score: %s:%w", p, err)
		}
		out[strings.TrimSuffix(base, ".tsv")] = g
	}
	return out, nil
}

// Read parses one annotation file.
func Read(r io.Reader) (Gold, error) {
	var g Gold
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" {
			continue
		}
		f := strings.Split(t, "\t")
		switch {
		case f[0] == "Event" && len(f) == 4:
			g.Events = append(g.Events, GoldEvent{Type: f[1], Date: f[2], Place: f[3]})
		case (f[0] == extract.Person || f[0] == extract.Organization || f[0] == extract.Place) && len(f) == 3:
			g.Entities = append(g.Entities, GoldEntity{Type: f[0], Name: f[1], Aliases: strings.Split(f[2], "|")})
		default:
			return g, fmt.Errorf("%d: %w: want type, name and aliases separated by tabs", line, ErrFormat)
		}
	}
	return g, sc.Err()
}

// Counts are entity-level match counts for one type.
type Counts struct{ Gold, Pred, FoundGold, MatchedPred int }

// Precision is the share of predicted entities that match a gold entity.
func (c Counts) Precision() float64 { return ratio(c.MatchedPred, c.Pred) }

// Recall is the share of gold entities that some predicted entity matches.
func (c Counts) Recall() float64 { return ratio(c.FoundGold, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the result of scoring a corpus.
type Report struct {
	Articles int
	ByType   map[string]*Counts
	// Resolution: real entities (by canonical name) found at all, and how
	// many of them map to exactly one node id across every article.
	RealEntities, OneNode int
	// Split lists real entities that became several nodes.
	Split []string
	// Events: gold events, and those matched by a predicted event of the
	// same type (and the same date and place where the gold gives them).
	GoldEvents, FoundEvents int
	Unannotated             []string // articles with no annotation file
	// What did not match, one "article: ..." line each, in article order:
	// gold entities no prediction matched, predicted entities (of the
	// three scored types) that match no gold entity, and gold events not
	// found.
	Missed, Unmatched, MissedEvents []string
}

// Micro sums the counts of every type.
func (r Report) Micro() Counts {
	var m Counts
	for _, c := range r.ByType {
		m.Gold += c.Gold
		m.Pred += c.Pred
		m.FoundGold += c.FoundGold
		m.MatchedPred += c.MatchedPred
	}
	return m
}

// Score compares results with gold annotations; results without an
// annotation are listed, not scored. A predicted entity matches a
// gold one of the same type when one of its mention texts or its name equals
// one of the gold aliases, compared in normalized form with clitics allowed.
func Score(gold map[string]Gold, results []extract.Result) Report {
	rep := Report{ByType: map[string]*Counts{}}
	for _, t := range []string{extract.Person, extract.Organization, extract.Place} {
		rep.ByType[t] = &Counts{}
	}
	byID := map[string]extract.Result{}
	for _, r := range results {
		byID[r.Article.ID] = r
	}
	nodes := map[string]map[string]bool{} // canonical name → node ids
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		res := byID[id]
		g, ok := gold[id]
		if !ok {
			rep.Unannotated = append(rep.Unannotated, id)
			continue
		}
		rep.Articles++
		matched := make([]bool, len(res.Entities))
		for _, ge := range g.Entities {
			c := rep.ByType[ge.Type]
			c.Gold++
			found := false
			for i, pe := range res.Entities {
				if pe.Type != ge.Type || !overlaps(ge.Aliases, pe) {
					continue
				}
				found = true
				matched[i] = true
				if nodes[ge.Name] == nil {
					nodes[ge.Name] = map[string]bool{}
				}
				nodes[ge.Name][pe.ID] = true
			}
			if found {
				c.FoundGold++
			} else {
				rep.Missed = append(rep.Missed, fmt.Sprintf("%s: %s %s", id, ge.Type, ge.Name))
			}
		}
		for i, pe := range res.Entities {
			c, ok := rep.ByType[pe.Type]
			if !ok {
				continue
			}
			c.Pred++
			if matched[i] {
				c.MatchedPred++
			} else {
				rep.Unmatched = append(rep.Unmatched, fmt.Sprintf("%s: %s %s (%s)", id, pe.Type, pe.Name, pe.ID))
			}
		}
		for _, ev := range g.Events {
			rep.GoldEvents++
			if eventFound(ev, g, res) {
				rep.FoundEvents++
			} else {
				rep.MissedEvents = append(rep.MissedEvents, fmt.Sprintf("%s: %s, date %s, place %s", id, ev.Type, ev.Date, ev.Place))
			}
		}
	}
	names := make([]string, 0, len(nodes))
	for n := range nodes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rep.RealEntities++
		if len(nodes[n]) == 1 {
			rep.OneNode++
		} else {
			rep.Split = append(rep.Split, n)
		}
	}
	return rep
}

// key is the form aliases and mentions are compared in.
func key(s string) string { return strings.Join(strings.Fields(arabic.Normalize(s)), " ") }

func overlaps(aliases []string, e extract.Entity) bool {
	want := map[string]bool{}
	for _, a := range aliases {
		want[key(a)] = true
	}
	forms := []string{e.Name}
	for _, m := range e.Mentions {
		forms = append(forms, m.Text)
	}
	for _, f := range forms {
		k := key(f)
		for _, s := range arabic.Stems(k) {
			if want[s] {
				return true
			}
		}
	}
	return false
}

// eventFound reports whether res has an Event of the gold type whose date
// agrees (when the gold gives one) and that OCCURRED_IN a place matching the
// gold place (when it gives one).
func eventFound(ev GoldEvent, g Gold, res extract.Result) bool {
	var place *GoldEntity
	for i := range g.Entities {
		if g.Entities[i].Type == extract.Place && g.Entities[i].Name == ev.Place {
			place = &g.Entities[i]
		}
	}
	for _, e := range res.Entities {
		if e.Type != extract.Event || e.EventType != ev.Type {
			continue
		}
		if ev.Date != "-" && e.Date != ev.Date {
			continue
		}
		if place != nil && !occurredIn(e.ID, *place, res) {
			continue
		}
		return true
	}
	return false
}

func occurredIn(eventID string, place GoldEntity, res extract.Result) bool {
	for _, r := range res.Relations {
		if r.Type != extract.OccurredIn || r.From != eventID {
			continue
		}
		for _, e := range res.Entities {
			if e.ID == r.To && overlaps(place.Aliases, e) {
				return true
			}
		}
	}
	return false
}

// String prints the report as a table.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: %d\n", r.Articles)
	fmt.Fprintf(&b, "%-13s %6s %6s %9s %7s %7s\n", "type", "gold", "pred", "precision", "recall", "F1")
	line := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-13s %6d %6d %9.3f %7.3f %7.3f\n", name, c.Gold, c.Pred, c.Precision(), c.Recall(), c.F1())
	}
	for _, t := range []string{extract.Person, extract.Organization, extract.Place} {
		line(t, *r.ByType[t])
	}
	line("micro", r.Micro())
	list := func(title string, l []string) {
		if len(l) > 0 {
			fmt.Fprintf(&b, "  %s:\n", title)
			for _, x := range l {
				fmt.Fprintf(&b, "    %s\n", x)
			}
		}
	}
	list("gold entities not found", r.Missed)
	list("predictions matching no gold entity", r.Unmatched)
	fmt.Fprintf(&b, "one node per real entity: %d of %d (%.3f)\n", r.OneNode, r.RealEntities, ratio(r.OneNode, r.RealEntities))
	if len(r.Split) > 0 {
		fmt.Fprintf(&b, "  split: %s\n", strings.Join(r.Split, "; "))
	}
	fmt.Fprintf(&b, "events found (type, date, place): %d of %d (%.3f)\n", r.FoundEvents, r.GoldEvents, ratio(r.FoundEvents, r.GoldEvents))
	list("events not found", r.MissedEvents)
	if len(r.Unannotated) > 0 {
		fmt.Fprintf(&b, "not annotated, not scored: %s\n", strings.Join(r.Unannotated, ", "))
	}
	return b.String()
}
