package policy

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

// Requesters of a reveal. A state body (§10) needs an official request,
// authorized by an authorized official: its reference and who authorized
// it are required and recorded.
const (
	RequesterCustomer  = "customer"
	RequesterBank      = "bank"
	RequesterStateBody = "state-body"
	RequesterInternal  = "internal"
)

// RevealRequest is one request to see a token's value.
type RevealRequest struct {
	Reveal
	Requester    string // one of the Requester* constants
	AuthorizedBy string // the official who authorized a state body's request
}

// Check validates the request before anything is read.
func (r RevealRequest) Check() error {
	if strings.TrimSpace(r.Ref) == "" || len(strings.TrimSpace(r.Reason)) < 5 {
		return errors.New("policy: reveal: a reason (at least 5 characters) and a request reference are required")
	}
	switch r.Requester {
	case "", RequesterCustomer, RequesterBank, RequesterInternal:
	case RequesterStateBody:
		if strings.TrimSpace(r.AuthorizedBy) == "" || strings.TrimSpace(r.LegalBasis) == "" {
			return errors.New("policy: reveal: a state body's request (§10) needs the official request's reference, who authorized it and its legal basis")
		}
	default:
		return fmt.Errorf("policy: reveal: unknown requester %q (want customer, bank, state-body or internal)", r.Requester)
	}
	return nil
}

// RevealToken returns the value of one token from the ClickHouse token
// vault, decrypted by the Revealer, for an authorized request: refused
// (and audited) when the token is unknown, blocked or erased, in the vault
// or under the policy (erasure ledger, subject_events). The audit row is
// written before the value exists anywhere.
func (e *Engine) RevealToken(ctx context.Context, token string, rq RevealRequest) ([]byte, tazala.Kind, error) {
	if err := rq.Check(); err != nil {
		return nil, 0, err
	}
	if e.rev == nil {
		return nil, 0, errors.New("policy: reveal: no decrypter (Vault) configured")
	}
	reason := rq.Reason
	if rq.Requester != "" {
		reason = rq.Requester + ": " + reason
	}
	if rq.AuthorizedBy != "" {
		reason += " (authorized by " + rq.AuthorizedBy + ")"
	}
	a := tazala.AuditEntry{Action: "reveal", TokenID: token, Reason: reason, LegalBasis: rq.LegalBasis, RequestRef: rq.Ref}
	var rows []struct {
		Kind       string `json:"kind"`
		Ciphertext string `json:"ciphertext"`
		State      string `json:"state"`
	}
	if err := e.vdb.Select(ctx, &rows, `SELECT kind, ciphertext, toString(state) AS state FROM token_vault FINAL WHERE token = {t:String}`,
		pstr("t", token)); err != nil {
		return nil, 0, fmt.Errorf("policy: reveal: token_vault: %w", err)
	}
	refuse := func(why string, err error) ([]byte, tazala.Kind, error) {
		a.Outcome = "refused: " + why
		if aerr := e.audit(ctx, a, ""); aerr != nil {
			return nil, a.Kind, aerr
		}
		return nil, a.Kind, fmt.Errorf("policy: reveal %s: %w (%s)", token, err, why)
	}
	if len(rows) == 0 {
		return refuse("unknown token", tazala.ErrNotFound)
	}
	a.Kind, _ = tazala.ParseKind(rows[0].Kind)
	st, err := e.TokenState(ctx, token)
	if err != nil {
		return nil, a.Kind, err
	}
	switch {
	case st != tazala.TokenActive:
		return refuse(st.String(), tazala.ErrBlocked)
	case rows[0].State != "active" || rows[0].Ciphertext == "":
		return refuse(rows[0].State, tazala.ErrBlocked)
	}
	a.Outcome = "granted"
	if err := e.audit(ctx, a, ""); err != nil {
		return nil, a.Kind, fmt.Errorf("policy: reveal: not revealed: %w", err)
	}
	v, err := e.rev.Decrypt(ctx, rows[0].Ciphertext)
	if err != nil {
		a.Outcome = "failed: decrypt"
		e.audit(ctx, a, "")
		return nil, a.Kind, fmt.Errorf("policy: reveal: %w", err)
	}
	return v, a.Kind, nil
}
