// Package chschema owns tazala's ClickHouse schema: the tables and
// analyst views of docs/storage-contract.md, written once as versioned,
// idempotent migrations in ClickHouse SQL and run over the root tazala.DB
// interface by both ClickHouse stores (the embedded engine in sinks/chdb
// and servers in sinks/clickhouse).
//
// Tables are data (Table: columns, engine, ORDER BY, settings as separate
// fields), so cluster DDL (Replicated* engines, Distributed tables, ON
// CLUSTER) is generated from the same definitions instead of being
// written twice.
//
// Rules the schema keeps:
//   - no raw values in any column: payloads, keys and JSON paths are
//     written redacted, subjects and tokens are token IDs;
//   - retention by explicit retention_until columns and deletes (no TTL:
//     the embedded engine may never run the merges that apply it);
//   - idempotent ingest: ReplacingMergeTree keys on (source, partition,
//     offset[, ordinal]) plus an insert_deduplication_token per batch and
//     non_replicated_deduplication_window, and analyst reads through FINAL
//     (the *_v views), so a replay is never visible twice.
package chschema

import (
	"strings"
)

// Table and view names: the contract every store, the policy code and
// analysts use.
const (
	TableMigrations    = "schema_migrations"
	TableRecords       = "redacted_records"
	TableIndex         = "pii_index"
	TableTokenVault    = "token_vault"
	TableAudit         = "audit_log"
	TableSubjectEvents = "subject_events"
	TableErasure       = "erasure_ledger"
	TableQuarantine    = "quarantine"
	TableSuperseded    = "superseded_scans"

	ViewRecords = "records_v"
	ViewIndex   = "pii_index_v"
)

// DedupWindow is the non_replicated_deduplication_window of the ingest
// tables: how many recent insert blocks (per table) the engine remembers
// to drop a repeated one with the same insert_deduplication_token.
const DedupWindow = 10000

// ForeverVersion is the `updated` value of an erased token_vault row: the
// largest DateTime64(9) ClickHouse holds, so no later Put or state change
// (whose version is its wall-clock time) can replace an erasure.
const ForeverVersion = "2262-04-01 00:00:00"

// Column is one column of a table.
type Column struct {
	Name string
	Type string // ClickHouse type, e.g. "LowCardinality(String)"
	// Codec is an optional compression codec ("ZSTD(1)"); empty for the default.
	Codec string
	// Comment documents the column in the engine (system.columns).
	Comment string
}

// Projection is a second sort order stored with a table's parts.
type Projection struct {
	Name  string
	Query string // e.g. "SELECT * ORDER BY (source, partition, offset)"
}

// Table is one table definition. Engine and OrderBy are kept apart from
// the columns so cluster DDL can swap the engine for its Replicated form.
type Table struct {
	Name    string
	Comment string
	Columns []Column
	// Engine is the engine with its arguments: "MergeTree",
	// "ReplacingMergeTree(ingest_time)".
	Engine string
	// OrderBy is the sorting key, without parentheses around a single
	// column: "version", "(source, partition, offset)".
	OrderBy string
	// PartitionBy is the partition expression; empty for none.
	PartitionBy string
	Projections []Projection
	// Settings are MergeTree settings as "name = value".
	Settings []string
}

// Create returns the CREATE TABLE IF NOT EXISTS statement of t.
func (t Table) Create() string { return t.CreateAs(t.Name, "", t.Engine) }

// CreateAs returns the CREATE TABLE IF NOT EXISTS statement of t under
// another name (e.g. "db.name_local"), with an ON CLUSTER clause when
// cluster is not empty, and with another engine.
func (t Table) CreateAs(name, cluster, engine string) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE IF NOT EXISTS ")
	b.WriteString(name)
	if cluster != "" {
		b.WriteString(" ON CLUSTER ")
		b.WriteString(Ident(cluster))
	}
	b.WriteString("\n(\n")
	for i, c := range t.Columns {
		b.WriteString("    ")
		b.WriteString(Ident(c.Name))
		b.WriteByte(' ')
		b.WriteString(c.Type)
		if c.Comment != "" {
			b.WriteString(" COMMENT ")
			b.WriteString(quote(c.Comment))
		}
		if c.Codec != "" {
			b.WriteString(" CODEC(")
			b.WriteString(c.Codec)
			b.WriteByte(')')
		}
		if i < len(t.Columns)-1 || len(t.Projections) > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	for i, p := range t.Projections {
		b.WriteString("    PROJECTION ")
		b.WriteString(Ident(p.Name))
		b.WriteString(" (")
		b.WriteString(p.Query)
		b.WriteByte(')')
		if i < len(t.Projections)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(")\nENGINE = ")
	b.WriteString(engine)
	if t.PartitionBy != "" {
		b.WriteString("\nPARTITION BY ")
		b.WriteString(t.PartitionBy)
	}
	b.WriteString("\nORDER BY ")
	b.WriteString(t.OrderBy)
	if len(t.Settings) > 0 {
		b.WriteString("\nSETTINGS ")
		b.WriteString(strings.Join(t.Settings, ", "))
	}
	if t.Comment != "" {
		b.WriteString("\nCOMMENT ")
		b.WriteString(quote(t.Comment))
	}
	return b.String()
}

// ColumnNames returns the names of t's columns, in order.
func (t Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Structure returns t's columns as a structure string for the file()
// table function: "`source` LowCardinality(String), `partition` Int32, …".
func (t Table) Structure() string {
	var b strings.Builder
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(Ident(c.Name))
		b.WriteByte(' ')
		b.WriteString(c.Type)
	}
	return b.String()
}

// View is an analyst view.
type View struct {
	Name string
	// Query is the SELECT the view runs; it names tables unqualified.
	Query string
}

// Create returns the CREATE OR REPLACE VIEW statement of v.
func (v View) Create() string {
	return "CREATE OR REPLACE VIEW " + v.Name + " AS\n" + v.Query
}

// Ident backquotes a ClickHouse identifier.
func Ident(s string) string {
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "`", "\\`") + "`"
}

// quote writes s as a ClickHouse string literal.
func quote(s string) string { return Quote(s) }
