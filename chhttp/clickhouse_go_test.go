package chhttp_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// goClient opens clickhouse-go/v2 over its HTTP protocol against the
// shared server, as user.
func goClient(t testing.TB, user, pw string) clickhouse.Conn {
	t.Helper()
	base, _ := server(t)
	u, _ := url.Parse(base)
	conn, err := clickhouse.Open(&clickhouse.Options{
		Protocol: clickhouse.HTTP,
		Addr:     []string{u.Host},
		Auth:     clickhouse.Auth{Database: "default", Username: user, Password: pw},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestClickHouseGo: the official client over HTTP: its handshake query,
// a batch insert in Native, typed reads with parameters, and a refusal
// it reports with the server's code.
func TestClickHouseGo(t *testing.T) {
	ctx := context.Background()
	w := goClient(t, "writer", writerPW)
	if err := w.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := w.ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("server %s", v)

	batch, err := w.PrepareBatch(ctx, "INSERT INTO redacted_records (source, partition, offset, subject, payload)")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		if err := batch.Append("t-go", int32(i%3), int64(i), fmt.Sprintf("tk_%d", i%10), `{"note":"a;b\n"}`); err != nil {
			t.Fatal(err)
		}
	}
	if err := batch.Send(); err != nil {
		t.Fatal(err)
	}

	a := goClient(t, "analyst", analystPW)
	var n uint64
	if err := a.QueryRow(clickhouse.Context(ctx, clickhouse.WithParameters(clickhouse.Parameters{"src": "t-go"})),
		"SELECT count() FROM records_v WHERE source = {src:String}").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1000 {
		t.Fatalf("count %d, want 1000", n)
	}
	rows, err := a.Query(ctx, "SELECT partition, offset, payload, now64(3) FROM records_v WHERE source = 't-go' ORDER BY offset LIMIT 2")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var (
			p       int32
			off     int64
			payload string
			ts      time.Time
		)
		if err := rows.Scan(&p, &off, &payload, &ts); err != nil {
			t.Fatal(err)
		}
		if payload != "{\"note\":\"a;b\\n\"}" {
			t.Fatalf("payload %q", payload)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()

	err = a.QueryRow(ctx, "SELECT count() FROM token_vault").Scan(&n)
	var ex *clickhouse.Exception
	if !errors.As(err, &ex) || ex.Code != 497 {
		t.Fatalf("analyst reading token_vault: %v, want exception 497", err)
	}
	b, err := a.PrepareBatch(ctx, "INSERT INTO redacted_records (source, offset)")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Append("t-go-analyst", int64(1)); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); !errors.As(err, &ex) || ex.Code != 497 {
		t.Fatalf("analyst insert: %v, want exception 497", err)
	}
}

// TestGrafanaQueries: what Grafana's ClickHouse data source (itself on
// clickhouse-go/v2) sends over HTTP: database/sql with a query timeout
// (max_execution_time), schema browsing through system tables and DESC,
// a time-series query with a time filter, as the analyst.
func TestGrafanaQueries(t *testing.T) {
	base, _ := server(t)
	u, _ := url.Parse(base)
	db := clickhouse.OpenDB(&clickhouse.Options{
		Protocol: clickhouse.HTTP,
		Addr:     []string{u.Host},
		Auth:     clickhouse.Auth{Database: "default", Username: "analyst", Password: analystPW},
		Settings: clickhouse.Settings{"max_execution_time": 60},
	})
	defer db.Close()
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"SELECT version()",
		"SELECT name FROM system.databases",
		"SELECT name FROM system.tables WHERE database = 'default' AND name NOT LIKE '.inner%'",
		"SELECT name, type FROM system.columns WHERE database = 'default' AND table = 'records_v'",
		"DESC TABLE default.records_v",
		"SELECT toStartOfMinute(ingest_time) AS t, count() FROM redacted_records WHERE ingest_time >= toDateTime64(1700000000, 3) AND ingest_time <= now64(3) GROUP BY t ORDER BY t",
	} {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows.Close()
		t.Logf("%s: %d rows", q, n)
	}
}

// TestClickHouseGoCompression: clickhouse-go/v2 over HTTP with each of its
// compressions (ClickHouse's LZ4/ZSTD blocks, gzip, deflate): handshake,
// batch insert, read back.
func TestClickHouseGoCompression(t *testing.T) {
	base, _ := server(t)
	u, _ := url.Parse(base)
	ctx := context.Background()
	for _, m := range []clickhouse.CompressionMethod{clickhouse.CompressionLZ4, clickhouse.CompressionZSTD, clickhouse.CompressionGZIP, clickhouse.CompressionDeflate} {
		t.Run(m.String(), func(t *testing.T) {
			conn, err := clickhouse.Open(&clickhouse.Options{Protocol: clickhouse.HTTP, Addr: []string{u.Host},
				Auth:        clickhouse.Auth{Database: "default", Username: "writer", Password: writerPW},
				Compression: &clickhouse.Compression{Method: m}})
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			src := "t-compress-" + m.String()
			b, err := conn.PrepareBatch(ctx, "INSERT INTO redacted_records (source, offset, payload)")
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 3000; i++ {
				if err := b.Append(src, int64(i), strings.Repeat("[PHONE:tk_p] ", 20)); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Send(); err != nil {
				t.Fatal(err)
			}
			var n uint64
			var total uint64
			if err := conn.QueryRow(ctx, "SELECT count(), sum(length(payload)) FROM redacted_records WHERE source = {s:String}", clickhouse.Named("s", src)).Scan(&n, &total); err != nil {
				t.Fatal(err)
			}
			if n != 3000 || total != 3000*20*13 {
				t.Fatalf("%d rows, %d bytes", n, total)
			}
		})
	}
}
