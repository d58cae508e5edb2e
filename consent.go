package tazala

import "context"

// LedgerEntry is what the subject ledger knows about one token: whether
// its subject was erased, and the consent-based purposes its subject
// withdrew consent to (§4.5 of the privacy policy).
type LedgerEntry struct {
	Erased bool
	// Withdrawn lists the purposes whose records may no longer keep the
	// token; only purposes that rest on consent, never a statutory one
	// (payments: a withdrawal does not shorten the legal hold).
	Withdrawn []string
}

// WithdrawnFor reports whether consent for purpose was withdrawn.
func (e LedgerEntry) WithdrawnFor(purpose string) bool {
	for _, p := range e.Withdrawn {
		if p == purpose {
			return true
		}
	}
	return false
}

// ConsentLedger is an ErasureLedger that also knows consent withdrawals.
// When the pipeline's ErasureLedger implements it, ingest treats a record
// of a consent-based purpose whose subject withdrew consent to that
// purpose like an erased subject's record: its values are masked, with no
// token, no subject and no token-vault entry. Implementations must be
// safe for concurrent use.
type ConsentLedger interface {
	ErasureLedger
	// Entries returns, for each token ID, what the ledger knows about it,
	// in one answer. It returns a slice as long as ids.
	Entries(ctx context.Context, ids []string) ([]LedgerEntry, error)
}
