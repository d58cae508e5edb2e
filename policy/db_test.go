package policy_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
)

// chdbDB adapts internal/chdb to tazala.DB for these tests.
type chdbDB struct{ db *chdb.DB }

func (d chdbDB) params(ps []tazala.Param) []chdb.Param {
	out := make([]chdb.Param, len(ps))
	for i, p := range ps {
		out[i] = chdb.P(p.Name, p.Value)
	}
	return out
}

func (d chdbDB) Exec(ctx context.Context, q string, ps ...tazala.Param) error {
	_, err := d.db.Exec(ctx, q, d.params(ps)...)
	return err
}

func (d chdbDB) Select(ctx context.Context, dst any, q string, ps ...tazala.Param) error {
	rows, err := d.db.Query(ctx, q, d.params(ps)...)
	if err != nil {
		return err
	}
	sv := reflect.ValueOf(dst).Elem()
	for rows.Next() {
		v := reflect.New(sv.Type().Elem())
		if err := json.Unmarshal(rows.Raw(), v.Interface()); err != nil {
			return err
		}
		sv.Set(reflect.Append(sv, v.Elem()))
	}
	return rows.Err()
}

func (d chdbDB) Close() error { return nil }

var schema = []string{
	`CREATE TABLE IF NOT EXISTS redacted_records (source LowCardinality(String), partition Int32, offset Int64, key String,
		event_time DateTime64(3,'UTC'), ingest_time DateTime64(3,'UTC'), purpose LowCardinality(String), legal_basis LowCardinality(String),
		subject String, payload String, findings UInt16, scanner_version LowCardinality(String), retention_until DateTime('UTC'))
		ENGINE = ReplacingMergeTree(ingest_time) PARTITION BY toYYYYMM(retention_until) ORDER BY (source, partition, offset)`,
	`CREATE TABLE IF NOT EXISTS pii_index (subject String, token String, kind LowCardinality(String), category LowCardinality(String),
		source LowCardinality(String), partition Int32, offset Int64, ordinal UInt16, path String, start UInt32, end UInt32,
		detector LowCardinality(String), confidence Float32, event_time DateTime64(3,'UTC'), purpose LowCardinality(String),
		legal_basis LowCardinality(String), retention_until DateTime('UTC'), ingest_time DateTime64(3,'UTC'))
		ENGINE = ReplacingMergeTree(ingest_time) PARTITION BY toYYYYMM(retention_until) ORDER BY (token, source, partition, offset, ordinal)`,
	`CREATE TABLE IF NOT EXISTS token_vault (token String, kind LowCardinality(String), ciphertext String, subject String,
		first_seen DateTime64(3,'UTC'), last_seen DateTime64(3,'UTC'), state Enum8('active'=0,'blocked'=1,'erased'=2), updated DateTime64(9,'UTC'))
		ENGINE = ReplacingMergeTree(updated) ORDER BY token`,
	`CREATE TABLE IF NOT EXISTS audit_log (time DateTime64(3,'UTC'), actor String, action String, token String, kind String,
		reason String, legal_basis String, request_ref String, outcome String, detail String) ENGINE = MergeTree ORDER BY time`,
	`CREATE TABLE IF NOT EXISTS subject_events (time DateTime64(3,'UTC'), subject String, event LowCardinality(String),
		purpose String, actor String, request_ref String, detail String) ENGINE = MergeTree ORDER BY (subject, time)`,
	`CREATE TABLE IF NOT EXISTS erasure_ledger (token String, subject String, erased_at DateTime64(3,'UTC'), request_ref String)
		ENGINE = ReplacingMergeTree ORDER BY token`,
}

var dbSeq int

// openDB returns a fresh database (its own ClickHouse database on the
// package's one storage path) with the contract's tables.
func openDB(t *testing.T) tazala.DB {
	t.Helper()
	lib := stack.NeedCHDB(t)
	db, err := chdb.Open(chdb.Config{LibPath: lib, Path: storePath(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	dbSeq++
	name := fmt.Sprintf("t%d_%d", time.Now().UnixNano()%1e9, dbSeq)
	if _, err := db.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, "USE "+name); err != nil {
		t.Fatal(err)
	}
	for _, s := range schema {
		if _, err := db.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	return chdbDB{db}
}
