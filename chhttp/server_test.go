package chhttp_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
)

func TestMain(m *testing.M) { stack.Main(m) }

// contractTables are the storage contract's tables, enough of them for
// the role tests (the real schema is sinks/chschema's).
var contractTables = []string{
	`CREATE TABLE IF NOT EXISTS redacted_records (source LowCardinality(String), partition Int32, offset Int64,
		subject String, payload String, ingest_time DateTime64(3, 'UTC') DEFAULT now64(3))
		ENGINE = ReplacingMergeTree(ingest_time) ORDER BY (source, partition, offset)`,
	`CREATE TABLE IF NOT EXISTS pii_index (subject String, token String, kind LowCardinality(String),
		source LowCardinality(String), partition Int32, offset Int64, ordinal UInt16)
		ENGINE = ReplacingMergeTree ORDER BY (token, source, partition, offset, ordinal)`,
	`CREATE TABLE IF NOT EXISTS token_vault (token String, kind LowCardinality(String), ciphertext String,
		subject String, state Enum8('active' = 0, 'blocked' = 1, 'erased' = 2), updated DateTime64(9, 'UTC') DEFAULT now64(9))
		ENGINE = ReplacingMergeTree(updated) ORDER BY token`,
	`CREATE TABLE IF NOT EXISTS audit_log (time DateTime64(3, 'UTC'), actor String, action String, token String)
		ENGINE = MergeTree ORDER BY time SETTINGS non_replicated_deduplication_window = 100`,
	`CREATE TABLE IF NOT EXISTS subject_events (time DateTime64(3, 'UTC'), subject String, event String)
		ENGINE = MergeTree ORDER BY (subject, time)`,
	`CREATE TABLE IF NOT EXISTS quarantine (source LowCardinality(String), partition Int32, offset Int64, reason String, masked String)
		ENGINE = ReplacingMergeTree ORDER BY (source, partition, offset)`,
	`CREATE VIEW IF NOT EXISTS records_v AS SELECT source, partition, offset, subject, payload FROM redacted_records FINAL`,
	`CREATE VIEW IF NOT EXISTS pii_index_v AS SELECT subject, token, kind, source, partition, offset FROM pii_index FINAL`,
}

const (
	writerPW  = "writer-secret"
	analystPW = "analyst-secret"
	dpoPW     = "dpo-secret"
	vaultPW   = "vault-secret"
)

// shared is one embedded store per test binary (libchdb serves one path
// per process) with a server in front of it.
var shared struct {
	once sync.Once
	db   *chdb.DB
	url  string
	logs *syncBuffer
	err  error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server returns the base URL of the shared server and its DB.
func server(t testing.TB) (string, *chdb.DB) {
	t.Helper()
	lib := stack.NeedCHDB(t)
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "chhttp-test-")
		if err != nil {
			shared.err = err
			return
		}
		stack.OnShutdown(func() { os.RemoveAll(dir) })
		db, err := chdb.Open(chdb.Config{LibPath: lib, Path: dir})
		if err != nil {
			shared.err = err
			return
		}
		stack.OnShutdown(func() { db.Close() })
		for _, q := range contractTables {
			if _, err := db.Exec(context.Background(), q); err != nil {
				shared.err = err
				return
			}
		}
		users, err := chhttp.NewUsers(
			chhttp.User{Name: "writer", Role: chhttp.RoleWriter, PasswordSHA256: chhttp.HashPassword(writerPW)},
			chhttp.User{Name: "analyst", Role: chhttp.RoleAnalyst, PasswordSHA256: chhttp.HashPassword(analystPW)},
			chhttp.User{Name: "dpo", Role: chhttp.RoleDPO, PasswordSHA256: chhttp.HashPassword(dpoPW)},
			chhttp.User{Name: "vault", Role: chhttp.RoleVault, PasswordSHA256: chhttp.HashPassword(vaultPW)},
		)
		if err != nil {
			shared.err = err
			return
		}
		shared.logs = &syncBuffer{}
		srv, err := chhttp.New(context.Background(), chhttp.Config{DB: db, Users: users,
			Logger:        slog.New(slog.NewTextHandler(shared.logs, nil)),
			Sessions:      2,
			AllowDatabase: func(name string) bool { return strings.HasPrefix(name, "t_") }})
		if err != nil {
			shared.err = err
			return
		}
		hs := httptest.NewServer(srv)
		stack.OnShutdown(func() { hs.Close(); srv.Close() })
		shared.db, shared.url = db, hs.URL
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.url, shared.db
}

