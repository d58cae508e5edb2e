package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/stack"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `tazala serve` in-process on a fresh store and returns
// its URL and a function that stops it and returns its exit code and
// stderr.
func startServe(t *testing.T, dir string, args ...string) (string, func() (int, string)) {
	t.Helper()
	t.Setenv("TAZALA_LIBCHDB", stack.NeedCHDB(t))
	t.Setenv(chhttp.EnvWriterPassword, "w-pass")
	t.Setenv(chhttp.EnvAnalystPassword, "a-pass")
	t.Setenv(chhttp.EnvDPOPassword, "d-pass")
	t.Setenv(chhttp.EnvVaultPassword, "v-pass")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"tazala", "serve", "--store", "chdb:" + dir, "--listen", "127.0.0.1:0"}, args...),
			strings.NewReader(""), io.Discard, &stderr)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if u, err := chhttp.ReadAddrFile(dir); err == nil {
			stop := func() (int, string) {
				cancel()
				select {
				case code := <-done:
					return code, stderr.String()
				case <-time.After(30 * time.Second):
					t.Fatal("serve did not stop")
					return 0, ""
				}
			}
			return u, stop
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s", stderr.String())
		}
	}
}

type httpAnswer struct {
	status int
	code   string
	body   string
}

func post(t *testing.T, base, user, pw string, params url.Values, body string) httpAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/?"+params.Encode(), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, pw)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return httpAnswer{res.StatusCode, res.Header.Get("X-ClickHouse-Exception-Code"), string(b)}
}

