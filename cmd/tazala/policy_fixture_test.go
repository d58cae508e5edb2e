package main

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/policy/policytest"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/tokenize/local"
	"github.com/tazala/tazala/tokenize/vault"
)

// policyFixture is what the store commands' tests start from: a local key
// (mode 0600) and an embedded store in dir/store with the current schema,
// both closed when the test ends.
type policyFixture struct {
	dir, key string
	store    string // the --store flag: "chdb:" + dir/store
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
	f.store = "chdb:" + filepath.Join(f.dir, "store")
	return f
}

// vaultFixture is the start of the tests of commands that use Vault
// tokens: a real Vault (VAULT_ADDR and VAULT_TOKEN set for the commands),
// a Vault tokenizer on it and an embedded store in dir with the current
// schema, all closed when the test ends.
type vaultFixture struct {
	dir   string // the store's directory
	store string // the --store flag: "chdb:" + dir
	tk    *vault.Tokenizer
	db    *schdb.DB
	once  *sync.Once
}

func newVaultFixture(t *testing.T) vaultFixture {
	t.Helper()
	stack.NeedCHDB(t)
	ctx := context.Background()
	v, err := stack.StartVault(ctx, stack.VaultConfig{Bin: stack.NeedVaultBin(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Stop() })
	t.Setenv("VAULT_ADDR", v.URL)
	t.Setenv("VAULT_TOKEN", v.Token)
	tk, err := vault.New(ctx, vault.Config{Addr: v.URL, Token: v.Token, Encrypt: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	f := vaultFixture{dir: filepath.Join(t.TempDir(), "store"), tk: tk, once: new(sync.Once)}
	f.store = "chdb:" + f.dir
	if f.db, err = schdb.OpenDB(f.dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.closeDB)
	if err := chschema.Migrate(ctx, f.db); err != nil {
		t.Fatal(err)
	}
	return f
}

// closeDB closes the store (once), e.g. to hand it to another process.
func (f vaultFixture) closeDB() { f.once.Do(func() { f.db.Close() }) }

// ingestPaymentAndRequest stores p's payment of 2026-03-01 (payments
// offset 1) and support request of 2026-04-01 through the processing step.
func ingestPaymentAndRequest(t *testing.T, db *schdb.DB, tk tazala.Tokenizer, p policytest.Person) []tazala.Output {
	t.Helper()
	outs, err := policytest.Ingest(context.Background(), db, tk, nil, []tazala.Record{policytest.Payment("payments", 1, at("2026-03-01"), p, 100),
		policytest.SupportRequest(1, at("2026-04-01"), p)})
	if err != nil {
		t.Fatal(err)
	}
	return outs
}
