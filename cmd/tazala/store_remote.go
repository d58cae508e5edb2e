package main

import (
	"context"
	"net/url"
	"os"
	"strings"

	"github.com/tazala/tazala/chhttp"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
)

// Credentials of tazala's own commands on a store reached over the
// network: a ClickHouse server (URL user/password, else these), or the
// HTTP interface of the process that owns an embedded store (these, else
// user "writer" with $TAZALA_HTTP_WRITER_PASSWORD).
const (
	envStoreUser     = "TAZALA_STORE_USER"
	envStorePassword = "TAZALA_STORE_PASSWORD"
)

// isServerURL says whether a store URL names a ClickHouse server (or an
// HTTP interface): clickhouse://, http://, https://.
func isServerURL(store string) bool {
	for _, p := range []string{"clickhouse://", "http://", "https://", "tcp://"} {
		if strings.HasPrefix(store, p) {
			return true
		}
	}
	return false
}

// ownerURL returns the URL of the HTTP interface of the process that owns
// the embedded store in dir, when one answers.
func ownerURL(ctx context.Context, dir string) (string, bool) {
	u, err := chhttp.ReadAddrFile(dir)
	if err != nil {
		return "", false
	}
	if pingURL(ctx, u) != nil {
		return "", false // a stale file: the owner died
	}
	return u, true
}

// storeCredentials returns the user and password tazala uses on a store
// reached over the network.
func storeCredentials(ownerHTTP bool) (string, string) {
	if u := os.Getenv(envStoreUser); u != "" {
		return u, os.Getenv(envStorePassword)
	}
	if ownerHTTP {
		return string(chhttp.RoleWriter), os.Getenv(chhttp.EnvWriterPassword)
	}
	return "", ""
}

// serverConfig is the sinks/clickhouse configuration of a server URL (or
// of an owner's HTTP interface, with database "default").
func serverConfig(store string, ownerHTTP bool) sinkch.Config {
	cfg := sinkch.Config{URL: store, ScannerVersion: scannerVersion}
	if u, err := url.Parse(store); err == nil && u.User == nil {
		cfg.Username, cfg.Password = storeCredentials(ownerHTTP)
	}
	return cfg
}

// ownerVault opens the token vault's connection through an owner's HTTP
// interface as its vault user, when $TAZALA_HTTP_VAULT_PASSWORD is set and
// no $TAZALA_STORE_USER overrides the users: the writer may not read
// ciphertexts there (reveal, erasure need them).
func ownerVault(ctx context.Context, url string, owner bool) (*sinkch.DB, bool, error) {
	pw := os.Getenv(chhttp.EnvVaultPassword)
	if !owner || pw == "" || os.Getenv(envStoreUser) != "" {
		return nil, false, nil
	}
	db, err := sinkch.OpenDB(ctx, sinkch.Config{URL: url, Username: string(chhttp.RoleVault), Password: pw})
	if err != nil {
		return nil, false, err
	}
	return db, true, nil
}
