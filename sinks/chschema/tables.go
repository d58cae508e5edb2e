package chschema

import "fmt"

const (
	ts3    = "DateTime64(3, 'UTC')"
	ts9    = "DateTime64(9, 'UTC')"
	lcStr  = "LowCardinality(String)"
	retain = "DateTime('UTC')"
)

// dedupSettings are the settings of the ingest tables: a repeated batch
// (same insert_deduplication_token) is dropped on a non-replicated table,
// and lightweight deletes and merges keep the projections right.
var dedupSettings = []string{
	fmt.Sprintf("non_replicated_deduplication_window = %d", DedupWindow),
}

// SchemaMigrations records which migrations ran.
var SchemaMigrations = Table{
	Name:    TableMigrations,
	Comment: "tazala schema versions applied (sinks/chschema)",
	Columns: []Column{
		{Name: "version", Type: "UInt32"},
		{Name: "applied_at", Type: ts3},
		{Name: "description", Type: "String"},
	},
	Engine:  "MergeTree",
	OrderBy: "version",
}

// Records holds one redacted record per (source, partition, offset).
var Records = Table{
	Name:    TableRecords,
	Comment: "redacted records, one per (source, partition, offset); read through records_v",
	Columns: []Column{
		{Name: "source", Type: lcStr, Comment: "topic or file name"},
		{Name: "partition", Type: "Int32", Comment: "Kafka partition; 0 for files"},
		{Name: "offset", Type: "Int64", Comment: "Kafka offset, or 1-based line number for files"},
		{Name: "key", Type: "String", Comment: "record key, redacted"},
		{Name: "event_time", Type: ts3},
		{Name: "ingest_time", Type: ts3, Comment: "when tazala wrote the row; the replacing version"},
		{Name: "purpose", Type: lcStr},
		{Name: "legal_basis", Type: lcStr},
		{Name: "subject", Type: "String", Comment: "token of the person the record is about; empty when none"},
		{Name: "payload", Type: "String", Codec: "ZSTD(1)", Comment: "record value, redacted"},
		{Name: "findings", Type: "UInt16", Comment: "number of findings in the record"},
		{Name: "scanner_version", Type: lcStr},
		{Name: "retention_until", Type: retain, Comment: "deleted by retention enforcement after this time"},
		{Name: "scan_id", Type: "UInt64", Comment: "what the latest scan of the record found (chschema.ScanID); pii_index_v shows the index rows of this scan only"},
	},
	Engine:   "ReplacingMergeTree(ingest_time)",
	OrderBy:  "(source, partition, offset)",
	Settings: dedupSettings,
}

// Index is the discovery index: one row per finding, no values.
var Index = Table{
	Name:    TableIndex,
	Comment: "discovery index: one row per finding, never a value; read through pii_index_v",
	Columns: []Column{
		{Name: "subject", Type: "String", Comment: "token of the person the record is about"},
		{Name: "token", Type: "String", Comment: "token of the value; empty for CVV (never tokenized)"},
		{Name: "kind", Type: "String", Comment: "iin, phone, email, card_pan, card_expiry, card_cvv, person_name"},
		{Name: "category", Type: "String", Comment: "policy data category: FIO, IIN, phone, e-mail, card details"},
		{Name: "source", Type: lcStr},
		{Name: "partition", Type: "Int32"},
		{Name: "offset", Type: "Int64"},
		{Name: "ordinal", Type: "UInt16", Comment: "finding number in the record, from 0"},
		{Name: "path", Type: "String", Comment: "JSON path, redacted; empty for plain text"},
		{Name: "start", Type: "UInt32", Comment: "byte span in the raw record"},
		{Name: "end", Type: "UInt32"},
		{Name: "detector", Type: "String"},
		{Name: "confidence", Type: "Float32"},
		{Name: "event_time", Type: ts3},
		{Name: "purpose", Type: "String"},
		{Name: "legal_basis", Type: "String"},
		{Name: "retention_until", Type: retain},
		{Name: "ingest_time", Type: ts3},
		{Name: "scan_id", Type: "UInt64", Comment: "the scan that wrote the row (chschema.ScanID): visible in pii_index_v while it is its record's latest"},
	},
	Engine:  "ReplacingMergeTree(ingest_time)",
	OrderBy: "(token, source, partition, offset, ordinal)",
	// "where is this token" reads the sorting key. "What is in this
	// source" scans the source column (LowCardinality: about a byte per
	// row): a projection ordered by source (tried) cost 2.5 times the
	// insert CPU, and the store must keep up with the daemon. source is
	// the only LowCardinality column of pii_index: kind,
	// category, detector, purpose and legal_basis as LowCardinality cost
	// ~15 % of the store's CPU per record (a dictionary per column per
	// part, built at every insert and merge) and saved ~2.5 % of the
	// table's bytes (they compress well as String).
	Settings: dedupSettings,
}

