package policy

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tazala/tazala"
)

// ErrNotConsentBased is returned (wrapped) when consent is given for a
// purpose that does not rest on consent the customer can withdraw (a
// statutory purpose such as payments, or one the policy does not have).
var ErrNotConsentBased = errors.New("not a consent-based purpose")

// GrantConsent records that the subject gave consent again (§4.5) to the
// named purposes after withdrawing it; with no purpose named, to every
// purpose the policy keeps "until consent is withdrawn". For each purpose
// the subject had withdrawn, one consent_granted row per token of the
// subject goes to subject_events (later than the withdrawal: the ledger
// takes the latest of the two per token and purpose), so ingest processes
// new records of that purpose as hers again (tokens, subject, token
// vault; within the daemon's ledger cache age). Nothing deleted at the
// withdrawal comes back by this command, erased identifiers stay masked
// (an erasure is not undone by consent), and statutory purposes are
// neither touched nor accepted: a payment's hold never rested on consent.
// An audit row records the request.
func (e *Engine) GrantConsent(ctx context.Context, s *Subject, req Request, purposes []string) (*Outcome, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	var grant []string
	if len(purposes) == 0 {
		for _, p := range e.p.Purposes {
			if p.Withdrawable() && !p.Retention.Statutory {
				grant = append(grant, p.ID)
			}
		}
	}
	for _, name := range purposes {
		p := e.p.Purpose(name)
		switch {
		case p == nil:
			return nil, fmt.Errorf("policy: grant consent: %w: the policy has no purpose %q", ErrNotConsentBased, name)
		case !p.Withdrawable() || p.Retention.Statutory:
			return nil, fmt.Errorf("policy: grant consent: %w: purpose %q is kept %s, not until consent is withdrawn: there is no consent to give back", ErrNotConsentBased, name, p.Retention.String())
		}
		grant = append(grant, p.ID)
	}
	o := &Outcome{Action: "subject.grant_consent", Subject: s.ID, Time: e.now().UTC()}
	l := NewLedger(LedgerConfig{DB: e.db, Policy: e.p})
	es, err := l.Entries(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	erased := 0
	for _, en := range es {
		if en.Erased {
			erased++
		}
	}
	var granted []string
	for _, pid := range grant {
		withdrawn := false
		for _, en := range es {
			withdrawn = withdrawn || en.WithdrawnFor(pid)
		}
		if !withdrawn {
			o.Done = append(o.Done, fmt.Sprintf("purpose %s: consent was not withdrawn: nothing to change", pid))
			continue
		}
		if err := e.eventPerToken(ctx, s, "consent_granted", pid, req, ""); err != nil {
			return nil, err
		}
		granted = append(granted, pid)
		o.Done = append(o.Done, fmt.Sprintf("purpose %s: consent given again: new records of it are processed as the customer's (records deleted at the withdrawal are not restored)", pid))
	}
	if erased > 0 {
		o.Done = append(o.Done, fmt.Sprintf("%d erased identifiers stay masked at ingest: consent does not undo an erasure", erased))
	}
	// the statutory purposes of her records, as revoke-consent lists them
	recs, err := e.records(ctx, s.IDs())
	if err != nil {
		return nil, err
	}
	now := e.now().UTC()
	order, groups := e.byPurpose(recs)
	for _, pid := range order {
		if p := e.p.Purpose(pid); p != nil && p.Withdrawable() {
			continue
		}
		o.Kept = append(o.Kept, e.kept(pid, groups[pid], now))
	}
	outcome := "consent granted"
	if len(granted) == 0 {
		outcome = "nothing to grant"
	}
	err = e.audit(ctx, tazala.AuditEntry{Action: o.Action, TokenID: s.ID, Reason: req.Reason, RequestRef: req.Ref, Outcome: outcome},
		fmt.Sprintf("purposes=%s erased_tokens=%d", strings.Join(granted, ","), erased))
	return o, err
}
