package clickhouse

import (
	"context"
	"testing"
	"time"

	"github.com/tazala/tazala"
)

// countingDB answers every read with no rows and counts the statements.
type countingDB struct{ execs, selects int }

func (d *countingDB) Exec(context.Context, string, ...tazala.Param) error { d.execs++; return nil }
func (d *countingDB) Select(context.Context, any, string, ...tazala.Param) error {
	d.selects++
	return nil
}
func (d *countingDB) Close() error { return nil }

// TestPutRemembersTodaysTokens: a token the store wrote today costs no
// statement when it comes again the same day (last-seen moves once a day),
// unless it brings a subject the row lacks; the next day, or after a state
// change, it is read again.
func TestPutRemembersTodaysTokens(t *testing.T) {
	db := &countingDB{}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := New(db).WithClock(func() time.Time { return now })
	ctx := context.Background()
	e := tazala.TokenEntry{ID: "tk_a", Kind: tazala.KindEmail, Ciphertext: "vault:v1:x"}
	put := func(es ...tazala.TokenEntry) {
		t.Helper()
		if err := s.Put(ctx, es); err != nil {
			t.Fatal(err)
		}
	}
	put(e)
	if db.selects != 1 || db.execs != 1 {
		t.Fatalf("first put: %d reads, %d writes; want 1 and 1", db.selects, db.execs)
	}
	put(e, e)
	if db.selects != 1 || db.execs != 1 {
		t.Fatalf("same token, same day: %d reads, %d writes; want no new statement", db.selects, db.execs)
	}
	withSubject := e
	withSubject.Subject = "tk_s"
	put(withSubject)
	if db.selects != 2 {
		t.Fatalf("a subject learned later must be written: %d reads", db.selects)
	}
	put(withSubject)
	if db.selects != 2 {
		t.Fatalf("subject known: %d reads, want 2", db.selects)
	}
	now = now.Add(24 * time.Hour)
	put(withSubject)
	if db.selects != 3 {
		t.Fatalf("next day: %d reads, want 3", db.selects)
	}
	_ = s.SetState(ctx, "tk_a", tazala.TokenBlocked)
	before := db.selects
	put(withSubject)
	if db.selects == before {
		t.Fatal("after a state change the token must be read again")
	}
}
