package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	sinkchdb "github.com/tazala/tazala/sinks/chdb"
	"github.com/tazala/tazala/sinks/chschema"
	sinkch "github.com/tazala/tazala/sinks/clickhouse"
	"github.com/urfave/cli/v2"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run one SQL statement on the store and print its result",
		ArgsUsage: "SQL (or - to read it from stdin)",
		Description: "chdb:DIR runs on the embedded engine, or through the HTTP interface of the process that owns DIR\n" +
			"(tazala serve, the daemon) when one does, as user $" + envStoreUser + " (default writer with\n" +
			"$TAZALA_HTTP_WRITER_PASSWORD); http(s):// speaks ClickHouse's HTTP protocol to a server;\n" +
			"clickhouse:// uses the native protocol (rows printed as JSONEachRow). Parameters are bound by\n" +
			"the engine: --param name=value for {name:Type} in the SQL, never pasted into it.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "store", EnvVars: []string{"TAZALA_STORE"}, Usage: "`URL` of the store: chdb:DIR, clickhouse://host:9000/db, http(s)://host:8123/db (required)"},
			&cli.StringFlag{Name: "format", Value: "TabSeparated", Usage: "output `FORMAT` (any ClickHouse output format) unless the SQL has a FORMAT clause"},
			&cli.StringSliceFlag{Name: "param", Usage: "query parameter `NAME=VALUE` (repeatable): the value as plain text"},
		},
		Action: runQuery,
	}
}

func runQuery(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErr("query: want one SQL argument (or - for stdin)")
	}
	sql := c.Args().First()
	if sql == "-" {
		b, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return cli.Exit(fmt.Sprintf("query: read stdin: %v", err), exitFailure)
		}
		sql = string(b)
	}
	if strings.TrimSpace(sql) == "" {
		return usageErr("query: empty SQL")
	}
	params := map[string]string{}
	for _, p := range c.StringSlice("param") {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return usageErr("query: --param %q: want NAME=VALUE", k)
		}
		params[k] = v
	}
	format := c.String("format")
	store := c.String("store")
	if store == "" {
		return usageErr("query: --store is required")
	}
	ctx := c.Context
	w := c.App.Writer
	switch {
	case strings.HasPrefix(store, "http://") || strings.HasPrefix(store, "https://"):
		return httpQuery(ctx, w, store, false, sql, format, params)
	case isServerURL(store):
		return nativeQuery(ctx, w, store, sql, params)
	}
	dir, ok := chdbDir(store)
	if !ok {
		return usageErr("query: --store %q: want chdb:DIR, clickhouse://host:9000/db or http(s)://host:8123/db", store)
	}
	if u, ok := ownerURL(ctx, dir); ok {
		return httpQuery(ctx, w, u+"/default", true, sql, format, params)
	}
	db, err := sinkchdb.OpenDB(dir)
	if err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	defer db.Close()
	if err := chschema.Migrate(ctx, db); err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	var ps []chdb.Param
	for k, v := range params {
		ps = append(ps, chdb.P(k, v))
	}
	out, _, err := db.Engine().Raw(ctx, sql, format, ps...)
	if err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	_, err = w.Write(out)
	return err
}

// httpQuery sends sql to a ClickHouse HTTP interface (a server, or the
// owner of an embedded store) and copies the answer to w.
func httpQuery(ctx context.Context, w io.Writer, base string, owner bool, sql, format string, params map[string]string) error {
	u, err := url.Parse(base)
	if err != nil {
		return usageErr("query: store URL: %v", err)
	}
	q := u.Query()
	if db := strings.Trim(u.Path, "/"); db != "" {
		q.Set("database", db)
	}
	q.Set("default_format", format)
	for k, v := range params {
		q.Set("param_"+k, chdb.P(k, v).Value) // the escaped text form
	}
	user, pw := storeCredentials(owner)
	if u.User != nil {
		user = u.User.Username()
		pw, _ = u.User.Password()
		u.User = nil
	}
	u.Path, u.RawQuery = "/", q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(sql))
	if err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	if user != "" {
		req.Header.Set("X-ClickHouse-User", user)
		req.Header.Set("X-ClickHouse-Key", pw)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return cli.Exit(fmt.Sprintf("query: %s: %v", u.Host, err), exitFailure)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		return cli.Exit(fmt.Sprintf("query: %s: %s", u.Host, strings.TrimSpace(string(b))), exitFailure)
	}
	_, err = io.Copy(w, res.Body)
	return err
}

// nativeQuery runs sql over the native protocol and prints its rows as
// JSONEachRow.
func nativeQuery(ctx context.Context, w io.Writer, store, sql string, params map[string]string) error {
	db, err := sinkch.OpenDB(ctx, serverConfig(store, false))
	if err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	defer db.Close()
	var ps []tazala.Param
	for k, v := range params {
		ps = append(ps, tazala.Param{Name: k, Value: v})
	}
	var rows []map[string]any
	if err := db.Select(ctx, &rows, sql, ps...); err != nil {
		return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
	}
	enc := json.NewEncoder(w)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
