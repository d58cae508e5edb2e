package main

import (
	"context"
	"fmt"
	"os"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
	"github.com/urfave/cli/v2"
)

// policyStores are the connections the policy commands use: the store
// (as the writer when another process owns it) and, for token_vault, the
// vault role's connection when the owner's HTTP interface is used (the
// writer never reads ciphertexts there).
type policyStores struct {
	DB, Vault tazala.DB
	close     []func() error
}

func (p *policyStores) Close() error {
	for i := len(p.close) - 1; i >= 0; i-- {
		p.close[i]()
	}
	return nil
}

// openPolicyStores opens the store through openStore (the one place where
// a store URL becomes a store; the schema is migrated on open).
func openPolicyStores(ctx context.Context, url string) (*policyStores, error) {
	st, err := openStore(ctx, url)
	if err != nil {
		return nil, err
	}
	ps := &policyStores{DB: st.DB, Vault: st.DB, close: []func() error{st.Close}}
	// without the vault user's password, token-vault statements go as the
	// writer and the owner refuses those that touch ciphertexts
	if pw := os.Getenv(chhttp.EnvVaultPassword); st.Owner && st.HTTP != "" && os.Getenv(envStoreUser) == "" && pw != "" {
		cfg := serverConfig(st.HTTP, true)
		cfg.Username, cfg.Password = string(chhttp.RoleVault), pw
		v, err := sinkch.OpenDB(ctx, cfg) // no migration: the owner did it, and the vault role may not
		if err != nil {
			ps.Close()
			return nil, cli.Exit(fmt.Sprintf("store %s (vault user): %v", url, err), exitFailure)
		}
		ps.Vault = v
		ps.close = append(ps.close, v.Close)
	}
	return ps, nil
}
