package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	sinkchdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
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
	cfg := sinkch.Config{URL: store, ScannerVersion: scannerVersion()}
	if u, err := url.Parse(store); err == nil && u.User == nil {
		cfg.Username, cfg.Password = storeCredentials(ownerHTTP)
	}
	return cfg
}

// scannerVersion is written in redacted_records.scanner_version.
func scannerVersion() string { return "tazala" }

// openStoreDB opens the store's tazala.DB and brings its schema up to
// date: chdb:DIR directly or, when another process owns DIR, through that
// process's HTTP interface; clickhouse:// and http(s):// through
// clickhouse-go/v2. close releases it.
func openStoreDB(ctx context.Context, store string) (db tazala.DB, via string, err error) {
	if isServerURL(store) {
		s, err := sinkch.Open(ctx, serverConfig(store, false))
		if err != nil {
			return nil, "", err
		}
		return s, store, nil
	}
	dir, ok := chdbDir(store)
	if !ok {
		return nil, "", usageErr("--store %q: want chdb:DIR, clickhouse://host:9000/db or http(s)://host:8123/db", store)
	}
	if u, ok := ownerURL(ctx, dir); ok {
		s, err := sinkch.Open(ctx, serverConfig(u+"/default", true))
		if err != nil {
			return nil, "", fmt.Errorf("store %s is owned by the process serving %s: %w", dir, u, err)
		}
		return s, u, nil
	}
	d, err := sinkchdb.OpenDB(dir)
	if err != nil {
		return nil, "", err
	}
	if err := chschema.Migrate(ctx, d); err != nil {
		d.Close()
		return nil, "", fmt.Errorf("store %s: %w", dir, err)
	}
	return d, store, nil
}
