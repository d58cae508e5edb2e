package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/synth"
	"github.com/tazala/tazala/policy/policytest"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestStartRetention: the daemon's retention loop deletes a payment past
// its five years at once and logs the counts.
func TestStartRetention(t *testing.T) {
	f := newPolicyFixture(t, "k")
	tk, db := f.tk, f.db
	ctx := context.Background()
	g := synth.New(3)
	p := policytest.Person{IIN: g.IIN(), Phone: "+7 701 111 22 33", Email: "old.payer@mail.example.kz", Name: "Ким Ольга Викторовна", PAN: g.PAN()}
	if _, err := policytest.Ingest(ctx, db, tk, nil, []tazala.Record{policytest.Payment("payments", 1, at("2020-01-15"), p, 100),
		policytest.Payment("payments", 2, time.Now().Add(-time.Hour), p, 200)}); err != nil {
		t.Fatal(err)
	}
	var logs syncBuf
	stop := startRetention(ctx, db, nil, time.Hour, slog.New(slog.NewTextHandler(&logs, nil)))
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "retention: deleted") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if !strings.Contains(logs.String(), "purpose=payments records=1") {
		t.Errorf("log:\n%s", logs.String())
	}
	var n []struct {
		N int `json:"n"`
	}
	db.Select(ctx, &n, `SELECT toInt32(count()) AS n FROM redacted_records FINAL`)
	if n[0].N != 1 {
		t.Errorf("%d records left, want this year's payment", n[0].N)
	}
}
