package clickhouse_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/chhttp"
	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/sinks/chschema"
	"github.com/tazala/tazala/sinks/clickhouse"
	"github.com/tazala/tazala/sinks/sinktest"
	tsch "github.com/tazala/tazala/tokenstore/clickhouse"
	"github.com/tazala/tazala/tokenstore/tokenstoretest"
)

func TestMain(m *testing.M) { stack.Main(m) }

// EnvAddr points the suite at a ClickHouse server's native port
// (host:9000) as well; user and password from TAZALA_CLICKHOUSE_USER and
// TAZALA_CLICKHOUSE_PASSWORD.
const EnvAddr = "TAZALA_CLICKHOUSE_ADDR"

const (
	writerPW = "w"
	vaultPW  = "v"
)

// backend is where a store lives: a base URL without database, the
// credentials of its writer and vault users, and a way to create a
// database.
type backend struct {
	name                string
	base                string
	writer, vault       [2]string
	createDB            func(t testing.TB, name string)
	httpThroughEmbedded bool
	path                string // data path of the embedded engine
	engine              *chdb.DB
}

// embedded serves one embedded store (libchdb allows one data path per
// process) through chhttp on loopback: the suite reaches the real engine
// through ClickHouse's HTTP protocol, as clickhouse-go/v2 speaks it.
var embedded struct {
	once sync.Once
	b    backend
	err  error
}

