package graph

import (
	"context"
	"errors"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Transient reports whether err, returned by Write or Delete, is a failure
// that may pass by itself: the server could not be reached or dropped the
// connection (a restart, a network hiccup), it answered with a transient
// error (busy, shutting down, a deadlock), the driver ran out of retries
// on such failures, or the commit outcome is unknown. Writing the same
// batch again later is then safe, because Write is idempotent. Invalid
// input, rejected credentials, a missing database, a cancelled context and
// errors in a statement are not transient.
func Transient(err error) bool {
	switch {
	case err == nil,
		errors.Is(err, ErrInvalid), errors.Is(err, ErrAuth), errors.Is(err, ErrNoDatabase),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.Is(err, ErrUncertain), errors.Is(err, ErrUnreachable):
		return true
	}
	// The driver gives up with TransactionExecutionLimit only after
	// failures it considered retryable (or when its context ended, which
	// is not ours to retry).
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return !strings.Contains(limit.Cause, "context")
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) {
		return n4j.IsRetriable() || strings.HasPrefix(n4j.Code, "Neo.TransientError.")
	}
	return neo4j.IsRetryable(err)
}