type answer struct {
	status int
	code   string // X-ClickHouse-Exception-Code
	body   string
	header http.Header
}

// call sends a request as user (empty: none) with the query in the URL
// (POST when body is not nil).
func call(t *testing.T, user, pw string, params url.Values, body []byte) answer {
	t.Helper()
	base, _ := server(t)
	method := http.MethodGet
	var rd io.Reader
	if body != nil {
		method, rd = http.MethodPost, bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, base+"/?"+params.Encode(), rd)
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.Header.Set("X-ClickHouse-User", user)
		req.Header.Set("X-ClickHouse-Key", pw)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, code: res.Header.Get("X-ClickHouse-Exception-Code"), body: string(b), header: res.Header}
}

func q(query string, kv ...string) url.Values {
	v := url.Values{}
	if query != "" {
		v.Set("query", query)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func TestPing(t *testing.T) {
	base, _ := server(t)
	for _, path := range []string{"/ping", "/replicas_status", "/"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(b) != "Ok.\n" {
			t.Errorf("%s: %d %q, want 200 \"Ok.\\n\"", path, res.StatusCode, b)
		}
	}
}

func TestCredentials(t *testing.T) {
	server(t) // skips the whole test when the engine is not there (-short)
	for _, tc := range []struct {
		name, user, pw string
		status         int
		code           string
	}{
		{"anonymous", "", "", 401, "194"},
		{"wrong password", "analyst", "nope", 403, "516"},
		{"unknown user", "default", "", 403, "516"},
		{"analyst", "analyst", analystPW, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, tc.user, tc.pw, q("SELECT 1"), nil)
			if a.status != tc.status || a.code != tc.code {
				t.Fatalf("status %d code %q (%s), want %d %q", a.status, a.code, a.body, tc.status, tc.code)
			}
		})
	}
	t.Run("basic auth", func(t *testing.T) {
		base, _ := server(t)
		req, _ := http.NewRequest("GET", base+"/?query=SELECT+1", nil)
		req.SetBasicAuth("dpo", dpoPW)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(b) != "1\n" {
			t.Fatalf("basic auth: %d %q", res.StatusCode, b)
		}
	})
	if logs := shared.logs.String(); !strings.Contains(logs, "no credentials") || strings.Contains(logs, "nope") {
		t.Errorf("refusals not logged, or a password logged:\n%s", logs)
	}
}

