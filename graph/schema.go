package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// schemaStatements lists the constraints and indexes of the graph model.
// Each statement is idempotent. Schema commands cannot share a transaction
// with writes, so each runs on its own.
func schemaStatements() []string {
	return []string{
		"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (n:Sentence) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
		"CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
		"CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
		"CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases, n.nameEn] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'arabic'}}",
		"CALL db.awaitIndexes()",
	}
}

// Schema creates the constraints and indexes the loader and the canned
// queries rely on, and waits until they are online. Running it again
// changes nothing.
func (s *Store) Schema(ctx context.Context) error {
	stmts := schemaStatements()
	for _, q := range stmts {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return fmt.Errorf("graph schema: %s: %w", q, err)
		}
	}
	s.log.Debug("schema ready", "statements", len(stmts))
	return nil
}
