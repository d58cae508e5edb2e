package chschema

import (
	"context"
	"fmt"
	"time"

	"github.com/tazala/tazala"
)

// Migration is one version of the schema. Every statement it runs is
// idempotent (IF NOT EXISTS, OR REPLACE), so a migration interrupted
// half-way is simply run again.
type Migration struct {
	Version     uint32
	Description string
	Tables      []Table  // created first, in order
	Statements  []string // then any other statement (ALTER ... IF NOT EXISTS, ...)
	// Backfill are INSERT … SELECT statements that fill what the tables
	// of the migration derive from existing rows; run after Statements,
	// before the views. Each must be safe to run twice (its rows
	// replace their own copies).
	Backfill []string
	Views    []View // then the views (CREATE OR REPLACE), which may read what the statements added
}

// SQL returns the statements of m in the order Migrate runs them.
func (m Migration) SQL() []string {
	var out []string
	for _, t := range m.Tables {
		out = append(out, t.Create())
	}
	out = append(out, m.Statements...)
	out = append(out, m.Backfill...)
	for _, v := range m.Views {
		out = append(out, v.Create())
	}
	return out
}

// Migrations lists every migration in version order. Append new versions;
// never change a released one.
var Migrations = []Migration{
	{
		Version:     1,
		Description: "redacted_records, pii_index, token_vault, audit_log, subject_events, erasure_ledger; records_v, pii_index_v",
		Tables:      []Table{Records, Index, TokenVault, Audit, SubjectEvents, Erasure},
		Views:       []View{RecordsView, indexViewV4}, // tables are created in their current form
	},
	{
		// Columns added at the end, so an INSERT … SELECT * of the
		// embedded sink (by position) fits stores created by version 1
		// and new ones (whose version-1 tables already have them: ADD
		// COLUMN IF NOT EXISTS is then a no-op). Rows of version 1 get 0
		// in both tables, so they stay visible together.
		Version:     2,
		Description: "scan_id in redacted_records and pii_index; pii_index_v shows each record's latest scan only",
		Statements: []string{
			"ALTER TABLE " + TableRecords + " ADD COLUMN IF NOT EXISTS scan_id UInt64 COMMENT 'what the latest scan of the record found (chschema.ScanID)'",
			"ALTER TABLE " + TableIndex + " ADD COLUMN IF NOT EXISTS scan_id UInt64 COMMENT 'the scan that wrote the row (chschema.ScanID)'",
		},
		Views: []View{RecordsView, indexViewV4}, // replaced after the columns exist
	},
	{
		Version:     3,
		Description: "quarantine: records the processing step failed on, masked, with the reason",
		Tables:      []Table{Quarantine},
	},
	{
		// the filter of version 2 was a set of (source, partition, offset,
		// scan_id) tuples: 0.6-3.8 s per read on a million records
		Version:     4,
		Description: "pii_index_v filters by one UInt64 per record (scan_id, or a hash of the coordinates for rows of version 1)",
		Views:       []View{indexViewV4},
	},
	{
		// migration 4's view read every record's latest scan
		// (redacted_records FINAL) per query: 0.4-0.6 s on a million
		// records even for one token's rows. The sinks now record the
		// scans a write supersedes (Supersede), and the view filters
		// by that small set. The backfill lists the scans the old view
		// hid among records that exist (index rows whose record is not
		// stored are left alone: their record may still be written
		// with that scan).
		Version:     5,
		Description: "superseded_scans; pii_index_v hides the scans listed there instead of reading every record's latest scan",
		Tables:      []Table{Superseded},
		Backfill: []string{
			"INSERT INTO " + TableSuperseded + " (scan, source, partition, offset, superseded, time)\n" +
				"SELECT DISTINCT " + scanKey + ", source, partition, offset, 1, now64(3)\n" +
				"FROM " + TableIndex + "\n" +
				"WHERE (source, partition, offset) IN (SELECT source, partition, offset FROM " + TableRecords + ")\n" +
				"AND " + scanKey + " NOT IN (SELECT " + scanKey + " FROM " + TableRecords + " FINAL)",
		},
		Views: []View{IndexView},
	},
}

// Version returns the newest schema version.
func Version() uint32 { return Migrations[len(Migrations)-1].Version }

// Applied returns the versions recorded in schema_migrations (empty when
// the table does not exist yet is an error: call Migrate first).
func Applied(ctx context.Context, db tazala.DB) (map[uint32]bool, error) {
	var rows []struct {
		Version uint32 `json:"version"`
	}
	if err := db.Select(ctx, &rows, "SELECT DISTINCT version FROM "+TableMigrations); err != nil {
		return nil, fmt.Errorf("chschema: read %s: %w", TableMigrations, err)
	}
	done := make(map[uint32]bool, len(rows))
	for _, r := range rows {
		done[r.Version] = true
	}
	return done, nil
}

// Migrate brings the schema of db up to date: it creates schema_migrations
// if needed, runs every migration not recorded there, in order, and
// records each after all its statements succeeded. Running it again is a
// no-op; it is safe to run at every start-up.
func Migrate(ctx context.Context, db tazala.DB) error {
	_, err := MigrateTo(ctx, db, Version())
	return err
}

// MigrateTo runs the migrations up to and including version and returns
// the versions it applied.
func MigrateTo(ctx context.Context, db tazala.DB, version uint32) ([]uint32, error) {
	if err := db.Exec(ctx, SchemaMigrations.Create()); err != nil {
		return nil, fmt.Errorf("chschema: create %s: %w", TableMigrations, err)
	}
	done, err := Applied(ctx, db)
	if err != nil {
		return nil, err
	}
	var applied []uint32
	for _, m := range Migrations {
		if m.Version > version || done[m.Version] {
			continue
		}
		for i, stmt := range m.SQL() {
			if err := db.Exec(ctx, stmt); err != nil {
				return applied, fmt.Errorf("chschema: migration %d, statement %d: %w", m.Version, i+1, err)
			}
		}
		if err := db.Exec(ctx, "INSERT INTO "+TableMigrations+" (version, applied_at, description) VALUES ({v:UInt32}, {t:DateTime64(3, 'UTC')}, {d:String})",
			tazala.Param{Name: "v", Value: m.Version},
			tazala.Param{Name: "t", Value: time.Now().UTC()},
			tazala.Param{Name: "d", Value: m.Description}); err != nil {
			return applied, fmt.Errorf("chschema: record migration %d: %w", m.Version, err)
		}
		applied = append(applied, m.Version)
	}
	return applied, nil
}
