package chdb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

// TestMigrateVersion1Store: a store created by version 1 of the schema
// (no scan_id) with rows in it is migrated at open (twice: idempotent);
// its old rows stay visible in the views (scan_id 0 in both tables), the
// embedded sink's inserts (by column position) fit the altered tables, and
// a rescan of an old record with other values hides its old index rows.
func TestMigrateVersion1Store(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := chdb.OpenDB(sharedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	name := dbName(dir)
	v1 := func(tb chschema.Table) chschema.Table {
		tb.Columns = tb.Columns[:len(tb.Columns)-1] // without scan_id
		if tb.Columns[len(tb.Columns)-1].Name == "scan_id" {
			t.Fatal("scan_id is not the last column")
		}
		return tb
	}
	stmts := []string{"CREATE DATABASE IF NOT EXISTS " + name, "USE " + name, chschema.SchemaMigrations.Create(),
		v1(chschema.Records).Create(), v1(chschema.Index).Create(),
		"CREATE OR REPLACE VIEW records_v AS SELECT * FROM redacted_records FINAL",
		"CREATE OR REPLACE VIEW pii_index_v AS SELECT * FROM pii_index FINAL",
		"INSERT INTO schema_migrations (version, applied_at, description) VALUES (1, now64(3), 'v1')",
		"INSERT INTO redacted_records (source, partition, offset, subject, payload, findings, ingest_time) VALUES ('old', 0, 1, 'tk_a', '[PHONE:tk_a]', 1, now64(3)), ('old', 0, 2, 'tk_b', '[PHONE:tk_b]', 1, now64(3))",
		"INSERT INTO pii_index (subject, token, kind, category, source, partition, offset, ordinal, ingest_time) VALUES ('tk_a', 'tk_a', 'phone', 'phone', 'old', 0, 1, 0, now64(3)), ('tk_b', 'tk_b', 'phone', 'phone', 'old', 0, 2, 0, now64(3))",
	}
	for _, q := range stmts {
		if err := db.Exec(ctx, q); err != nil {
			db.Close()
			t.Fatal(err)
		}
	}
	if err := chschema.Migrate(ctx, db); err != nil { // then again in New
		db.Close()
		t.Fatal(err)
	}
	s, err := chdb.New(ctx, db, chdb.Config{Dir: sharedPath(t), ScannerVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done, err := chschema.Applied(ctx, s)
	if err != nil || !done[2] {
		t.Fatalf("applied %v, %v", done, err)
	}
	tokens := func() []string {
		var rows []struct {
			Token string `json:"token"`
		}
		if err := s.Select(ctx, &rows, "SELECT token FROM pii_index_v ORDER BY offset, token"); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Token)
		}
		return out
	}
	if got := tokens(); len(got) != 2 || got[0] != "tk_a" || got[1] != "tk_b" {
		t.Fatalf("after the migration pii_index_v holds %v, want the old rows", got)
	}
	// line 2 rescanned: another phone now
	out := tazala.Output{Record: tazala.Record{Source: "old", Offset: 2, Value: []byte("[PHONE:tk_c]")}, Subject: "tk_c",
		Findings: []tazala.Finding{{Kind: tazala.KindPhone, Span: tazala.Span{Start: 0, End: 11}, Detector: "phone", Confidence: 1}},
		Tokens:   []tazala.Token{{Kind: tazala.KindPhone, ID: "tk_c"}}}
	if err := s.Write(ctx, []tazala.Output{out}); err != nil {
		t.Fatal(err)
	}
	if got := tokens(); len(got) != 2 || got[0] != "tk_a" || got[1] != "tk_c" {
		t.Fatalf("after the rescan pii_index_v holds %v, want tk_a and tk_c", got)
	}
}

// TestMigrateVersion4Store: migration 5 lists the scans that migration
// 4's view hid (an index row whose scan is not its record's latest) in
// superseded_scans, so the new view shows the same rows; an index row
// whose record is not stored yet is left visible (its record may still
// come with that scan). Run twice: idempotent.
func TestMigrateVersion4Store(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := chdb.OpenDB(sharedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := dbName(dir)
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS " + name, "USE " + name} {
		if err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chschema.MigrateTo(ctx, db, 4); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		// record 1: scanned (11), then rescanned with other values (12)
		"INSERT INTO redacted_records (source, partition, offset, subject, ingest_time, scan_id) VALUES ('f', 0, 1, 'tk_a', '2026-01-01 00:00:00', 11)",
		"INSERT INTO redacted_records (source, partition, offset, subject, ingest_time, scan_id) VALUES ('f', 0, 1, 'tk_a', '2026-01-02 00:00:00', 12)",
		"INSERT INTO pii_index (token, source, partition, offset, ordinal, ingest_time, scan_id) VALUES ('tk_old', 'f', 0, 1, 0, '2026-01-01 00:00:00', 11), ('tk_new', 'f', 0, 1, 0, '2026-01-02 00:00:00', 12)",
		// record 2: its index rows written, the record not yet
		"INSERT INTO pii_index (token, source, partition, offset, ordinal, ingest_time, scan_id) VALUES ('tk_orphan', 'f', 0, 2, 0, '2026-01-02 00:00:00', 21)",
	} {
		if err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	tokens := func() string {
		var rows []struct {
			Token string `json:"token"`
		}
		if err := db.Select(ctx, &rows, "SELECT token FROM pii_index_v ORDER BY token"); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Token)
		}
		return strings.Join(out, " ")
	}
	if got := tokens(); got != "tk_new" {
		t.Fatalf("version 4: pii_index_v holds %q", got)
	}
	for range 2 {
		if err := chschema.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := chschema.MigrateTo(ctx, db, 4); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Exec(ctx, chschema.Migrations[4].Backfill[0]); err != nil { // run again by hand
		t.Fatal(err)
	}
	if got := tokens(); got != "tk_new tk_orphan" {
		t.Fatalf("version 5: pii_index_v holds %q, want tk_new tk_orphan", got)
	}
}
