// Package clickhouse is tazala's store on ClickHouse servers and
// clusters, through github.com/ClickHouse/clickhouse-go/v2 over its native
// protocol (clickhouse://host:9000/db) or its HTTP protocol
// (http://host:8123/db, https://…) — the latter also reaches an embedded
// store through the HTTP interface of the process that owns it (chhttp).
//
// It runs the same schema (sinks/chschema migrations) and the same SQL as
// the embedded store (sinks/chdb): Store is a tazala.DB, so the token
// vault and audit log (tokenstore/clickhouse) and the policy code work on
// it unchanged, and a tazala.Sink writing redacted_records and pii_index.
//
// Inserts are batches of at most Config.BatchRows records
// (PrepareBatch/Append/Send), synchronous unless Config.AsyncInsert
// (async_insert is always set explicitly), each with an
// insert_deduplication_token derived from the rows' contents. A failed
// Send is rebuilt from the sink's own copy of the rows and sent again with
// the same token, so a batch the server did take before the failure is
// not taken twice.
package clickhouse

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chschema"
)

// Config configures Open.
type Config struct {
	// URL is clickhouse://[user:password@]host:9000/db (native protocol,
	// ?secure=true for TLS) or http(s)://[user:password@]host:8123/db (HTTP
	// protocol). clickhouse-go's DSN parameters apply (dial_timeout,
	// skip_verify, ...).
	URL string
	// Username and Password, when set, replace the URL's.
	Username, Password string
	// TLS, when set, is the TLS configuration (and turns TLS on).
	TLS *tls.Config
	// ScannerVersion is written in redacted_records.scanner_version.
	ScannerVersion string
	// BatchRows bounds the records of one INSERT (their index rows go in
	// one INSERT beside it); 0 means 50,000.
	BatchRows int
	// AsyncInsert lets the server buffer inserts (async_insert=1 with
	// wait_for_async_insert=1 and async_insert_deduplicate=1); false
	// (the default) sets async_insert=0: each Send is a part.
	AsyncInsert bool
	// Retries is how many times a failed Send is rebuilt and sent again;
	// 0 means 4. Backoff is the first wait, doubled each time; 0 means
	// 250ms.
	Retries int
	Backoff time.Duration
	// Now returns the ingest time; nil means time.Now.
	Now func() time.Time
	// NoMigrate skips chschema.Migrate in Open (a read-only user).
	NoMigrate bool
	// Logger receives a warning per retried Send (table, attempt, error
	// code; never the server's message, which may quote data); nil means
	// slog.Default().
	Logger *slog.Logger
}

// DB is tazala.DB over clickhouse-go/v2.
type DB struct {
	conn driver.Conn
	desc string // host and database, for errors (never credentials)
}

var _ tazala.DB = (*DB)(nil)

// options turns cfg into clickhouse-go options.
func options(cfg Config) (*ch.Options, string, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Host == "" {
		return nil, "", fmt.Errorf("sinks/clickhouse: store URL: want clickhouse://host:9000/db or http(s)://host:8123/db")
	}
	switch u.Scheme {
	case "clickhouse", "tcp", "http":
	case "https":
		q := u.Query()
		if q.Get("secure") == "" {
			q.Set("secure", "true")
			u.RawQuery = q.Encode()
		}
	default:
		return nil, "", fmt.Errorf("sinks/clickhouse: store URL scheme %q: want clickhouse, http or https", u.Scheme)
	}
	opts, err := ch.ParseDSN(u.String())
	if err != nil {
		// clickhouse-go's message may quote the DSN: say where, not what
		return nil, "", fmt.Errorf("sinks/clickhouse: store URL %s://%s: bad parameters", u.Scheme, u.Host)
	}
	if cfg.Username != "" {
		opts.Auth.Username = cfg.Username
	}
	if cfg.Password != "" {
		opts.Auth.Password = cfg.Password
	}
	if cfg.TLS != nil {
		opts.TLS = cfg.TLS
	}
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	desc := u.Scheme + "://" + u.Host + "/" + opts.Auth.Database
	return opts, desc, nil
}

