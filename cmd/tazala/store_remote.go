package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
	chtokens "github.com/tazala/tazala/tokenstore/clickhouse"
	"github.com/urfave/cli/v2"
)

// Credentials of tazala's own commands on a store reached over the
// network: a ClickHouse server (the URL's user and password, else these),
// or the HTTP interface of the process that owns an embedded store (these,
// else user "writer" with $TAZALA_HTTP_WRITER_PASSWORD; the token vault as
// user "vault" with $TAZALA_HTTP_VAULT_PASSWORD when it is set).
const (
	envStoreUser     = "TAZALA_STORE_USER"
	envStorePassword = "TAZALA_STORE_PASSWORD"
)

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
// of an owner's HTTP interface).
func serverConfig(store string, ownerHTTP bool) sinkch.Config {
	cfg := sinkch.Config{URL: store, ScannerVersion: scannerVersion}
	if u, err := url.Parse(store); err == nil && u.User == nil {
		cfg.Username, cfg.Password = storeCredentials(ownerHTTP)
	}
	return cfg
}

// openServerStore opens a store reached with clickhouse-go/v2: a
// ClickHouse server (clickhouse://, http://, https://) or, with owner
// set, the HTTP interface of the process that owns an embedded store.
func openServerStore(ctx context.Context, name, url string, owner bool) (*storeConn, error) {
	cfg := serverConfig(url, owner)
	st, err := sinkch.Open(ctx, cfg)
	if err != nil {
		if owner {
			return nil, cli.Exit(fmt.Sprintf("store %s is owned by the process serving %s: %v", name, url, err), exitFailure)
		}
		return nil, cli.Exit(fmt.Sprintf("store %s: %v", name, err), exitFailure)
	}
	conn := &storeConn{URL: name, DB: st, Sink: st, Tokens: chtokens.New(st), Audit: chtokens.NewAudit(st), close: st.Close}
	if owner && os.Getenv(envStoreUser) == "" {
		if pw := os.Getenv(chhttp.EnvVaultPassword); pw != "" {
			// the token vault's ciphertexts are readable by the vault role only
			v, err := sinkch.OpenDB(ctx, sinkch.Config{URL: url, Username: string(chhttp.RoleVault), Password: pw})
			if err != nil {
				st.Close()
				return nil, cli.Exit(fmt.Sprintf("store %s: token vault through %s: %v", name, url, err), exitFailure)
			}
			conn.Tokens, conn.Audit = chtokens.New(v), chtokens.NewAudit(v)
			conn.close = func() error { v.Close(); return st.Close() }
		}
	}
	if strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") {
		conn.Format = func(ctx context.Context, query, format string, params ...tazala.Param) ([]byte, error) {
			return httpFormat(ctx, url, cfg.Username, cfg.Password, query, format, params)
		}
	} else {
		conn.Format = func(ctx context.Context, query, format string, params ...tazala.Param) ([]byte, error) {
			return nativeFormat(ctx, st, query, format, params)
		}
	}
	return conn, nil
}

// httpFormat runs a query through a ClickHouse HTTP interface and returns
// its output in format.
func httpFormat(ctx context.Context, base, user, pw, query, format string, params []tazala.Param) ([]byte, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	if db := strings.Trim(u.Path, "/"); db != "" {
		q.Set("database", db)
	}
	q.Del("secure")
	q.Set("default_format", format)
	for _, p := range params {
		v, err := sinkch.ParamText(p.Value)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		q.Set("param_"+p.Name, v)
	}
	if u.User != nil {
		user = u.User.Username()
		pw, _ = u.User.Password()
		u.User = nil
	}
	u.Path, u.RawQuery = "/", q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(query))
	if err != nil {
		return nil, err
	}
	if user != "" {
		req.Header.Set("X-ClickHouse-User", user)
		req.Header.Set("X-ClickHouse-Key", pw)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", u.Host, tazala.ErrUnavailable, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", u.Host, tazala.ErrUnavailable, err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", u.Host, strings.TrimSpace(string(b)))
	}
	return b, nil
}

// nativeFormat runs a query over the native protocol, which carries typed
// rows rather than formatted text: JSONEachRow only.
func nativeFormat(ctx context.Context, db *sinkch.Store, query, format string, params []tazala.Param) ([]byte, error) {
	if format != "JSONEachRow" {
		return nil, fmt.Errorf("output format %s needs the HTTP protocol (--store http://host:8123/db); over clickhouse:// use --format json", format)
	}
	var rows []map[string]any
	if err := db.Select(ctx, &rows, query, params...); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}
