package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Dump writes a canonical text form of the graph to w: one line per node
// (sorted labels, properties with sorted keys) and one per relationship
// (type, the id properties of both ends, properties), all lines sorted, so
// two graphs holding the same data give the same bytes whatever order they
// were written in. Element ids are left out because they are not stable.
//
// When idContains is not empty, only nodes whose id property contains it
// are dumped, and only relationships between two such nodes; tests use it
// to look at their own data in a shared database.
//
// Dump holds the whole graph in memory: it is meant for test-sized graphs.
func (s *Store) Dump(ctx context.Context, w io.Writer, idContains string) error {
	p := map[string]any{"f": idContains}
	nodes, err := s.read(ctx, `MATCH (n)
WHERE $f = '' OR n.id CONTAINS $f
RETURN labels(n) AS labels, properties(n) AS props`, p)
	if err != nil {
		return fmt.Errorf("graph dump nodes: %w", err)
	}
	rels, err := s.read(ctx, `MATCH (a)-[r]->(b)
WHERE $f = '' OR (a.id CONTAINS $f AND b.id CONTAINS $f)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`, p)
	if err != nil {
		return fmt.Errorf("graph dump relationships: %w", err)
	}
	lines := make([]string, 0, len(nodes.Records)+len(rels.Records))
	for _, rec := range nodes.Records {
		l, err := canonical("N", Plain(rec.Values[0]), Plain(rec.Values[1]))
		if err != nil {
			return err
		}
		lines = append(lines, l)
	}
	for _, rec := range rels.Records {
		v := make([]any, len(rec.Values))
		for i := range rec.Values {
			v[i] = Plain(rec.Values[i])
		}
		l, err := canonical("R", v...)
		if err != nil {
			return err
		}
		lines = append(lines, l)
	}
	// Node labels are sorted before comparing lines; "N" sorts before "R".
	slices.Sort(lines)
	for _, l := range lines {
		if _, err := io.WriteString(w, l); err != nil {
			return fmt.Errorf("graph dump: %w", err)
		}
	}
	return nil
}

// canonical renders one dump line as JSON; encoding/json sorts map keys.
func canonical(kind string, values ...any) (string, error) {
	if kind == "N" {
		if labels, ok := values[0].([]any); ok {
			slices.SortFunc(labels, func(a, b any) int {
				return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
			})
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(append([]any{kind}, values...)); err != nil {
		return "", fmt.Errorf("graph dump: %w", err)
	}
	return buf.String(), nil
}

// Checksum is the hex SHA-256 of the whole graph's Dump. Equal checksums
// mean equal graphs, whatever the load order. Like Dump it is meant for
// test-sized graphs.
func (s *Store) Checksum(ctx context.Context) (string, error) {
	h := sha256.New()
	if err := s.Dump(ctx, h, ""); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
