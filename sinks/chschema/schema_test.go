package chschema_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

func TestMain(m *testing.M) { stack.Main(m) }

// the engine serves one data path per process: the package's tests share it
var dataDir string

func openDB(t *testing.T) *chdb.DB {
	t.Helper()
	stack.NeedCHDB(t)
	if dataDir == "" {
		d, err := os.MkdirTemp("", "chschema-test-")
		if err != nil {
			t.Fatal(err)
		}
		dataDir = d
		stack.OnShutdown(func() { os.RemoveAll(d) })
	}
	db, err := chdb.OpenDB(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// useDatabase gives a test its own database on the shared path.
func useDatabase(t *testing.T, db tazala.DB, name string) {
	t.Helper()
	ctx := context.Background()
	for _, s := range []string{"DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name, "USE " + name} {
		if err := db.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestContractNames(t *testing.T) {
	// docs/storage-contract.md: table → column names in order
	want := map[string]string{
		chschema.TableMigrations:    "version applied_at description",
		chschema.TableRecords:       "source partition offset key event_time ingest_time purpose legal_basis subject payload findings scanner_version retention_until scan_id",
		chschema.TableIndex:         "subject token kind category source partition offset ordinal path start end detector confidence event_time purpose legal_basis retention_until ingest_time scan_id",
		chschema.TableTokenVault:    "token kind ciphertext subject first_seen last_seen state updated",
		chschema.TableAudit:         "time actor action token kind reason legal_basis request_ref outcome detail",
		chschema.TableSubjectEvents: "time subject event purpose actor request_ref detail",
		chschema.TableErasure:       "token subject erased_at request_ref",
		chschema.TableQuarantine:    "source partition offset event_time quarantined_at reason masked",
		chschema.TableSuperseded:    "scan source partition offset superseded time",
	}
	seen := map[string]bool{}
	for _, tb := range chschema.Tables() {
		seen[tb.Name] = true
		if got := strings.Join(tb.ColumnNames(), " "); got != want[tb.Name] {
			t.Errorf("%s columns:\n got %s\nwant %s", tb.Name, got, want[tb.Name])
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("table %s missing", name)
		}
	}
}

func TestMigrateIdempotent(t *testing.T) {
	db := openDB(t)
	useDatabase(t, db, "migrate_idem")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := chschema.Migrate(ctx, db); err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
	}
	done, err := chschema.Applied(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !done[chschema.Version()] || len(done) != len(chschema.Migrations) {
		t.Fatalf("applied %v, want every version up to %d", done, chschema.Version())
	}
	var n []struct {
		N uint64 `json:"n"`
	}
	if err := db.Select(ctx, &n, "SELECT count() AS n FROM "+chschema.TableMigrations); err != nil {
		t.Fatal(err)
	}
	if n[0].N != uint64(len(chschema.Migrations)) {
		t.Fatalf("schema_migrations holds %d rows after 3 runs, want %d", n[0].N, len(chschema.Migrations))
	}
	// the engine's columns are the definitions' columns, in order
	for _, tb := range chschema.Tables() {
		var cols []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		}
		if err := db.Select(ctx, &cols, "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String} ORDER BY position",
			tazala.Param{Name: "t", Value: tb.Name}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cols {
			got = append(got, c.Name)
		}
		if strings.Join(got, " ") != strings.Join(tb.ColumnNames(), " ") {
			t.Errorf("%s: engine has %v", tb.Name, got)
		}
	}
	for _, v := range chschema.Views() {
		var rows []map[string]any
		if err := db.Select(ctx, &rows, "SELECT * FROM "+v.Name+" LIMIT 1"); err != nil {
			t.Errorf("view %s: %v", v.Name, err)
		}
	}
}

// TestViewsHideReplays: a replayed record and its index rows, inserted
// again in a differently cut batch, are visible once through the views;
// a repeated batch with the same dedup token is dropped by the engine.
func TestViewsHideReplays(t *testing.T) {
	db := openDB(t)
	useDatabase(t, db, "views_replay")
	ctx := context.Background()
	if err := chschema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	ins := func(token, from, to string) {
		t.Helper()
		err := db.Exec(ctx, "INSERT INTO "+chschema.TableIndex+" (token, source, partition, offset, ordinal, kind, ingest_time) SELECT 'tk_a', 's', 0, number, 0, 'iin', now64(3) FROM numbers({f:UInt64}, {n:UInt64}) SETTINGS insert_deduplication_token = '"+token+"'",
			tazala.Param{Name: "f", Value: from}, tazala.Param{Name: "n", Value: to})
		if err != nil {
			t.Fatal(err)
		}
		// pii_index_v shows the index rows of stored records (scan_id 0
		// in both here)
		err = db.Exec(ctx, "INSERT INTO "+chschema.TableRecords+" (source, partition, offset, ingest_time) SELECT 's', 0, number, now64(3) FROM numbers({f:UInt64}, {n:UInt64}) SETTINGS insert_deduplication_token = '"+token+"'",
			tazala.Param{Name: "f", Value: from}, tazala.Param{Name: "n", Value: to})
		if err != nil {
			t.Fatal(err)
		}
	}
	count := func(from string) uint64 {
		t.Helper()
		var n []struct {
			N uint64 `json:"n"`
		}
		if err := db.Select(ctx, &n, "SELECT count() AS n FROM "+from); err != nil {
			t.Fatal(err)
		}
		return n[0].N
	}
	ins("s/0/0-9", "0", "10")
	ins("s/0/0-9", "0", "10") // the same batch again: dropped
	if n := count(chschema.TableIndex); n != 10 {
		t.Fatalf("repeated batch: table holds %d rows, want 10 (dedup token ignored)", n)
	}
	ins("s/0/5-14", "5", "10") // a replay cut differently
	if n := count(chschema.ViewIndex); n != 15 {
		t.Fatalf("view shows %d rows after a differently cut replay, want 15", n)
	}
	// retention deletes
	if err := db.Exec(ctx, "DELETE FROM "+chschema.TableIndex+" WHERE offset < 3"); err != nil {
		t.Fatalf("lightweight delete: %v", err)
	}
	if n := count(chschema.ViewIndex); n != 12 {
		t.Fatalf("view shows %d rows after deleting 3 offsets, want 12", n)
	}
	if err := db.Exec(ctx, "OPTIMIZE TABLE "+chschema.TableIndex+" FINAL"); err != nil {
		t.Fatalf("merge: %v", err)
	}
	if n := count(chschema.TableIndex); n != 12 {
		t.Fatalf("table holds %d rows after the merge, want 12", n)
	}
}

func TestCreateSQL(t *testing.T) {
	got := chschema.Erasure.Create()
	for _, want := range []string{"CREATE TABLE IF NOT EXISTS erasure_ledger", "`token` String", "ENGINE = ReplacingMergeTree", "ORDER BY token"} {
		if !strings.Contains(got, want) {
			t.Errorf("DDL lacks %q:\n%s", want, got)
		}
	}
	cl := chschema.Index.CreateAs("db.pii_index_local", "prod", "ReplicatedReplacingMergeTree('/t/{shard}/pii_index', '{replica}', ingest_time)")
	if !strings.Contains(cl, "ON CLUSTER `prod`") || !strings.Contains(cl, "ENGINE = ReplicatedReplacingMergeTree(") {
		t.Errorf("cluster DDL:\n%s", cl)
	}
}
