package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/tazala/tazala"
	"github.com/tazala/tazala/pipeline"
)

// consentLedger is a tazala.ConsentLedger: erased tokens, and the
// purposes each token's subject withdrew consent to.
type consentLedger struct {
	ledger
	withdrawn map[string][]string
}

func (l consentLedger) Entries(_ context.Context, ids []string) ([]tazala.LedgerEntry, error) {
	if l.err != nil {
		return nil, l.err
	}
	out := make([]tazala.LedgerEntry, len(ids))
	for i, id := range ids {
		out[i] = tazala.LedgerEntry{Erased: l.erased[id], Withdrawn: l.withdrawn[id]}
	}
	return out, nil
}

// sourcePolicy gives each record its source as purpose.
type sourcePolicy struct{}

func (sourcePolicy) Purpose(rec *tazala.Record, _ []tazala.Finding) tazala.Purpose {
	return tazala.Purpose{Name: rec.Source, LegalBasis: "consent", RetainUntil: tazala.ForeverUntilWithdrawn}
}

// TestConsentWithdrawn: a record of a purpose whose subject withdrew
// consent to it keeps none of its values (its key neither), even an
// identifier the ledger has not seen; the same subject's records of
// another purpose (payments) are processed as before; without a policy
// the step cannot know purposes and only erasures apply.
func TestConsentWithdrawn(t *testing.T) {
	withdrawnPhone := tokenOf(tazala.KindPhone, phone)
	l := consentLedger{withdrawn: map[string][]string{withdrawnPhone: {"support"}}}
	recs := func(src string) []tazala.Record {
		return []tazala.Record{
			{Source: src, Offset: 1, Key: []byte("mail=" + email), Value: []byte(`{"from":"` + email + `","phone":"` + phone + `"}`)},
			{Source: src, Offset: 2, Value: []byte("mail other.person@mail.kz")},
		}
	}
	cases := []struct {
		name   string
		policy tazala.Policy
		src    string
		masked bool
	}{
		{"consent withdrawn for the purpose", sourcePolicy{}, "support", true},
		{"payments: not withdrawn (the ledger never withdraws a statutory purpose)", sourcePolicy{}, "payments", false},
		{"another consent purpose", sourcePolicy{}, "notifications", false},
		{"no policy: purposes unknown", nil, "support", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := &memStore{}
			p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, TokenStore: store, Policy: c.policy, Erasure: l})
			outs, err := p.Process(context.Background(), recs(c.src))
			if err != nil {
				t.Fatal(err)
			}
			o := outs[0]
			kept := 0
			for _, tk := range o.Tokens {
				if tk.ID != "" {
					kept++
				}
			}
			if c.masked {
				if kept != 0 || o.Subject != "" || len(store.entries) != 1 {
					t.Fatalf("withdrawn: %d tokens kept, subject %q, %d token-store entries (want only the other record's)", kept, o.Subject, len(store.entries))
				}
				for _, v := range []string{email, phone, tokenOf(tazala.KindEmail, email), withdrawnPhone} {
					if bytes.Contains(o.Record.Value, []byte(v)) || bytes.Contains(o.Record.Key, []byte(v)) {
						t.Fatalf("withdrawn record keeps a value or token: %s / %s", o.Record.Value, o.Record.Key)
					}
				}
			} else if kept != 3 || o.Subject == "" {
				// the value's e-mail and phone, and the key's e-mail
				t.Fatalf("%d tokens kept, subject %q, want all three and a subject", kept, o.Subject)
			}
			if outs[1].Subject != tokenOf(tazala.KindEmail, "other.person@mail.kz") {
				t.Errorf("the other record's subject %q", outs[1].Subject)
			}
		})
	}
	t.Run("ledger down", func(t *testing.T) {
		boom := errors.New("down")
		p := newProc(t, pipeline.ProcessorConfig{Tokenizer: &stubTokenizer{}, Policy: sourcePolicy{}, Erasure: consentLedger{ledger: ledger{err: boom}}})
		if outs, err := p.Process(context.Background(), recs("support")); outs != nil || !errors.Is(err, tazala.ErrUnavailable) || !errors.Is(err, boom) {
			t.Fatalf("outs %v err %v, want nothing and ErrUnavailable", outs != nil, err)
		}
	})
}
