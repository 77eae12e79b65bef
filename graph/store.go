// Package graph stores extraction results in Neo4j and reads them back.
//
// It is the only package that imports the Neo4j driver. A Store holds one
// driver for the whole process; writes go through managed transactions whose
// functions are safe to run twice, reads through ExecuteQuery with the
// database named, and every value travels as a $parameter.
//
// The graph follows the model of the project spec. Each article's view of an
// entity lives on its (:Article)-[:MENTIONS]->(:Entity) edge: count, name,
// aliases and, when the article has them, nameEn, wikidata and for events
// type, date and evidence. Every aggregate property of an Entity node is a
// function of those edges (see aggregate.go), and the provenance lists of
// typed relations are kept sorted and distinct, so the same articles give
// the same graph whatever the order or batching of the writes, and
// replacing or deleting an article leaves no trace of its old version.
// Write keeps the aggregates up to date from the stored values and what a
// batch adds, at a cost that does not grow with the graph; entities an old
// version of an article mentioned are recomputed from their edges. An
// article's content is written before its share of the aggregates: in
// between it is pending (a pending token, no contentHash) and counted
// nowhere, and the next write of it replaces it (see Write). A list
// property is absent rather than empty.
//
// Export writes the same graph as CSV files for neo4j-admin import or
// LOAD CSV, without a database.
//
// The integration tests need a running Neo4j (NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD, NEO4J_DATABASE; by default the local one of deploy/neo4j)
// and fail without it. They touch only nodes whose ids carry their own
// random prefix and delete them afterwards.
package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DefaultBatchSize is the number of articles per Write that callers should
// use when they have no better figure. A batch's content goes in
// transactions of a few articles; its share of entity aggregates and typed
// relations in one transaction per batch (per DefaultFinishEvery articles
// with a Writer). Measured on a 2-core machine
// with a local Neo4j (cmd/kgbench), before content was split off: up to
// 10,000 articles, 50 to 500 load at about the same rate; beyond, every
// batch rewrites the growing provenance lists of popular relations, and
// 500 loads 30,000 articles 20% faster than 100. Larger batches cost the
// client more memory.
const DefaultBatchSize = 500

// DefaultFinishEvery is the number of articles a Writer finishes at once:
// their entity aggregates and typed relations go in one transaction.
// Measured on 10,000 generated articles (cmd/kgbench), finishing every
// 2,000 instead of every 500 rewrites 60% less of the relations'
// provenance lists. Until then the Writer keeps each article's share of
// the aggregates and relations, not its content.
const DefaultFinishEvery = 2000

// DefaultDatabase is the database used when Config.Database is empty.
const DefaultDatabase = "neo4j"

// Errors to be tested with errors.Is.
var (
	// ErrUnreachable means no Bolt server answered at the URI.
	ErrUnreachable = errors.New("neo4j unreachable")
	// ErrAuth means the server rejected the user name or password.
	ErrAuth = errors.New("neo4j authentication failed")
	// ErrNoDatabase means the server has no database with the given name.
	ErrNoDatabase = errors.New("neo4j database not found")
	// ErrInvalid means a Result breaks the extraction contract; nothing of
	// its batch is written.
	ErrInvalid = errors.New("invalid extraction result")
	// ErrUncertain means a write lost its connection or context while
	// committing: the batch is either completely in the graph or not at
	// all, and writing it again is safe.
	ErrUncertain = errors.New("commit outcome unknown")
)

// Config holds what Open needs. The command line fills it from flags and
// environment variables.
type Config struct {
	URI      string // bolt://, neo4j://, with +s or +ssc for TLS
	Username string
	Password string
	Database string // empty means DefaultDatabase
	// BatchSize is the number of articles a caller should pass to Write at
	// once; zero means DefaultBatchSize. Store only reports it.
	BatchSize int
	Logger    *slog.Logger // nil discards
}

// Store writes and reads the knowledge graph of one Neo4j database.
// It is safe for concurrent use; Close it once at the end.
type Store struct {
	driver    neo4j.DriverWithContext
	db        string
	batchSize int
	log       *slog.Logger
}

