// Package clickhouse owns the token vault and the audit log in ClickHouse
// (the token_vault and audit_log tables of sinks/chschema), over the root
// tazala.DB, so the embedded store (sinks/chdb) and servers
// (sinks/clickhouse) share them. They implement tazala.TokenStore and
// tazala.AuditLog with the semantics of the file versions
// (tokenstore/file), checked by one conformance suite
// (tokenstore/tokenstoretest).
//
// The vault keeps one live version per token (ReplacingMergeTree on
// `updated`, read through FINAL). An erased token keeps a row in state
// erased with no ciphertext and the version chschema.ForeverVersion, so no
// later write can replace it; its older rows, which hold the ciphertext,
// are deleted.
package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/sinks/chschema"
)

// Store is the token vault over a tazala.DB. Safe for concurrent use;
// writes are serialized within a process.
type Store struct {
	db  tazala.DB
	now func() time.Time
	mu  sync.Mutex
	// written remembers the tokens this Store wrote (or found stored) on a
	// UTC day, so a token seen again that day costs neither a read nor a
	// write: last-seen moves once a day anyway. Bounded; a token it
	// forgot is looked up as before.
	written *written
}

// writtenSize bounds Store.written (~90 bytes an entry).
const writtenSize = 1 << 20

var _ tazala.TokenStore = (*Store)(nil)

// New returns the token vault in db (migrated with chschema.Migrate).
func New(db tazala.DB) *Store {
	return &Store{db: db, now: time.Now, written: newWritten(writtenSize)}
}

type vaultRow struct {
	Token      string    `json:"token"`
	Kind       string    `json:"kind"`
	Ciphertext string    `json:"ciphertext"`
	Subject    string    `json:"subject"`
	FirstSeen  time.Time `json:"first_seen"`
	LastSeen   time.Time `json:"last_seen"`
	State      string    `json:"state"`
}

func (r vaultRow) entry() tazala.TokenEntry {
	k, _ := tazala.ParseKind(r.Kind)
	e := tazala.TokenEntry{ID: r.Token, Kind: k, Ciphertext: r.Ciphertext, Subject: r.Subject, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen}
	switch r.State {
	case "blocked":
		e.State = tazala.TokenBlocked
	case "erased":
		e.State = tazala.TokenErased
	}
	return e
}

const selectVault = "SELECT token, kind, ciphertext, subject, first_seen, last_seen, toString(state) AS state FROM " + chschema.TableTokenVault + " FINAL WHERE "

func (s *Store) lookup(ctx context.Context, ids []string) (map[string]tazala.TokenEntry, error) {
	var rows []vaultRow
	if err := s.db.Select(ctx, &rows, selectVault+"token IN {ids:Array(String)}", tazala.Param{Name: "ids", Value: ids}); err != nil {
		return nil, fmt.Errorf("tokenstore/clickhouse: read: %w", unavailable(err))
	}
	out := make(map[string]tazala.TokenEntry, len(rows))
	for _, r := range rows {
		out[r.Token] = r.entry()
	}
	return out, nil
}

// Put records entries. A new token is stored with its ciphertext; a known
// one keeps its first-seen time, state and ciphertext (an erased token
// never gets a ciphertext back), gains a subject if it had none, and
// moves last-seen forward (written once per UTC day). Entries without ID
// or ciphertext and CVV entries are ignored.
func (s *Store) Put(ctx context.Context, entries []tazala.TokenEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var ids []string
	seen := map[string]int{}
	var want []tazala.TokenEntry
	day := s.now().UTC().Unix() / 86400
	for _, e := range entries {
		if e.Kind == tazala.KindCVV || !e.Kind.Valid() || e.Ciphertext == "" || e.ID == "" {
			continue
		}
		if m := s.written.get(e.ID); m != nil && m.day == day && (m.hasSubject || e.Subject == "") {
			continue // stored today, nothing new to say
		}
		if i, ok := seen[e.ID]; ok {
			if want[i].Subject == "" {
				want[i].Subject = e.Subject
			}
			continue
		}
		seen[e.ID] = len(want)
		want = append(want, e)
		ids = append(ids, e.ID)
	}
	if len(want) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.lookup(ctx, ids)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	today := now.Truncate(24 * time.Hour)
	var rows []tazala.TokenEntry
	for _, e := range want {
		o, ok := old[e.ID]
		if !ok {
			e.FirstSeen, e.LastSeen, e.State = now, now, tazala.TokenActive
			rows = append(rows, e)
			continue
		}
		if o.State == tazala.TokenErased {
			continue // never written again
		}
		persist := o.LastSeen.UTC().Truncate(24*time.Hour) != today
		if o.Subject == "" && e.Subject != "" {
			o.Subject, persist = e.Subject, true
		}
		if persist {
			o.LastSeen = now
			rows = append(rows, o)
		}
	}
	if err := s.insert(ctx, rows, now); err != nil {
		return err
	}
	for _, e := range want {
		o, ok := old[e.ID]
		has := e.Subject != "" || (ok && o.Subject != "")
		s.written.add(e.ID, now.Unix()/86400, has)
	}
	return nil
}

