package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/tazala/tazala"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
)

// openPolicyStore opens the store the policy commands work on and makes
// sure its schema is current. Until the store work's openStore lands in
// main, it understands chdb:DIR (the embedded engine) only.
func openPolicyStore(ctx context.Context, url string) (tazala.DB, error) {
	dir, ok := strings.CutPrefix(url, "chdb:")
	if !ok || dir == "" {
		return nil, usageErr("--store %q: want chdb:DIR", url)
	}
	db, err := schdb.OpenDB(dir)
	if err != nil {
		return nil, err
	}
	if err := chschema.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", url, err)
	}
	return db, nil
}
