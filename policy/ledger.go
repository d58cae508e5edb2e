package policy

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules"
)

// Ledger is the subject ledger ingest consults: which tokens belong to
// erased subjects (table erasure_ledger) and which subjects withdrew
// consent to which purposes (the consent_withdrawn rows RevokeConsent
// writes to subject_events, one per token of the subject, unless a later
// consent_granted row of GrantConsent gave it back). It implements
// tazala.ErasureLedger and tazala.ConsentLedger.
type Ledger struct {
	db     tazala.DB
	maxAge time.Duration
	pol    *rules.Policy

	mu      sync.Mutex
	loaded  time.Time
	entries map[string]tazala.LedgerEntry
}

var (
	_ tazala.ErasureLedger = (*Ledger)(nil)
	_ tazala.ConsentLedger = (*Ledger)(nil)
)

// LedgerConfig configures a Ledger.
type LedgerConfig struct {
	DB tazala.DB
	// MaxAge is how long the ledger is cached in memory before it is read
	// again; 0 reads it on every call. An erasure or a consent withdrawal
	// made by another process reaches ingest within MaxAge.
	MaxAge time.Duration
	// Policy says which purposes rest on consent; a withdrawal recorded
	// for any other purpose (a statutory one, such as payments) is
	// ignored. nil: the shipped policy.
	Policy *rules.Policy
}

// NewLedger returns a ledger over the store.
func NewLedger(cfg LedgerConfig) *Ledger {
	if cfg.Policy == nil {
		cfg.Policy = rules.DefaultPolicy()
	}
	return &Ledger{db: cfg.DB, maxAge: cfg.MaxAge, pol: cfg.Policy}
}

// Erased reports, for each token, whether its subject was erased.
func (l *Ledger) Erased(ctx context.Context, ids []string) ([]bool, error) {
	out := make([]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if l.maxAge > 0 {
		es, err := l.Entries(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i := range es {
			out[i] = es[i].Erased
		}
		return out, nil
	}
	erased, err := erasedSet(ctx, l.db, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		out[i] = erased[id]
	}
	return out, nil
}

// Entries reports, for each token, whether its subject was erased and
// which consent-based purposes its subject withdrew consent to.
func (l *Ledger) Entries(ctx context.Context, ids []string) ([]tazala.LedgerEntry, error) {
	out := make([]tazala.LedgerEntry, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if l.maxAge > 0 {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.entries == nil || time.Since(l.loaded) > l.maxAge {
			m, err := l.read(ctx, nil)
			if err != nil {
				return nil, err
			}
			l.entries, l.loaded = m, time.Now()
		}
		for i, id := range ids {
			out[i] = l.entries[id]
		}
		return out, nil
	}
	m, err := l.read(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		out[i] = m[id]
	}
	return out, nil
}

// read reads the ledger, for the given tokens or (nil) all of it.
func (l *Ledger) read(ctx context.Context, ids []string) (map[string]tazala.LedgerEntry, error) {
	where, ps := "", []tazala.Param(nil)
	if ids != nil {
		where, ps = " AND "+inList("subject", "ids"), []tazala.Param{parr("ids", ids)}
	}
	var wrows []struct {
		Token    string   `json:"token"`
		Purposes []string `json:"purposes"`
	}
	// per token and purpose the latest of consent_withdrawn and
	// consent_granted (GrantConsent) counts; at the same time stamp the
	// withdrawal wins
	if err := l.db.Select(ctx, &wrows, `SELECT subject AS token, groupArrayIf(purpose, last = 'consent_withdrawn') AS purposes FROM (
			SELECT subject, purpose, argMax(event, (time, event = 'consent_withdrawn')) AS last FROM subject_events
			WHERE event IN ('consent_withdrawn', 'consent_granted')`+where+` GROUP BY subject, purpose)
		GROUP BY subject`, ps...); err != nil {
		return nil, fmt.Errorf("policy: read consent withdrawals (subject_events): %w", err)
	}
	var erows []struct {
		Token string `json:"token"`
	}
	q := `SELECT DISTINCT token FROM erasure_ledger`
	if ids != nil {
		q += ` WHERE ` + inList("token", "ids")
	}
	if err := l.db.Select(ctx, &erows, q, ps...); err != nil {
		return nil, fmt.Errorf("policy: read erasure_ledger: %w", err)
	}
	m := make(map[string]tazala.LedgerEntry, len(wrows)+len(erows))
	for _, r := range wrows {
		var ps []string
		for _, p := range r.Purposes {
			if l.consentBased(p) {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			m[r.Token] = tazala.LedgerEntry{Withdrawn: ps}
		}
	}
	for _, r := range erows {
		e := m[r.Token]
		e.Erased = true
		m[r.Token] = e
	}
	return m, nil
}

// consentBased reports whether a withdrawal ends purpose: a purpose the
// policy keeps "until consent is withdrawn", or one it does not know
// (recorded under an older policy); never a statutory one.
func (l *Ledger) consentBased(purpose string) bool {
	p := l.pol.Purpose(purpose)
	return p == nil || (p.Withdrawable() && !p.Retention.Statutory)
}

// Invalidate makes the next call read the ledger again.
func (l *Ledger) Invalidate() {
	l.mu.Lock()
	l.entries = nil
	l.mu.Unlock()
}

func erasedSet(ctx context.Context, db tazala.DB, ids []string) (map[string]bool, error) {
	var rows []struct {
		Token string `json:"token"`
	}
	if err := db.Select(ctx, &rows, `SELECT DISTINCT token FROM erasure_ledger WHERE `+inList("token", "ids"),
		parr("ids", ids)); err != nil {
		return nil, fmt.Errorf("policy: read erasure_ledger: %w", err)
	}
	m := make(map[string]bool, len(rows))
	for _, r := range rows {
		m[r.Token] = true
	}
	return m, nil
}
