package file_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/tokenstore/file"
)

func TestStoreLifecycle(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "tokens.jsonl")
	s, err := file.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Put(ctx, []tazala.TokenEntry{
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
	if err := s.SetState(ctx, "tk_a", tazala.TokenBlocked); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = file.Open(p) // replay
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Get(ctx, "tk_a")
	if err != nil || e.State != tazala.TokenBlocked || e.Ciphertext == "" {
		t.Fatalf("after reopen: %+v %v", e, err)
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
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

func TestAudit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := file.OpenAudit(p)
	if err != nil {
		t.Fatal(err)
	}
	a.Append(context.Background(), tazala.AuditEntry{Time: time.Now(), Actor: "dpo", Action: "reveal", TokenID: "tk_a", Reason: "DSAR", RequestRef: "REQ-1", Outcome: "granted"})
	a.Close()
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), `"request_ref":"REQ-1"`) {
		t.Errorf("audit row: %s", b)
	}
}
