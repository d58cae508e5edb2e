package policy_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

var dbSeq int

// openDB returns a fresh database (its own ClickHouse database on the
// package's one storage path) with the schema of sinks/chschema.
func openDB(t *testing.T) *schdb.DB {
	t.Helper()
	lib := stack.NeedCHDB(t)
	eng, err := chdb.Open(chdb.Config{LibPath: lib, Path: storePath(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	ctx := context.Background()
	dbSeq++
	name := fmt.Sprintf("t%d_%d", time.Now().UnixNano()%1e9, dbSeq)
	for _, q := range []string{"CREATE DATABASE " + name, "USE " + name} {
		if _, err := eng.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db := schdb.WrapDB(eng)
	if err := chschema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

var _ tazala.DB = (*schdb.DB)(nil)
