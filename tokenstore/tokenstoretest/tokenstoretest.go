// Package tokenstoretest owns the conformance suite every token vault
// (tazala.TokenStore) and audit log (tazala.AuditLog) passes: the file
// versions (tokenstore/file) and the ClickHouse ones
// (tokenstore/clickhouse), so reveal, the pipeline and the subject-rights
// code can rely on one behaviour.
package tokenstoretest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
)

// Harness opens stores on a fresh location (or, with the same dir,
// reopens it).
type Harness struct {
	// Open returns the token vault in dir and the function that closes it.
	Open func(t *testing.T, dir string) (tazala.TokenStore, func())
	// Raw returns everything the vault in dir keeps (file bytes, every
	// table row including old versions), to check that erased ciphertexts
	// are gone.
	Raw func(t *testing.T, dir string) string
	// OpenAudit returns the audit log in dir and its close function.
	OpenAudit func(t *testing.T, dir string) (tazala.AuditLog, func())
	// ReadAudit returns the audit rows in dir, oldest first.
	ReadAudit func(t *testing.T, dir string) []tazala.AuditEntry
}

// Run runs the suite.
func Run(t *testing.T, h Harness) {
	ctx := context.Background()
	t.Run("put ignores CVV and entries without ciphertext", func(t *testing.T) {
		s, done := h.Open(t, t.TempDir())
		defer done()
		err := s.Put(ctx, []tazala.TokenEntry{
			{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:AAAA"},
			{ID: "tk_b", Kind: tazala.KindCVV, Ciphertext: "vault:v1:BBBB"},
			{ID: "tk_c", Kind: tazala.KindEmail},
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"tk_b", "tk_c", "tk_unknown"} {
			if _, err := s.Get(ctx, id); !errors.Is(err, tazala.ErrNotFound) {
				t.Errorf("Get(%s): err = %v, want ErrNotFound", id, err)
			}
		}
		e, err := s.Get(ctx, "tk_a")
		if err != nil || e.Kind != tazala.KindIIN || e.Ciphertext != "vault:v1:AAAA" || e.State != tazala.TokenActive || e.FirstSeen.IsZero() || e.LastSeen.IsZero() {
			t.Fatalf("Get(tk_a) = %+v, %v", e, err)
		}
	})
	t.Run("a known token keeps ciphertext, first seen and state; gains a subject", func(t *testing.T) {
		dir := t.TempDir()
		s, done := h.Open(t, dir)
		if err := s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindPhone, Ciphertext: "vault:v1:AAAA"}}); err != nil {
			t.Fatal(err)
		}
		first, _ := s.Get(ctx, "tk_a")
		if err := s.SetState(ctx, "tk_a", tazala.TokenBlocked); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindPhone, Ciphertext: "vault:v1:OTHER", Subject: "tk_subject"}}); err != nil {
			t.Fatal(err)
		}
		done()
		s, done = h.Open(t, dir) // persisted
		defer done()
		e, err := s.Get(ctx, "tk_a")
		if err != nil {
			t.Fatal(err)
		}
		if e.Ciphertext != "vault:v1:AAAA" || e.State != tazala.TokenBlocked || e.Subject != "tk_subject" || !e.FirstSeen.Equal(first.FirstSeen) {
			t.Fatalf("after a repeat and reopen: %+v (first seen was %v)", e, first.FirstSeen)
		}
		if err := s.SetState(ctx, "tk_a", tazala.TokenActive); err != nil {
			t.Fatal(err)
		}
		if e, _ := s.Get(ctx, "tk_a"); e.State != tazala.TokenActive {
			t.Fatalf("unblock: state %v", e.State)
		}
	})
	t.Run("erase is final and removes the ciphertext", func(t *testing.T) {
		dir := t.TempDir()
		s, done := h.Open(t, dir)
		if err := s.Put(ctx, []tazala.TokenEntry{
			{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:SECRETA", Subject: "tk_a"},
			{ID: "tk_k", Kind: tazala.KindEmail, Ciphertext: "vault:v1:KEEPK"},
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetState(ctx, "tk_a", tazala.TokenErased); err != nil {
			t.Fatal(err)
		}
		if err := s.SetState(ctx, "tk_a", tazala.TokenActive); !errors.Is(err, tazala.ErrBlocked) {
			t.Errorf("reactivating an erased token: err = %v, want ErrBlocked", err)
		}
		// the value reappears in new logs: no ciphertext comes back
		if err := s.Put(ctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "vault:v1:SECRETB"}}); err != nil {
			t.Fatal(err)
		}
		done()
		s, done = h.Open(t, dir)
		defer done()
		e, err := s.Get(ctx, "tk_a")
		if err != nil || e.State != tazala.TokenErased || e.Ciphertext != "" {
			t.Fatalf("erased token: %+v, %v", e, err)
		}
		if e, _ := s.Get(ctx, "tk_k"); e.Ciphertext != "vault:v1:KEEPK" {
			t.Error("erasing one token touched another")
		}
		if err := s.SetState(ctx, "tk_unknown", tazala.TokenBlocked); !errors.Is(err, tazala.ErrNotFound) {
			t.Errorf("SetState on an unknown token: err = %v, want ErrNotFound", err)
		}
		if h.Raw != nil {
			raw := h.Raw(t, dir)
			if strings.Contains(raw, "SECRETA") || strings.Contains(raw, "SECRETB") {
				t.Error("the erased token's ciphertext is still stored")
			}
			if !strings.Contains(raw, "KEEPK") {
				t.Error("Raw does not show the stored ciphertexts")
			}
		}
	})
	t.Run("concurrent puts", func(t *testing.T) {
		s, done := h.Open(t, t.TempDir())
		defer done()
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.Put(ctx, []tazala.TokenEntry{{ID: "tk_x", Kind: tazala.KindEmail, Ciphertext: "vault:v1:X"}, {ID: "tk_y", Kind: tazala.KindEmail, Ciphertext: "vault:v1:Y"}})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{"tk_x", "tk_y"} {
			if e, err := s.Get(ctx, id); err != nil || e.State != tazala.TokenActive {
				t.Errorf("%s: %+v %v", id, e, err)
			}
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		s, done := h.Open(t, t.TempDir())
		defer done()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Put(cctx, []tazala.TokenEntry{{ID: "tk_a", Kind: tazala.KindIIN, Ciphertext: "c"}}); err == nil {
			t.Error("Put with a cancelled context succeeded")
		}
	})
	if h.OpenAudit == nil {
		return
	}
	t.Run("audit rows round-trip in order", func(t *testing.T) {
		dir := t.TempDir()
		a, done := h.OpenAudit(t, dir)
		base := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		rows := []tazala.AuditEntry{
			{Time: base, Actor: "dpo (vault: x)", Action: "reveal", TokenID: "tk_a", Kind: tazala.KindIIN, Reason: "DSAR 17", LegalBasis: "GDPR 15", RequestRef: "REQ-1", Outcome: "granted"},
			{Time: base.Add(time.Second), Actor: "dpo", Action: "reveal", TokenID: "tk_b", Reason: "court \"order\"\n", RequestRef: "REQ-2", Outcome: "refused: erased"},
		}
		for _, r := range rows {
			if err := a.Append(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		done()
		got := h.ReadAudit(t, dir)
		if len(got) != len(rows) {
			t.Fatalf("%d audit rows, want %d", len(got), len(rows))
		}
		for i := range rows {
			g, w := got[i], rows[i]
			if !g.Time.Equal(w.Time) || g.Actor != w.Actor || g.Action != w.Action || g.TokenID != w.TokenID || g.Kind != w.Kind ||
				g.Reason != w.Reason || g.LegalBasis != w.LegalBasis || g.RequestRef != w.RequestRef || g.Outcome != w.Outcome {
				t.Errorf("audit row %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
	})
}