// Open connects to Neo4j, checks that the server answers, accepts the
// credentials and has the database, and returns a Store. Its errors are one
// line, never contain the password, and wrap ErrUnreachable, ErrAuth or
// ErrNoDatabase.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	db := cfg.Database
	if db == "" {
		db = DefaultDatabase
	}
	batch := cfg.BatchSize
	if batch <= 0 {
		batch = DefaultBatchSize
	}
	where := redact(cfg.URI)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		// The driver echoes the URI in some messages; say it ourselves.
		return nil, fmt.Errorf("open neo4j: invalid URI %s: %s", where, scrub(firstLine(err.Error()), cfg.Password))
	}
	s := &Store{driver: driver, db: db, batchSize: batch, log: logger}
	if err := s.check(ctx, cfg, where); err != nil {
		_ = driver.Close(ctx)
		return nil, err
	}
	logger.Debug("connected to neo4j", "uri", where, "database", db)
	return s, nil
}

// check verifies connectivity, credentials and the database, in that order.
func (s *Store) check(ctx context.Context, cfg Config, where string) error {
	err := s.driver.VerifyConnectivity(ctx)
	if err == nil {
		// VerifyConnectivity does not look at the database; a trivial query does.
		_, err = neo4j.ExecuteQuery(ctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	}
	if err == nil {
		return nil
	}
	return openError(err, cfg, where, s.db)
}

// describedError has a clean one-line message and still unwraps to both the
// package sentinel and the driver's error.
type describedError struct {
	msg   string
	kind  error
	cause error
}

func (e *describedError) Error() string   { return e.msg }
func (e *describedError) Unwrap() []error { return []error{e.kind, e.cause} }

func openError(err error, cfg Config, where, db string) error {
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) {
		switch {
		case n4j.Code == "Neo.ClientError.Security.Unauthorized":
			return &describedError{fmt.Sprintf("Neo4j rejected the credentials for user %s", cfg.Username), ErrAuth, err}
		case n4j.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			return &describedError{fmt.Sprintf("Neo4j rejected the credentials for user %s (too many failed attempts; wait and retry)", cfg.Username), ErrAuth, err}
		case n4j.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return &describedError{fmt.Sprintf("Neo4j at %s has no database %q", where, db), ErrNoDatabase, err}
		}
		return fmt.Errorf("open neo4j at %s: %s: %w", where, n4j.Code, ErrUnreachable)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("open neo4j at %s: %w", where, ctxErr(err))
	}
	return &describedError{fmt.Sprintf("cannot reach Neo4j at %s: %s", where, reason(err, cfg.Password)), ErrUnreachable, err}
}

func ctxErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return context.Canceled
}

// reason names the network failure briefly.
func reason(err error, password string) string {
	// The driver's ConnectivityError does not unwrap; look inside it.
	for {
		var conn *neo4j.ConnectivityError
		if !errors.As(err, &conn) || conn.Inner == nil {
			break
		}
		err = conn.Inner
	}
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dns):
		return "unknown host " + dns.Name
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	case errors.As(err, &op) && op.Timeout():
		return "connection timed out"
	}
	// Some driver errors (routing) keep their cause only as text.
	msg := firstLine(err.Error())
	switch {
	case strings.Contains(msg, "connection refused"):
		return "connection refused"
	case strings.Contains(msg, "no such host"):
		return "unknown host"
	case strings.Contains(msg, "i/o timeout"):
		return "connection timed out"
	}
	if strings.Contains(msg, "tls") || strings.Contains(msg, "x509") || strings.Contains(msg, "TLS") {
		return "TLS handshake failed: " + scrub(msg, password)
	}
	return scrub(msg, password)
}

// redact drops user information from a URI so it can appear in messages.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	u.User = nil
	return u.String()
}

// scrub removes a secret from a message, in case a lower layer echoed it.
func scrub(msg, secret string) string {
	if secret == "" {
		return msg
	}
	return strings.ReplaceAll(msg, secret, "***")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// BatchSize is the number of articles callers should pass to Write at once.
func (s *Store) BatchSize() int { return s.batchSize }

// Database is the name of the database the Store uses.
func (s *Store) Database() string { return s.db }

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("close neo4j: %w", err)
	}
	return nil
}

// session opens a session on the Store's database. It shares the bookmark
// manager of ExecuteQuery, so reads through Query see earlier writes even on
// a cluster.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.db,
		AccessMode:      mode,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
}
