package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Exec runs one statement, a write or a schema command, in an auto-commit
// transaction, the only kind that may use CALL { … } IN TRANSACTIONS (as
// the LOAD CSV statements of Export do), and returns the server's
// counters in the counter fields of Stats. The driver does not retry it.
// It is meant for scripts, benchmarks and maintenance; loading goes
// through Write.
func (s *Store) Exec(ctx context.Context, cypher string, params map[string]any) (Stats, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return Stats{}, fmt.Errorf("graph exec: %s: %w", firstLine(cypher), err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("graph exec: %s: %w", firstLine(cypher), err)
	}
	var st Stats
	st.add(sum.Counters())
	return st, nil
}

// Wipe deletes every relationship and node of the database, in
// transactions of 10,000; constraints and indexes stay. Relationships go
// first: detaching a node that has a million of them in one transaction
// would exceed the server's transaction memory.
func (s *Store) Wipe(ctx context.Context) error {
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		if _, err := s.Exec(ctx, q, nil); err != nil {
			return err
		}
	}
	return nil
}
