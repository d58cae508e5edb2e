package main

import (
	"context"

	"github.com/tazala/tazala"
)

// openPolicyStore opens the store the policy commands work on (schema
// migrated), through openStore: chdb:DIR directly or through its owner's
// HTTP interface, or a ClickHouse server.
func openPolicyStore(ctx context.Context, url string) (tazala.DB, error) {
	st, err := openStore(ctx, url)
	if err != nil {
		return nil, err
	}
	return st.DB, nil
}