// OpenDB connects and pings; it does not migrate.
func OpenDB(ctx context.Context, cfg Config) (*DB, error) {
	opts, desc, err := options(cfg)
	if err != nil {
		return nil, err
	}
	conn, err := ch.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("sinks/clickhouse: open %s: %w: %w", desc, tazala.ErrUnavailable, err)
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("sinks/clickhouse: connect %s: %w", desc, classify(err))
	}
	return &DB{conn: conn, desc: desc}, nil
}

// Conn returns the clickhouse-go connection.
func (d *DB) Conn() driver.Conn { return d.conn }

// Exec runs a statement that returns no rows.
func (d *DB) Exec(ctx context.Context, query string, params ...tazala.Param) error {
	ctx, err := withParams(ctx, params)
	if err != nil {
		return err
	}
	if err := d.conn.Exec(ctx, query); err != nil {
		return fmt.Errorf("sinks/clickhouse: exec: %w", classify(err))
	}
	return nil
}

// Select runs a query and decodes its rows into dst, a pointer to a slice
// of structs (json tags name the columns) or of map[string]any (numbers
// as json.Number), as sinks/chdb does: each row goes through JSON, so the
// same struct reads both stores.
func (d *DB) Select(ctx context.Context, dst any, query string, params ...tazala.Param) error {
	pv := reflect.ValueOf(dst)
	if pv.Kind() != reflect.Pointer || pv.Elem().Kind() != reflect.Slice {
		return fmt.Errorf("sinks/clickhouse: select: dst is a %T, want a pointer to a slice", dst)
	}
	ctx, err := withParams(ctx, params)
	if err != nil {
		return err
	}
	rows, err := d.conn.Query(ctx, query)
	if err != nil {
		return fmt.Errorf("sinks/clickhouse: select: %w", classify(err))
	}
	defer rows.Close()
	types := rows.ColumnTypes()
	names := rows.Columns()
	sv := pv.Elem()
	sv.SetLen(0)
	et := sv.Type().Elem()
	_, isMap := reflect.New(et).Interface().(*map[string]any)
	vals := make([]any, len(types))
	row := make(map[string]any, len(types))
	for rows.Next() {
		for i, t := range types {
			vals[i] = reflect.New(t.ScanType()).Interface()
		}
		if err := rows.Scan(vals...); err != nil {
			return fmt.Errorf("sinks/clickhouse: select: scan: %w", err)
		}
		for i, n := range names {
			row[n] = reflect.ValueOf(vals[i]).Elem().Interface()
		}
		b, err := json.Marshal(row)
		if err != nil {
			return fmt.Errorf("sinks/clickhouse: select: encode row: %w", err)
		}
		ev := reflect.New(et)
		dec := json.NewDecoder(strings.NewReader(string(b)))
		if isMap {
			dec.UseNumber()
		}
		if err := dec.Decode(ev.Interface()); err != nil {
			return fmt.Errorf("sinks/clickhouse: select: decode row: %w", err)
		}
		sv.Set(reflect.Append(sv, ev.Elem()))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sinks/clickhouse: select: %w", classify(err))
	}
	return nil
}

// Close closes the connection.
func (d *DB) Close() error { return d.conn.Close() }

// withParams puts params in ctx as clickhouse-go query parameters: the
// server binds them to {name:Type}; nothing is interpolated.
func withParams(ctx context.Context, params []tazala.Param) (context.Context, error) {
	if len(params) == 0 {
		return ctx, nil
	}
	p := make(ch.Parameters, len(params))
	for _, x := range params {
		v, err := chschema.ParamText(x.Value)
		if err != nil {
			return nil, fmt.Errorf("sinks/clickhouse: parameter %s: %w", x.Name, err)
		}
		p[x.Name] = v
	}
	return ch.Context(ctx, ch.WithParameters(p)), nil
}

// retryable lists server error codes worth a retry: the server is busy,
// restarting or unreachable, not the statement wrong.
var retryable = map[int32]bool{
	3: true, 159: true, 164: false, 202: true, 203: true, 209: true, 210: true, 241: true,
	242: true, 252: true, 319: true, 425: true, 999: true, 1000: true,
}

// classify wraps err with tazala.ErrUnavailable unless the server
// rejected the statement itself (a ClickHouse exception that a retry does
// not cure).
func classify(err error) error {
	var ex *ch.Exception
	if errors.As(err, &ex) && !retryable[ex.Code] {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %w", tazala.ErrUnavailable, err)
}