// insert writes rows as new versions at time v. The rows travel as one
// TSV text in a String parameter read by the format table function: the
// engine parses it as data (half the CPU of seven Array parameters zipped
// row by row, which it parsed as literals), and nothing in it can run as
// SQL.
func (s *Store) insert(ctx context.Context, rows []tazala.TokenEntry, v time.Time) error {
	if len(rows) == 0 {
		return nil
	}
	size := 0
	for i := range rows {
		size += len(rows[i].ID) + len(rows[i].Ciphertext) + len(rows[i].Subject) + 64
	}
	b := make([]byte, 0, size)
	for _, r := range rows {
		b = appendTSV(b, r.ID)
		b = append(b, '\t')
		b = appendTSV(b, r.Kind.String())
		b = append(b, '\t')
		b = appendTSV(b, r.Ciphertext)
		b = append(b, '\t')
		b = appendTSV(b, r.Subject)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.FirstSeen.UnixMilli(), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, r.LastSeen.UnixMilli(), 10)
		b = append(b, '\t')
		b = appendTSV(b, r.State.String())
		b = append(b, '\n')
	}
	err := s.db.Exec(ctx, "INSERT INTO "+chschema.TableTokenVault+" (token, kind, ciphertext, subject, first_seen, last_seen, state, updated) "+
		"SELECT token, kind, ciphertext, subject, fromUnixTimestamp64Milli(first, 'UTC'), fromUnixTimestamp64Milli(last, 'UTC'), state, {v:DateTime64(9, 'UTC')} "+
		"FROM format(TSV, 'token String, kind String, ciphertext String, subject String, first Int64, last Int64, state String', {rows:String})",
		tazala.Param{Name: "rows", Value: string(b)}, tazala.Param{Name: "v", Value: v})
	if err != nil {
		return fmt.Errorf("tokenstore/clickhouse: write: %w", unavailable(err))
	}
	return nil
}

// appendTSV appends s escaped as a TSV field: backslash, tab, newline and
// carriage return as \\, \t, \n, \r (tokens, kinds, states and transit
// ciphertexts never hold them; a field must not be able to add a column
// or a row).
func appendTSV(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, '\\', '\\')
		case '\t':
			b = append(b, '\\', 't')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}

// Get returns a token's entry, or an error wrapping tazala.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (tazala.TokenEntry, error) {
	var rows []vaultRow
	if err := s.db.Select(ctx, &rows, selectVault+"token = {id:String}", tazala.Param{Name: "id", Value: id}); err != nil {
		return tazala.TokenEntry{}, fmt.Errorf("tokenstore/clickhouse: read: %w", unavailable(err))
	}
	if len(rows) == 0 {
		return tazala.TokenEntry{}, fmt.Errorf("tokenstore/clickhouse: token %s: %w", id, tazala.ErrNotFound)
	}
	return rows[0].entry(), nil
}

