package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tazala/tazala"
	schdb "github.com/tazala/tazala/sinks/chdb"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
	chtokens "github.com/tazala/tazala/tokenstore/clickhouse"
	tsfile "github.com/tazala/tazala/tokenstore/file"
	"github.com/urfave/cli/v2"
)

// defaultStoreURL is where scan --store, query, migrate and reveal go
// when neither --store nor TAZALA_STORE says otherwise.
const defaultStoreURL = "chdb:./tazala-data"

// storeFlag is the --store flag shared by the store commands.
func storeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "store", EnvVars: []string{"TAZALA_STORE"}, Value: defaultStoreURL,
		Usage: "the store `URL`: chdb:DIR (embedded ClickHouse engine on DIR, or through the HTTP interface of the process that owns DIR), clickhouse://host:9000/db or http(s)://host:8123/db"}
}

// storeConn is an open store: ClickHouse SQL, the sink of redacted
// records and index rows, the token vault and the audit log, all on one
// schema (sinks/chschema, migrated on open).
type storeConn struct {
	URL    string
	DB     tazala.DB
	Sink   tazala.Sink
	Tokens *chtokens.Store
	Audit  *chtokens.Audit
	// Format runs a read query and returns its rows in a ClickHouse output
	// format (PrettyCompactMonoBlock, CSVWithNames, JSONEachRow, Markdown).
	// It is nil for a store reached over the network: query through HTTP.
	Format func(ctx context.Context, query, format string, params ...tazala.Param) ([]byte, error)
	// HTTP is the base URL of the ClickHouse HTTP interface the store is
	// reached through (a server's, or the owner's of an embedded store);
	// Owner says it is the owner's. Empty for a direct connection.
	HTTP  string
	Owner bool
	close func() error
}

// Close closes the store.
func (s *storeConn) Close() error { return s.close() }

// scannerVersion is written in redacted_records.scanner_version.
var scannerVersion = func() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return "tazala " + v
}()

// openStore opens the store named by url and migrates its schema: the one
// place where a store URL is turned into a concrete store. chdb:DIR is the
// embedded engine, opened directly, or through the HTTP interface of the
// process that owns DIR (tazala serve, the daemon) when one does: the
// engine allows one process per data path. clickhouse:// and http(s)://
// are servers reached with clickhouse-go/v2.
func openStore(ctx context.Context, url string) (*storeConn, error) {
	remote := func(u string, owner bool) (*storeConn, error) {
		s, err := sinkch.Open(ctx, serverConfig(u, owner))
		if err != nil {
			return nil, cli.Exit(fmt.Sprintf("store %s: %v", u, err), exitFailure)
		}
		c := &storeConn{URL: url, DB: s, Sink: s, Tokens: chtokens.New(s), Audit: chtokens.NewAudit(s), Owner: owner, close: s.Close}
		if v, ok, err := ownerVault(ctx, u, owner); err != nil {
			s.Close()
			return nil, cli.Exit(fmt.Sprintf("store %s: token vault through %s: %v", url, u, err), exitFailure)
		} else if ok {
			// ciphertexts are readable by the owner's vault role only
			c.Tokens, c.Audit = chtokens.New(v), chtokens.NewAudit(v)
			c.close = func() error { v.Close(); return s.Close() }
		}
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			c.HTTP = u
		}
		return c, nil
	}
	if isServerURL(url) {
		return remote(url, false)
	}
	dir, ok := chdbDir(url)
	if !ok {
		return nil, usageErr("--store %q: want chdb:DIR, clickhouse://host:9000/db or http(s)://host:8123/db", url)
	}
	if u, ok := ownerURL(ctx, dir); ok {
		return remote(u+"/default", true)
	}
	st, err := schdb.Open(ctx, schdb.Config{Dir: dir, ScannerVersion: scannerVersion})
	if err != nil {
		return nil, cli.Exit(fmt.Sprintf("store %s: %v", url, err), exitFailure)
	}
	return &storeConn{URL: url, DB: st, Sink: st, Tokens: chtokens.New(st), Audit: chtokens.NewAudit(st),
		Format: st.QueryFormat, close: st.Close}, nil
}

// openRevealFiles opens the token vault file reveal uses, read-only
// (reveal works while a scan writes it), and its audit file. A store URL
// goes through the policy instead (reveal_store.go): state and audit live
// where the data is.
func openRevealFiles(c *cli.Context) (tazala.TokenStore, tazala.AuditLog, func(), error) {
	p := c.String("store")
	store, err := tsfile.OpenReadOnly(p)
	if err != nil {
		return nil, nil, nil, cli.Exit(err.Error(), exitFailure)
	}
	auditPath := c.String("audit")
	if auditPath == "" {
		auditPath = p + ".audit.jsonl"
	}
	audit, err := tsfile.OpenAudit(auditPath)
	if err != nil {
		store.Close()
		return nil, nil, nil, cli.Exit(err.Error(), exitFailure)
	}
	return store, audit, func() { audit.Close(); store.Close() }, nil
}

// isStoreURL reports whether s names a store (scheme:…) rather than a file.
func isStoreURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	switch scheme {
	case "chdb", "clickhouse", "http", "https":
		return ok
	}
	return false
}
