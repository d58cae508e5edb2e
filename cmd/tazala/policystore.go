package main

import (
	"context"

	"github.com/tazala/tazala"
)

// openPolicyStore opens the store the policy commands work on through
// openStore (the one place where a store URL becomes a store; the schema
// is migrated on open).
func openPolicyStore(ctx context.Context, url string) (tazala.DB, error) {
	st, err := openStore(ctx, url)
	if err != nil {
		return nil, err
	}
	return st.DB, nil
}