// TestServe runs `tazala serve` and talks to it as curl would and as
// clickhouse-go/v2 does over HTTP: ping, a writer's JSONEachRow insert,
// an analyst's parameterised query, refusals, then a clean stop.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	base, stop := startServe(t, dir)

	res, err := http.Get(base + "/ping")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != "Ok.\n" {
		t.Fatalf("ping: %q", b)
	}

	// serve migrated the schema: the writer inserts, the analyst reads
	a := post(t, base, "writer", "w-pass", url.Values{"query": {"INSERT INTO redacted_records FORMAT JSONEachRow"}},
		`{"source":"s","partition":0,"offset":1,"subject":"tk_1","payload":"[IIN:tk_1]"}`+"\n"+
			`{"source":"s","partition":0,"offset":2,"subject":"tk_2","payload":"[PHONE:tk_2]"}`+"\n")
	if a.status != 200 {
		t.Fatalf("insert: %d %s", a.status, a.body)
	}
	a = post(t, base, "analyst", "a-pass", url.Values{"param_s": {"tk_2"}}, "SELECT offset FROM records_v WHERE subject = {s:String}")
	if a.status != 200 || a.body != "2\n" {
		t.Fatalf("query: %d %q", a.status, a.body)
	}
	a = post(t, base, "analyst", "a-pass", url.Values{"param_s": {"tk_2' OR '1'='1"}}, "SELECT count() FROM redacted_records WHERE subject = {s:String}")
	if a.status != 200 || a.body != "0\n" {
		t.Fatalf("injection through param_s: %d %q", a.status, a.body)
	}
	a = post(t, base, "analyst", "a-pass", url.Values{"query": {"INSERT INTO redacted_records FORMAT JSONEachRow"}}, `{"source":"x"}`)
	if a.status != 403 || a.code != "497" {
		t.Fatalf("analyst insert: %d %s", a.status, a.body)
	}
	a = post(t, base, "", "", url.Values{}, "SELECT 1")
	if a.status != 401 {
		t.Fatalf("anonymous: %d %s", a.status, a.body)
	}

	// clickhouse-go/v2 over HTTP
	u, _ := url.Parse(base)
	conn, err := clickhouse.Open(&clickhouse.Options{Protocol: clickhouse.HTTP, Addr: []string{u.Host},
		Auth: clickhouse.Auth{Username: "analyst", Password: "a-pass"}})
	if err != nil {
		t.Fatal(err)
	}
	var n uint64
	if err := conn.QueryRow(context.Background(), "SELECT count() FROM redacted_records").Scan(&n); err != nil || n != 2 {
		t.Fatalf("clickhouse-go: %d rows, %v", n, err)
	}
	conn.Close()

	// tazala query and migrate on chdb:DIR go through the owner's HTTP
	// interface (as writer, from TAZALA_HTTP_WRITER_PASSWORD): the
	// interface's rules apply, so the ciphertext stays unreadable
	code, out, errOut := runCLI(t, "", "query", "--store", "chdb:"+dir, "--format", "TSV", "--param", "s=tk_2", "SELECT offset FROM records_v WHERE subject = {s:String}")
	if code != exitOK || out != "2\n" {
		t.Fatalf("query through the owner: exit %d %q %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "query", "--store", "chdb:"+dir, "SELECT ciphertext FROM token_vault")
	if code != exitFailure || !strings.Contains(errOut, "never readable over HTTP") {
		t.Fatalf("query of ciphertexts through the owner: exit %d %s", code, errOut)
	}
	code, out, errOut = runCLI(t, "", "migrate", "--store", "chdb:"+dir)
	if code != exitOK || !strings.Contains(out, base) {
		t.Fatalf("migrate through the owner: exit %d %s", code, errOut)
	}

	// the token vault through the owner: as the vault user, ciphertexts
	// included; as the writer alone, refused
	st, err := openStore(context.Background(), "chdb:"+dir)
	if err != nil {
		t.Fatal(err)
	}
	entry := tazala.TokenEntry{ID: "tk_owned", Kind: tazala.KindPhone, Ciphertext: "vault:v1:c2VjcmV0"}
	if err := st.Tokens.Put(context.Background(), []tazala.TokenEntry{entry}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Tokens.Get(context.Background(), "tk_owned"); err != nil || got.Ciphertext != entry.Ciphertext {
		t.Fatalf("token vault through the owner: %+v, %v", got, err)
	}
	st.Close()
	t.Setenv(chhttp.EnvVaultPassword, "")
	st, err = openStore(context.Background(), "chdb:"+dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Tokens.Get(context.Background(), "tk_owned"); err == nil || !strings.Contains(err.Error(), "497") {
		t.Fatalf("the writer read a ciphertext through the owner: %v", err)
	}
	st.Close()

	// a second owner is refused while this one serves
	code, _, stderr := runCLI(t, "", "serve", "--store", "chdb:"+dir, "--listen", "127.0.0.1:0")
	_ = stderr
	if code != exitFailure || !strings.Contains(stderr, "already served") {
		t.Fatalf("second serve: exit %d: %s", code, stderr)
	}

	code, logs := stop()
	if code != exitOK {
		t.Fatalf("serve exit %d: %s", code, logs)
	}
	if _, err := os.Stat(filepath.Join(dir, chhttp.AddrFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("address file left behind: %v", err)
	}
	if !strings.Contains(logs, "refused") || strings.Contains(logs, "OR '1'") {
		t.Errorf("serve log: refusals missing or a literal logged:\n%s", logs)
	}
}

func TestServeUsage(t *testing.T) {
	t.Setenv(chhttp.EnvWriterPassword, "")
	t.Setenv(chhttp.EnvAnalystPassword, "")
	t.Setenv(chhttp.EnvDPOPassword, "")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no store", []string{"serve"}, "--store chdb:DIR is required"},
		{"server store", []string{"serve", "--store", "clickhouse://h:9000/db"}, "--store chdb:DIR is required"},
		{"no users", []string{"serve", "--store", "chdb:" + t.TempDir()}, "no users"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
	t.Run("public address without TLS", func(t *testing.T) {
		t.Setenv(chhttp.EnvAnalystPassword, "a")
		code, _, stderr := runCLI(t, "", "serve", "--store", "chdb:"+t.TempDir(), "--listen", "0.0.0.0:0")
		if code != exitUsage || !strings.Contains(stderr, "TLS is required") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
}

// TestQueryDirect: without an owner, tazala query runs on the embedded
// engine itself, in any output format, with bound parameters.
func TestQueryDirect(t *testing.T) {
	t.Setenv("TAZALA_LIBCHDB", stack.NeedCHDB(t))
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "", "query", "--store", "chdb:"+dir, "--format", "JSONEachRow", "--param", "v=it's \\ fine",
		"SELECT {v:String} AS v, count() AS n FROM redacted_records")
	if code != exitOK || out != `{"v":"it's \\ fine","n":0}`+"\n" {
		t.Fatalf("exit %d %q %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "query", "--store", "chdb:"+dir, "SELECT 1 +")
	if code != exitFailure || !strings.Contains(errOut, "SYNTAX_ERROR") {
		t.Fatalf("bad SQL: exit %d %s", code, errOut)
	}
}

// TestMigrateCluster: tazala migrate --cluster prints the cluster DDL.
func TestMigrateCluster(t *testing.T) {
	code, out, errOut := runCLI(t, "", "migrate", "--cluster", "logs_cluster", "--database", "tazala")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"CREATE TABLE IF NOT EXISTS `tazala`.`redacted_records_local` ON CLUSTER `logs_cluster`",
		"ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', ingest_time)",
		"ENGINE = Distributed('logs_cluster', 'tazala', 'pii_index_local', cityHash64(source, partition, offset))",
		"CREATE OR REPLACE VIEW `tazala`.`records_v` ON CLUSTER `logs_cluster` AS",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	code, _, errOut = runCLI(t, "", "migrate", "--cluster", "c", "--store", "chdb:/tmp/x")
	if code != exitUsage {
		t.Fatalf("--cluster on an embedded store: exit %d %s", code, errOut)
	}
}