// SetState blocks, unblocks or erases a token. Erased is final (later
// changes fail with tazala.ErrBlocked); erasing writes a row without the
// ciphertext that nothing can replace and deletes the older rows.
func (s *Store) SetState(ctx context.Context, id string, st tazala.TokenState) error {
	if st > tazala.TokenErased {
		return fmt.Errorf("tokenstore/clickhouse: unknown state %d", st)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.written.remove(id) // the next Put reads the new state
	e, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.State == tazala.TokenErased {
		if st == tazala.TokenErased {
			return nil
		}
		return fmt.Errorf("tokenstore/clickhouse: token %s is erased: %w", id, tazala.ErrBlocked)
	}
	e.State = st
	v := s.now().UTC()
	if st == tazala.TokenErased {
		e.Ciphertext = ""
		v, _ = time.Parse(time.DateTime, chschema.ForeverVersion)
	}
	if err := s.insert(ctx, []tazala.TokenEntry{e}, v); err != nil {
		return err
	}
	if st == tazala.TokenErased {
		if err := s.db.Exec(ctx, "DELETE FROM "+chschema.TableTokenVault+" WHERE token = {id:String} AND ciphertext != ''", tazala.Param{Name: "id", Value: id}); err != nil {
			return fmt.Errorf("tokenstore/clickhouse: erase: %w", unavailable(err))
		}
	}
	return nil
}

// Audit is the audit log over a tazala.DB: append-only rows of audit_log.
type Audit struct {
	db  tazala.DB
	now func() time.Time
}

var _ tazala.AuditLog = (*Audit)(nil)

// NewAudit returns the audit log in db.
func NewAudit(db tazala.DB) *Audit { return &Audit{db: db, now: time.Now} }

// Append writes one row; it returns after the engine accepted it.
func (a *Audit) Append(ctx context.Context, e tazala.AuditEntry) error {
	if e.Time.IsZero() {
		e.Time = a.now()
	}
	kind := ""
	if e.Kind.Valid() {
		kind = e.Kind.String()
	}
	err := a.db.Exec(ctx, "INSERT INTO "+chschema.TableAudit+" (time, actor, action, token, kind, reason, legal_basis, request_ref, outcome, detail) "+
		"VALUES ({time:DateTime64(3, 'UTC')}, {actor:String}, {action:String}, {token:String}, {kind:String}, {reason:String}, {basis:String}, {ref:String}, {outcome:String}, '')",
		tazala.Param{Name: "time", Value: e.Time.UTC()}, tazala.Param{Name: "actor", Value: e.Actor}, tazala.Param{Name: "action", Value: e.Action},
		tazala.Param{Name: "token", Value: e.TokenID}, tazala.Param{Name: "kind", Value: kind}, tazala.Param{Name: "reason", Value: e.Reason},
		tazala.Param{Name: "basis", Value: e.LegalBasis}, tazala.Param{Name: "ref", Value: e.RequestRef}, tazala.Param{Name: "outcome", Value: e.Outcome})
	if err != nil {
		return fmt.Errorf("tokenstore/clickhouse: audit: %w", unavailable(err))
	}
	return nil
}

// Read returns the audit rows, oldest first (for one token when token is
// not empty).
func (a *Audit) Read(ctx context.Context, token string) ([]tazala.AuditEntry, error) {
	var rows []struct {
		Time       time.Time `json:"time"`
		Actor      string    `json:"actor"`
		Action     string    `json:"action"`
		Token      string    `json:"token"`
		Kind       string    `json:"kind"`
		Reason     string    `json:"reason"`
		LegalBasis string    `json:"legal_basis"`
		RequestRef string    `json:"request_ref"`
		Outcome    string    `json:"outcome"`
	}
	q := "SELECT time, actor, action, token, kind, reason, legal_basis, request_ref, outcome FROM " + chschema.TableAudit
	var ps []tazala.Param
	if token != "" {
		q += " WHERE token = {token:String}"
		ps = append(ps, tazala.Param{Name: "token", Value: token})
	}
	if err := a.db.Select(ctx, &rows, q+" ORDER BY time", ps...); err != nil {
		return nil, fmt.Errorf("tokenstore/clickhouse: read audit: %w", unavailable(err))
	}
	out := make([]tazala.AuditEntry, len(rows))
	for i, r := range rows {
		k, _ := tazala.ParseKind(r.Kind)
		out[i] = tazala.AuditEntry{Time: r.Time, Actor: r.Actor, Action: r.Action, TokenID: r.Token, Kind: k, Reason: r.Reason,
			LegalBasis: r.LegalBasis, RequestRef: r.RequestRef, Outcome: r.Outcome}
	}
	return out, nil
}

// unavailable marks a store failure as retryable unless it already says
// what it is.
func unavailable(err error) error {
	if errors.Is(err, tazala.ErrUnavailable) || errors.Is(err, tazala.ErrDenied) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %w", tazala.ErrUnavailable, err)
}

// WithClock sets the clock the store uses for first/last seen and
// versions (tests); it returns s.
func (s *Store) WithClock(now func() time.Time) *Store { s.now = now; return s }