func TestInsertAndQuery(t *testing.T) {
	rows := `{"source":"t-insert","partition":0,"offset":1,"subject":"tk_a","payload":"{\"iin\":\"[IIN:tk_a]\"}"}
{"source":"t-insert","partition":0,"offset":2,"subject":"tk_b","payload":"x; DROP TABLE token_vault"}
`
	a := call(t, "writer", writerPW, q("INSERT INTO redacted_records (source, partition, offset, subject, payload) FORMAT JSONEachRow"), []byte(rows))
	if a.status != 200 {
		t.Fatalf("insert: %d %s", a.status, a.body)
	}
	if s := a.header.Get("X-ClickHouse-Summary"); !strings.Contains(s, `"written_rows":"2"`) {
		t.Errorf("summary %q, want written_rows 2", s)
	}
	// the analyst reads it through the view, with a parameter
	a = call(t, "analyst", analystPW, q("SELECT offset, subject FROM records_v WHERE source = {src:String} ORDER BY offset FORMAT JSONEachRow", "param_src", "t-insert"), nil)
	want := "{\"offset\":1,\"subject\":\"tk_a\"}\n{\"offset\":2,\"subject\":\"tk_b\"}\n"
	if a.status != 200 || a.body != want {
		t.Fatalf("select: %d %q, want %q", a.status, a.body, want)
	}
	if f := a.header.Get("X-ClickHouse-Format"); f != "JSONEachRow" {
		t.Errorf("X-ClickHouse-Format %q", f)
	}
	// default_format and the query in the body
	a = call(t, "analyst", analystPW, q("", "default_format", "CSV", "param_src", "t-insert"),
		[]byte("SELECT count() FROM records_v WHERE source = {src:String}"))
	if a.status != 200 || a.body != "2\n" || a.header.Get("X-ClickHouse-Format") != "CSV" {
		t.Fatalf("body query: %d %q %q", a.status, a.body, a.header.Get("X-ClickHouse-Format"))
	}
	// body-only insert with inline data
	a = call(t, "writer", writerPW, q(""), []byte("INSERT INTO redacted_records (source, offset) FORMAT TSV\nt-insert\t3\n"))
	if a.status != 200 {
		t.Fatalf("inline insert: %d %s", a.status, a.body)
	}
	// VALUES with the data in the body
	a = call(t, "writer", writerPW, q("INSERT INTO redacted_records (source, offset) VALUES"), []byte("('t-insert', 4)"))
	if a.status != 200 {
		t.Fatalf("values insert: %d %s", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT count() FROM records_v WHERE source = 't-insert'"), nil)
	if a.body != "4\n" {
		t.Fatalf("count %q, want 4", a.body)
	}
	// dedup token from the URL
	for i := 0; i < 2; i++ {
		a = call(t, "writer", writerPW, q("INSERT INTO audit_log (actor, action) FORMAT TSV", "insert_deduplication_token", "t-dedup-1"), []byte("me\tdedup\n"))
		if a.status != 200 {
			t.Fatalf("dedup insert: %d %s", a.status, a.body)
		}
	}
	a = call(t, "writer", writerPW, q("SELECT count() FROM audit_log WHERE action = 'dedup'"), nil)
	if a.body != "1\n" {
		t.Fatalf("dedup: %q rows, want 1", a.body)
	}
}

func TestParametersStayValues(t *testing.T) {
	evil := "x' OR 1=1 --"
	a := call(t, "analyst", analystPW, q("SELECT {v:String} AS v, count() FROM records_v WHERE subject = {v:String}", "param_v", evil), nil)
	if a.status != 200 || a.body != "x\\' OR 1=1 --\t0\n" {
		t.Fatalf("param: %d %q", a.status, a.body)
	}
	// an Identifier parameter is checked like the identifier it becomes
	a = call(t, "dpo", dpoPW, q("SELECT {c:Identifier} FROM token_vault", "param_c", "ciphertext"), nil)
	if a.status != 403 || a.code != "497" {
		t.Fatalf("identifier param naming ciphertext: %d %s", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT count() FROM {t:Identifier}", "param_t", "token_vault"), nil)
	if a.status != 403 || a.code != "497" {
		t.Fatalf("identifier param naming token_vault: %d %s", a.status, a.body)
	}
}

func TestRoles(t *testing.T) {
	secret := "LITERAL-7f3a" // must never reach the log
	cases := []struct {
		name, user, pw, query string
		body                  string
		ok                    bool
	}{
		{"analyst reads view", "analyst", analystPW, "SELECT count() FROM records_v", "", true},
		{"analyst reads pii_index", "analyst", analystPW, "SELECT count() FROM pii_index WHERE token = '" + secret + "'", "", true},
		{"analyst reads system.tables", "analyst", analystPW, "SELECT count() FROM system.tables WHERE database = currentDatabase()", "", true},
		{"analyst token_vault", "analyst", analystPW, "SELECT token FROM token_vault WHERE token = '" + secret + "'", "", false},
		{"analyst audit_log", "analyst", analystPW, "SELECT count() FROM audit_log", "", false},
		{"analyst subquery audit_log", "analyst", analystPW, "SELECT count() FROM records_v WHERE subject IN (SELECT token FROM default.audit_log)", "", false},
		{"analyst IN table", "analyst", analystPW, "SELECT count() FROM records_v WHERE subject IN token_vault", "", false},
		{"analyst join token_vault", "analyst", analystPW, "SELECT count() FROM records_v AS r JOIN token_vault AS v ON r.subject = v.subject", "", false},
		{"analyst insert", "analyst", analystPW, "INSERT INTO redacted_records (source) VALUES ('" + secret + "')", "", false},
		{"analyst insert body", "analyst", analystPW, "INSERT INTO redacted_records (source) FORMAT TSV", secret + "\n", false},
		{"analyst alter delete", "analyst", analystPW, "ALTER TABLE redacted_records DELETE WHERE 1", "", false},
		{"analyst drop", "analyst", analystPW, "DROP TABLE redacted_records", "", false},
		{"analyst file()", "analyst", analystPW, "SELECT * FROM file('/etc/passwd', 'LineAsString')", "", false},
		{"analyst file function", "analyst", analystPW, "SELECT file('/etc/passwd')", "", false},
		{"analyst url()", "analyst", analystPW, "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')", "", false},
		{"analyst merge()", "analyst", analystPW, "SELECT * FROM merge('default', 'token')", "", false},
		{"analyst query_log", "analyst", analystPW, "SELECT query FROM system.query_log", "", false},
		{"analyst other database", "analyst", analystPW, "SELECT 1 FROM other.redacted_records", "", false},
		{"analyst multi-statement", "analyst", analystPW, "SELECT 1; DROP TABLE redacted_records", "", false},
		{"analyst set", "analyst", analystPW, "SET readonly = 0", "", false},
		{"analyst outfile", "analyst", analystPW, "SELECT 1 INTO OUTFILE '/tmp/chhttp-outfile'", "", false},
		{"analyst joinGet", "analyst", analystPW, "SELECT joinGet('token_vault', 'ciphertext', 'tk_x')", "", false},
		{"analyst dictGet", "analyst", analystPW, "SELECT dictGet('d', 'ciphertext', 'tk_x')", "", false},
		{"analyst view()", "analyst", analystPW, "SELECT * FROM view(SELECT token FROM records_v)", "", false},
		{"analyst remote()", "analyst", analystPW, "SELECT * FROM remote('127.0.0.1', default.token_vault)", "", false},
		{"analyst cluster()", "analyst", analystPW, "SELECT * FROM cluster('default', default, token_vault)", "", false},
		{"analyst input()", "analyst", analystPW, "SELECT * FROM input('a String')", "", false},
		{"analyst format()", "analyst", analystPW, "SELECT * FROM format(CSV, 'a\nb')", "", false},
		{"analyst explain", "analyst", analystPW, "EXPLAIN SELECT * FROM token_vault", "", false},
		{"analyst processes", "analyst", analystPW, "SELECT query FROM system.processes", "", false},
		{"analyst users", "analyst", analystPW, "SELECT name FROM system.users", "", false},
		{"analyst quoted vault", "analyst", analystPW, "SELECT count() FROM \"token_vault\"", "", false},
		{"analyst backquoted vault", "analyst", analystPW, "SELECT count() FROM default.`token_vault`", "", false},
		{"analyst union vault", "analyst", analystPW, "SELECT subject FROM records_v UNION ALL SELECT token FROM token_vault", "", false},
		{"analyst cte over vault", "analyst", analystPW, "WITH records_v AS (SELECT token FROM token_vault) SELECT * FROM records_v", "", false},
		{"analyst scalar subquery", "analyst", analystPW, "SELECT (SELECT count() FROM audit_log)", "", false},
		{"analyst describe vault", "analyst", analystPW, "DESCRIBE TABLE token_vault", "", false},
		{"analyst describe view", "analyst", analystPW, "DESCRIBE TABLE records_v", "", true},
		{"analyst show databases", "analyst", analystPW, "SHOW DATABASES", "", true},
		{"analyst show tables", "analyst", analystPW, "SHOW TABLES FROM default", "", true},
		{"analyst show tables of another database", "analyst", analystPW, "SHOW TABLES FROM other", "", false},
		{"analyst show columns", "analyst", analystPW, "SHOW COLUMNS FROM records_v", "", true},
		{"analyst show create view", "analyst", analystPW, "SHOW CREATE TABLE records_v", "", true},
		{"analyst show create vault", "analyst", analystPW, "SHOW CREATE TABLE token_vault", "", false},
		{"analyst exists", "analyst", analystPW, "EXISTS TABLE records_v", "", true},
		{"analyst information_schema", "analyst", analystPW, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'default'", "", true},
		{"analyst INFORMATION_SCHEMA", "analyst", analystPW, "SELECT column_name FROM INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'records_v'", "", true},
		{"dpo scalar ciphertext", "dpo", dpoPW, "WITH (SELECT ciphertext FROM token_vault LIMIT 1) AS c SELECT c", "", false},
		{"dpo untuple", "dpo", dpoPW, "SELECT untuple(tuple(*)) FROM token_vault", "", false},
		{"analyst numbers", "analyst", analystPW, "SELECT sum(number) FROM numbers(10)", "", true},
		{"dpo audit_log", "dpo", dpoPW, "SELECT count() FROM audit_log", "", true},
		{"dpo quarantine", "dpo", dpoPW, "SELECT source, reason, masked FROM quarantine FINAL", "", true},
		{"dpo writes quarantine", "dpo", dpoPW, "INSERT INTO quarantine (source) VALUES ('x')", "", false},
		{"analyst quarantine", "analyst", analystPW, "SELECT count() FROM quarantine", "", false},
		{"analyst quarantine subquery", "analyst", analystPW, "SELECT count() FROM records_v WHERE offset IN (SELECT offset FROM quarantine)", "", false},
		{"writer quarantines", "writer", writerPW, "INSERT INTO quarantine (source, partition, offset, reason, masked) VALUES ('t', 0, 1, 'r', '***')", "", true},
		{"dpo token_vault columns", "dpo", dpoPW, "SELECT token, state FROM token_vault FINAL", "", true},
		{"dpo token_vault star", "dpo", dpoPW, "SELECT * FROM token_vault", "", false},
		{"dpo token_vault star subquery", "dpo", dpoPW, "SELECT token FROM (SELECT * FROM token_vault)", "", false},
		{"dpo ciphertext", "dpo", dpoPW, "SELECT ciphertext FROM token_vault", "", false},
		{"dpo ciphertext in where", "dpo", dpoPW, "SELECT count() FROM token_vault WHERE startsWith(ciphertext, 'vault:')", "", false},
		{"dpo qualified ciphertext", "dpo", dpoPW, "SELECT v.ciphertext FROM token_vault AS v", "", false},
		{"dpo columns()", "dpo", dpoPW, "SELECT COLUMNS('c.*') FROM token_vault", "", false},
		{"dpo insert", "dpo", dpoPW, "INSERT INTO subject_events (subject, event) VALUES ('tk_x', 'blocked')", "", false},
		{"writer ciphertext", "writer", writerPW, "SELECT ciphertext FROM token_vault", "", false},
		{"writer copies ciphertext", "writer", writerPW, "INSERT INTO audit_log (detail) SELECT ciphertext FROM token_vault", "", false},
		{"writer update from ciphertext", "writer", writerPW, "ALTER TABLE token_vault UPDATE kind = ciphertext WHERE 1", "", false},
		{"writer erases ciphertext", "writer", writerPW, "ALTER TABLE token_vault UPDATE ciphertext = '' WHERE token = 'tk_none'", "", true},
		{"writer new vault version keeps its ciphertext", "writer", writerPW, "INSERT INTO token_vault (token, kind, ciphertext, subject, state) SELECT token, kind, ciphertext, subject, 'blocked' FROM token_vault FINAL WHERE token = 'tk_none'", "", true},
		{"writer moves ciphertext to another column", "writer", writerPW, "INSERT INTO token_vault (token, kind, subject, ciphertext, state) SELECT token, kind, ciphertext, subject, 'blocked' FROM token_vault FINAL WHERE token = 'tk_none'", "", false},
		{"writer copies ciphertext out", "writer", writerPW, "INSERT INTO audit_log (detail) SELECT ciphertext FROM token_vault", "", false},
		{"writer ciphertext copy with a filter on it", "writer", writerPW, "INSERT INTO token_vault (token, ciphertext) SELECT token, ciphertext FROM token_vault WHERE ciphertext LIKE 'v%'", "", false},
		{"writer ciphertext copy through a function", "writer", writerPW, "INSERT INTO token_vault (token, ciphertext) SELECT token, lower(ciphertext) FROM token_vault", "", false},
		{"writer vault insert", "writer", writerPW, "INSERT INTO token_vault (token, kind, ciphertext, subject) FORMAT TSV", "tk_w\tiin\tvault:v1:" + secret + "\ttk_w\n", true},
		{"writer reads vault states", "writer", writerPW, "SELECT token, state FROM token_vault FINAL WHERE token = 'tk_w'", "", true},
		{"writer file engine", "writer", writerPW, "CREATE TABLE IF NOT EXISTS leak (s String) ENGINE = File(TSV)", "", false},
		{"writer creates table", "writer", writerPW, "CREATE TABLE IF NOT EXISTS scratch (s String) ENGINE = MergeTree ORDER BY s", "", true},
		{"writer creates table with a tuple key", "writer", writerPW, "CREATE TABLE IF NOT EXISTS scratch2 (s String, n UInt8) ENGINE = ReplacingMergeTree ORDER BY (s, n)", "", true},
		{"writer moves vault parts", "writer", writerPW, "ALTER TABLE token_vault MOVE PARTITION tuple() TO TABLE scratch2", "", false},
		{"writer attaches vault parts", "writer", writerPW, "ALTER TABLE scratch2 ATTACH PARTITION tuple() FROM token_vault", "", false},
		{"writer renames ciphertext", "writer", writerPW, "ALTER TABLE token_vault RENAME COLUMN ciphertext TO c2", "", false},
		{"writer materializes ciphertext", "writer", writerPW, "ALTER TABLE token_vault ADD COLUMN c3 String MATERIALIZED ciphertext", "", false},
		{"writer view over vault", "writer", writerPW, "CREATE VIEW IF NOT EXISTS leak_v AS SELECT * FROM token_vault", "", false},
		{"writer erases rows holding a ciphertext", "writer", writerPW, "DELETE FROM token_vault WHERE token = 'tk_none' AND ciphertext != ''", "", true},
		{"writer probes ciphertexts", "writer", writerPW, "DELETE FROM token_vault WHERE token = 'tk_none' AND ciphertext = 'vault:v1:x'", "", false},
		{"vault reads ciphertext", "vault", vaultPW, "SELECT ciphertext FROM token_vault FINAL WHERE token = 'tk_w'", "", true},
		{"vault appends audit", "vault", vaultPW, "INSERT INTO audit_log (actor, action) VALUES ('me', 'reveal')", "", true},
		{"vault reads records", "vault", vaultPW, "SELECT count() FROM redacted_records", "", false},
		{"vault writes records", "vault", vaultPW, "INSERT INTO redacted_records (source) VALUES ('x')", "", false},
		{"vault drops", "vault", vaultPW, "DROP TABLE token_vault", "", false},
		{"writer drop", "writer", writerPW, "DROP TABLE IF EXISTS scratch", "", false},
		{"writer infile", "writer", writerPW, "INSERT INTO audit_log FROM INFILE '/etc/passwd' FORMAT LineAsString", "", false},
		{"writer into function", "writer", writerPW, "INSERT INTO FUNCTION file('/tmp/chhttp-x', 'TSV') SELECT 1", "", false},
		{"writer system", "writer", writerPW, "SYSTEM FLUSH LOGS", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.body != "" {
				body = []byte(tc.body)
			} else if !strings.HasPrefix(tc.query, "SELECT") {
				body = []byte{} // POST
			}
			a := call(t, tc.user, tc.pw, q(tc.query), body)
			if tc.ok && a.status != 200 {
				t.Fatalf("refused: %d %s", a.status, a.body)
			}
			if !tc.ok && a.status == 200 {
				t.Fatalf("allowed: %q", a.body)
			}
			t.Logf("%d %s", a.status, strings.TrimSpace(a.body))
			if !tc.ok && a.code == "" {
				t.Fatalf("no X-ClickHouse-Exception-Code: %d %s", a.status, a.body)
			}
		})
	}
	a := call(t, "analyst", analystPW, q("SELECT count() FROM `870412300415`"), nil)
	if a.status != 403 {
		t.Fatalf("a digits table: %d %s", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT dict870412300415(1)"), nil)
	if a.status != 403 {
		t.Fatalf("a digits function: %d %s", a.status, a.body)
	}
	logs := shared.logs.String()
	if strings.Contains(logs, "870412300415") {
		t.Errorf("an identifier from a refused statement reached the log:\n%s", logs)
	}
	if strings.Contains(logs, secret) || strings.Contains(logs, "/etc/passwd") {
		t.Errorf("a literal of a refused statement reached the log:\n%s", logs)
	}
	if !strings.Contains(logs, "table token_vault is not readable by this role") {
		t.Errorf("refusal reasons missing from the log:\n%s", logs)
	}
	if _, err := os.Stat("/tmp/chhttp-outfile"); err == nil {
		os.Remove("/tmp/chhttp-outfile")
		t.Error("INTO OUTFILE wrote a file")
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params url.Values
		body   []byte
		status int
		code   string
	}{
		{"unknown table", q("SELECT * FROM nonexistent_table"), nil, 404, "60"},
		{"syntax", q("SELEC 1"), nil, 400, "62"},
		{"unknown column", q("SELECT nope FROM records_v"), nil, 404, "47"},
		{"missing parameter", q("SELECT {x:UInt8}"), nil, 400, "456"},
		{"other database", q("SELECT 1", "database", "other"), nil, 404, "81"},
		{"allowed database that does not exist", q("SELECT 1", "database", "t_missing"), nil, 404, "81"},
		{"url setting", q("SELECT 1", "max_threads", "1"), nil, 400, "115"},
		{"empty", q(""), []byte{}, 400, "62"},
		{"insert over GET", q("INSERT INTO redacted_records (source) VALUES ('a')"), nil, 403, "164"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, "writer", writerPW, tc.params, tc.body)
			if a.status != tc.status || a.code != tc.code {
				t.Fatalf("%d code %q (%s), want %d %q", a.status, a.code, a.body, tc.status, tc.code)
			}
			if !strings.HasPrefix(a.body, "Code: "+tc.code+".") {
				t.Errorf("body %q does not start with the code", a.body)
			}
		})
	}
}

// TestOtherDatabase: a database the server allows gets its own session:
// unqualified names resolve in it, and the role's tables apply there.
func TestOtherDatabase(t *testing.T) {
	_, db := server(t)
	ctx := context.Background()
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS t_other",
		"CREATE TABLE IF NOT EXISTS t_other.redacted_records (source String) ENGINE = MergeTree ORDER BY source",
		"CREATE TABLE IF NOT EXISTS t_other.token_vault (token String) ENGINE = MergeTree ORDER BY token"} {
		if _, err := db.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	a := call(t, "writer", writerPW, q("INSERT INTO redacted_records FORMAT TSV", "database", "t_other"), []byte("only-here\n"))
	if a.status != 200 {
		t.Fatalf("insert: %d %s", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT source FROM redacted_records", "database", "t_other"), nil)
	if a.status != 200 || a.body != "only-here\n" {
		t.Fatalf("select: %d %q", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT count() FROM t_other.token_vault"), nil)
	if a.status != 403 {
		t.Fatalf("qualified token_vault of another database: %d %q", a.status, a.body)
	}
	a = call(t, "analyst", analystPW, q("SELECT count() FROM default.redacted_records", "database", "t_other"), nil)
	if a.status != 403 {
		t.Fatalf("the default database from a t_other session: %d %q", a.status, a.body)
	}
}

// TestDataNeverRunsAsSQL: libchdb ends inline INSERT data at an empty
// line (and VALUES data at a ';') and runs what follows as SQL. Data sent
// over HTTP is read from a file (FROM INFILE), so a statement hidden in it
// never runs, whichever way the data comes.
func TestDataNeverRunsAsSQL(t *testing.T) {
	ctx := context.Background()
	_, db := server(t)
	if _, err := db.Exec(ctx, "CREATE TABLE IF NOT EXISTS victim (s String) ENGINE = MergeTree ORDER BY s"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		params url.Values
		body   string
	}{
		{"blank line, data in the body", q("INSERT INTO redacted_records (source, offset) FORMAT CSV"), "inj1,1\n\nDROP TABLE victim\n"},
		{"blank line, inline", q(""), "INSERT INTO redacted_records (source, offset) FORMAT CSV\ninj2,1\n\nDROP TABLE victim\n"},
		{"semicolon, VALUES in the body", q("INSERT INTO redacted_records (source, offset) VALUES"), "('inj3', 1); DROP TABLE victim"},
		{"semicolon, VALUES inline", q(""), "INSERT INTO redacted_records (source, offset) VALUES ('inj4', 1); DROP TABLE victim"},
		{"blank line after a SELECT's FORMAT", q(""), "SELECT 1 FORMAT TSV\n\nDROP TABLE victim\n"},
		{"blank line after a SELECT", q(""), "SELECT 1\n\nDROP TABLE victim"},
		{"semicolon after a SELECT", q(""), "SELECT 1;\nDROP TABLE victim"},
		{"blank line, JSONEachRow", q("INSERT INTO redacted_records FORMAT JSONEachRow"), `{"source":"inj5","offset":1}` + "\n\nDROP TABLE victim\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := call(t, "writer", writerPW, tc.params, []byte(tc.body))
			t.Logf("%d %s", a.status, strings.TrimSpace(a.body))
			if _, err := db.Exec(ctx, "SELECT count() FROM victim"); err != nil {
				t.Fatalf("a statement in the data ran: %v", err)
			}
		})
	}
}

// TestInlineData: INSERT … FORMAT X with the data after it in the body,
// and … VALUES, are cut apart and inserted.
func TestInlineData(t *testing.T) {
	for _, body := range []string{
		"INSERT INTO redacted_records (source, offset) FORMAT TSV\ninline\t1\ninline\t2\n",
		"insert into redacted_records (source, offset) format JSONEachRow {\"source\":\"inline\",\"offset\":3}",
		"INSERT INTO redacted_records (source, offset) VALUES ('inline', 4), ('inline', 5)",
		"INSERT INTO redacted_records (source, offset) SETTINGS insert_deduplicate = 1 FORMAT CSV\ninline,6\n",
	} {
		a := call(t, "writer", writerPW, q(""), []byte(body))
		if a.status != 200 {
			t.Fatalf("%.40q: %d %s", body, a.status, a.body)
		}
	}
	// a quoted column name that looks like a SETTINGS clause: refused
	// rather than misread
	_, db := server(t)
	if _, err := db.Exec(context.Background(), "CREATE TABLE IF NOT EXISTS odd (`a SETTINGS b` String) ENGINE = MergeTree ORDER BY tuple()"); err != nil {
		t.Fatal(err)
	}
	if a := call(t, "writer", writerPW, q("INSERT INTO odd (`a SETTINGS b`) FORMAT TSV"), []byte("x\n")); a.status != 400 || !strings.Contains(a.body, "apart") {
		t.Fatalf("odd column: %d %s", a.status, a.body)
	}
	a := call(t, "writer", writerPW, q("SELECT count() FROM redacted_records WHERE source = 'inline'"), nil)
	if a.body != "6\n" {
		t.Fatalf("count %q, want 6", a.body)
	}
}

// TestSessionsApartFromOwner: with sessions of its own, a request does
// not wait for a statement running on the owner's connection.
func TestSessionsApartFromOwner(t *testing.T) {
	_, db := server(t)
	done := make(chan struct{})
	go func() { // the owner's own long statement, on its connection
		defer close(done)
		db.Raw(context.Background(), "SELECT sleep(2)", "TSV")
	}()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	if a := call(t, "analyst", analystPW, q("SELECT count() FROM records_v"), nil); a.status != 200 {
		t.Fatalf("%d %s", a.status, a.body)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("the request took %v: it waited for the owner's statement", d)
	}
	<-done
}
