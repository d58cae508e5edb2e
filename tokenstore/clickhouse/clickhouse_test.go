package clickhouse_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/tokenstore/clickhouse"
	"github.com/tazala/tazala/tokenstore/tokenstoretest"
)

func TestMain(m *testing.M) { stack.Main(m) }

// one data path per process: a database per test directory
var dataDir string

func openDB(t testing.TB, dir string) *chdb.DB {
	t.Helper()
	stack.NeedCHDB(t)
	if dataDir == "" {
		d, err := os.MkdirTemp("", "tokenstore-ch-test-")
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
	h := sha256.Sum256([]byte(dir))
	name := "t_" + hex.EncodeToString(h[:8])
	ctx := context.Background()
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS " + name, "USE " + name} {
		if err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := chschema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	tokenstoretest.Run(t, tokenstoretest.Harness{
		Open: func(t *testing.T, dir string) (tazala.TokenStore, func()) {
			db := openDB(t, dir)
			return clickhouse.New(db), func() { db.Close() }
		},
		Raw: func(t *testing.T, dir string) string {
			db := openDB(t, dir)
			defer db.Close()
			var rows []map[string]any
			if err := db.Select(context.Background(), &rows, "SELECT * FROM "+chschema.TableTokenVault); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(rows)
			return string(b)
		},
		OpenAudit: func(t *testing.T, dir string) (tazala.AuditLog, func()) {
			db := openDB(t, dir)
			return clickhouse.NewAudit(db), func() { db.Close() }
		},
		ReadAudit: func(t *testing.T, dir string) []tazala.AuditEntry {
			db := openDB(t, dir)
			defer db.Close()
			rows, err := clickhouse.NewAudit(db).Read(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			return rows
		},
	})
}
