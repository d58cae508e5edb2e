// Package file owns the file-backed token vault and audit log: append-only
// JSONL files (mode 0600), fsynced on every write, replayed into memory on
// open. They stand in for the ClickHouse tables (token_vault, audit_log)
// where no ClickHouse is configured, e.g. for `tazala scan` runs.
//
// One process writes a token vault at a time (Open takes an exclusive lock
// on PATH.lock and says who to look for when it is taken); any number may
// read it (OpenReadOnly), e.g. `tazala reveal` while the daemon runs.
// Erasing a token rewrites the file without its ciphertext (write to a
// temporary file, fsync, rename), so an erased value's reversible copy
// does not linger in old lines.
package file

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/tazala/tazala"
)

// ErrReadOnly is returned by writes to a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("token vault opened read-only")

// Store is a token vault in a JSONL file. Safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	path    string
	f       *os.File // append handle; nil when read-only
	lock    *os.File // holds the flock on path.lock
	entries map[string]tazala.TokenEntry
	// lines counts rows in the file, to compact when it has grown far
	// beyond the live entries (last-seen rows accumulate).
	lines int
}

var _ tazala.TokenStore = (*Store)(nil)

type row struct {
	ID         string    `json:"token"`
	Kind       string    `json:"kind"`
	Ciphertext string    `json:"ciphertext,omitempty"`
	Subject    string    `json:"subject,omitempty"`
	FirstSeen  time.Time `json:"first_seen"`
	LastSeen   time.Time `json:"last_seen"`
	State      string    `json:"state"`
}

// Open opens (creating, mode 0600) the token vault file at path for
// writing, replays it, and takes the writer's lock.
func Open(path string) (*Store, error) {
	lock, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("tokenstore/file: lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return nil, fmt.Errorf("tokenstore/file: token vault %s is open for writing in another process (one writer at a time; readers use OpenReadOnly): %w", path, err)
	}
	s := &Store{path: path, lock: lock, entries: map[string]tazala.TokenEntry{}}
	good, err := s.replay()
	if err != nil {
		s.unlock()
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("tokenstore/file: open %s: %w", path, err)
	}
	// a crash in the middle of an append leaves a partial last line: cut it
	if err := f.Truncate(good); err != nil {
		f.Close()
		s.unlock()
		return nil, fmt.Errorf("tokenstore/file: truncate partial line of %s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		s.unlock()
		return nil, fmt.Errorf("tokenstore/file: %s: %w", path, err)
	}
	s.f = f
	return s, nil
}

// OpenReadOnly replays the token vault at path without taking the
// writer's lock; Put and SetState return ErrReadOnly. It sees the file as
// it was when opened.
func OpenReadOnly(path string) (*Store, error) {
	s := &Store{path: path, entries: map[string]tazala.TokenEntry{}}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("tokenstore/file: %w", err)
	}
	if _, err := s.replay(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) unlock() {
	if s.lock != nil {
		syscall.Flock(int(s.lock.Fd()), syscall.LOCK_UN)
		s.lock.Close()
		s.lock = nil
	}
}

// replay loads every complete line; it returns the offset after the last
// complete line (a line without its newline is an append cut short).
func (s *Store) replay() (int64, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("tokenstore/file: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var good int64
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return good, nil // len(line) > 0: a partial last line, ignored
		}
		if err != nil {
			return 0, fmt.Errorf("tokenstore/file: read %s: %w", s.path, err)
		}
		good += int64(len(line))
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var rw row
		if err := json.Unmarshal(line, &rw); err != nil {
			return 0, fmt.Errorf("tokenstore/file: %s line %d: %w", s.path, n, err)
		}
		e, err := fromRow(rw)
		if err != nil {
			return 0, fmt.Errorf("tokenstore/file: %s line %d: %w", s.path, n, err)
		}
		s.entries[e.ID] = e
		s.lines++
	}
}

func fromRow(r row) (tazala.TokenEntry, error) {
	k, err := tazala.ParseKind(r.Kind)
	if err != nil {
		return tazala.TokenEntry{}, err
	}
	var st tazala.TokenState
	switch r.State {
	case "active", "":
		st = tazala.TokenActive
	case "blocked":
		st = tazala.TokenBlocked
	case "erased":
		st = tazala.TokenErased
	default:
		return tazala.TokenEntry{}, fmt.Errorf("unknown state %q", r.State)
	}
	return tazala.TokenEntry{ID: r.ID, Kind: k, Ciphertext: r.Ciphertext, Subject: r.Subject, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, State: st}, nil
}

func toRow(e tazala.TokenEntry) row {
	return row{ID: e.ID, Kind: e.Kind.String(), Ciphertext: e.Ciphertext, Subject: e.Subject, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen, State: e.State.String()}
}

func appendRows(b []byte, rows []row) []byte {
	for _, r := range rows {
		j, _ := json.Marshal(r)
		b = append(append(b, j...), '\n')
	}
	return b
}

