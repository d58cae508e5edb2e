package tazala

import (
	"context"
	"fmt"
	"time"
)

// TokenState is the lifecycle state of a token in the token vault.
type TokenState uint8

// Token states.
const (
	TokenActive  TokenState = iota
	TokenBlocked            // the subject asked to block processing: no reveal
	TokenErased             // the subject's data was erased: no reveal, ever
)

func (s TokenState) String() string {
	switch s {
	case TokenActive:
		return "active"
	case TokenBlocked:
		return "blocked"
	case TokenErased:
		return "erased"
	}
	return fmt.Sprintf("state(%d)", uint8(s))
}

// TokenEntry is one row of the token vault: the reversible copy of a
// value, never the value itself.
type TokenEntry struct {
	ID         string
	Kind       Kind
	Ciphertext string // Vault transit ciphertext of the normalized value
	// Subject is the token of the person the value belongs to (e.g. the
	// IIN token found in the same record), empty when unknown.
	Subject   string
	FirstSeen time.Time
	LastSeen  time.Time
	State     TokenState
}

// TokenStore is the token vault: token → ciphertext and state.
type TokenStore interface {
	// Put records entries; an existing token keeps its first-seen time
	// and state and only moves last-seen forward. Entries without a
	// ciphertext and CVV entries are ignored.
	Put(ctx context.Context, entries []TokenEntry) error
	// Get returns the entry of a token, or ErrNotFound.
	Get(ctx context.Context, id string) (TokenEntry, error)
	// SetState blocks, unblocks or erases a token. Erased is final.
	SetState(ctx context.Context, id string, st TokenState) error
}

// AuditEntry records one access to personal data: who, when, why, on what
// authority. It never holds the value.
type AuditEntry struct {
	Time       time.Time
	Actor      string
	Action     string // "reveal", "block", "erase", ...
	TokenID    string
	Kind       Kind
	Reason     string
	LegalBasis string // e.g. "GDPR 15", "ЗРК О персональных данных ст. 24"; optional
	RequestRef string
	Outcome    string // "granted", "refused: blocked", ...
}

// AuditLog is an append-only log of AuditEntry rows.
type AuditLog interface {
	Append(ctx context.Context, e AuditEntry) error
}