// TokenVault maps tokens to Vault ciphertexts (never values).
var TokenVault = Table{
	Name:    TableTokenVault,
	Comment: "token vault: token to Vault transit ciphertext; erased tokens keep a row without ciphertext",
	Columns: []Column{
		{Name: "token", Type: "String"},
		{Name: "kind", Type: lcStr},
		{Name: "ciphertext", Type: "String"},
		{Name: "subject", Type: "String"},
		{Name: "first_seen", Type: ts3},
		{Name: "last_seen", Type: ts3},
		{Name: "state", Type: "Enum8('active' = 0, 'blocked' = 1, 'erased' = 2)"},
		{Name: "updated", Type: ts9, Comment: "replacing version; an erasure is " + ForeverVersion},
	},
	Engine:  "ReplacingMergeTree(updated)",
	OrderBy: "token",
}

// Audit is the append-only audit log.
var Audit = Table{
	Name:    TableAudit,
	Comment: "append-only log of accesses to personal data (reveal, block, erase, ...)",
	Columns: []Column{
		{Name: "time", Type: ts3},
		{Name: "actor", Type: "String"},
		{Name: "action", Type: lcStr},
		{Name: "token", Type: "String"},
		{Name: "kind", Type: lcStr},
		{Name: "reason", Type: "String"},
		{Name: "legal_basis", Type: "String"},
		{Name: "request_ref", Type: "String"},
		{Name: "outcome", Type: lcStr},
		{Name: "detail", Type: "String"},
	},
	Engine:  "MergeTree",
	OrderBy: "time",
}

// SubjectEvents records what happened to a subject (consent withdrawn,
// blocked, erased, ...).
var SubjectEvents = Table{
	Name:    TableSubjectEvents,
	Comment: "subject rights events by subject token",
	Columns: []Column{
		{Name: "time", Type: ts3},
		{Name: "subject", Type: "String"},
		{Name: "event", Type: lcStr, Comment: "consent_withdrawn, blocked, unblocked, erased, rectify_refused, ..."},
		{Name: "purpose", Type: lcStr},
		{Name: "actor", Type: "String"},
		{Name: "request_ref", Type: "String"},
		{Name: "detail", Type: "String"},
	},
	Engine:  "MergeTree",
	OrderBy: "(subject, time)",
}

// Erasure lists erased tokens, so ingest never brings them back.
var Erasure = Table{
	Name:    TableErasure,
	Comment: "erased tokens: ingest consults it so a replay never brings an erased subject back",
	Columns: []Column{
		{Name: "token", Type: "String"},
		{Name: "subject", Type: "String"},
		{Name: "erased_at", Type: ts3},
		{Name: "request_ref", Type: "String"},
	},
	Engine:  "ReplacingMergeTree",
	OrderBy: "token",
}

// scanKey is a row's scan in pii_index_v's filter: its scan_id, or for a
// row of schema version 1 (scan_id 0, written before there were scans)
// one made of its record's coordinates, so such rows stay visible while
// their record is of version 1 too, and a rescan hides them like any
// other. (if is evaluated lazily: only those rows are hashed.)
const scanKey = "if(scan_id != 0, scan_id, cityHash64(source, partition, offset))"

// Quarantine holds the records the processing step failed on (a user
// rule timed out, a scanner panic), every letter and digit masked, with
// the reason: what the daemon's quarantine file holds, in the store
// (sinks/quarantine.Table). Readable by the dpo role, not by analysts.
var Quarantine = Table{
	Name:    TableQuarantine,
	Comment: "records the processing step failed on, masked (never a value), with the reason; one per (source, partition, offset)",
	Columns: []Column{
		{Name: "source", Type: lcStr, Comment: "topic or file name"},
		{Name: "partition", Type: "Int32"},
		{Name: "offset", Type: "Int64"},
		{Name: "event_time", Type: ts3},
		{Name: "quarantined_at", Type: ts3, Comment: "when tazala wrote the row; the replacing version"},
		{Name: "reason", Type: "String", Comment: "which stage failed and why, never a value"},
		{Name: "masked", Type: "String", Codec: "ZSTD(1)", Comment: "the record with every letter and digit replaced by *"},
	},
	Engine:   "ReplacingMergeTree(quarantined_at)",
	OrderBy:  "(source, partition, offset)",
	Settings: dedupSettings,
}