func (s *Store) appendRows(rows []row) error {
	if s.f == nil {
		return fmt.Errorf("tokenstore/file: %s: %w", s.path, ErrReadOnly)
	}
	if _, err := s.f.Write(appendRows(nil, rows)); err != nil {
		return fmt.Errorf("tokenstore/file: write: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("tokenstore/file: sync: %w", err)
	}
	s.lines += len(rows)
	if s.lines > 1024 && s.lines > 4*len(s.entries) {
		return s.compact()
	}
	return nil
}

// compact rewrites the file with one row per token: temporary file in the
// same directory, fsync, rename, fsync the directory.
func (s *Store) compact() error {
	ids := make([]string, 0, len(s.entries))
	for id := range s.entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rows := make([]row, len(ids))
	for i, id := range ids {
		rows[i] = toRow(s.entries[id])
	}
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, filepath.Base(s.path)+".compact-*")
	if err != nil {
		return fmt.Errorf("tokenstore/file: compact: %w", err)
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("tokenstore/file: compact: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := tmp.Write(appendRows(nil, rows)); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fail(err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	// tmp is now the file at path: keep appending to it
	s.f.Close()
	s.f = tmp
	s.lines = len(rows)
	return nil
}

// Put records entries. A new token is stored with its ciphertext; a known
// one keeps its first-seen time, state and ciphertext (an erased token
// never gets a ciphertext back), gains a subject if it had none, and moves
// last-seen forward (persisted once per UTC day, so repeat customers do
// not grow the file). Entries without ID or ciphertext and CVV entries
// are ignored.
func (s *Store) Put(ctx context.Context, entries []tazala.TokenEntry) error {
	if err := s.lockForWrite(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	var rows []row
	now := time.Now().UTC()
	for _, e := range entries {
		if e.Kind == tazala.KindCVV || !e.Kind.Valid() || e.Ciphertext == "" || e.ID == "" {
			continue
		}
		if old, ok := s.entries[e.ID]; ok {
			persist := old.LastSeen.UTC().Truncate(24*time.Hour) != now.Truncate(24*time.Hour)
			if old.Subject == "" && e.Subject != "" {
				old.Subject, persist = e.Subject, true
			}
			old.LastSeen = now
			s.entries[e.ID] = old
			if persist {
				rows = append(rows, toRow(old))
			}
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

// Get returns a token's entry, or an error wrapping tazala.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (tazala.TokenEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	if !ok {
		return tazala.TokenEntry{}, fmt.Errorf("tokenstore/file: token %s: %w", id, tazala.ErrNotFound)
	}
	return e, nil
}

// Len returns the number of tokens in the store.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// lockForWrite checks the context, takes the lock and checks the store is
// writable; on error the lock is not held.
func (s *Store) lockForWrite(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("tokenstore/file: %w", err)
	}
	s.mu.Lock()
	if s.f == nil {
		s.mu.Unlock()
		return fmt.Errorf("tokenstore/file: %s: %w", s.path, ErrReadOnly)
	}
	return nil
}

// SetState blocks, unblocks or erases a token. Erased is final (later
// changes fail with tazala.ErrBlocked); erasing drops the ciphertext and
// rewrites the file so that no line holds it any more.
func (s *Store) SetState(ctx context.Context, id string, st tazala.TokenState) error {
	if err := s.lockForWrite(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	e, ok := s.entries[id]
	if !ok {
		return fmt.Errorf("tokenstore/file: token %s: %w", id, tazala.ErrNotFound)
	}
	if e.State == tazala.TokenErased {
		return fmt.Errorf("tokenstore/file: token %s is erased: %w", id, tazala.ErrBlocked)
	}
	if st > tazala.TokenErased {
		return fmt.Errorf("tokenstore/file: token %s: invalid state %v", id, st)
	}
	e.State = st
	if st == tazala.TokenErased {
		e.Ciphertext = ""
		s.entries[id] = e
		return s.compact()
	}
	s.entries[id] = e
	return s.appendRows([]row{toRow(e)})
}

// Close closes the file and releases the writer's lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.f != nil {
		err = s.f.Close()
		s.f = nil
	}
	s.unlock()
	return err
}

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

type auditRow struct {
	Time       time.Time `json:"time"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	TokenID    string    `json:"token"`
	Kind       string    `json:"kind,omitempty"`
	Reason     string    `json:"reason"`
	LegalBasis string    `json:"legal_basis,omitempty"`
	RequestRef string    `json:"request_ref"`
	Outcome    string    `json:"outcome"`
}

// Append writes one row with a single write (atomic among appenders) and
// fsyncs it before returning.
func (a *Audit) Append(ctx context.Context, e tazala.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("tokenstore/file: audit: %w", err)
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	b, err := json.Marshal(auditRow{e.Time.UTC(), e.Actor, e.Action, e.TokenID, kindName(e.Kind), e.Reason, e.LegalBasis, e.RequestRef, e.Outcome})
	if err != nil {
		return fmt.Errorf("tokenstore/file: audit: %w", err)
	}
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

// ReadAudit returns the rows of an audit log file, oldest first.
func ReadAudit(path string) ([]tazala.AuditEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenstore/file: audit: %w", err)
	}
	var out []tazala.AuditEntry
	for n, line := range bytes.Split(b, []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r auditRow
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("tokenstore/file: audit %s line %d: %w", path, n+1, err)
		}
		k, _ := tazala.ParseKind(r.Kind)
		out = append(out, tazala.AuditEntry{Time: r.Time, Actor: r.Actor, Action: r.Action, TokenID: r.TokenID, Kind: k,
			Reason: r.Reason, LegalBasis: r.LegalBasis, RequestRef: r.RequestRef, Outcome: r.Outcome})
	}
	return out, nil
}

func kindName(k tazala.Kind) string {
	if !k.Valid() {
		return ""
	}
	return k.String()
}

// Close closes the file.
func (a *Audit) Close() error { return a.f.Close() }
