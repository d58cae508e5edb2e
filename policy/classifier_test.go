package policy_test

import (
	"context"
	"testing"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/internal/stack"
	"github.com/tazala/tazala/policy"
)

// TestClassifier: purpose, basis and deadline per source and event time.
func TestClassifier(t *testing.T) {
	c := policy.NewClassifier(nil)
	pay := time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		source, name, basis string
		until               time.Time
	}{
		{"payments", "payments", "consent", time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}, // 29 Feb + 5y
		{"payments.bank-requests", "payments", "bank_request", time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)},
		{"support-requests", "support", "request", tazala.ForeverUntilWithdrawn},
		{"notifications.email", "notifications", "consent", tazala.ForeverUntilWithdrawn},
		{"/var/log/gateway.log", "payments", "consent", time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)},
	} {
		got := c.Purpose(&tazala.Record{Source: tc.source, Time: pay}, nil)
		if got.Name != tc.name || got.LegalBasis != tc.basis || !got.RetainUntil.Equal(tc.until) {
			t.Errorf("%s: %+v", tc.source, got)
		}
	}
}

// TestLedgerCache: a cached ledger answers from memory until MaxAge, an
// uncached one sees every erasure at once.
func TestLedgerCache(t *testing.T) {
	stack.Integration(t)
	ctx := context.Background()
	db := openDB(t)
	cached := policy.NewLedger(policy.LedgerConfig{DB: db, MaxAge: time.Hour})
	direct := policy.NewLedger(policy.LedgerConfig{DB: db})
	ids := []string{"tk_a", "tk_b"}
	if got, err := cached.Erased(ctx, ids); err != nil || got[0] || got[1] {
		t.Fatalf("empty ledger: %v %v", got, err)
	}
	if err := db.Exec(ctx, `INSERT INTO erasure_ledger (token, subject, erased_at, request_ref) VALUES ('tk_b', 'tk_b', now64(3), 'R')`); err != nil {
		t.Fatal(err)
	}
	if got, _ := direct.Erased(ctx, ids); got[0] || !got[1] {
		t.Errorf("direct: %v", got)
	}
	if got, _ := cached.Erased(ctx, ids); got[1] {
		t.Errorf("cached before MaxAge: %v", got)
	}
	cached.Invalidate()
	if got, _ := cached.Erased(ctx, ids); got[0] || !got[1] {
		t.Errorf("cached after Invalidate: %v", got)
	}
	if got, err := direct.Erased(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v %v", got, err)
	}
}
