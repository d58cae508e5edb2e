// Package file owns the file-backed token vault and audit log: append-only
// JSONL files (mode 0600), fsynced on every write, replayed into memory on
// open. They stand in for the ClickHouse tables (token_vault, audit_log)
// where no ClickHouse is configured, e.g. for `tazala scan` runs.
package file

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/tazala/tazala"
)

// Store is a token vault in a JSONL file. Safe for concurrent use; one
// process at a time.
type Store struct {
	mu      sync.Mutex
	path    string
	f       *os.File
	entries map[string]tazala.TokenEntry
}

var _ tazala.TokenStore = (*Store)(nil)

type row struct {
	ID         string    `json:"token"`
	Kind       string    `json:"kind"`
	Ciphertext string    `json:"ciphertext,omitempty"`
	FirstSeen  time.Time `json:"first_seen"`
	LastSeen   time.Time `json:"last_seen"`
	State      string    `json:"state"`
}

// Open opens (creating) the token vault file at path and replays it.
func Open(path string) (*Store, error) {
	s := &Store{path: path, entries: map[string]tazala.TokenEntry{}}
	if err := s.replay(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("tokenstore/file: open %s: %w", path, err)
	}
	s.f = f
	return s, nil
}

func (s *Store) replay() error {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("tokenstore/file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("tokenstore/file: %s line %d: %w", s.path, n, err)
		}
		k, err := tazala.ParseKind(r.Kind)
		if err != nil {
			return fmt.Errorf("tokenstore/file: %s line %d: %w", s.path, n, err)
		}
		st := tazala.TokenActive
		switch r.State {
		case "blocked":
			st = tazala.TokenBlocked
		case "erased":
			st = tazala.TokenErased
		}
		s.entries[r.ID] = tazala.TokenEntry{ID: r.ID, Kind: k, Ciphertext: r.Ciphertext, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, State: st}
	}
	return sc.Err()
}

func (s *Store) appendRows(rows []row) error {
	var b []byte
	for _, r := range rows {
		j, _ := json.Marshal(r)
		b = append(append(b, j...), '\n')
	}
	if _, err := s.f.Write(b); err != nil {
		return fmt.Errorf("tokenstore/file: write: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("tokenstore/file: sync: %w", err)
	}
	return nil
}

func toRow(e tazala.TokenEntry) row {
	return row{ID: e.ID, Kind: e.Kind.String(), Ciphertext: e.Ciphertext, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen, State: e.State.String()}
}

// Put records new tokens (existing ones only move last-seen in memory).
func (s *Store) Put(ctx context.Context, entries []tazala.TokenEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var rows []row
	now := time.Now().UTC()
	for _, e := range entries {
		if e.Kind == tazala.KindCVV || e.Ciphertext == "" || e.ID == "" {
			continue
		}
		if old, ok := s.entries[e.ID]; ok {
			old.LastSeen = now
			s.entries[e.ID] = old
			continue
		}
		e.FirstSeen, e.LastSeen, e.State = now, now, tazala.TokenActive
		s.entries[e.ID] = e
		rows = append(rows, toRow(e))
	}
	if len(rows) == 0 {
		return nil
	}
	return s.appendRows(rows)
}

// Get returns a token's entry.
func (s *Store) Get(ctx context.Context, id string) (tazala.TokenEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	if !ok {
		return tazala.TokenEntry{}, fmt.Errorf("tokenstore/file: token %s: %w", id, tazala.ErrNotFound)
	}
	return e, nil
}

// SetState changes a token's state; erasing also drops its ciphertext.
func (s *Store) SetState(ctx context.Context, id string, st tazala.TokenState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	if !ok {
		return fmt.Errorf("tokenstore/file: token %s: %w", id, tazala.ErrNotFound)
	}
	if e.State == tazala.TokenErased {
		return fmt.Errorf("tokenstore/file: token %s: %w", id, tazala.ErrBlocked)
	}
	e.State = st
	if st == tazala.TokenErased {
		e.Ciphertext = ""
	}
	s.entries[id] = e
	return s.appendRows([]row{toRow(e)})
}

// Close closes the file.
func (s *Store) Close() error { return s.f.Close() }

// Audit is an append-only audit log in a JSONL file.
type Audit struct {
	mu sync.Mutex
	f  *os.File
}

var _ tazala.AuditLog = (*Audit)(nil)

// OpenAudit opens (creating, mode 0600) the audit log at path.
func OpenAudit(path string) (*Audit, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("tokenstore/file: open audit log: %w", err)
	}
	return &Audit{f: f}, nil
}

// Append writes one row and fsyncs it.
func (a *Audit) Append(ctx context.Context, e tazala.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, _ := json.Marshal(struct {
		Time       time.Time `json:"time"`
		Actor      string    `json:"actor"`
		Action     string    `json:"action"`
		TokenID    string    `json:"token"`
		Kind       string    `json:"kind,omitempty"`
		Reason     string    `json:"reason"`
		RequestRef string    `json:"request_ref"`
		Outcome    string    `json:"outcome"`
	}{e.Time.UTC(), e.Actor, e.Action, e.TokenID, kindName(e.Kind), e.Reason, e.RequestRef, e.Outcome})
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("tokenstore/file: audit write: %w", err)
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("tokenstore/file: audit sync: %w", err)
	}
	return nil
}

func kindName(k tazala.Kind) string {
	if !k.Valid() {
		return ""
	}
	return k.String()
}

// Close closes the file.
func (a *Audit) Close() error { return a.f.Close() }
