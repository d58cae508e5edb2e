package tazala

import (
	"context"
	"time"
)

// Purpose is what the policy says about one record: why it is kept, on
// which legal basis, and until when. It is decided once per record (by
// the policy package) and copied onto the record row and every index row.
type Purpose struct {
	Name       string // policy purpose id: "payments", "support", "notifications", ...
	LegalBasis string // policy basis id: "consent", "bank_request", "contract", "request", ...
	// RetainUntil is the deadline after which retention enforcement deletes
	// the record and its index rows. ForeverUntilWithdrawn marks data kept
	// until consent is withdrawn (no fixed deadline).
	RetainUntil time.Time
}

// ForeverUntilWithdrawn is the RetainUntil of consent-based data with no
// fixed deadline: the largest DateTime a ClickHouse DateTime column holds.
var ForeverUntilWithdrawn = time.Date(2106, 1, 1, 0, 0, 0, 0, time.UTC)

// Policy assigns purposes. Implementations must be safe for concurrent use
// and must not look at raw values (only the record's source, time and the
// kinds of its findings).
type Policy interface {
	Purpose(rec *Record, fs []Finding) Purpose
}

// ErasureLedger tells ingest which tokens belong to erased subjects, so a
// record replayed from Kafka or rescanned later never brings an erased
// subject back. Implementations must be safe for concurrent use.
type ErasureLedger interface {
	// Erased reports, for each token ID, whether its subject was erased.
	// It returns a slice as long as ids.
	Erased(ctx context.Context, ids []string) ([]bool, error)
}

// Param is a named query parameter: the query names it as {name:Type} and
// the store binds it; values are never interpolated into SQL text.
type Param struct {
	Name  string
	Value any
}

// DB runs ClickHouse SQL against the store: the embedded engine
// (sinks/chdb) or a server (sinks/clickhouse). Both speak the same SQL and
// share one schema (sinks/chschema), so policy and query code is written
// once.
type DB interface {
	// Exec runs a statement that returns no rows.
	Exec(ctx context.Context, query string, params ...Param) error
	// Select runs a query and decodes its rows into dst, a pointer to a
	// slice of structs (json tags name the columns) or of map[string]any.
	Select(ctx context.Context, dst any, query string, params ...Param) error
	Close() error
}
