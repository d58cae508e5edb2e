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

// TestWrittenTable: a mark is found only by its own token ID; a full set
// forgets its oldest mark; remove forgets one.
func TestWrittenTable(t *testing.T) {
	w := newWritten(8) // two sets of four: ten IDs overflow them
	ids := []string{"tk_0", "tk_1", "tk_2", "tk_3", "tk_4", "tk_5", "tk_6", "tk_7", "tk_8", "tk_9"}
	for i, id := range ids {
		w.add(id, int64(i), i%2 == 0)
	}
	kept := 0
	for i, id := range ids {
		m := w.get(id)
		if m == nil {
			continue
		}
		kept++
		if m.id != id || m.day != int64(i) || m.hasSubject != (i%2 == 0) {
			t.Errorf("%s: mark %+v is not its own", id, *m)
		}
	}
	if kept > 8 || kept < 4 || w.get("tk_9") == nil {
		t.Errorf("%d marks kept in 8 slots (the newest found: %v), want 4..8 and the newest", kept, w.get("tk_9") != nil)
	}
	if w.get("tk_unknown") != nil {
		t.Error("an ID never added was found")
	}
	w.add("tk_9", 100, true) // replaces its own mark
	if m := w.get("tk_9"); m == nil || m.day != 100 {
		t.Errorf("tk_9 after a second add: %+v", m)
	}
	w.remove("tk_9")
	if w.get("tk_9") != nil {
		t.Error("removed mark still found")
	}
}