// Superseded lists the scans that are no longer their record's latest:
// written by the ClickHouse sinks when a record is written again with a
// scan other than the one(s) stored (chschema.Supersede), read by
// pii_index_v to hide those scans' index rows. It holds one row per
// superseded scan (rescans of changed records only), so the view filters
// by a small set instead of reading every record's latest scan.
var Superseded = Table{
	Name:    TableSuperseded,
	Comment: "scans that are no longer their record's latest (a rescan found other values): pii_index_v hides their index rows",
	Columns: []Column{
		{Name: "scan", Type: "UInt64", Comment: "scan_id of the index rows (a hash of the record's coordinates for rows of schema version 1)"},
		{Name: "source", Type: lcStr},
		{Name: "partition", Type: "Int32"},
		{Name: "offset", Type: "Int64"},
		{Name: "superseded", Type: "UInt8", Comment: "1: hidden; 0: the record was written with this scan again (changed back)"},
		{Name: "time", Type: ts3, Comment: "when the sink found it; the replacing version"},
	},
	Engine:   "ReplacingMergeTree(time)",
	OrderBy:  "scan",
	Settings: dedupSettings,
}

// RecordsView and IndexView are the analyst views: read through FINAL, so
// a replayed record or finding is never visible twice. IndexView shows
// only the index rows of each record's latest scan: a record rescanned
// after its content changed shows its new findings, not the earlier
// scan's beside them. (FINAL does not hide those: an index row whose
// token changed has another key.) Its filter is the small set of
// superseded scans (Superseded), not the set of every record's latest
// scan: that one cost a FINAL read of every record per query (migration
// 4: 0.4-0.6 s on a million records, whatever the query's own filter).
var (
	RecordsView = View{Name: ViewRecords, Query: "SELECT * FROM " + TableRecords + " FINAL"}
	IndexView   = View{Name: ViewIndex, Query: "SELECT * FROM " + TableIndex + " FINAL\nWHERE " + scanKey + " NOT IN (SELECT scan FROM " + TableSuperseded + " FINAL WHERE superseded = 1)"}
	// indexViewV4 is migration 4's view, kept for its migration and for
	// the benchmark that compares the two (chdb's TestIndexViewSpeed).
	indexViewV4 = View{Name: ViewIndex, Query: "SELECT * FROM " + TableIndex + " FINAL\nWHERE " + scanKey + " IN (SELECT " + scanKey + " FROM " + TableRecords + " FINAL)"}
)

// IndexViewV4Query is the query of migration 4's pii_index_v (each
// record's latest scan from redacted_records FINAL), for benchmarks.
func IndexViewV4Query() string { return indexViewV4.Query }

// Tables lists every table of the current schema, in creation order.
func Tables() []Table {
	return []Table{SchemaMigrations, Records, Index, TokenVault, Audit, SubjectEvents, Erasure, Quarantine, Superseded}
}

// Views lists the analyst views of the current schema.
func Views() []View { return []View{RecordsView, IndexView} }

// EmbeddedTuning are the statements sinks/chdb runs after Migrate on the
// embedded engine (a pinned version, so every setting is known; servers
// of older versions may not have them, so they are not part of the
// migrations' DDL). Each is idempotent: it changes table settings, never
// data.
//
//   - an empty auto_statistics_types: no column statistics (minmax, uniq)
//     computed for every part an insert or a merge writes; tazala's reads
//     go by the sorting key and the source column, not by statistics.
//     Measured with make bench-store (batches of 10,000 records, merges
//     counted to their end): ~9 % less CPU per record.
//   - merge_selector_base = 20 (default 5): merges take more parts at
//     once, so each row is rewritten fewer times. Over 100 batches of
//     10,000 records (4.5 M rows inserted in both tables) the merges
//     rewrote 4.5 M rows instead of 12.7 M, and the tables ended with 8
//     parts each instead of 4-9; merges are about half of the store's CPU
//     (190,000 records/CPU-s with merges stopped, 92,000 with them at the
//     default), 122,000 with this setting. The cost: a few more parts for
//     FINAL to read across.
var EmbeddedTuning = []string{
	"ALTER TABLE " + TableRecords + " MODIFY SETTING auto_statistics_types = '', merge_selector_base = 20",
	"ALTER TABLE " + TableIndex + " MODIFY SETTING auto_statistics_types = '', merge_selector_base = 20",
}
