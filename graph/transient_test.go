package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestTransient(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("graph write of 50 articles (first %q): %w", "a", err) }
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"invalid result", wrap(ErrInvalid), false},
		{"auth", wrap(ErrAuth), false},
		{"no database", wrap(ErrNoDatabase), false},
		{"cancelled", wrap(context.Canceled), false},
		{"commit outcome unknown", wrap(fmt.Errorf("%w: %w", ErrUncertain, errors.New("EOF"))), true},
		{"connection refused", wrap(&neo4j.ConnectivityError{Inner: errors.New("dial tcp: connection refused")}), true},
		{"driver retries exhausted", wrap(&neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 30s)",
			Errors: []error{&neo4j.ConnectivityError{Inner: errors.New("connection refused")}}}), true},
		{"driver retries cut by the context", wrap(&neo4j.TransactionExecutionLimit{Cause: "context canceled"}), false},
		{"deadlock", wrap(&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}), true},
		{"database unavailable", wrap(&neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}), true},
		{"constraint violation", wrap(&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}), false},
		{"syntax error", wrap(&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}), false},
		{"plain error", errors.New("something"), false},
	} {
		if got := Transient(tc.err); got != tc.want {
			t.Errorf("%s: Transient(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
