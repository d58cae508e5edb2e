package file_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenstore/file"
)

func open(t *testing.T, p string) *file.Store {
	t.Helper()
	s, err := file.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lines(t *testing.T, p string) int {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func TestStoreLifecycle(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "tokens.jsonl")
	s := open(t, p)
	err := s.Put(ctx, []tazala.TokenEntry{
		{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:AAAA"},
		{ID: "tk_b", Kind: tazala.KindCVV, Ciphertext: "vault:v1:BBBB"}, // never stored
		{ID: "tk_c", Kind: tazala.KindEmail},                            // nothing to store
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "tk_b"); !errors.Is(err, tazala.ErrNotFound) {
		t.Error("a CVV entry was stored")
	}
	if _, err := s.Get(ctx, "tk_c"); !errors.Is(err, tazala.ErrNotFound) {
		t.Error("an entry without ciphertext was stored")
	}
	// seen again the same day: no new line; a subject learned later is kept
	s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:OTHER"}})
	if n := lines(t, p); n != 1 {
		t.Errorf("%d lines after a repeat, want 1", n)
	}
	s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:OTHER", Subject: "tk_subject"}})
	if err := s.SetState(ctx, "tk_a", tazala.TokenBlocked); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, p) // replay
	e, err := s.Get(ctx, "tk_a")
	if err != nil || e.State != tazala.TokenBlocked || e.Ciphertext != "vault:v1:AAAA" || e.Subject != "tk_subject" || e.FirstSeen.IsZero() {
		t.Fatalf("after reopen: state %v, ciphertext kept %v, subject %q, err %v", e.State, e.Ciphertext == "vault:v1:AAAA", e.Subject, err)
	}
	if err := s.SetState(ctx, "tk_a", tazala.TokenActive); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState(ctx, "tk_a", tazala.TokenErased); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Get(ctx, "tk_a"); e.Ciphertext != "" {
		t.Error("erased token kept its ciphertext")
	}
	if err := s.SetState(ctx, "tk_a", tazala.TokenActive); !errors.Is(err, tazala.ErrBlocked) {
		t.Error("an erased token was reactivated")
	}
	// the value reappears in new logs: it must not get its ciphertext back
	s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:CCCC"}})
	if e, _ := s.Get(ctx, "tk_a"); e.Ciphertext != "" || e.State != tazala.TokenErased {
		t.Error("an erased token got a ciphertext back")
	}
	s.Close()
	b, _ := os.ReadFile(p)
	if strings.Contains(string(b), "vault:v1:AAAA") || strings.Contains(string(b), "vault:v1:CCCC") {
		t.Error("the erased token's ciphertext is still in the file")
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	s = open(t, p)
	defer s.Close()
	if e, _ := s.Get(ctx, "tk_a"); e.State != tazala.TokenErased {
		t.Errorf("after compaction and reopen: state %v", e.State)
	}
}

func TestOneWriterManyReaders(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "tokens.jsonl")
	w := open(t, p)
	defer w.Close()
	w.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindPhone, Ciphertext: "vault:v1:AAAA"}})
	if _, err := file.Open(p); err == nil || !strings.Contains(err.Error(), "another process") {
		t.Fatalf("second writer: err = %v, want a clear refusal", err)
	}
	r, err := file.OpenReadOnly(p)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Get(ctx, "tk_a"); err != nil {
		t.Fatalf("reader: %v", err)
	}
	if err := r.Put(ctx, []tazala.TokenEntry{{ID: "tk_b", Kind: tazala.KindPhone, Ciphertext: "x"}}); !errors.Is(err, file.ErrReadOnly) {
		t.Errorf("read-only Put: err = %v", err)
	}
	if err := r.SetState(ctx, "tk_a", tazala.TokenBlocked); !errors.Is(err, file.ErrReadOnly) {
		t.Errorf("read-only SetState: err = %v", err)
	}
	if _, err := file.OpenReadOnly(filepath.Join(t.TempDir(), "none.jsonl")); err == nil {
		t.Error("read-only open of a missing file succeeded")
	}
}

// TestPartialLine: an append cut short by a crash leaves a partial last
// line; opening ignores it, cuts it off and appends cleanly after it.
func TestPartialLine(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "tokens.jsonl")
	s := open(t, p)
	s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:AAAA"}})
	s.Close()
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"token":"tk_b","kind":"ii`)
	f.Close()
	s = open(t, p)
	s.Put(ctx, []tazala.TokenEntry{{ID: "tk_c", Kind: tazala.KindIIN, Ciphertext: "vault:v1:CCCC"}})
	s.Close()
	s = open(t, p)
	defer s.Close()
	if s.Len() != 2 {
		t.Errorf("%d tokens after recovery, want 2", s.Len())
	}
}

func TestConcurrentPut(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "tokens.jsonl")
	s := open(t, p)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				id := fmt.Sprintf("tk_%d", i)
				if err := s.Put(ctx, []tazala.TokenEntry{{ID: id, Kind: tazala.KindEmail, Ciphertext: "vault:v1:" + id}}); err != nil {
					t.Error(err)
					return
				}
				s.Get(ctx, id)
			}
		}()
	}
	wg.Wait()
	s.Close()
	if n := lines(t, p); n != 200 {
		t.Errorf("%d lines for 200 tokens put by 4 goroutines", n)
	}
}

func TestAudit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := file.OpenAudit(p)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	a.Append(context.Background(), tazala.AuditEntry{Time: when, Actor: "dpo", Action: "reveal", TokenID: "tk_a", Kind: tazala.KindIIN, Reason: "DSAR", LegalBasis: "art. 15", RequestRef: "REQ-1", Outcome: "granted"})
	a.Append(context.Background(), tazala.AuditEntry{Actor: "dpo", Action: "reveal", TokenID: "tk_b", Reason: "DSAR", RequestRef: "REQ-2", Outcome: "refused: blocked"})
	a.Close()
	rows, err := file.ReadAudit(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !rows[0].Time.Equal(when) || rows[0].Kind != tazala.KindIIN || rows[0].LegalBasis != "art. 15" || rows[1].RequestRef != "REQ-2" || rows[1].Time.IsZero() {
		t.Errorf("audit rows do not round-trip: %+v", rows)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", st.Mode().Perm())
	}
}
