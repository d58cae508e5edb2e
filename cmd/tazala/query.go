package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/urfave/cli/v2"
)

// namedQuery is an analyst query shipped with tazala.
type namedQuery struct {
	About  string
	SQL    string
	Params []string // parameters the query needs (--param NAME=VALUE)
}

// namedQueries are the documented analyst questions (docs/store.md). They
// read the deduplicating views (the quarantine through FINAL), never the
// token vault.
var namedQueries = map[string]namedQuery{
	"findings-per-day": {
		About: "findings per kind per source per day",
		SQL: `SELECT toDate(event_time) AS day, source, kind, count() AS findings, uniqExact(source, partition, offset) AS records, uniqExactIf(token, token != '') AS tokens
FROM pii_index_v
GROUP BY day, source, kind
ORDER BY day, source, findings DESC`,
	},
	"leakiest-fields": {
		About: "the JSON fields (and plain text) that carry the most personal data",
		SQL: `SELECT source, if(path = '', '(plain text)', path) AS field, arraySort(groupUniqArray(kind)) AS kinds, count() AS findings, uniqExact(source, partition, offset) AS records
FROM pii_index_v
GROUP BY source, field
ORDER BY findings DESC
LIMIT 20`,
	},
	"token-footprint": {
		About:  "where one token (a value, or a person as subject) appears: --param token=tk_…",
		Params: []string{"token"},
		SQL: `SELECT source, partition, offset, kind, if(path = '', '(plain text)', path) AS field, start, end, token = {token:String} AS is_value, subject = {token:String} AS is_subject, event_time, purpose
FROM pii_index_v
WHERE token = {token:String} OR subject = {token:String}
ORDER BY event_time, source, partition, offset, start`,
	},
	"quarantine": {
		About: "records the daemon could not process, masked, with the reason (the DPO's: the analyst role may not read it)",
		SQL: `SELECT source, partition, offset, event_time, quarantined_at, reason, masked
FROM quarantine FINAL
ORDER BY quarantined_at DESC, source, partition, offset
LIMIT 1000`,
	},
	"sources": {
		About: "what each source holds: records, records with findings, findings, first and last event",
		SQL: `SELECT source, count() AS records, countIf(findings > 0) AS with_findings, sum(findings) AS all_findings, min(event_time) AS first_event, max(event_time) AS last_event
FROM records_v
GROUP BY source
ORDER BY source`,
	},
}

var queryFormats = map[string]string{
	"table":    "PrettyCompactMonoBlock",
	"csv":      "CSVWithNames",
	"json":     "JSONEachRow",
	"markdown": "Markdown",
}

func queryCommand() *cli.Command {
	var names []string
	for n := range namedQueries {
		names = append(names, n)
	}
	sort.Strings(names)
	return &cli.Command{
		Name:      "query",
		Usage:     "run a read-only SQL query, or a named analyst query, against the store",
		ArgsUsage: "SQL | NAME | -",
		Description: "Named queries: " + strings.Join(names, ", ") + " (tazala query --list).\n" +
			"Analysts read the views records_v and pii_index_v (deduplicated); parameters are bound by the\n" +
			"engine: write {name:Type} in the SQL and pass --param name=value. SQL - reads it from stdin.\n" +
			"chdb:DIR runs on the embedded engine, or through the HTTP interface of the process that owns DIR\n" +
			"(tazala serve, the daemon) as user $" + envStoreUser + " (default writer with $TAZALA_HTTP_WRITER_PASSWORD);\n" +
			"http(s):// speaks ClickHouse's HTTP protocol; clickhouse:// the native protocol (rows as JSON lines).",
		Flags: []cli.Flag{
			storeFlag(),
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output: table, csv, json, markdown, or any ClickHouse output `FORMAT`"},
			&cli.StringSliceFlag{Name: "param", Usage: "query parameter `NAME=VALUE` (repeatable)"},
			&cli.BoolFlag{Name: "list", Usage: "list the named queries"},
		},
		Action: runQuery,
	}
}

func runQuery(c *cli.Context) error {
	if c.Bool("list") {
		var names []string
		for n := range namedQueries {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(c.App.Writer, "%-18s %s\n", n, namedQueries[n].About)
		}
		return nil
	}
	if c.NArg() != 1 {
		return usageErr("query: want one SQL query or query name\nTry: tazala query findings-per-day   (tazala query --list)")
	}
	format, ok := queryFormats[c.String("format")]
	if !ok {
		format = c.String("format") // a ClickHouse format name; the engine says if it is not one
		if format == "" || strings.ContainsAny(format, " \t\n;") {
			return usageErr("query: unknown --format %q (want table, csv, json, markdown or a ClickHouse format)", c.String("format"))
		}
	}
	var params []tazala.Param
	given := map[string]bool{}
	for _, kv := range c.StringSlice("param") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return usageErr("query: --param %q: want NAME=VALUE", kv)
		}
		params = append(params, tazala.Param{Name: k, Value: v})
		given[k] = true
	}
	sql := strings.TrimSpace(c.Args().First())
	if sql == "-" {
		b, err := io.ReadAll(c.App.Reader)
		if err != nil {
			return cli.Exit(fmt.Sprintf("query: read stdin: %v", err), exitFailure)
		}
		sql = strings.TrimSpace(string(b))
	}
	if q, ok := namedQueries[sql]; ok {
		for _, p := range q.Params {
			if !given[p] {
				return usageErr("query %s: needs --param %s=…", sql, p)
			}
		}
		sql = q.SQL
	} else if !readOnlySQL(sql) {
		return usageErr("query: only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN are run here (or a named query: tazala query --list)")
	}
	st, err := openStore(c.Context, c.String("store"))
	if err != nil {
		return err
	}
	defer st.Close()
	w := c.App.Writer
	switch {
	case st.Format != nil: // the embedded engine, in this process
		st.DB.Exec(c.Context, "SET output_format_pretty_row_numbers = 0") // best effort: plain tables
		out, err := st.Format(c.Context, sql, format, params...)
		if err != nil {
			return cli.Exit(fmt.Sprintf("query: %v", err), exitFailure)
		}
		_, err = w.Write(out)
		return err
	case st.HTTP != "":
		return httpQuery(c.Context, w, st.HTTP, st.Owner, sql, format, params)
	default:
		return nativeQuery(c.Context, w, st.DB, sql, params)
	}
}

// httpQuery sends sql to a ClickHouse HTTP interface (a server, or the
// owner of an embedded store) and copies the answer to w.
func httpQuery(ctx context.Context, w io.Writer, base string, owner bool, sql, format string, params []tazala.Param) error {
	u, err := url.Parse(base)
	if err != nil {
		return usageErr("query: store URL: %v", err)
	}
	q := u.Query()
	if db := strings.Trim(u.Path, "/"); db != "" {
		q.Set("database", db)
	}
	q.Set("default_format", format)
	for _, p := range params {
		q.Set("param_"+p.Name, chdb.P(p.Name, p.Value).Value) // the escaped text form
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
func nativeQuery(ctx context.Context, w io.Writer, db tazala.DB, sql string, ps []tazala.Param) error {
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

// readOnlySQL reports whether q starts with a reading statement. It is a
// guard against mistakes, not a security boundary: the store's users and
// roles are (tazala serve).
func readOnlySQL(q string) bool {
	first := strings.ToUpper(strings.Fields(q + " x")[0])
	switch first {
	case "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "(SELECT":
		return !strings.Contains(strings.TrimRight(strings.TrimSpace(q), ";"), ";")
	}
	return false
}
