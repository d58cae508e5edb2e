package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tazala/tazala"
	schdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
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
		Usage: "the store `URL`: chdb:DIR (embedded ClickHouse engine on DIR; through its owner's HTTP interface when another process serves it), clickhouse://host:9000/db or http(s)://host:8123/db (a ClickHouse server)"}
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
	Format func(ctx context.Context, query, format string, params ...tazala.Param) ([]byte, error)
	close  func() error
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
// embedded engine (one process owns DIR at a time).
func openStore(ctx context.Context, url string) (*storeConn, error) {
	scheme, rest, _ := strings.Cut(url, ":")
	switch scheme {
	case "chdb":
		if rest == "" {
			return nil, usageErr("--store %q: want chdb:DIR", url)
		}
		if u, ok := ownerURL(ctx, rest); ok {
			// another process owns DIR: through its HTTP interface
			return openServerStore(ctx, url, u+"/default", true)
		}
		st, err := schdb.Open(ctx, schdb.Config{Dir: rest, ScannerVersion: scannerVersion})
		if err != nil {
			return nil, cli.Exit(fmt.Sprintf("store %s: %v", url, err), exitFailure)
		}
		return &storeConn{URL: url, DB: st, Sink: st, Tokens: chtokens.New(st), Audit: chtokens.NewAudit(st),
			Format: st.QueryFormat, close: st.Close}, nil
	case "clickhouse", "http", "https":
		return openServerStore(ctx, url, url, false)
	}
	return nil, usageErr("--store %q: unknown store (want chdb:DIR, clickhouse://host:9000/db or http(s)://host:8123/db)", url)
}

func migrateCommand() *cli.Command {
	return &cli.Command{
		Name:  "migrate",
		Usage: "create or update the store's tables and views (idempotent; every command that opens a store also does it)",
		Flags: append([]cli.Flag{storeFlag()}, clusterFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("migrate: unexpected arguments")
			}
			if c.String("cluster") != "" {
				return runMigrateCluster(c)
			}
			st, err := openStore(c.Context, c.String("store"))
			if err != nil {
				return err
			}
			defer st.Close()
			done, err := chschema.Applied(c.Context, st.DB)
			if err != nil {
				return cli.Exit(err.Error(), exitFailure)
			}
			fmt.Fprintf(c.App.Writer, "%s: schema version %d (%d migrations applied)\n", st.URL, chschema.Version(), len(done))
			return nil
		},
	}
}

// openRevealStores opens the token vault and audit log reveal uses:
// with a store URL (chdb:DIR) the store's token_vault and audit_log
// tables, so state and audit live where the data is; otherwise the token
// vault file, read-only (reveal works while a scan writes it), and its
// audit file.
func openRevealStores(c *cli.Context) (tazala.TokenStore, tazala.AuditLog, func(), error) {
	p := c.String("store")
	if isStoreURL(p) {
		if c.IsSet("audit") {
			return nil, nil, nil, usageErr("reveal: --audit is for a token vault file; a store keeps its audit log in audit_log")
		}
		st, err := openStore(c.Context, p)
		if err != nil {
			return nil, nil, nil, err
		}
		return st.Tokens, st.Audit, func() { st.Close() }, nil
	}
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
