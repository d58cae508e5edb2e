package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tazala/tazala/internal/stack"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/tokenize/local"
)

// policyFixture is what the store commands' tests start from: a local key
// (mode 0600) and an embedded store in dir/store with the current schema,
// both closed when the test ends.
type policyFixture struct {
	dir, key string
	tk       *local.Tokenizer
	db       *schdb.DB
}

func newPolicyFixture(t *testing.T, keyName string) policyFixture {
	t.Helper()
	stack.NeedCHDB(t)
	f := policyFixture{dir: t.TempDir()}
	f.key = filepath.Join(f.dir, keyName)
	tk, err := local.New(local.Config{KeyPath: f.key, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	if err := os.Chmod(f.key, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := schdb.OpenDB(filepath.Join(f.dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := chschema.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	f.tk, f.db = tk, db
	return f
}
