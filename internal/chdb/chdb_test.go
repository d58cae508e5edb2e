package chdb_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala/internal/chdb"
	"github.com/tazala/tazala/internal/stack"
)

func open(t *testing.T, path string) *chdb.DB {
	t.Helper()
	lib := stack.NeedCHDB(t)
	begin := time.Now()
	db, err := chdb.Open(chdb.Config{LibPath: lib, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("chdb open %s in %v", db.Path(), time.Since(begin).Round(time.Millisecond))
	t.Cleanup(func() { db.Close() })
	return db
}

type event struct {
	ID             uint64    `json:"id"`
	Subject        string    `json:"subject"`
	Kind           string    `json:"kind"`
	EventTime      time.Time `json:"event_time"`
	RetentionUntil time.Time `json:"retention_until"`
	Payload        string    `json:"payload"`
}

// TestMergeTreeTTLDeletePersist: a MergeTree table with a TTL, 100k rows in
// one insert, TTL enforcement on merge, a lightweight DELETE, typed
// queries, and the data still there after closing and reopening the path.
func TestMergeTreeTTLDeletePersist(t *testing.T) {
	path := t.TempDir()
	db := open(t, path)
	ctx := context.Background()
	if _, err := db.Exec(ctx, `CREATE TABLE pii_index (
		id UInt64, subject String, kind LowCardinality(String),
		event_time DateTime64(3, 'UTC'), retention_until DateTime('UTC'), payload String)
		ENGINE = MergeTree ORDER BY (subject, id)
		TTL retention_until DELETE`); err != nil {
		t.Fatal(err)
	}
	const n = 100_000
	now := time.Now().UTC().Truncate(time.Millisecond)
	kinds := []string{"iin", "phone", "email", "card_pan"}
	rows := make([]event, n)
	expired := 0
	for i := range rows {
		keep := now.Add(365 * 24 * time.Hour).Truncate(time.Second)
		if i%10 == 0 { // 10% past retention
			keep = now.Add(-time.Hour).Truncate(time.Second)
			expired++
		}
		rows[i] = event{
			ID: uint64(i), Subject: fmt.Sprintf("tk_%04d", i%1000), Kind: kinds[i%len(kinds)],
			EventTime: now.Add(-time.Duration(i) * time.Second), RetentionUntil: keep,
			Payload: fmt.Sprintf(`{"msg":"payment %d","note":"quote \" and тенге"}`, i),
		}
	}
	begin := time.Now()
	res, err := db.Insert(ctx, "pii_index", rows)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("inserted %d rows in %v (engine %v, %d rows written)", n, time.Since(begin).Round(time.Millisecond), res.Elapsed.Round(time.Millisecond), res.RowsWritten)

	count := func(where string, params ...chdb.Param) uint64 {
		t.Helper()
		c, err := chdb.Value[uint64](ctx, db, "SELECT count() FROM pii_index "+where, params...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if _, err := db.Exec(ctx, "OPTIMIZE TABLE pii_index FINAL"); err != nil {
		t.Fatal(err)
	}
	live := uint64(n - expired)
	if c := count(""); c != live {
		t.Fatalf("after TTL merge: %d rows, want %d", c, live)
	}

	// lightweight DELETE of one subject (erasure)
	subj := "tk_0007"
	before := count("WHERE subject = {s:String}", chdb.P("s", subj))
	if before == 0 {
		t.Fatal("subject has no rows")
	}
	begin = time.Now()
	if _, err := db.Exec(ctx, "DELETE FROM pii_index WHERE subject = {s:String}", chdb.P("s", subj)); err != nil {
		t.Fatal(err)
	}
	t.Logf("lightweight DELETE of %d rows in %v", before, time.Since(begin).Round(time.Millisecond))
	if c := count("WHERE subject = {s:String}", chdb.P("s", subj)); c != 0 {
		t.Fatalf("after DELETE: %d rows of %s, want 0", c, subj)
	}
	live -= before
	if c := count(""); c != live {
		t.Fatalf("after DELETE: %d rows, want %d", c, live)
	}

	// typed rows
	type perKind struct {
		Kind   string    `json:"kind"`
		N      uint64    `json:"n"`
		Oldest time.Time `json:"oldest"`
	}
	got, err := chdb.Select[perKind](ctx, db, "SELECT kind, count() AS n, min(event_time) AS oldest FROM pii_index GROUP BY kind ORDER BY kind")
	if err != nil {
		t.Fatal(err)
	}
	var sum uint64
	for _, g := range got {
		sum += g.N
		if g.Oldest.IsZero() || g.Oldest.After(now) {
			t.Errorf("kind %s: oldest %v", g.Kind, g.Oldest)
		}
	}
	if len(got) != len(kinds) || sum != live {
		t.Fatalf("per kind: %+v (sum %d), want %d kinds summing to %d", got, sum, len(kinds), live)
	}
	one, err := chdb.Select[event](ctx, db, "SELECT * FROM pii_index WHERE id = {id:UInt64}", chdb.P("id", 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != 1 || one[0] != rows[1] {
		t.Fatalf("row 1 read back as %+v, want %+v", one, rows[1])
	}

	// persistence: close, reopen the same path
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, "SELECT 1"); !errors.Is(err, chdb.ErrClosed) {
		t.Fatalf("exec on closed DB: %v, want ErrClosed", err)
	}
	db = open(t, path)
	if c := count(""); c != live {
		t.Fatalf("after reopen: %d rows, want %d", c, live)
	}
}

// TestTypes round-trips values that tend to break bindings.
func TestTypes(t *testing.T) {
	db := open(t, "")
	ctx := context.Background()
	type row struct {
		U64  uint64    `json:"u64"`
		I64  int64     `json:"i64"`
		F    float64   `json:"f"`
		S    string    `json:"s"`
		N    *string   `json:"n"`
		T    time.Time `json:"t"`
		Tags []string  `json:"tags"`
	}
	if _, err := db.Exec(ctx, `CREATE TABLE t (u64 UInt64, i64 Int64, f Float64, s String, n Nullable(String),
		t DateTime64(9, 'UTC'), tags Array(String)) ENGINE = MergeTree ORDER BY u64`); err != nil {
		t.Fatal(err)
	}
	weird := "it's \"quoted\"\n\ttab \\ back, юникод, 🙂, {x:String}, \x01"
	ts := time.Date(2026, 9, 18, 5, 43, 3, 123456789, time.UTC)
	in := []row{
		{U64: 1<<64 - 1, I64: -1 << 63, F: 0.1, S: weird, T: ts, Tags: []string{"a", weird}},
		{U64: 2, I64: 42, F: -3.5, S: "", N: &weird, T: ts.Add(time.Hour), Tags: []string{}},
	}
	if _, err := db.Insert(ctx, "t", in); err != nil {
		t.Fatal(err)
	}
	out, err := chdb.Select[row](ctx, db, "SELECT * FROM t ORDER BY u64 DESC")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 {
		t.Fatalf("%d rows", len(out))
	}
	for i := range in {
		a, b := fmt.Sprintf("%+v", in[i]), fmt.Sprintf("%+v", out[i])
		if in[i].N != nil && out[i].N != nil && *in[i].N == *out[i].N {
			a, b = strings.Replace(a, fmt.Sprint(in[i].N), "", 1), strings.Replace(b, fmt.Sprint(out[i].N), "", 1)
		}
		if a != b || !in[i].T.Equal(out[i].T) {
			t.Errorf("row %d:\n got %s\nwant %s", i, b, a)
		}
	}
	// parameters are bound, never interpolated
	s, err := chdb.Value[string](ctx, db, "SELECT {v:String}", chdb.P("v", weird))
	if err != nil || s != weird {
		t.Fatalf("param round trip: %q, %v", s, err)
	}
	n, err := chdb.Value[uint64](ctx, db, "SELECT count() FROM t WHERE t > {ts:DateTime64(9, 'UTC')}", chdb.P("ts", ts))
	if err != nil || n != 1 {
		t.Fatalf("time param: %d, %v", n, err)
	}
	// maps keep 64-bit integers exact
	rows, err := db.Query(ctx, "SELECT u64 FROM t ORDER BY u64 DESC LIMIT 1")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if !rows.Next() || rows.Scan(&m) != nil || fmt.Sprint(m["u64"]) != "18446744073709551615" {
		t.Fatalf("map row %v", m)
	}
	csv, _, err := db.Raw(ctx, "SELECT u64, i64 FROM t ORDER BY u64", "CSV")
	if err != nil || string(csv) != "2,42\n18446744073709551615,-9223372036854775808\n" {
		t.Fatalf("CSV %q %v", csv, err)
	}
}

func TestErrors(t *testing.T) {
	db := open(t, "")
	ctx := context.Background()
	_, err := db.Exec(ctx, "SELECT * FROM no_such_table")
	var ce *chdb.Error
	if !errors.As(err, &ce) || !strings.Contains(ce.Message, "UNKNOWN_TABLE") {
		t.Fatalf("unknown table: %v", err)
	}
	if _, err := db.Insert(ctx, "t; DROP TABLE x", []map[string]any{{"a": 1}}); err == nil {
		t.Fatal("insert accepted a table expression with a statement in it")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Exec(cctx, "SELECT 1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: %v", err)
	}
	if _, err := chdb.Value[int](ctx, db, "SELECT 1 WHERE 0"); !errors.Is(err, chdb.ErrNoRows) {
		t.Fatalf("no rows: %v", err)
	}
	// the engine's errors leave the connection usable
	if v, err := chdb.Value[int](ctx, db, "SELECT 1 + 1"); err != nil || v != 2 {
		t.Fatalf("after errors: %v %v", v, err)
	}
}

// TestOnePathPerProcess: libchdb serves one storage path per process.
func TestOnePathPerProcess(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	dbA := open(t, a)
	dbA2 := open(t, a) // same path: fine
	_, err := chdb.Open(chdb.Config{Path: b})
	if !errors.Is(err, chdb.ErrOtherPath) {
		t.Fatalf("second path while the first is open: %v, want ErrOtherPath", err)
	}
	if _, err := dbA2.Exec(context.Background(), "CREATE TABLE x (a UInt8) ENGINE = MergeTree ORDER BY a"); err != nil {
		t.Fatal(err)
	}
	dbA.Close()
	dbA2.Close()
	dbB := open(t, b) // all closed: another path may open
	if _, err := chdb.Value[int](context.Background(), dbB, "SELECT count() FROM x"); err == nil {
		t.Fatal("table of path a visible in path b")
	}
}

// TestConcurrentInserts: a DB is shared by goroutines (statements are
// serialized inside).
func TestConcurrentInserts(t *testing.T) {
	db := open(t, "")
	ctx := context.Background()
	if _, err := db.Exec(ctx, "CREATE TABLE c (w UInt8, i UInt32) ENGINE = MergeTree ORDER BY (w, i)"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := 0; b < 5; b++ {
				batch := make([]map[string]any, 200)
				for i := range batch {
					batch[i] = map[string]any{"w": w, "i": b*200 + i}
				}
				if _, err := db.Insert(ctx, "c (w, i)", batch); err != nil {
					errs <- err
					return
				}
				if _, err := chdb.Value[uint64](ctx, db, "SELECT count() FROM c WHERE w = {w:UInt8}", chdb.P("w", w)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n, err := chdb.Value[uint64](ctx, db, "SELECT uniqExact(w, i) FROM c"); err != nil || n != 8000 {
		t.Fatalf("%d distinct rows, %v; want 8000", n, err)
	}
}
