// Package policy keeps the company's privacy policy (rules/policy.yaml) in
// software: it decides each record's purpose, legal basis and retention
// deadline at ingest (Classifier, a tazala.Policy), keeps the erasure
// ledger that ingest consults so replays never bring an erased subject
// back (Ledger, a tazala.ErasureLedger), enforces retention with explicit
// deletes, and answers a customer's requests (§4 of the policy): report,
// rectify, block and unblock, erase, revoke consent; and it exports what a
// recipient (§9) may receive.
//
// Everything is ClickHouse SQL over tazala.DB on the contract's tables
// (docs/storage-contract.md), so it runs on the embedded engine and on
// servers alike. Nothing here sees a raw value: subjects are addressed by
// tokens, which the caller's tokenizer computes from the identifier the
// customer gives.
package policy

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/rules"
)

// Classifier assigns each record its purpose from the policy's streams:
// it implements tazala.Policy. It looks only at the record's source and
// time, never at values.
type Classifier struct {
	p *rules.Policy
}

var _ tazala.Policy = (*Classifier)(nil)

// NewClassifier returns the classifier of a policy (nil: the shipped one).
func NewClassifier(p *rules.Policy) *Classifier {
	if p == nil {
		p = rules.DefaultPolicy()
	}
	return &Classifier{p: p}
}

// Purpose returns the purpose, legal basis and retention deadline of rec:
// the deadline runs from the record's event time (the payment).
func (c *Classifier) Purpose(rec *tazala.Record, _ []tazala.Finding) tazala.Purpose {
	pp, b := c.p.Classify(rec.Source)
	t := rec.Time
	if t.IsZero() {
		t = time.Now()
	}
	return tazala.Purpose{Name: pp.ID, LegalBasis: b.ID, RetainUntil: pp.Retention.Until(t)}
}

// Revealer decrypts the reversible copy of a token (Vault transit).
type Revealer interface {
	Decrypt(ctx context.Context, ciphertext string) ([]byte, error)
}

// Config configures an Engine.
type Config struct {
	DB tazala.DB
	// Vault is the connection used for the token_vault table, whose
	// ciphertext column only the store's vault role reads when another
	// process owns the store (tazala serve, the daemon); nil: DB.
	Vault tazala.DB
	// Policy is the compiled policy; nil means the shipped one.
	Policy *rules.Policy
	// Tokenizer turns the identifiers a customer gives into tokens
	// (the same tokenizer and key as ingest). Needed by Resolve.
	Tokenizer tazala.Tokenizer
	// Revealer decrypts tokens for a report with Reveal; optional.
	Revealer Revealer
	// Actor is who acts (recorded in audit_log and subject_events).
	Actor string
	// Now is the clock (default time.Now); tests and `--now` move it.
	Now func() time.Time
}

// Engine carries out retention and the subject's rights over a store.
type Engine struct {
	db      tazala.DB
	vdb     tazala.DB
	p       *rules.Policy
	tk      tazala.Tokenizer
	rev     Revealer
	actor   string
	now     func() time.Time
	mu      sync.Mutex
	lastTS  time.Time
	stamped bool
}

// New returns an Engine.
func New(cfg Config) (*Engine, error) {
	if cfg.DB == nil {
		return nil, errors.New("policy: Config.DB is required")
	}
	e := &Engine{db: cfg.DB, vdb: cfg.Vault, p: cfg.Policy, tk: cfg.Tokenizer, rev: cfg.Revealer, actor: cfg.Actor, now: cfg.Now}
	if e.p == nil {
		e.p = rules.DefaultPolicy()
	}
	if e.vdb == nil {
		e.vdb = e.db
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.actor == "" {
		e.actor = "unknown"
	}
	return e, nil
}

// Policy returns the engine's policy.
func (e *Engine) Policy() *rules.Policy { return e.p }

// stamp returns the clock's time in ms, strictly after the previous stamp
// and after every event already in the store, so the events of successive
// commands keep their order even under a fixed --now.
func (e *Engine) stamp() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.stamped {
		e.stamped = true
		var rows []struct {
			T chTime `json:"t"`
		}
		if err := e.db.Select(context.Background(), &rows, `SELECT max(time) AS t FROM subject_events`); err == nil && len(rows) == 1 {
			e.lastTS = rows[0].T.Time
		}
	}
	t := e.now().UTC().Truncate(time.Millisecond)
	if !t.After(e.lastTS) {
		t = e.lastTS.Add(time.Millisecond)
	}
	e.lastTS = t
	return t
}

// Request describes who asked and under which reference: the customer's
// request number, a ticket, a state body's letter (§10).
type Request struct {
	Ref    string
	Reason string
}

func (r Request) check() error {
	if r.Ref == "" {
		return fmt.Errorf("policy: a request reference is required")
	}
	return nil
}

// DB returns the engine's store.
func (e *Engine) DB() tazala.DB { return e.db }

// Tokenizer returns the engine's tokenizer (nil when none).
func (e *Engine) Tokenizer() tazala.Tokenizer { return e.tk }