func embeddedBackend(t testing.TB) backend {
	t.Helper()
	lib := stack.NeedCHDB(t)
	embedded.once.Do(func() {
		dir, err := os.MkdirTemp("", "sinks-clickhouse-test-")
		if err != nil {
			embedded.err = err
			return
		}
		stack.OnShutdown(func() { os.RemoveAll(dir) })
		db, err := chdb.Open(chdb.Config{LibPath: lib, Path: dir})
		if err != nil {
			embedded.err = err
			return
		}
		users, err := chhttp.NewUsers(
			chhttp.User{Name: "tazala", Role: chhttp.RoleWriter, PasswordSHA256: chhttp.HashPassword(writerPW)},
			chhttp.User{Name: "vault", Role: chhttp.RoleVault, PasswordSHA256: chhttp.HashPassword(vaultPW)})
		if err != nil {
			embedded.err = err
			return
		}
		srv, err := chhttp.New(context.Background(), chhttp.Config{DB: db, Users: users, Sessions: 2,
			AllowDatabase: func(n string) bool { return strings.HasPrefix(n, "t_") },
			Logger:        slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
		if err != nil {
			embedded.err = err
			return
		}
		hs := httptest.NewServer(srv)
		stack.OnShutdown(func() { hs.Close(); srv.Close(); db.Close() })
		embedded.b = backend{name: "http-embedded", base: hs.URL, writer: [2]string{"tazala", writerPW}, vault: [2]string{"vault", vaultPW},
			httpThroughEmbedded: true, path: dir, engine: db,
			createDB: func(t testing.TB, name string) {
				if _, err := db.Exec(context.Background(), "CREATE DATABASE IF NOT EXISTS "+name); err != nil {
					t.Fatal(err)
				}
			}}
	})
	if embedded.err != nil {
		t.Fatal(embedded.err)
	}
	return embedded.b
}

// serverBackend is the server at $TAZALA_CLICKHOUSE_ADDR (native
// protocol), or skips.
func serverBackend(t *testing.T) backend {
	t.Helper()
	addr := os.Getenv(EnvAddr)
	if addr == "" {
		t.Skip(EnvAddr + " not set: no ClickHouse server to run the native-protocol suite against")
	}
	user, pw := os.Getenv("TAZALA_CLICKHOUSE_USER"), os.Getenv("TAZALA_CLICKHOUSE_PASSWORD")
	if user == "" {
		user = "default"
	}
	b := backend{name: "native", base: "clickhouse://" + addr, writer: [2]string{user, pw}, vault: [2]string{user, pw}}
	b.createDB = func(t testing.TB, name string) {
		db, err := clickhouse.OpenDB(context.Background(), clickhouse.Config{URL: b.base + "/default", Username: user, Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Exec(context.Background(), "CREATE DATABASE IF NOT EXISTS "+name); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// dbName maps a test's directory to a database of its own.
func dbName(dir string) string {
	h := sha256.Sum256([]byte(dir))
	return "t_" + hex.EncodeToString(h[:8])
}

func openStore(t *testing.T, b backend, dir string) *clickhouse.Store {
	t.Helper()
	name := dbName(dir)
	b.createDB(t, name)
	s, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: b.base + "/" + name,
		Username: b.writer[0], Password: b.writer[1], ScannerVersion: "test", BatchRows: 3})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func read(t *testing.T, s *clickhouse.Store) sinktest.Stored { return sinktest.ReadDB(t, s) }

func runSinkSuite(t *testing.T, b backend) {
	readDir := func(t *testing.T, dir string) sinktest.Stored {
		s := openStore(t, b, dir)
		defer s.Close()
		return read(t, s)
	}
	sinktest.Run(t, sinktest.Harness{
		Open:  func(t *testing.T, dir string) tazala.Sink { return openStore(t, b, dir) },
		Count: func(t *testing.T, dir string) int { return len(readDir(t, dir).Records) },
		Read:  readDir,
	})
}

func runTokenSuite(t *testing.T, b backend) {
	// the writer migrates; the token store runs as the vault user (the
	// one role of the HTTP interface that reads ciphertexts)
	openVault := func(t *testing.T, dir string) *clickhouse.DB {
		openStore(t, b, dir).Close()
		db, err := clickhouse.OpenDB(context.Background(), clickhouse.Config{URL: b.base + "/" + dbName(dir),
			Username: b.vault[0], Password: b.vault[1]})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	tokenstoretest.Run(t, tokenstoretest.Harness{
		Open: func(t *testing.T, dir string) (tazala.TokenStore, func()) {
			db := openVault(t, dir)
			return tsch.New(db), func() { db.Close() }
		},
		Raw: func(t *testing.T, dir string) string {
			db := openVault(t, dir)
			defer db.Close()
			var rows []map[string]any
			if err := db.Select(context.Background(), &rows, "SELECT * FROM "+chschema.TableTokenVault); err != nil {
				t.Fatal(err)
			}
			out, _ := json.Marshal(rows)
			return string(out)
		},
		OpenAudit: func(t *testing.T, dir string) (tazala.AuditLog, func()) {
			db := openVault(t, dir)
			return tsch.NewAudit(db), func() { db.Close() }
		},
		ReadAudit: func(t *testing.T, dir string) []tazala.AuditEntry {
			db := openVault(t, dir)
			defer db.Close()
			rows, err := tsch.NewAudit(db).Read(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			return rows
		},
	})
}

// TestConformanceHTTP runs the sink and token store suites through
// clickhouse-go/v2's HTTP protocol against the embedded engine (chhttp).
func TestConformanceHTTP(t *testing.T) {
	b := embeddedBackend(t)
	t.Run("sink", func(t *testing.T) { runSinkSuite(t, b) })
	t.Run("token store", func(t *testing.T) { runTokenSuite(t, b) })
}

// TestConformanceNative runs them over the native protocol against the
// server at $TAZALA_CLICKHOUSE_ADDR.
func TestConformanceNative(t *testing.T) {
	stack.Integration(t)
	b := serverBackend(t)
	t.Run("sink", func(t *testing.T) { runSinkSuite(t, b) })
	t.Run("token store", func(t *testing.T) { runTokenSuite(t, b) })
}

// TestBadURL: a bad store URL is a clear error that never repeats the
// password.
func TestBadURL(t *testing.T) {
	for _, u := range []string{"", "mysql://h/db", "clickhouse:///db", "http://user:s3cret@h:1/db?dial_timeout=nope"} {
		_, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: u})
		if err == nil {
			t.Fatalf("%q: no error", u)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Fatalf("%q: error repeats the password: %v", u, err)
		}
	}
	// unreachable: unavailable, fail closed
	_, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: "http://127.0.0.1:1/default?dial_timeout=200ms"})
	if !errors.Is(err, tazala.ErrUnavailable) {
		t.Fatalf("unreachable server: %v, want ErrUnavailable", err)
	}
}

// TestFailedSendIsRebuilt: the server takes a batch but the answer is
// lost (the connection drops after the server replied). The store sends
// the batch again from its own rows with the same deduplication token,
// and the records are stored once.
func TestFailedSendIsRebuilt(t *testing.T) {
	b := embeddedBackend(t)
	target, _ := url.Parse(b.base)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	drops, inserts := 0, 0
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isInsert := strings.HasPrefix(r.URL.Query().Get("query"), "INSERT INTO redacted_records")
		mu.Lock()
		if isInsert {
			inserts++
		}
		drop := isInsert && drops < 2
		if drop {
			drops++
		}
		mu.Unlock()
		if !drop {
			proxy.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r) // the server takes the batch...
		if rec.Code != http.StatusOK {
			t.Errorf("proxied insert: %d %s", rec.Code, rec.Body)
		}
		conn, _, err := w.(http.Hijacker).Hijack() // ...and the answer is lost
		if err == nil {
			conn.Close()
		}
	}))
	defer front.Close()

	dir := t.TempDir()
	name := dbName(dir)
	b.createDB(t, name)
	// no merges: only the deduplication token may keep the copies out
	if _, err := b.engine.Exec(context.Background(), "SYSTEM STOP MERGES"); err != nil {
		t.Fatal(err)
	}
	defer b.engine.Exec(context.Background(), "SYSTEM START MERGES")
	s, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: front.URL + "/" + name,
		Username: b.writer[0], Password: b.writer[1], Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var outs []tazala.Output
	for i := 1; i <= 10; i++ {
		outs = append(outs, tazala.Output{Record: tazala.Record{Source: "rebuilt", Offset: int64(i), Value: []byte("[PHONE:tk_p]")}})
	}
	if err := s.Write(context.Background(), outs); err != nil {
		t.Fatal(err)
	}
	if inserts != 3 {
		t.Errorf("%d insert requests, want 3 (two lost answers, one success)", inserts)
	}
	var rows []struct {
		N uint64 `json:"n"`
	}
	// not through FINAL: the dedup token, not the replacing key, dropped the copies
	if err := s.Select(context.Background(), &rows, "SELECT count() AS n FROM redacted_records"); err != nil {
		t.Fatal(err)
	}
	if rows[0].N != 10 {
		t.Fatalf("%d rows stored, want 10 (each once)", rows[0].N)
	}
	parts, _, err := b.engine.Raw(context.Background(), "SELECT count() FROM system.parts WHERE database = {d:String} AND table = 'redacted_records' AND active", "TSV", chdb.P("d", name))
	if err != nil || string(parts) != "1\n" {
		t.Fatalf("%q active parts (%v), want 1: the retries were stored", parts, err)
	}
}

// TestAsyncInsert: with AsyncInsert the settings go out explicitly (the
// embedded store's interface accepts them and inserts synchronously).
func TestAsyncInsert(t *testing.T) {
	b := embeddedBackend(t)
	dir := t.TempDir()
	name := dbName(dir)
	b.createDB(t, name)
	s, err := clickhouse.Open(context.Background(), clickhouse.Config{URL: b.base + "/" + name,
		Username: b.writer[0], Password: b.writer[1], AsyncInsert: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write(context.Background(), []tazala.Output{{Record: tazala.Record{Source: "async", Offset: 1, Value: []byte("x")}}}); err != nil {
		t.Fatal(err)
	}
	if n := len(read(t, s).Records); n != 1 {
		t.Fatalf("%d records", n)
	}
}
