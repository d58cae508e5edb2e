package chdb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/sinktest"
)

func TestMain(m *testing.M) { stack.Main(m) }

// The engine serves one data path per process: the package's tests share
// one path and each store gets its own database on it.
var dataDir string

func sharedPath(t *testing.T) string {
	t.Helper()
	stack.NeedCHDB(t)
	if dataDir == "" {
		d, err := os.MkdirTemp("", "sinks-chdb-test-")
		if err != nil {
			t.Fatal(err)
		}
		dataDir = d
		stack.OnShutdown(func() { os.RemoveAll(d) })
	}
	return dataDir
}

// dbName maps a test's directory to a database of its own.
func dbName(dir string) string {
	h := sha256.Sum256([]byte(dir))
	return "t_" + hex.EncodeToString(h[:8])
}

// openStore opens a Store in the database standing for dir.
func openStore(t *testing.T, dir string) *chdb.Store {
	t.Helper()
	ctx := context.Background()
	db, err := chdb.OpenDB(sharedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	name := dbName(dir)
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS " + name, "USE " + name} {
		if err := db.Exec(ctx, q); err != nil {
			db.Close()
			t.Fatal(err)
		}
	}
	s, err := chdb.New(ctx, db, chdb.Config{Dir: sharedPath(t), ScannerVersion: "test"})
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, dir string) sinktest.Stored {
	t.Helper()
	s := openStore(t, dir)
	defer s.Close()
	return sinktest.ReadDB(t, s)
}

func TestConformance(t *testing.T) {
	sinktest.Run(t, sinktest.Harness{
		Open: func(t *testing.T, dir string) tazala.Sink { return openStore(t, dir) },
		Count: func(t *testing.T, dir string) int {
			return len(read(t, dir).Records)
		},
		Read: read,
	})
}
